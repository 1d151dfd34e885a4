import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../../config/app-config.js';
import { isNetworkAdmin, roleNames } from '../../auth/actor.js';
import { permissionsFor } from '../../auth/permissions.js';
import type { Language } from '../i18n/language.js';
import { isLanguage, languageFromHeader, RTL_LANGUAGES } from '../i18n/i18n.js';
import { navigationFor } from './navigation.js';

export const DEFAULT_TIME_ZONE = 'Asia/Jerusalem';

/**
 * The reader's language: their own choice (saved on their profile, or in the session before
 * signing in), else the browser's Accept-Language, else their municipality's default, else English.
 */
export function resolveLanguage(req: Request): Language {
  const actor = req.user;
  if (actor?.preferredLanguage && isLanguage(actor.preferredLanguage)) return actor.preferredLanguage;
  if (isLanguage(req.session?.lang)) return req.session.lang;
  const fromHeader = languageFromHeader(req.headers['accept-language']);
  if (fromHeader) return fromHeader;
  if (actor?.municipalityLocale && isLanguage(actor.municipalityLocale)) return actor.municipalityLocale;
  return 'en';
}

/**
 * What every page's layout needs: language and direction, the person, navigation. Also used by
 * the error filter for errors raised before this middleware ran (a body too large, a failed CSRF
 * check), so that an error page too is in the reader's language and direction.
 */
export function setLayoutLocals(req: Request, res: Response): void {
  const lang = resolveLanguage(req);
  res.locals.lang = lang;
  res.locals.dir = RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr';
  res.locals.timeZone = req.user?.municipalityTimeZone ?? DEFAULT_TIME_ZONE;
  res.locals.currentPath = req.path;
  res.locals.languages = (['he', 'ar', 'en'] as const).map((code) => ({ code, current: code === lang }));
  if (req.user) {
    const roles = roleNames(req.user);
    res.locals.me = {
      displayName: req.user.displayName,
      roles,
      isNetworkAdmin: isNetworkAdmin(req.user),
    };
    res.locals.nav = navigationFor(permissionsFor(roles), req.path);
  }
}

/** The layout's locals plus the flash messages waiting for this page. */
export function languageLocals(_config: AppConfig) {
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
