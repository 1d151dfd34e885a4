import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Trim } from '../../municipalities/dto/trim.js';

export class SchoolDto {
  @Trim() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @Trim() @IsOptional() @IsString() @MaxLength(20) symbol?: string;
}

/**
 * A new school. `municipality` is the select a network admin (or a department admin of several
 * cities) picks from; it is checked against what the person administers, never trusted.
 */
export class NewSchoolDto extends SchoolDto {
  @IsOptional() @IsUUID() municipality?: string;
}
