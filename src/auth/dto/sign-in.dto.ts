import { IsOptional, IsString, MaxLength } from 'class-validator';

export class SignInDto {
  @IsString() @MaxLength(254) email: string;
  @IsString() @MaxLength(1024) password: string;
  @IsOptional() @IsString() @MaxLength(2000) returnTo?: string;
}
