import { HttpStatus, Injectable } from '@nestjs/common';
import { Sql } from '../database/sql.js';
import { AuditService } from '../audit/audit.service.js';
import type { NormalisedEmail } from '../common/email-address.js';
import { AppHttpException, FormValidationException } from '../common/errors/app-exceptions.js';
import { UsersRepository } from '../users/users.repository.js';
import { hashToken, PasswordLinks } from './password-links.js';
import { newPasswordErrors } from './password-rules.js';
import { hashPassword } from './passwords.js';
import { type ResetLinkOwner, PasswordResetRepository } from './password-reset.repository.js';
import { accountKey, SignInThrottle } from './sign-in-throttle.js';

/**
 * Every request counts, not only failures: each one may send an e-mail. Per account it stops
 * someone flooding a person's inbox; per address it stops one machine from trying many accounts.
 */
export const RESET_ACCOUNT_LIMIT = { failures: 5, windowSeconds: 60 * 60, blockSeconds: 60 * 60 };
export const RESET_ADDRESS_LIMIT = { failures: 50, windowSeconds: 60 * 60, blockSeconds: 60 * 60 };

export function resetAccountKey(email: NormalisedEmail): string {
  return `password-reset:account:${email}`;
}

export function resetAddressKey(ip: string): string {
  return `password-reset:address:${ip}`;
}

/** 32 random bytes in base64url: 43 characters. Anything else cannot be one of ours. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The link is expired, was used, was replaced by a newer one, or never existed: all look the same. */
export class ResetLinkUnusable extends AppHttpException {
  constructor() {
    super(HttpStatus.GONE, 'auth.reset.unusable.message');
  }
}

@Injectable()
export class PasswordResetService {
  constructor(
    private readonly sql: Sql,
    private readonly resets: PasswordResetRepository,
    private readonly links: PasswordLinks,
    private readonly users: UsersRepository,
    private readonly throttle: SignInThrottle,
    private readonly audit: AuditService,
  ) {}

  /**
   * Counts a request for a reset link. The same work whether or not the address is registered:
   * the link itself is made by sendLink, once the answer has gone.
   */
  async requestLink(email: NormalisedEmail, ip: string): Promise<'accepted' | 'throttled'> {
    const account = resetAccountKey(email);
    const address = resetAddressKey(ip);
    if (await this.throttle.isBlocked([account, address])) return 'throttled';
    await Promise.all([this.throttle.recordFailure(account, RESET_ACCOUNT_LIMIT), this.throttle.recordFailure(address, RESET_ADDRESS_LIMIT)]);
    return 'accepted';
  }

  /** Mails a link when the address belongs to an active person; never awaited by a request. */
  sendLink(email: NormalisedEmail, ip: string): void {
    this.links.sendResetInBackground(email, ip);
  }

  /** Whose password a link resets, or ResetLinkUnusable. */
  async findLinkOwner(token: string): Promise<ResetLinkOwner> {
    const owner = TOKEN_SHAPE.test(token) ? await this.resets.findUsableToken(hashToken(token)) : undefined;
    if (!owner) throw new ResetLinkUnusable();
    return owner;
  }

  /**
   * Sets the new password and uses up the link in one transaction, ends every session of the
   * person (whoever had their password is signed out) and lifts their sign-in pause.
   */
  async reset(token: string, newPassword: string, confirmPassword: string, ip: string): Promise<void> {
    const owner = await this.findLinkOwner(token);
    const errors = newPasswordErrors(newPassword, confirmPassword, owner.email);
    if (Object.keys(errors).length) throw new FormValidationException(errors);

    const passwordHash = await hashPassword(newPassword);
    const done = await this.sql.transaction(async () => {
      const consumed = await this.resets.consumeToken(hashToken(token));
      if (!consumed) return undefined;
      await this.users.updatePasswordHash(consumed.userId, passwordHash);
      await this.resets.discardUnusedTokens(consumed.userId);
      const endedSessions = await this.users.endSessions(consumed.userId, null);
      await this.audit.record({
        actorId: consumed.userId,
        municipalityId: consumed.municipalityId,
        action: 'password.reset',
        subjectType: 'user',
        subjectId: consumed.userId,
        ip,
        details: { endedSessions },
      });
      return consumed;
    });
    if (!done) throw new ResetLinkUnusable();
    await this.throttle.clear(accountKey(done.email));
  }
}
