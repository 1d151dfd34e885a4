import { Injectable } from '@nestjs/common';
import { Sql, sqlStatement } from '../database/sql.js';

export interface NotificationRow {
  id: string;
  kind: string;
  vars: Record<string, string | number>;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export interface NewNotification {
  recipientId: string;
  /** A key under `notifications.kinds` in the catalogues, e.g. `progress.returned`. */
  kind: string;
  /** Values for the message's placeholders: names and titles, never a reflection's or a note's text. */
  vars?: Record<string, string | number>;
  /** Where the notification leads: a path on this site. */
  link?: string;
}

const INSERT_MANY = sqlStatement(
  'notifications.insertMany',
  `INSERT INTO notification (recipient_id, kind, vars, link)
   SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::text[])`,
);

const PAGE_FOR_RECIPIENT = sqlStatement(
  'notifications.pageForRecipient',
  `SELECT id::text, kind, vars, link, created_at AS "createdAt", read_at AS "readAt", count(*) OVER ()::int AS total
     FROM notification
    WHERE recipient_id = $1
    ORDER BY created_at DESC, id DESC
    LIMIT $2 OFFSET $3`,
);

const MARK_READ = sqlStatement('notifications.markRead', `UPDATE notification SET read_at = now() WHERE id = $1 AND recipient_id = $2 AND read_at IS NULL`);

const FIND_LINK = sqlStatement('notifications.findLink', `SELECT link FROM notification WHERE id = $1 AND recipient_id = $2`);

const MARK_ALL_READ = sqlStatement('notifications.markAllRead', `UPDATE notification SET read_at = now() WHERE recipient_id = $1 AND read_at IS NULL`);

@Injectable()
export class NotificationsRepository {
  constructor(private readonly sql: Sql) {}

  async insertMany(entries: NewNotification[]): Promise<void> {
    if (entries.length === 0) return;
    await this.sql.execute(INSERT_MANY, [
      entries.map((e) => e.recipientId),
      entries.map((e) => e.kind),
      entries.map((e) => JSON.stringify(e.vars ?? {})),
      entries.map((e) => e.link ?? null),
    ]);
  }

  async findPageForRecipient(recipientId: string, page: { size: number; offset: number }): Promise<{ items: NotificationRow[]; total: number }> {
    const rows = await this.sql.query<NotificationRow & { total: number }>(PAGE_FOR_RECIPIENT, [recipientId, page.size, page.offset]);
    return { items: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  }

  /** The notification's link, when it is this person's; undefined when it is not theirs (or gone). */
  async findLink(id: string, recipientId: string): Promise<{ link: string | null } | undefined> {
    return this.sql.one<{ link: string | null }>(FIND_LINK, [id, recipientId]);
  }

  async markRead(id: string, recipientId: string): Promise<void> {
    await this.sql.execute(MARK_READ, [id, recipientId]);
  }

  async markAllRead(recipientId: string): Promise<number> {
    return this.sql.execute(MARK_ALL_READ, [recipientId]);
  }
}
