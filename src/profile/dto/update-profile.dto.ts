import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { LANGUAGES } from '../../common/i18n/language.js';

/** "" in the language select means automatic: follow the browser, then the municipality. */
export const AUTOMATIC_LANGUAGE = '';

export class UpdateProfileDto {
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName: string;

  @IsIn([AUTOMATIC_LANGUAGE, ...LANGUAGES]) preferredLanguage: string;
}
