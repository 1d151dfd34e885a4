import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, ValidateIf, MaxLength, Min } from 'class-validator';
import { LANGUAGES, type Language } from '../../common/i18n/language.js';
import { CONTACT_INTERVAL_MAX_DAYS, CONTACT_INTERVAL_MIN_DAYS } from '../../mentoring/contact-interval.js';
import { ToInteger, Trim } from './transforms.js';

export class ProgrammeDto {
  @IsIn(LANGUAGES) originalLanguage: Language;
  @Trim() @IsString() @IsNotEmpty() @MaxLength(200) title: string;
  @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @ToInteger() @IsInt() @Min(0) @Max(1000) minSessionsAttended: number;
  @ToInteger() @IsInt() @Min(0) @Max(1000) minReflections: number;
  @ToInteger() @IsInt() @Min(0) @Max(100) minWorkshopAttendancePct: number;
  /** Days before a mentee not met stands out; absent (an older form or client): a new programme's default, an edited one's current value. */
  @IsOptional() @ToInteger() @IsInt() @Min(CONTACT_INTERVAL_MIN_DAYS) @Max(CONTACT_INTERVAL_MAX_DAYS) contactIntervalDays?: number;
}

/** Creating also says where: a city, or (network admins only, left blank) a network template. */
export class CreateProgrammeDto extends ProgrammeDto {
  @IsOptional() @ValidateIf((o: CreateProgrammeDto) => o.municipalityId !== '') @IsUUID() municipalityId?: string;
}

export class CopyProgrammeDto {
  @IsOptional() @IsUUID() municipalityId?: string;
}

export class MoveDto {
  @IsIn(['up', 'down']) direction: 'up' | 'down';
}

export class PhaseDto {
  @IsIn(LANGUAGES) originalLanguage: Language;
  @Trim() @IsString() @IsNotEmpty() @MaxLength(200) title: string;
  @IsOptional() @IsString() @MaxLength(5000) description?: string;
}
