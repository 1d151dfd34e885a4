import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const AUDIENCES = ['everyone', 'teacher', 'mentor'] as const;
export const COMMUNITIES = ['all', 'jewish', 'muslim', 'christian', 'druze'] as const;

export class AnnouncementDto {
  @IsOptional() @IsString() municipality?: string;
  @IsIn(AUDIENCES) audience: string;
  @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(150) title: string;
  @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(2000) message: string;
  @IsOptional() @IsIn(['yes']) urgent?: string;
}

export class HolidayDto {
  @IsOptional() @IsString() municipality?: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/) day: string;
  @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @IsIn(COMMUNITIES) community: string;
}

export class MunicipalityFieldDto {
  @IsOptional() @IsString() municipality?: string;
}
