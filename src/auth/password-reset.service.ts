import { createHash, randomBytes } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Sql } from '../database/sql.js';
import { AuditService } from '../audit/audit.service.js';
import { AppHttpException, FormValidationException } from '../common/errors/app-exceptions.js';
import { RTL_LANGUAGES, translate } from '../common/i18n/i18n.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MailService, type OutgoingMail } from '../notifications/mail.service.js';
import { newPasswordErrors } from '../profile/new-password-rules.js';
import { UsersRepository } from '../users/users.repository.js';
import { hashPassword } from './passwords.js';
import { type ResetLinkOwner, PasswordResetRepository, type ResetRecipient } from './password-reset.repository.js';
import { accountKey, SignInThrottle } from './sign-in-throttle.js';

const LINK_LIFETIME_SECONDS = 60 * 60;
/** An invitation waits longer: a new teacher may not read their mail the same day. */
const INVITE_LIFETIME_SECONDS = 7 * 24 * 60 * 60;

/**
 * Every request counts, not only failures: each one may send an e-mail. Per account it stops
 * someone flooding a person's inbox; per address it stops one machine from trying many accounts.
 */
export const RESET_ACCOUNT_LIMIT = { failures: 5, windowSeconds: 60 * 60, blockSeconds: 60 * 60 };
export const RESET_ADDRESS_LIMIT = { failures: 50, windowSeconds: 60 * 60, blockSeconds: 60 * 60 };

export function resetAccountKey(email: string): string {
  return `password-reset:account:${email.trim().toLowerCase()}`;
}

export function resetAddressKey(ip: string): string {
  return `password-reset:address:${ip}`;
}

/** 32 random bytes in base64url: 43 characters. Anything else cannot be one of ours. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** The link is expired, was used, was replaced by a newer one, or never existed: all look the same. */
export class ResetLinkUnusable extends AppHttpException {
  constructor() {
    super(HttpStatus.GONE, 'auth.reset.unusable.message');
  }
}

@Injectable()
export class PasswordResetService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sql: Sql,
    private readonly resets: PasswordResetRepository,
    private readonly users: UsersRepository,
    private readonly throttle: SignInThrottle,
    private readonly audit: AuditService,
    private readonly mail: MailService,
  ) {}

  /**
   * Sends a reset link when the address belongs to an active person. The caller answers the same
   * either way, and the mail goes out in the background so the time taken does not tell either.
   */
  async requestLink(email: string, ip: string): Promise<'accepted' | 'throttled'> {
    const account = resetAccountKey(email);
    const address = resetAddressKey(ip);
    if (await this.throttle.isBlocked([account, address])) return 'throttled';
    await this.throttle.recordFailure(account, RESET_ACCOUNT_LIMIT);
    await this.throttle.recordFailure(address, RESET_ADDRESS_LIMIT);

    const recipient = await this.resets.findActiveRecipientByEmail(email);
    if (!recipient) return 'accepted';
    const token = randomBytes(32).toString('base64url');
    await this.resets.issueToken(recipient.id, hashToken(token), LINK_LIFETIME_SECONDS);
    await this.audit.record({
      actorId: null,
      municipalityId: recipient.municipalityId,
      action: 'password.reset_requested',
      subjectType: 'user',
      subjectId: recipient.id,
      ip,
    });
    this.mail.sendInBackground(this.linkMail(recipient, token, 'passwordReset', LINK_LIFETIME_SECONDS), 'password-reset');
    return 'accepted';
  }

  /**
   * An administrator invites a person to choose a password (new people have none): the same
   * single-use link as a reset, valid for a week, worded as a welcome. The caller has checked that
   * the actor may manage this person.
   */
  async sendInvite(actorId: string, userId: string, ip: string | undefined): Promise<boolean> {
    const recipient = await this.resets.findActiveRecipientById(userId);
    if (!recipient) return false;
    const token = randomBytes(32).toString('base64url');
    await this.resets.issueToken(recipient.id, hashToken(token), INVITE_LIFETIME_SECONDS);
    await this.audit.record({
      actorId,
      municipalityId: recipient.municipalityId,
      action: 'password.invite_sent',
      subjectType: 'user',
      subjectId: recipient.id,
      ip,
    });
    await this.mail.send(this.linkMail(recipient, token, 'invite', INVITE_LIFETIME_SECONDS));
    return true;
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
    const done = await this.sql.transaction(async (manager) => {
      const consumed = await this.resets.consumeToken(hashToken(token), manager);
      if (!consumed) return undefined;
      await this.users.updatePasswordHash(consumed.userId, passwordHash);
      await this.resets.discardUnusedTokens(consumed.userId, manager);
      const endedSessions = await this.users.endSessions(consumed.userId, null);
      await this.audit.record(
        {
          actorId: consumed.userId,
          municipalityId: consumed.municipalityId,
          action: 'password.reset',
          subjectType: 'user',
          subjectId: consumed.userId,
          ip,
          details: { endedSessions },
        },
        manager,
      );
      return consumed;
    });
    if (!done) throw new ResetLinkUnusable();
    await this.throttle.clear(accountKey(done.email));
  }

  /** In the person's own language, else English: there is no browser to ask. */
  private linkMail(recipient: ResetRecipient, token: string, kind: 'passwordReset' | 'invite', lifetimeSeconds: number): OutgoingMail {
    const lang = recipient.preferredLanguage ?? 'en';
    const base = (this.config.publicUrl ?? `http://localhost:${this.config.port}`).replace(/\/+$/, '');
    const link = `${base}/password-reset/${token}`;
    const t = (key: string) =>
      translate(lang, `mail.${kind}.${key}`, {
        name: recipient.displayName,
        minutes: lifetimeSeconds / 60,
        days: lifetimeSeconds / 86400,
        email: recipient.email,
      });
    const paragraphs = [t('greeting'), t('intro'), t('action')];
    const after = [t('expiry'), t('ignore'), t('signature')];
    const dir = RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr';
    return {
      to: recipient.email,
      subject: t('subject'),
      text: [...paragraphs, link, ...after].join('\n\n') + '\n',
      html: [
        `<!doctype html><html lang="${lang}" dir="${dir}"><body>`,
        ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
        `<p><a href="${escapeHtml(link)}">${escapeHtml(t('button'))}</a></p>`,
        `<p dir="ltr">${escapeHtml(link)}</p>`,
        ...after.map((p) => `<p>${escapeHtml(p)}</p>`),
        '</body></html>',
      ].join('\n'),
    };
  }
}
