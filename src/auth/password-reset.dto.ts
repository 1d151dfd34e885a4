import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { type NormalisedEmail, normaliseEmail } from '../common/email-address.js';

export class RequestPasswordResetDto {
  @Transform(({ value }) => (typeof value === 'string' ? normaliseEmail(value) : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  @IsEmail()
  email: NormalisedEmail;
}

/** Lengths are capped here so a huge body never reaches argon2; the password rules are the service's. */
export class ChooseNewPasswordDto {
  @IsString() @MaxLength(1024) newPassword: string;
  @IsString() @MaxLength(1024) confirmPassword: string;
}
