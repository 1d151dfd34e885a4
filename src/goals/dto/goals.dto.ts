import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { GOAL_FRAMES, type GoalFrame } from '../goals.repository.js';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const emptyAsNone = ({ value }: { value: unknown }) => (value === '' ? undefined : value);
const asInteger = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,6}$/.test(value.trim()) ? Number(value) : value);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class GoalDto {
  @IsIn(GOAL_FRAMES)
  frame: GoalFrame;

  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  what: string;

  @Transform(trimmed)
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  why?: string;

  @Transform(trimmed)
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  evidence?: string;

  @Transform(emptyAsNone)
  @IsOptional()
  @Matches(DAY)
  targetOn?: string;

  @Transform(asInteger)
  @IsInt()
  @Min(1)
  @Max(365)
  checkInEveryDays: number;
}

export class CheckInDto {
  @Transform(emptyAsNone)
  @IsOptional()
  @Matches(DAY)
  day?: string;

  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  note: string;

  @Transform(asInteger)
  @IsInt()
  @Min(1)
  @Max(5)
  rating: number;
}

export class GoalStatusDto {
  @IsIn(['active', 'achieved', 'dropped'])
  status: 'active' | 'achieved' | 'dropped';

  @Transform(trimmed)
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string;
}

export class GoalCommentDto {
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  body: string;
}
