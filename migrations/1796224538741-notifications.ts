import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification centre: what a person is told (a returned submission, a new mentor, feedback on
 * a reflection, a session moved). Messages are stored as a kind and its values, never as text, so
 * each is shown in the reader's language at the time they read it. Append-only apart from read_at.
 */
export class Notifications1796224538741 implements MigrationInterface {
  name = 'Notifications1796224538741';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE notification (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      recipient_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind ~ '^[a-z][a-zA-Z]*(\\.[a-z][a-zA-Z]*)*$' AND length(kind) <= 80),
      vars jsonb NOT NULL DEFAULT '{}',
      link text CHECK (link IS NULL OR (link LIKE '/%' AND link NOT LIKE '//%' AND length(link) <= 500)),
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz
    )`);
    await q.query(`CREATE INDEX notification_recipient_idx ON notification (recipient_id, created_at DESC, id DESC)`);
    // The unread count is read on every page a person opens: an index of only the unread rows.
    await q.query(`CREATE INDEX notification_unread_idx ON notification (recipient_id) WHERE read_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification`);
  }
}
