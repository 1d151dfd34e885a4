import type { Request } from 'express';
import type { Language } from '../i18n/language.js';
import type { Permission } from '../permissions.js';
import type { NavigationEntry } from './navigation.js';
import type { SessionProfile } from './session-lifetime.js';

/** What the layout and the choice of language need to know about the signed-in person. */
export interface SignedInPerson {
  displayName: string;
  /** Their own choice of language, when they made one. */
  preferredLanguage: Language | null;
  /** Their city's default language and time zone, when they belong to a city. */
  municipalityLocale: Language | null;
  municipalityTimeZone: string | null;
  /** Role names, shown as badges in the header (`roles.<name>` in the catalogue). */
  roles: readonly string[];
  permissions: ReadonlySet<Permission>;
  /** Unread notifications (up to 100), for the header's link to the notification centre. */
  unreadNotifications: number;
}

/**
 * What the web layer needs from the features, handed to configureApp at start-up so that common/
 * imports no feature: the app's Passport, how to describe the person Passport loaded, and the
 * navigation entries the features declare.
 */
export interface WebLayer {
  passport: { initialize(): unknown; session(): unknown };
  describe(user: Express.User): SignedInPerson;
  /** What the session keeps about the person's rights: see session-lifetime.ts. */
  describeSession(user: Express.User): SessionProfile;
  navigation: readonly NavigationEntry[];
}

const WEB_LAYER = 'webLayer';

/** Kept on the Express app, so that the error filter (outside the middleware chain) finds it too. */
export function rememberWebLayer(app: { locals: Record<string, unknown> }, layer: WebLayer): void {
  app.locals[WEB_LAYER] = layer;
}

export function webLayerOf(req: Request): WebLayer | undefined {
  return req.app.locals[WEB_LAYER] as WebLayer | undefined;
}

/** The signed-in person as the layout sees them, or undefined when nobody is signed in. */
export function signedInPerson(req: Request): SignedInPerson | undefined {
  return req.user ? webLayerOf(req)?.describe(req.user) : undefined;
}
