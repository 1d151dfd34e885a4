import type { Request } from 'express';
import { beginSignedInSession, renewSessionId } from '../common/web/session-lifetime.js';
import type { SignedInActor } from './actor.js';
import { describeSession } from './signed-in-person.js';

/** A password accepted, the code not yet: the session is not signed in. */
interface PendingSignIn {
  userId: string;
  returnTo: string;
  startedAt: number;
}

declare module 'express-session' {
  interface SessionData {
    pendingSignIn?: PendingSignIn;
    /** New recovery codes, shown once by the next page and then forgotten. */
    recoveryCodesToShow?: string[];
  }
}

/** Time to fetch the phone and type the code; after it, the password is asked for again. */
const SECOND_STEP_MINUTES = 10;

/**
 * Signs the person in: Passport gives the session a new id (one seen before sign-in is never used
 * after it) and the session records when, with which rights and from which browser.
 */
export async function signInSession(req: Request, actor: SignedInActor): Promise<void> {
  await new Promise<void>((resolve, reject) => req.login(actor, (error) => (error ? reject(error) : resolve())));
  beginSignedInSession(req, describeSession(actor));
}

/** The password was right and the person uses two-factor sign-in: the code comes next. */
export async function awaitSecondStep(req: Request, userId: string, returnTo: string): Promise<void> {
  await renewSessionId(req);
  req.session.pendingSignIn = { userId, returnTo, startedAt: Date.now() };
}

/** Whose code the session waits for, or undefined when it waits for none (or waited too long). */
export function pendingSignIn(req: Request): PendingSignIn | undefined {
  const pending = req.session.pendingSignIn;
  if (!pending || Date.now() - pending.startedAt > SECOND_STEP_MINUTES * 60_000) return undefined;
  return pending;
}
