import { IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { COMPLETION_METHODS, type CompletionMethod, MODULE_KINDS, type ModuleKind } from '../curriculum-module.types.js';
import { LANGUAGES, type Language } from '../../common/i18n/language.js';
import { ToArray, ToInteger, Trim } from './transforms.js';

export class ModuleDto {
  @IsIn(LANGUAGES) originalLanguage: Language;
  @IsUUID() phaseId: string;
  @Trim() @IsString() @IsNotEmpty() @MaxLength(200) title: string;
  @IsOptional() @IsString() @MaxLength(1000) summary?: string;
  @IsOptional() @IsString() @MaxLength(100000) bodyMd?: string;
  @IsOptional() @IsString() @MaxLength(5000) learningObjectives?: string;
  /** numeric(5,1): up to 999.9 hours, one decimal. */
  @Trim() @IsString() @Matches(/^\d{1,3}([.,]\d)?$/) estimatedHours: string;
  @IsIn(MODULE_KINDS) kind: ModuleKind;
  @IsIn(COMPLETION_METHODS) completionMethod: CompletionMethod;
  @IsOptional() @IsString() @MaxLength(2000) reflectionPrompt?: string;
  @IsOptional() @IsString() @MaxLength(5000) submissionInstructions?: string;
  @IsOptional() @IsIn(['true']) required?: 'true';
  @ToInteger() @IsInt() @Min(0) @Max(1500) opensOffsetDays: number;
  @ToInteger() @IsInt() @Min(0) @Max(1500) dueOffsetDays: number;
  @IsOptional() @ToArray() @IsArray() @IsUUID('all', { each: true }) prerequisiteIds?: string[];
}
