import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export const SUBMISSION_MAX_LENGTH = 50000;
export const COMMENT_MAX_LENGTH = 5000;

/** Work submitted for review: text, a file, or both (the file arrives through multer, not here). */
export class SubmitWorkDto {
  @IsOptional()
  @IsString()
  @MaxLength(SUBMISSION_MAX_LENGTH)
  text?: string;
}

export class ApproveDto {
  @IsOptional()
  @IsString()
  @MaxLength(COMMENT_MAX_LENGTH)
  comment?: string;
}

export class ReturnDto {
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(COMMENT_MAX_LENGTH)
  comment: string;
}

export class AttendanceDto {
  /** One checkbox arrives as a string, several as an array. */
  @Transform(({ value }) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  teacherIds: string[] = [];

  /** The teachers the form showed: one of them whose box came back unticked had their attendance taken back. */
  @Transform(({ value }) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  shownIds: string[] = [];
}
