import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Trim } from '../../municipalities/dto/trim.js';
import { normaliseEmail } from '../../common/email-address.js';
import { LANGUAGES } from '../../common/i18n/language.js';

/** An empty select ("no school", "no preference") is no value at all. */
const EmptyAsUndefined = () => Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));
const NormalisedEmail = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normaliseEmail(value) : value));

/** What an administrator may change about a person. Roles other than department admin come from cohorts. */
export class EditUserDto {
  @Trim() @IsString() @IsNotEmpty() @MaxLength(200) displayName: string;
  @EmptyAsUndefined() @IsOptional() @IsUUID() school?: string;
  @EmptyAsUndefined() @IsOptional() @IsIn(LANGUAGES) preferredLanguage?: string;
  /** The checkbox "department admin of this city": present when ticked. */
  @IsOptional() @IsIn(['yes']) departmentAdmin?: string;
}

export class NewUserDto extends EditUserDto {
  @NormalisedEmail() @IsString() @IsNotEmpty() @MaxLength(254) @IsEmail() email: string;
  /** The select a network admin or a department admin of several cities picks from. */
  @EmptyAsUndefined() @IsOptional() @IsUUID() municipality?: string;
  /** The checkbox "send the invitation now" (on by default in the form): absent when unticked. */
  @IsOptional() @IsIn(['yes']) sendInvite?: string;
}

export class ImportUsersDto {
  @EmptyAsUndefined() @IsOptional() @IsUUID() municipality?: string;
  @IsOptional() @IsIn(['yes']) sendInvite?: string;
}
