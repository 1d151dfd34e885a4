import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Lengths are capped here so a huge body never reaches argon2; the password rules are the service's. */
export class ChangePasswordDto {
  @IsString() @IsNotEmpty() @MaxLength(1024) currentPassword: string;
  @IsString() @MaxLength(1024) newPassword: string;
  @IsString() @MaxLength(1024) confirmPassword: string;
}
