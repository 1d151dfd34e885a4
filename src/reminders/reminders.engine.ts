import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { createLogger } from '../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Sql } from '../database/sql.js';
import { DEFAULT_QUIET_HOURS } from '../municipalities/quiet-hours.js';
import { MailService, type OutgoingMail } from '../notifications/mail.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { DIGEST_KIND, PREFERENCE_KINDS, REMINDER_FINDERS } from './finders.js';
import { quietUntil } from './quiet-time.js';
import { digestMail, reminderMail } from './reminder-mail.js';
import { type ClaimedReminder, isToldInApp, RemindersRepository } from './reminders.repository.js';

/** How long a claimed reminder is this sender's: past it, another sender takes it over (this one died). */
export const LEASE_SECONDS = 300;
/** A failed send is retried this many times in all, then kept as failed for the log. */
export const MAX_ATTEMPTS = 8;
const BATCH = 50;

function emptyResult(): PassResult {
  return { enqueued: 0, sent: 0, inApp: 0, held: 0, skipped: 0, deferred: 0, failed: 0 };
}

/** Back-off after the n-th failed attempt: 1, 2, 4, 8… minutes, at most 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - 1), 360) * 60_000;
}

export interface PassResult {
  enqueued: number;
  sent: number;
  inApp: number;
  held: number;
  skipped: number;
  deferred: number;
  failed: number;
}

/**
 * The reminder engine. A pass finds what is due (each finder one set-based, idempotent INSERT),
 * then dispatches: claims due rows (SKIP LOCKED, with a lease), and for each either defers it to
 * the end of the recipient's quiet time, holds it for the weekly digest, tells the person in the
 * app, skips it (their choice: off) or e-mails it, and records the outcome under its lease.
 */
/**
 * Composes the e-mail of a kind whose message is made when it is sent (account mails: the
 * single-use link is issued then, so no secret waits in the queue; summaries: the figures at the
 * sending clock `at`); undefined sends nothing.
 */
export type MailComposer = (reminder: ClaimedReminder, at: Date) => Promise<OutgoingMail | undefined>;

/** Kinds people choose a channel for: a composed one of them (a summary) follows the choice too. */
const CHOSEN_KINDS = new Set(PREFERENCE_KINDS);

@Injectable()
export class RemindersEngine {
  private readonly logger: Logger;
  private readonly composers = new Map<string, MailComposer>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sql: Sql,
    private readonly reminders: RemindersRepository,
    private readonly mail: MailService,
    private readonly notifications: NotificationsService,
  ) {
    this.logger = createLogger(config).child({ component: 'reminders' });
  }

  /** A feature's composer for a kind of mail-only message (see `MailComposer`). */
  registerComposer(kind: string, composer: MailComposer): void {
    this.composers.set(kind, composer);
  }

  /**
   * Queues one urgent, mail-only message of a composed kind and sends it at once (the queue keeps
   * it and retries it if the send fails). Callers run this after their response, in the background.
   */
  async queueAndSend(kind: string, recipientId: string, vars: Record<string, string | number>): Promise<void> {
    if (!this.composers.has(kind)) throw new Error(`No composer for ${kind}`);
    const now = new Date();
    const id = await this.reminders.enqueueOne({ kind, recipientId, subject: kind, occasion: randomUUID(), dueAt: now, urgent: true, vars });
    if (!id) return;
    const lease = randomUUID();
    const result = emptyResult();
    for (const r of await this.reminders.claim(now, 1, LEASE_SECONDS, lease, id)) await this.deliver(r, now, lease, result);
  }

  /** Finds what is due at `at` and queues it; returns how many new reminders were queued. */
  async find(at: Date): Promise<number> {
    let enqueued = 0;
    for (const finder of REMINDER_FINDERS) enqueued += await this.reminders.enqueueFound(finder.kind, at);
    return enqueued;
  }

  /** One full pass: find, send what is due, gather held items into digests, send digests due. */
  async runPass(at: Date): Promise<PassResult> {
    const result: PassResult = { ...emptyResult(), enqueued: await this.find(at) };
    await this.dispatch(at, result);
    result.enqueued += await this.reminders.enqueueDigests();
    await this.dispatch(at, result);
    return result;
  }

  /** Sends every reminder due at `at` until none is left to claim. */
  async dispatch(at: Date, result: PassResult = emptyResult()): Promise<PassResult> {
    const lease = randomUUID();
    for (;;) {
      const claimed = await this.reminders.claim(at, BATCH, LEASE_SECONDS, lease);
      if (claimed.length === 0) return result;
      for (const r of claimed) await this.deliver(r, at, lease, result);
    }
  }

  private async deliver(r: ClaimedReminder, at: Date, lease: string, result: PassResult): Promise<void> {
    if (!r.active) {
      await this.reminders.finish(r.id, 'skipped', lease);
      result.skipped++;
      return;
    }
    const isDigest = r.kind === DIGEST_KIND;
    const composer = this.composers.get(r.kind);
    const chosen = CHOSEN_KINDS.has(r.kind);
    // An urgent message (an announcement so marked, an account mail) is e-mailed whatever the person
    // chose. A composed kind people choose for (a summary) follows their choice: in the app and in
    // the digest it is told by its finder's figures, by e-mail it is composed.
    const channel = isDigest || (composer && !chosen) || r.urgent ? 'email' : r.channel;
    if (channel === 'off') {
      await this.reminders.finish(r.id, 'skipped', lease);
      result.skipped++;
      return;
    }
    if (channel === 'digest') {
      await this.sql.transaction(async () => {
        if (!isToldInApp(r.kind)) await this.notifications.notify({ recipientId: r.recipientId, kind: `reminders.${r.kind}`, vars: r.vars, link: r.link ?? undefined });
        await this.reminders.finish(r.id, 'held', lease);
      });
      result.held++;
      return;
    }
    if (channel === 'in_app') {
      await this.sql.transaction(async () => {
        if (!isToldInApp(r.kind)) await this.notifications.notify({ recipientId: r.recipientId, kind: `reminders.${r.kind}`, vars: r.vars, link: r.link ?? undefined });
        await this.reminders.finish(r.id, 'in_app', lease);
      });
      result.inApp++;
      return;
    }
    if (!r.urgent) {
      const until = quietUntil(at, r.quietHours ?? DEFAULT_QUIET_HOURS, new Set(r.holidays), r.timeZone);
      if (until) {
        await this.reminders.defer(r.id, until, lease);
        result.deferred++;
        return;
      }
    }
    let digest: { cutoff: Date; count: number } | undefined;
    try {
      const person = { to: r.email, recipientId: r.recipientId, displayName: r.displayName, language: r.language };
      let message;
      if (composer) {
        message = await composer(r, at);
        if (!message) {
          await this.reminders.finish(r.id, 'skipped', lease);
          result.skipped++;
          return;
        }
      } else if (isDigest) {
        const { cutoff, items } = await this.reminders.digestItems(r.id, r.recipientId);
        digest = { cutoff, count: items.length };
        if (items.length === 0) {
          await this.reminders.finish(r.id, 'skipped', lease);
          result.skipped++;
          return;
        }
        message = digestMail(this.config, person, items);
      } else {
        message = reminderMail(this.config, { ...person, kind: r.kind, vars: r.vars, link: r.link, attachments: r.attachments });
      }
      await this.mail.send(message);
    } catch (error) {
      const { message, code } = error as { message?: string; code?: string };
      const retryAt = new Date(at.getTime() + retryDelayMs(r.attempts));
      await this.reminders.fail(r.id, retryAt, `${code ?? 'error'}: ${message ?? ''}`, MAX_ATTEMPTS, lease);
      this.logger.warn({ reminder: r.id, kind: r.kind, attempts: r.attempts, error: { message, code } }, 'reminder not sent; will retry');
      result.failed++;
      return;
    }
    await this.sql.transaction(async () => {
      if (digest) await this.reminders.markDigested(r.id, r.recipientId, digest.cutoff);
      else if ((!composer || chosen) && !isToldInApp(r.kind)) await this.notifications.notify({ recipientId: r.recipientId, kind: `reminders.${r.kind}`, vars: r.vars, link: r.link ?? undefined });
      await this.reminders.finish(r.id, 'sent', lease);
    });
    result.sent++;
  }
}
