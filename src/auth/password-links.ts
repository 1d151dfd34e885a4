import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Sql } from '../database/sql.js';
import { AuditService } from '../audit/audit.service.js';
import type { NormalisedEmail } from '../common/email-address.js';
import { RTL_LANGUAGES, translate } from '../common/i18n/i18n.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MailService, type OutgoingMail } from '../notifications/mail.service.js';
import { RemindersEngine } from '../reminders/reminders.engine.js';
import { PasswordResetRepository, type ResetRecipient } from './password-reset.repository.js';

const LINK_LIFETIME_SECONDS = 60 * 60;
/** An invitation waits longer: a new teacher may not read their mail the same day. */
const INVITE_LIFETIME_SECONDS = 7 * 24 * 60 * 60;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const RESET_KIND = 'account.passwordReset';
const INVITE_KIND = 'account.invite';

/**
 * Issues single-use "choose your password" links and mails them: a reset asked for by the person,
 * or an administrator's invitation. Apart from the reset flow, which needs the people's repository,
 * so that the people feature can invite without importing a module that imports it back.
 *
 * Both go through the reminder queue as urgent, mail-only messages, queued after the response:
 * the link is issued (and audited) when the message is composed for sending, so no usable token
 * waits in the queue, and a failed send is retried like any reminder.
 */
@Injectable()
export class PasswordLinks implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sql: Sql,
    private readonly resets: PasswordResetRepository,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly reminders: RemindersEngine,
  ) {}

  onModuleInit(): void {
    this.reminders.registerComposer(RESET_KIND, async (r) => {
      const recipient = await this.resets.findActiveRecipientById(r.recipientId);
      if (!recipient) return undefined;
      const token = await this.issue(recipient, LINK_LIFETIME_SECONDS, null, 'password.reset_requested', stringOrUndefined(r.vars.ip));
      return this.linkMail(recipient, token, 'passwordReset', LINK_LIFETIME_SECONDS);
    });
    this.reminders.registerComposer(INVITE_KIND, async (r) => {
      const recipient = await this.resets.findActiveRecipientById(r.recipientId);
      if (!recipient) return undefined;
      const actorId = stringOrUndefined(r.vars.actorId) ?? null;
      const token = await this.issue(recipient, INVITE_LIFETIME_SECONDS, actorId, 'password.invite_sent', stringOrUndefined(r.vars.ip));
      return this.linkMail(recipient, token, 'invite', INVITE_LIFETIME_SECONDS);
    });
  }

  /**
   * Sends a reset link when the address belongs to an active person. Everything that differs
   * between a registered address and an unknown one (the look-up, the link, its audit row, the
   * mail) happens in the background, so the caller's answer takes the same time either way.
   */
  sendResetInBackground(email: NormalisedEmail, ip: string): void {
    this.mail.sendInBackground(async () => {
      const recipient = await this.resets.findActiveRecipientByEmail(email);
      if (recipient) await this.reminders.queueAndSend(RESET_KIND, recipient.id, { ip });
      return undefined;
    }, 'password-reset');
  }

  /**
   * An administrator invites a person to choose a password (new people have none): the same
   * single-use link as a reset, valid for a week, worded as a welcome. The caller has checked that
   * the actor may manage this person.
   */
  async sendInvite(actorId: string, userId: string, ip: string | undefined): Promise<boolean> {
    const recipient = await this.resets.findActiveRecipientById(userId);
    if (!recipient) return false;
    this.mail.sendInBackground(async () => {
      await this.reminders.queueAndSend(INVITE_KIND, recipient.id, { actorId, ...(ip ? { ip } : {}) });
      return undefined;
    }, 'invite');
    return true;
  }

  /**
   * Invitations to people just created or imported by this actor (who therefore manages them),
   * sent once the response has gone: each composed and mailed in the background, its link issued
   * and audited as the invite button's. The one way every import and form invites.
   */
  inviteInBackground(actorId: string, userIds: string[], ip: string | undefined): void {
    for (const userId of userIds) {
      this.mail.sendInBackground(async () => {
        await this.sendInvite(actorId, userId, ip);
        return undefined;
      }, 'invite');
    }
  }

  private async issue(recipient: ResetRecipient, lifetimeSeconds: number, actorId: string | null, action: string, ip: string | undefined): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.sql.transaction(async () => {
      await this.resets.issueToken(recipient.id, hashToken(token), lifetimeSeconds);
      await this.audit.record({ actorId, municipalityId: recipient.municipalityId, action, subjectType: 'user', subjectId: recipient.id, ip });
    });
    return token;
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
