import { HttpStatus, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { Sql } from '../database/sql.js';
import { normaliseEmail } from '../common/email-address.js';
import { AppHttpException } from '../common/errors/app-exceptions.js';
import { UsersRepository } from '../users/users.repository.js';
import type { Actor } from './actor.js';
import { verifyPassword } from './passwords.js';
import { ACCOUNT_LIMIT, ADDRESS_LIMIT, accountKey, addressKey, SignInThrottle } from './sign-in-throttle.js';

export class SignInRefused extends AppHttpException {
  constructor() {
    super(HttpStatus.UNAUTHORIZED, 'auth.login.invalid');
  }
}

export class SignInThrottled extends AppHttpException {
  constructor() {
    super(HttpStatus.TOO_MANY_REQUESTS, 'auth.login.throttled');
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

  /** Checks an e-mail and password; every outcome is audited, no password ever is. */
  async verifyCredentials(typedEmail: string, password: string, ip: string): Promise<Actor> {
    const email = normaliseEmail(typedEmail);
    const account = accountKey(email);
    const address = addressKey(ip);
    if (await this.throttle.isBlocked([account, address])) {
      await this.audit.record({ actorId: null, action: 'sign_in.throttled', ip, details: { email: email.slice(0, 254) } });
      throw new SignInThrottled();
    }
    const record = await this.users.findForSignIn(email);
    const valid = await verifyPassword(record?.active ? record.passwordHash : null, password);
    const actor = valid && record ? await this.users.findActiveActor(record.id) : undefined;
    if (!actor || !record) {
      await Promise.all([
        this.throttle.recordFailure(account, ACCOUNT_LIMIT),
        this.throttle.recordFailure(address, ADDRESS_LIMIT),
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
    await Promise.all([
      this.throttle.clear(account),
      this.sql.transaction(async () => {
        await this.users.recordSignIn(actor.id);
        await this.audit.record({
          actorId: actor.id,
          municipalityId: actor.municipalityId,
          action: 'sign_in.succeeded',
          subjectType: 'user',
          subjectId: actor.id,
          ip,
        });
      }),
    ]);
    return actor;
  }

  async recordSignOut(actor: Actor, ip: string): Promise<void> {
    await this.audit.record({ actorId: actor.id, municipalityId: actor.municipalityId, action: 'sign_out', subjectType: 'user', subjectId: actor.id, ip });
  }

  async chooseLanguage(actor: Actor, language: string): Promise<void> {
    await this.users.updatePreferredLanguage(actor.id, language);
  }
}
