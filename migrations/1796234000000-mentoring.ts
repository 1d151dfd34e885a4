import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mentoring (issue 11): sessions with their participants and attendance, private mentor notes kept
 * in a table of their own (no query that reads sessions can pick them up by accident), follow-up
 * action items (an optional goal link, without a foreign key until the goals table lands), the
 * mentors' availability slots and the calendar feeds' tokens.
 *
 * Booking guarantee: a slot's occurrence (slot, start) is booked by at most one session that is not
 * cancelled — a partial unique index, so two bookings at the same instant cannot both commit.
 */
export class Mentoring1796234000000 implements MigrationInterface {
  name = 'Mentoring1796234000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE availability_slot (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      municipality_id uuid NOT NULL REFERENCES municipality(id),
      mentor_id uuid NOT NULL REFERENCES app_user(id),
      starts_on date NOT NULL,
      start_time time NOT NULL,
      duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 10 AND 480),
      weeks integer NOT NULL DEFAULT 1 CHECK (weeks BETWEEN 1 AND 52),
      cancel_cutoff_hours integer NOT NULL DEFAULT 24 CHECK (cancel_cutoff_hours BETWEEN 0 AND 336),
      place text CHECK (length(place) <= 300),
      withdrawn_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX availability_slot_mentor_idx ON availability_slot (mentor_id, starts_on)`);
    await q.query(
      `COMMENT ON TABLE availability_slot IS 'A mentor''s bookable time: one-off (weeks = 1) or weekly for weeks occurrences, at start_time on the municipality''s clock (so correct across daylight-saving changes).'`,
    );

    await q.query(`CREATE TABLE mentoring_session (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      municipality_id uuid NOT NULL REFERENCES municipality(id),
      cohort_id uuid NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
      mentor_id uuid NOT NULL REFERENCES app_user(id),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      place text CHECK (length(place) <= 300),
      online_url text CHECK (length(online_url) <= 500),
      agenda text NOT NULL DEFAULT '' CHECK (length(agenda) <= 10000),
      shared_notes text NOT NULL DEFAULT '' CHECK (length(shared_notes) <= 20000),
      status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
      cancel_reason text CHECK (length(cancel_reason) <= 1000),
      slot_id uuid REFERENCES availability_slot(id),
      slot_starts_at timestamptz,
      cancel_cutoff_hours integer NOT NULL DEFAULT 0,
      sequence integer NOT NULL DEFAULT 0,
      created_by uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at),
      CHECK ((slot_id IS NULL) = (slot_starts_at IS NULL))
    )`);
    await q.query(`CREATE INDEX mentoring_session_mentor_idx ON mentoring_session (mentor_id, starts_at)`);
    await q.query(`CREATE INDEX mentoring_session_cohort_idx ON mentoring_session (cohort_id)`);
    await q.query(
      `CREATE UNIQUE INDEX mentoring_session_slot_booking_key ON mentoring_session (slot_id, slot_starts_at) WHERE slot_id IS NOT NULL AND status <> 'cancelled'`,
    );
    await q.query(`COMMENT ON COLUMN mentoring_session.sequence IS 'iCalendar SEQUENCE: raised by every change of time, place or status.'`);

    await q.query(`CREATE TABLE mentoring_participant (
      session_id uuid NOT NULL REFERENCES mentoring_session(id) ON DELETE CASCADE,
      teacher_id uuid NOT NULL REFERENCES app_user(id),
      attended boolean,
      PRIMARY KEY (session_id, teacher_id)
    )`);
    await q.query(`CREATE INDEX mentoring_participant_teacher_idx ON mentoring_participant (teacher_id)`);

    await q.query(`CREATE TABLE mentoring_private_note (
      session_id uuid PRIMARY KEY REFERENCES mentoring_session(id) ON DELETE CASCADE,
      mentor_id uuid NOT NULL REFERENCES app_user(id),
      body text NOT NULL CHECK (length(body) <= 20000),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `COMMENT ON TABLE mentoring_private_note IS 'A mentor''s private notes on a session: read by that mentor only, never shown, exported or fed to anyone else.'`,
    );

    await q.query(`CREATE TABLE mentoring_action_item (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      session_id uuid NOT NULL REFERENCES mentoring_session(id) ON DELETE CASCADE,
      owner_id uuid NOT NULL REFERENCES app_user(id),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
      due_on date,
      goal_id uuid,
      done_at timestamptz,
      done_by uuid REFERENCES app_user(id),
      created_by uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX mentoring_action_item_session_idx ON mentoring_action_item (session_id)`);
    await q.query(`CREATE INDEX mentoring_action_item_open_idx ON mentoring_action_item (owner_id) WHERE done_at IS NULL`);
    await q.query(`COMMENT ON COLUMN mentoring_action_item.goal_id IS 'The goal it serves (goals land with issue 12, which adds the foreign key).'`);

    await q.query(`CREATE TABLE calendar_feed (
      user_id uuid PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
      token text NOT NULL UNIQUE CHECK (length(token) >= 16),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`COMMENT ON TABLE calendar_feed IS 'A person''s private iCal feed: its URL token, 32 random URL-safe characters, replaced when they reset it.'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['calendar_feed', 'mentoring_action_item', 'mentoring_private_note', 'mentoring_participant', 'mentoring_session', 'availability_slot']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
