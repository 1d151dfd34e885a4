import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { isLanguage } from '../common/i18n/i18n.js';
import type { Language } from '../common/i18n/language.js';

/** The language the page is being written in (resolved by the language middleware). */
export const ReaderLanguage = createParamDecorator((_data: unknown, context: ExecutionContext): Language => {
  const lang = context.switchToHttp().getResponse<Response>().locals.lang;
  return isLanguage(lang) ? lang : 'en';
});

/** A municipality's name in the reader's language, as a SQL expression over the given table alias. */
export function localNameSql(alias: string, param: string): string {
  return `CASE ${param} WHEN 'he' THEN ${alias}.name_he WHEN 'ar' THEN ${alias}.name_ar ELSE ${alias}.name_en END`;
}
