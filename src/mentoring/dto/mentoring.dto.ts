import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { Trim } from '../../municipalities/dto/trim.js';

const asList = () => Transform(({ value }: { value: unknown }) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));
const asInt = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : value));
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Day and times on the city's clock, as `<input type="date">` and `<input type="time">` send them. */
export class SessionTimeDto {
  @Trim() @IsString() @Matches(DAY) day: string;
  @Trim() @IsString() @Matches(TIME) start: string;
  @Trim() @IsString() @Matches(TIME) end: string;
  @Trim() @IsOptional() @IsString() @MaxLength(300) place?: string;
  @Trim() @IsOptional() @IsString() @MaxLength(500) @Matches(/^(https?:\/\/\S+)?$/, { context: { messageKey: 'mentoring.errors.onlineUrl' } }) onlineUrl?: string;
  /** Ticked after the form has shown overlapping sessions: save anyway. */
  @IsOptional() @IsIn(['yes']) confirmConflicts?: string;
}

export class NewSessionDto extends SessionTimeDto {
  /** Whose session: a department admin schedules for a mentor of their city; a mentor leaves it out. */
  @IsOptional() @IsUUID() mentorId?: string;
  @asList() @IsArray() @ArrayMinSize(1, { context: { messageKey: 'mentoring.errors.participants' } }) @ArrayMaxSize(50) @IsUUID('all', { each: true })
  teacherIds: string[] = [];
  @IsOptional() @IsString() @MaxLength(10000) agenda?: string;
}

export class RescheduleDto extends SessionTimeDto {
  @Trim() @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}

export class CancelDto {
  @Trim() @IsString() @IsNotEmpty() @MaxLength(1000) reason: string;
}

export class NotesDto {
  @IsOptional() @IsString() @MaxLength(10000) agenda?: string;
  @IsOptional() @IsString() @MaxLength(20000) sharedNotes?: string;
}

export class PrivateNoteDto {
  @IsOptional() @IsString() @MaxLength(20000) privateNote?: string;
}

export class SessionAttendanceDto {
  /** The participants marked present; every other participant is recorded absent. */
  @asList() @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true }) present: string[] = [];
}

export class ActionItemDto {
  @IsUUID() ownerId: string;
  @Trim() @IsString() @IsNotEmpty() @MaxLength(500) title: string;
  @Trim() @IsOptional() @Matches(/^(\d{4}-\d{2}-\d{2})?$/) dueOn?: string;
  @Trim() @IsOptional() @Matches(/^([0-9a-fA-F-]{36})?$/) goalId?: string;
}

export class ActionItemDoneDto {
  @IsIn(['yes', 'no']) done: string;
}

export class SlotDto {
  @Trim() @IsString() @Matches(DAY) startsOn: string;
  @Trim() @IsString() @Matches(TIME) startTime: string;
  @asInt() @IsInt() @Min(10) @Max(480) durationMinutes: number;
  @asInt() @IsInt() @Min(1) @Max(52) weeks: number;
  @asInt() @IsInt() @Min(0) @Max(336) cancelCutoffHours: number;
  @Trim() @IsOptional() @IsString() @MaxLength(300) place?: string;
}

export class BookDto {
  @IsUUID() slotId: string;
  @Trim() @IsString() @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/) startsAt: string;
}
