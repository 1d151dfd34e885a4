import type { Language } from '../common/i18n/language.js';
import type { Role } from './roles.js';

export interface ActorGrant {
  role: Role;
  municipalityId: string | null;
  cohortId: string | null;
}

/** The signed-in person as every policy sees them: loaded once per request, never from the session. */
export interface Actor {
  id: string;
  email: string;
  displayName: string;
  preferredLanguage: Language | null;
  municipalityId: string | null;
  municipalityTimeZone: string | null;
  municipalityLocale: Language | null;
  grants: ActorGrant[];
  /** Unread notifications, counted up to 100 when the person is loaded for a request (layout only). */
  unreadNotifications?: number;
}

/**
 * Whether the signed-in person uses, and must use, two-factor sign-in: loaded with the actor on
 * every request (the enrolment guard needs it), apart from Actor because no policy does.
 */
export interface TwoFactorStatus {
  /** They confirmed a two-factor secret: sign-in asks for a code after the password. */
  twoFactorEnabled: boolean;
  /** A city they administer (or the network, for a network admin) asks its admins for two-factor sign-in. */
  twoFactorRequired: boolean;
}

export type SignedInActor = Actor & TwoFactorStatus;

export function isNetworkAdmin(actor: Actor): boolean {
  return actor.grants.some((g) => g.role === 'network_admin');
}

/** Municipalities whose department this person administers. */
export function administeredMunicipalityIds(actor: Actor): string[] {
  return actor.grants.filter((g) => g.role === 'department_admin' && g.municipalityId).map((g) => g.municipalityId as string);
}

export function roleNames(actor: Actor): Role[] {
  return [...new Set(actor.grants.map((g) => g.role))];
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    /** Passport's signed-in person is the actor, loaded afresh for every request. */
    interface User extends Actor, TwoFactorStatus {}
  }
}
