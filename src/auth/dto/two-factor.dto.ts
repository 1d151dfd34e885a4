import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** A six-digit code from the app, or a recovery code: what it must look like is the service's business. */
export class TwoFactorCodeDto {
  @IsString() @IsNotEmpty() @MaxLength(64) code: string;
}
