import type { Request } from 'express';
import type { SessionData } from 'express-session';
import type { AppConfig } from '../../config/app-config.js';

/** How long a session lives: idle (shorter for administrators), and at most maxAge after sign-in. */
export interface SessionLifetimes {
  idleMinutes: number;
  adminIdleMinutes: number;
  maxAgeHours: number;
}

export function sessionLifetimesOf(config: AppConfig): SessionLifetimes {
  return { idleMinutes: config.sessionIdleMinutes, adminIdleMinutes: config.sessionAdminIdleMinutes, maxAgeHours: config.sessionMaxAgeHours };
}

/**
 * What the session keeps about the signed-in person's rights, handed to the web layer by auth: a
 * fingerprint of their role grants (a change gives the session a new id) and whether they
 * administer a city or the network (a shorter idle timeout).
 */
export interface SessionProfile {
  grants: string;
  administrator: boolean;
}

type SessionFields = Pick<SessionData, 'seenAt' | 'signedInAt' | 'administrator'>;

/**
 * When a session ends if nothing more happens (ms since the epoch): its idle timeout after it was
 * last seen, and never later than its lifetime after sign-in. "Last seen" is refreshed at most
 * every few minutes (so that a read-only request writes nothing), which makes the idle timeout
 * exact to within that interval.
 */
export function sessionEndsAt(session: SessionFields, lifetimes: SessionLifetimes, now: number): number {
  const idleMinutes = session.administrator ? lifetimes.adminIdleMinutes : lifetimes.idleMinutes;
  const idleEnd = (session.seenAt ?? now) + idleMinutes * 60_000;
  return session.signedInAt === undefined ? idleEnd : Math.min(idleEnd, session.signedInAt + lifetimes.maxAgeHours * 3_600_000);
}

/**
 * A new session id for the same session data: against fixation whenever what the session may do
 * changes (sign-in and the second step of it go through Passport, which does the same).
 */
export function renewSessionId(req: Request): Promise<void> {
  const kept: Record<string, unknown> = { ...req.session };
  delete kept.cookie;
  return new Promise((resolve, reject) =>
    req.session.regenerate((error) => {
      if (error) return reject(error);
      Object.assign(req.session, kept);
      resolve();
    }),
  );
}

/** Marks a session that Passport has just signed in: when, with which rights, from which browser. */
export function beginSignedInSession(req: Request, profile: SessionProfile): void {
  const now = Date.now();
  const session = req.session;
  session.signedInAt = now;
  session.seenAt = now;
  session.grants = profile.grants;
  session.administrator = profile.administrator;
  session.userAgent = (req.get('user-agent') ?? '').slice(0, 500);
  session.ip = (req.ip ?? '').slice(0, 100);
}
