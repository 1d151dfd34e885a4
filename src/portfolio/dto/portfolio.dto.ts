import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { VISIBILITIES, type Visibility } from '../portfolio.policy.js';

export const ENTRY_TITLE_MAX = 200;
export const ENTRY_BODY_MAX = 50000;
export const FEEDBACK_MAX = 5000;

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const emptyAsNone = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** An entry as the author writes it (evidence files come through multer, not here). */
export class EntryDto {
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(ENTRY_TITLE_MAX)
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(ENTRY_BODY_MAX)
  body?: string;

  @IsIn(VISIBILITIES)
  visibility: Visibility;

  @Transform(emptyAsNone)
  @IsOptional()
  @IsUUID()
  module?: string;

  @Transform(emptyAsNone)
  @IsOptional()
  @IsUUID()
  goal?: string;

  /** Which button was pressed: keep it as a draft (only the author reads it), or publish it. */
  @IsOptional()
  @IsIn(['draft', 'publish'])
  intent?: 'draft' | 'publish';
}

export class FeedbackDto {
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(FEEDBACK_MAX)
  body: string;

  @Transform(emptyAsNone)
  @IsOptional()
  @IsUUID()
  parent?: string;
}
