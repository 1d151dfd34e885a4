import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { isLanguage } from './i18n.js';
import type { Language } from './language.js';

/**
 * `@PageLanguage() lang: Language`: the language this page is written in, as the language
 * middleware resolved it for the request (the person's choice, else the browser's, else the
 * city's). The one way a controller learns it; a @FormView model method receives it as its second
 * argument.
 */
export const PageLanguage = createParamDecorator((_data: unknown, context: ExecutionContext): Language => {
  const lang = context.switchToHttp().getResponse<Response>().locals.lang;
  return isLanguage(lang) ? lang : 'en';
});
