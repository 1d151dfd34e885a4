import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { MEMBER_ROLES, type MemberRole } from '../cohort-member.types.js';

const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
const ToArray = () => Transform(({ value }) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]));

/** Dates are checked as calendar days by the service (a field error there names the field). */
export class CohortDto {
  @Trim() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @Trim() @IsString() @IsNotEmpty() startsOn: string;
  @IsOptional() @Trim() @IsString() endsOn?: string;
}

/** opens[<moduleId>] and due[<moduleId>], one pair per module, saved together. */
export class WindowsDto {
  @IsObject() opens: Record<string, unknown>;
  @IsObject() due: Record<string, unknown>;
}

export class AddMembersDto {
  @IsOptional() @ToArray() @IsArray() @IsUUID('all', { each: true }) userIds?: string[];
  @IsIn(MEMBER_ROLES) role: MemberRole;
}

export class MemberNoteDto {
  @IsOptional() @Trim() @IsString() @MaxLength(2000) note?: string;
}

export class GroupDto {
  @Trim() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @IsUUID() mentorId: string;
}

export class GroupAssignmentDto {
  @IsUUID() memberId: string;
  /** Blank: no group. */
  @IsOptional() @IsString() groupId?: string;
}

/** groups[<memberId>] = a group's id, or blank for none: a page of teachers saved at once. */
export class GroupAssignmentsDto {
  @IsObject() groups: Record<string, unknown>;
}

/** The roster import's form fields beside its file. */
export class RosterImportDto {
  /** The checkbox "send each new person their invitation now" (on by default): absent when unticked. */
  @IsOptional() @IsIn(['yes']) sendInvite?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** An empty capacity is none; a number is checked as one. */
const OptionalInt = () =>
  Transform(({ value }: { value: unknown }) => (value === '' || value === undefined ? undefined : typeof value === 'string' && /^\d{1,6}$/.test(value.trim()) ? Number(value) : value));

/** A workshop event's day and times on the city's clock (as date and time inputs send them), place and capacity. */
export class WorkshopEventDto {
  @Trim() @IsString() @Matches(DAY, { context: { messageKey: 'validation.date' } }) day: string;
  @Trim() @IsString() @Matches(TIME) start: string;
  @Trim() @IsString() @Matches(TIME) end: string;
  @Trim() @IsString() @IsNotEmpty() @MaxLength(300) place: string;
  @OptionalInt() @IsOptional() @IsInt() @Min(1) @Max(10000) capacity?: number;
}

/** A new event names its workshop module. */
export class NewWorkshopEventDto extends WorkshopEventDto {
  @IsUUID() moduleId: string;
}

export class CancelWorkshopEventDto {
  @Trim() @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}
