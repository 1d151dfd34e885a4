import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class RequestPasswordResetDto {
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  @IsEmail()
  email: string;
}

/** Lengths are capped here so a huge body never reaches argon2; the password rules are the service's. */
export class ChooseNewPasswordDto {
  @IsString() @MaxLength(1024) newPassword: string;
  @IsString() @MaxLength(1024) confirmPassword: string;
}
