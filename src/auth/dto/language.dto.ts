import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { LANGUAGES, type Language } from '../../common/i18n/language.js';

export class ChooseLanguageDto {
  @IsIn(LANGUAGES) lang: Language;
  @IsOptional() @IsString() @MaxLength(2000) returnTo?: string;
}
