import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from './transforms.js';

/** A programme's or a phase's texts in one language. */
export class TitleAndDescriptionTextsDto {
  @Trim() @IsString() @IsNotEmpty() @MaxLength(200) title: string;
  @IsOptional() @IsString() @MaxLength(5000) description?: string;
}

/** A module's texts in one language, with the limits of the module's own columns. */
export class ModuleTextsDto {
  @Trim() @IsString() @IsNotEmpty() @MaxLength(200) title: string;
  @IsOptional() @IsString() @MaxLength(1000) summary?: string;
  @IsOptional() @IsString() @MaxLength(100000) bodyMd?: string;
  @IsOptional() @IsString() @MaxLength(5000) learningObjectives?: string;
  @IsOptional() @IsString() @MaxLength(2000) reflectionPrompt?: string;
  @IsOptional() @IsString() @MaxLength(5000) submissionInstructions?: string;
}
