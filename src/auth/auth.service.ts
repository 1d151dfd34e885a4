import { HttpStatus, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { Sql } from '../database/sql.js';
import { normaliseEmail } from '../common/email-address.js';
import { AppHttpException } from '../common/errors/app-exceptions.js';
import { DEFAULT_TIME_ZONE } from '../common/web/language.middleware.js';
import { UsersRepository } from '../users/users.repository.js';
import type { Actor, SignedInActor } from './actor.js';
import { verifyPassword } from './passwords.js';
import { ACCOUNT_LIMIT, ADDRESS_LIMIT, accountKey, addressKey, SignInThrottle } from './sign-in-throttle.js';

export class SignInRefused extends AppHttpException {
  constructor() {
    super(HttpStatus.UNAUTHORIZED, 'auth.login.invalid');
  }
}

/**
 * Sign-in is paused until `until` (said in the time zone of the account's city): for this account,
 * or for every account from this address.
 */
export class SignInThrottled extends AppHttpException {
  constructor(
    readonly until: Date,
    readonly timeZone: string,
    pausedFor: 'account' | 'address',
  ) {
    super(HttpStatus.TOO_MANY_REQUESTS, pausedFor === 'account' ? 'auth.login.throttledUntil' : 'auth.login.addressThrottledUntil');
  }
}

@Injectable()
export class AuthService {
  constructor(
    private readonly sql: Sql,
    private readonly users: UsersRepository,
    private readonly throttle: SignInThrottle,
    private readonly audit: AuditService,
  ) {}

  /**
   * Checks an e-mail and password with exactly one password-hash verification whatever the
   * account; every failure is audited, no password ever is. A right password is not yet a
   * sign-in: recordSignIn follows once every step is done.
   */
  async verifyCredentials(typedEmail: string, password: string, ip: string): Promise<SignedInActor> {
    const email = normaliseEmail(typedEmail);
    const account = accountKey(email);
    const address = addressKey(ip);
    const [pauses, record] = await Promise.all([this.throttle.pauses([account, address]), this.users.findForSignIn(email)]);
    if (pauses.size) {
      await this.audit.record({ actorId: null, action: 'sign_in.throttled', ip, details: { email: email.slice(0, 254) } });
      const accountPause = pauses.get(account);
      const timeZone = record?.timeZone ?? DEFAULT_TIME_ZONE;
      throw accountPause ? new SignInThrottled(accountPause, timeZone, 'account') : new SignInThrottled(pauses.get(address)!, timeZone, 'address');
    }
    const valid = await verifyPassword(record?.active ? record.passwordHash : null, password);
    const actor = valid && record ? await this.users.findActiveActor(record.id) : undefined;
    if (!actor || !record) {
      await Promise.all([
        this.throttle.recordFailure(account, ACCOUNT_LIMIT),
        this.throttle.recordFailureOf(address, account, ADDRESS_LIMIT),
        this.audit.record({
          actorId: record?.id ?? null,
          municipalityId: record?.municipalityId,
          action: 'sign_in.failed',
          ip,
          details: { email: email.slice(0, 254) },
        }),
      ]);
      throw new SignInRefused();
    }
    await this.throttle.clear(account);
    return actor;
  }

  /** The person is signed in: with their password alone, or with a code or a recovery code after it. */
  async recordSignIn(actor: Actor, ip: string, method: 'password' | 'totp' | 'recovery_code'): Promise<void> {
    await this.sql.transaction(async () => {
      await this.users.recordSignIn(actor.id);
      await this.audit.record({
        actorId: actor.id,
        municipalityId: actor.municipalityId,
        action: 'sign_in.succeeded',
        subjectType: 'user',
        subjectId: actor.id,
        ip,
        details: { method },
      });
    });
  }

  async recordSignOut(actor: Actor, ip: string): Promise<void> {
    await this.audit.record({ actorId: actor.id, municipalityId: actor.municipalityId, action: 'sign_out', subjectType: 'user', subjectId: actor.id, ip });
  }

  async chooseLanguage(actor: Actor, language: string): Promise<void> {
    await this.users.updatePreferredLanguage(actor.id, language);
  }
}
