import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { isLanguage, translate } from '../common/i18n/i18n.js';
import type { Language } from '../common/i18n/language.js';

/** The language the page is written in, as the language middleware resolved it. */
export const PageLanguage = createParamDecorator((_data: unknown, context: ExecutionContext): Language => {
  const lang = context.switchToHttp().getResponse<Response>().locals.lang;
  return isLanguage(lang) ? lang : 'en';
});

/** A view model with the page's <title> in the reader's language. */
export async function titled<T extends object>(lang: Language, titleKey: string, model: Promise<T> | T): Promise<T & { title: string }> {
  return { title: translate(lang, titleKey), ...(await model) };
}
