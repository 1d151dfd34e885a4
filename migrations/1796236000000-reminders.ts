import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reminder engine (issue 13): a queue whose unique key (kind, recipient, subject, occasion)
 * makes finding-and-enqueueing idempotent, people's per-kind choices, and each city's holidays
 * (quiet days). Also brings the cities still on the first default night window (21:00) to the
 * SPEC's (22:00–07:00).
 */
export class Reminders1796236000000 implements MigrationInterface {
  name = 'Reminders1796236000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE reminder (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind text NOT NULL CHECK (kind ~ '^[a-z][a-zA-Z]*(\\.[a-z][a-zA-Z]*)*$' AND length(kind) <= 80),
      recipient_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      municipality_id uuid REFERENCES municipality(id) ON DELETE CASCADE,
      subject text NOT NULL CHECK (length(subject) <= 200),
      occasion text NOT NULL CHECK (length(occasion) <= 200),
      due_at timestamptz NOT NULL,
      not_before timestamptz NOT NULL,
      urgent boolean NOT NULL DEFAULT false,
      vars jsonb NOT NULL DEFAULT '{}',
      link text CHECK (link IS NULL OR (link LIKE '/%' AND link NOT LIKE '//%' AND length(link) <= 500)),
      attachments jsonb,
      status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sending', 'sent', 'in_app', 'held', 'digested', 'skipped', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      lease_until timestamptz,
      lease_token uuid,
      last_error text CHECK (length(last_error) <= 1000),
      sent_at timestamptz,
      digest_id bigint REFERENCES reminder(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT reminder_once_key UNIQUE (kind, recipient_id, subject, occasion)
    )`);
    await q.query(`CREATE INDEX reminder_due_idx ON reminder (not_before) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX reminder_lease_idx ON reminder (lease_until) WHERE status = 'sending'`);
    await q.query(`CREATE INDEX reminder_held_idx ON reminder (recipient_id) WHERE status = 'held'`);
    await q.query(`CREATE INDEX reminder_log_idx ON reminder (municipality_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX reminder_recipient_idx ON reminder (recipient_id)`);

    await q.query(`CREATE TABLE reminder_preference (
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (length(kind) <= 80),
      channel text NOT NULL CHECK (channel IN ('email', 'in_app', 'digest', 'off')),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, kind)
    )`);

    await q.query(`CREATE TABLE municipality_holiday (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
      day date NOT NULL,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      community text NOT NULL DEFAULT 'all' CHECK (community IN ('all', 'jewish', 'muslim', 'christian', 'druze')),
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT municipality_holiday_day_key UNIQUE (municipality_id, day, name)
    )`);
    await q.query(`INSERT INTO municipality_holiday (municipality_id, day, name, community)
      SELECT m.id, h.day::date, h.name, h.community FROM municipality m CROSS JOIN (VALUES ${HOLIDAYS_2027_SQL}) AS h(day, name, community)
      ON CONFLICT DO NOTHING`);

    await q.query(`UPDATE municipality SET quiet_hours = jsonb_set(quiet_hours, '{nightFrom}', '"22:00"') WHERE quiet_hours->>'nightFrom' = '21:00'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE municipality_holiday`);
    await q.query(`DROP TABLE reminder_preference`);
    await q.query(`DROP TABLE reminder`);
  }
}

/**
 * The coming year's (2027) holidays that close schools, as first seeded: Jewish dates from the
 * fixed calendar; Muslim dates are the expected ones (they follow the sighting of the moon, so a
 * department admin confirms them on the holidays page).
 */
const HOLIDAYS_2027_SQL = [
  ['2027-03-09', 'Eid al-Fitr', 'muslim'],
  ['2027-03-10', 'Eid al-Fitr', 'muslim'],
  ['2027-04-22', 'Pesach', 'jewish'],
  ['2027-04-28', 'Pesach (seventh day)', 'jewish'],
  ['2027-05-12', "Yom Ha'atzmaut", 'all'],
  ['2027-05-16', 'Eid al-Adha', 'muslim'],
  ['2027-05-17', 'Eid al-Adha', 'muslim'],
  ['2027-05-18', 'Eid al-Adha', 'muslim'],
  ['2027-06-06', 'Islamic New Year', 'muslim'],
  ['2027-06-11', 'Shavuot', 'jewish'],
  ['2027-08-15', 'Mawlid an-Nabi', 'muslim'],
  ['2027-10-02', 'Rosh Hashanah', 'jewish'],
  ['2027-10-03', 'Rosh Hashanah', 'jewish'],
  ['2027-10-11', 'Yom Kippur', 'jewish'],
  ['2027-10-16', 'Sukkot', 'jewish'],
  ['2027-10-23', 'Shemini Atzeret', 'jewish'],
]
  .map(([day, name, community]) => `('${day}', '${name.replace(/'/g, "''")}', '${community}')`)
  .join(', ');
