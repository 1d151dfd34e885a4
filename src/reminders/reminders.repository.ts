import { Injectable } from '@nestjs/common';
import { Sql, sqlStatement, type SqlStatement } from '../database/sql.js';
import type { Language } from '../common/i18n/language.js';
import type { QuietHours } from '../municipalities/quiet-hours.js';
import { DIGEST_KIND, REMINDER_FINDERS, type ReminderFinder } from './finders.js';

/** A file sent with a reminder's e-mail (a session's iCal): stored with the queued row until it is sent. */
export interface ReminderAttachment {
  filename: string;
  contentType: string;
  /** The content as text (iCal is text). */
  content: string;
}

export type Channel = 'email' | 'in_app' | 'digest' | 'off';
export const CHANNELS: readonly Channel[] = ['email', 'in_app', 'digest', 'off'];

export interface ClaimedReminder {
  id: string;
  kind: string;
  recipientId: string;
  subject: string;
  occasion: string;
  vars: Record<string, string | number>;
  link: string | null;
  urgent: boolean;
  attempts: number;
  notBefore: Date;
  attachments: ReminderAttachment[] | null;
  email: string;
  displayName: string;
  active: boolean;
  language: Language;
  timeZone: string;
  quietHours: QuietHours | null;
  holidays: string[];
  channel: Channel;
}

export interface DigestItem {
  kind: string;
  vars: Record<string, string | number>;
  link: string | null;
}

export interface LogRow {
  id: string;
  kind: string;
  recipientName: string;
  recipientEmail: string;
  status: string;
  attempts: number;
  notBefore: Date;
  sentAt: Date | null;
  lastError: string | null;
  createdAt: Date;
}

export interface Holiday {
  id: string;
  day: string;
  name: string;
  community: string;
}

function enqueueStatement(finder: ReminderFinder): SqlStatement {
  if (!/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)*$/.test(finder.kind)) throw new Error(`Bad reminder kind ${finder.kind}`);
  const attachments = finder.withAttachments ? 'f.attachments' : 'NULL::jsonb';
  return sqlStatement(
    `reminders.enqueue.${finder.kind}`,
    `INSERT INTO reminder (kind, recipient_id, municipality_id, subject, occasion, due_at, not_before, vars, link, attachments)
     SELECT '${finder.kind}', f.recipient_id, f.municipality_id, f.subject, f.occasion, f.due_at, f.due_at, f.vars, f.link, ${attachments}
       FROM (${finder.select}) f
     ON CONFLICT ON CONSTRAINT reminder_once_key DO NOTHING`,
  );
}

const ENQUEUE = new Map(REMINDER_FINDERS.map((f) => [f.kind, enqueueStatement(f)]));
const TOLD_IN_APP = new Set(REMINDER_FINDERS.filter((f) => f.toldInApp).map((f) => f.kind));

export function isToldInApp(kind: string): boolean {
  return TOLD_IN_APP.has(kind);
}

const ENQUEUE_ONE = sqlStatement(
  'reminders.enqueueOne',
  `INSERT INTO reminder (kind, recipient_id, municipality_id, subject, occasion, due_at, not_before, urgent, vars, link, attachments)
   SELECT $1, u.id, u.municipality_id, $3, $4, $5, $5, $6, $7, $8, $9 FROM app_user u WHERE u.id = $2
   ON CONFLICT ON CONSTRAINT reminder_once_key DO NOTHING
   RETURNING id::text`,
);

/** Held items become one digest per person per week, due on the Sunday (08:00 local) after the week they fell in. */
const ENQUEUE_DIGESTS = sqlStatement(
  'reminders.enqueueDigests',
  `INSERT INTO reminder (kind, recipient_id, municipality_id, subject, occasion, due_at, not_before)
   SELECT '${DIGEST_KIND}', r.recipient_id, u.municipality_id, 'week', s.sunday::text,
          (s.sunday + time '08:00') AT TIME ZONE coalesce(mu.time_zone, 'Asia/Jerusalem'),
          (s.sunday + time '08:00') AT TIME ZONE coalesce(mu.time_zone, 'Asia/Jerusalem')
     FROM reminder r
     JOIN app_user u ON u.id = r.recipient_id
     LEFT JOIN municipality mu ON mu.id = u.municipality_id
     CROSS JOIN LATERAL (SELECT (r.not_before AT TIME ZONE coalesce(mu.time_zone, 'Asia/Jerusalem'))::date AS d) x
     CROSS JOIN LATERAL (SELECT x.d + (7 - extract(dow FROM x.d)::int) AS sunday) s
    WHERE r.status = 'held' AND r.digest_id IS NULL
    GROUP BY r.recipient_id, u.municipality_id, mu.time_zone, s.sunday
   ON CONFLICT ON CONSTRAINT reminder_once_key DO NOTHING`,
);

/**
 * Claims due reminders for one sender: rows pending and due at the pass's clock ($1), or whose
 * sender's lease has run out on the real clock (it died mid-send). SKIP LOCKED: two senders never
 * wait for each other and never take the same row. The row leaves the claim as `sending` with a
 * lease token only this sender knows; every later change checks it.
 */
const CLAIM = sqlStatement(
  'reminders.claim',
  `WITH picked AS (
     SELECT id FROM reminder
      WHERE ((status = 'pending' AND not_before <= $1::timestamptz) OR (status = 'sending' AND lease_until < clock_timestamp()))
        AND ($5::bigint IS NULL OR id = $5::bigint)
      ORDER BY not_before, id
      LIMIT $2
      FOR UPDATE SKIP LOCKED
   ), claimed AS (
     UPDATE reminder r SET status = 'sending', attempts = r.attempts + 1,
            lease_until = clock_timestamp() + make_interval(secs => $3::int), lease_token = $4::uuid
       FROM picked WHERE r.id = picked.id
     RETURNING r.*
   )
   SELECT cl.id::text, cl.kind, cl.recipient_id AS "recipientId", cl.subject, cl.occasion, cl.vars, cl.link, cl.urgent, cl.attempts,
          cl.not_before AS "notBefore", cl.attachments, u.email, u.display_name AS "displayName", u.active,
          coalesce(u.preferred_language, mu.locale, 'he') AS language, coalesce(mu.time_zone, 'Asia/Jerusalem') AS "timeZone",
          mu.quiet_hours AS "quietHours", coalesce(p.channel, 'email') AS channel,
          coalesce((SELECT array_agg(h.day::text) FROM municipality_holiday h
                     WHERE h.municipality_id = mu.id
                       AND h.day BETWEEN ($1::timestamptz AT TIME ZONE mu.time_zone)::date - 1 AND ($1::timestamptz AT TIME ZONE mu.time_zone)::date + 14), '{}') AS holidays
     FROM claimed cl
     JOIN app_user u ON u.id = cl.recipient_id
     LEFT JOIN municipality mu ON mu.id = coalesce(cl.municipality_id, u.municipality_id)
     LEFT JOIN reminder_preference p ON p.user_id = cl.recipient_id AND p.kind = cl.kind
    ORDER BY cl.not_before, cl.id`,
);

/** Back to the queue, due later (quiet time): the claim's attempt does not count. */
const DEFER = sqlStatement(
  'reminders.defer',
  `UPDATE reminder SET status = 'pending', not_before = $2, attempts = attempts - 1, lease_until = NULL, lease_token = NULL
    WHERE id = $1 AND lease_token = $3::uuid`,
);

/**
 * The outcome: sent, in_app, held (for the digest) or skipped. An attachment is not kept once
 * sent, nor what an account mail needed (the requester's address).
 */
const FINISH = sqlStatement(
  'reminders.finish',
  `UPDATE reminder SET status = $2, sent_at = CASE WHEN $2 IN ('sent', 'in_app') THEN clock_timestamp() END,
          lease_until = NULL, lease_token = NULL, last_error = NULL, attachments = NULL,
          vars = CASE WHEN kind LIKE 'account.%' THEN '{}'::jsonb ELSE vars END
    WHERE id = $1 AND lease_token = $3::uuid`,
);

/** A failed send: retried at $2 (back-off) until $4 attempts, then kept as failed. */
const FAIL = sqlStatement(
  'reminders.fail',
  `UPDATE reminder SET status = CASE WHEN attempts >= $4 THEN 'failed' ELSE 'pending' END, not_before = $2,
          last_error = left($3, 1000), lease_until = NULL, lease_token = NULL
    WHERE id = $1 AND lease_token = $5::uuid`,
);

const DIGEST_ITEMS = sqlStatement(
  'reminders.digestItems',
  `SELECT kind, vars, link FROM reminder
    WHERE recipient_id = $1 AND status = 'held' AND digest_id IS NULL AND not_before < $2
    ORDER BY not_before, id LIMIT 200`,
);

const MARK_DIGESTED = sqlStatement(
  'reminders.markDigested',
  `UPDATE reminder SET status = 'digested', digest_id = $1 WHERE recipient_id = $2 AND status = 'held' AND digest_id IS NULL AND not_before < $3`,
);

const DIGEST_CUTOFF = sqlStatement('reminders.digestCutoff', `SELECT due_at AS "dueAt" FROM reminder WHERE id = $1`);

const PREFERENCES = sqlStatement('reminders.preferences', `SELECT kind, channel FROM reminder_preference WHERE user_id = $1`);

const SAVE_PREFERENCES = sqlStatement(
  'reminders.savePreferences',
  `INSERT INTO reminder_preference (user_id, kind, channel)
   SELECT $1, k, c FROM unnest($2::text[], $3::text[]) AS p(k, c)
   ON CONFLICT (user_id, kind) DO UPDATE SET channel = EXCLUDED.channel, updated_at = now()`,
);

const USER_FOR_TOKEN = sqlStatement(
  'reminders.userForToken',
  `SELECT id, display_name AS "displayName", coalesce(preferred_language, 'he') AS language FROM app_user WHERE id = $1 AND active`,
);

const LOG_PAGE = sqlStatement(
  'reminders.logPage',
  `SELECT r.id::text, r.kind, u.display_name AS "recipientName", u.email AS "recipientEmail", r.status, r.attempts,
          r.not_before AS "notBefore", r.sent_at AS "sentAt", r.last_error AS "lastError", r.created_at AS "createdAt",
          count(*) OVER ()::int AS total
     FROM reminder r JOIN app_user u ON u.id = r.recipient_id
    WHERE r.municipality_id = $1
      AND ($2::text IS NULL OR r.status = $2::text)
      AND ($3::text IS NULL OR r.kind = $3::text)
    ORDER BY r.created_at DESC, r.id DESC
    LIMIT $4 OFFSET $5`,
);

const HOLIDAYS = sqlStatement(
  'reminders.holidays',
  `SELECT id, day::text, name, community FROM municipality_holiday WHERE municipality_id = $1 ORDER BY day, name`,
);
const ADD_HOLIDAY = sqlStatement(
  'reminders.addHoliday',
  `INSERT INTO municipality_holiday (municipality_id, day, name, community) VALUES ($1, $2, $3, $4)
   ON CONFLICT ON CONSTRAINT municipality_holiday_day_key DO NOTHING RETURNING id`,
);
const FIND_HOLIDAY = sqlStatement(
  'reminders.findHoliday',
  `SELECT id, day::text, name, community, municipality_id AS "municipalityId" FROM municipality_holiday
    WHERE id = $1 AND ($2::uuid[] IS NULL OR municipality_id = ANY($2::uuid[]))`,
);
const DELETE_HOLIDAY = sqlStatement(
  'reminders.deleteHoliday',
  `DELETE FROM municipality_holiday WHERE id = $1 AND municipality_id = $2 RETURNING day::text, name`,
);

const AUDIENCE_SQL = `u.municipality_id = $1 AND u.active
  AND ($2::text = 'everyone' OR EXISTS (SELECT 1 FROM role_grant rg WHERE rg.user_id = u.id AND rg.role = $2::text))`;

const ENQUEUE_ANNOUNCEMENT = sqlStatement(
  'reminders.enqueueAnnouncement',
  `INSERT INTO reminder (kind, recipient_id, municipality_id, subject, occasion, due_at, not_before, urgent, vars, link)
   SELECT 'announcement', u.id, $1, 'announcement', $3, $4, $4, $5, $6, NULL
     FROM app_user u WHERE ${AUDIENCE_SQL}
   ON CONFLICT ON CONSTRAINT reminder_once_key DO NOTHING`,
);

@Injectable()
export class RemindersRepository {
  constructor(private readonly sql: Sql) {}

  /** Runs one finder: returns how many new reminders it queued. */
  async enqueueFound(kind: string, at: Date): Promise<number> {
    const statement = ENQUEUE.get(kind);
    if (!statement) throw new Error(`No finder for ${kind}`);
    return this.sql.execute(statement, [at]);
  }

  async enqueueOne(r: {
    kind: string;
    recipientId: string;
    subject: string;
    occasion: string;
    dueAt: Date;
    urgent?: boolean;
    vars?: Record<string, string | number>;
    link?: string | null;
    attachments?: ReminderAttachment[] | null;
  }): Promise<string | undefined> {
    const rows = await this.sql.query<{ id: string }>(ENQUEUE_ONE, [
      r.kind,
      r.recipientId,
      r.subject,
      r.occasion,
      r.dueAt,
      r.urgent ?? false,
      JSON.stringify(r.vars ?? {}),
      r.link ?? null,
      r.attachments ? JSON.stringify(r.attachments) : null,
    ]);
    return rows[0]?.id;
  }

  async enqueueDigests(): Promise<number> {
    return this.sql.execute(ENQUEUE_DIGESTS);
  }

  /** Claims due reminders (only the one with `id` when given). */
  async claim(at: Date, limit: number, leaseSeconds: number, leaseToken: string, id: string | null = null): Promise<ClaimedReminder[]> {
    return this.sql.query<ClaimedReminder>(CLAIM, [at, limit, leaseSeconds, leaseToken, id]);
  }

  async defer(id: string, until: Date, leaseToken: string): Promise<void> {
    await this.sql.execute(DEFER, [id, until, leaseToken]);
  }

  async finish(id: string, status: 'sent' | 'in_app' | 'held' | 'skipped', leaseToken: string): Promise<number> {
    return this.sql.execute(FINISH, [id, status, leaseToken]);
  }

  async fail(id: string, retryAt: Date, error: string, maxAttempts: number, leaseToken: string): Promise<void> {
    await this.sql.execute(FAIL, [id, retryAt, error, maxAttempts, leaseToken]);
  }

  async digestItems(digestId: string, recipientId: string): Promise<{ cutoff: Date; items: DigestItem[] }> {
    const row = await this.sql.one<{ dueAt: Date }>(DIGEST_CUTOFF, [digestId]);
    const cutoff = row!.dueAt;
    return { cutoff, items: await this.sql.query<DigestItem>(DIGEST_ITEMS, [recipientId, cutoff]) };
  }

  async markDigested(digestId: string, recipientId: string, cutoff: Date): Promise<void> {
    await this.sql.execute(MARK_DIGESTED, [digestId, recipientId, cutoff]);
  }

  async preferences(userId: string): Promise<Map<string, Channel>> {
    const rows = await this.sql.query<{ kind: string; channel: Channel }>(PREFERENCES, [userId]);
    return new Map(rows.map((r) => [r.kind, r.channel]));
  }

  async savePreferences(userId: string, choices: [string, Channel][]): Promise<void> {
    if (choices.length === 0) return;
    await this.sql.execute(SAVE_PREFERENCES, [userId, choices.map((c) => c[0]), choices.map((c) => c[1])]);
  }

  async activeUser(id: string): Promise<{ id: string; displayName: string; language: Language } | undefined> {
    return this.sql.one(USER_FOR_TOKEN, [id]);
  }

  async logPage(municipalityId: string, status: string | null, kind: string | null, page: { size: number; offset: number }): Promise<{ items: LogRow[]; total: number }> {
    const rows = await this.sql.query<LogRow & { total: number }>(LOG_PAGE, [municipalityId, status, kind, page.size, page.offset]);
    return { items: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
  }

  async holidays(municipalityId: string): Promise<Holiday[]> {
    return this.sql.query<Holiday>(HOLIDAYS, [municipalityId]);
  }

  async addHoliday(municipalityId: string, day: string, name: string, community: string): Promise<boolean> {
    return (await this.sql.query(ADD_HOLIDAY, [municipalityId, day, name, community])).length > 0;
  }

  /** A holiday of one of the cities in scope (null: any city). */
  async findHoliday(id: string, scope: string[] | null): Promise<(Holiday & { municipalityId: string }) | undefined> {
    return this.sql.one(FIND_HOLIDAY, [id, scope]);
  }

  async deleteHoliday(id: string, municipalityId: string): Promise<{ day: string; name: string } | undefined> {
    return this.sql.one(DELETE_HOLIDAY, [id, municipalityId]);
  }

  /** A department admin's announcement: one reminder per person of the audience, in one statement; returns how many. */
  async enqueueAnnouncement(municipalityId: string, audience: string, announcementId: string, at: Date, urgent: boolean, vars: { title: string; message: string }): Promise<number> {
    return this.sql.execute(ENQUEUE_ANNOUNCEMENT, [municipalityId, audience, announcementId, at, urgent, JSON.stringify(vars)]);
  }
}
