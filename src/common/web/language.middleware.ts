import type { NextFunction, Request, Response } from 'express';
import type { Language } from '../i18n/language.js';
import { isLanguage, languageFromHeader, RTL_LANGUAGES } from '../i18n/i18n.js';
import { navigationFor } from './navigation.js';
import { signedInPerson, webLayerOf } from './web-layer.js';

export const DEFAULT_TIME_ZONE = 'Asia/Jerusalem';

/**
 * The reader's language: their own choice (saved on their profile, or in the session before
 * signing in), else the browser's Accept-Language, else their municipality's default, else English.
 */
function resolveLanguage(req: Request): Language {
  const person = signedInPerson(req);
  if (person?.preferredLanguage && isLanguage(person.preferredLanguage)) return person.preferredLanguage;
  if (isLanguage(req.session?.lang)) return req.session.lang;
  const fromHeader = languageFromHeader(req.headers['accept-language']);
  if (fromHeader) return fromHeader;
  if (person?.municipalityLocale && isLanguage(person.municipalityLocale)) return person.municipalityLocale;
  return 'en';
}

/**
 * What every page's layout needs: language and direction, the person, navigation. Also used by
 * the error filter for errors raised before this middleware ran (a body too large, a failed CSRF
 * check), so that an error page too is in the reader's language and direction.
 */
export function setLayoutLocals(req: Request, res: Response): void {
  const person = signedInPerson(req);
  const lang = resolveLanguage(req);
  res.locals.lang = lang;
  res.locals.dir = RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr';
  res.locals.timeZone = person?.municipalityTimeZone ?? DEFAULT_TIME_ZONE;
  res.locals.currentPath = req.path;
  res.locals.languages = (['he', 'ar', 'en'] as const).map((code) => ({ code, current: code === lang }));
  if (person) {
    res.locals.me = { displayName: person.displayName, roles: person.roles, unreadNotifications: person.unreadNotifications };
    res.locals.nav = navigationFor(webLayerOf(req)?.navigation ?? [], person.permissions, req.path);
  }
}

/** The layout's locals plus the flash messages waiting for this page. */
export function languageLocals() {
  return (req: Request, res: Response, next: NextFunction): void => {
    setLayoutLocals(req, res);
    if (req.session?.flash?.length && req.method === 'GET') {
      res.locals.flash = req.session.flash;
      delete req.session.flash;
    }
    next();
  };
}

export function flash(req: Request, kind: 'success' | 'error', key: string, vars?: Record<string, unknown>): void {
  req.session.flash = [...(req.session.flash ?? []), { kind, key, vars }];
}
