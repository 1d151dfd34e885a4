import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764150000000 implements MigrationInterface {
  name = 'Foundation1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE network (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE municipality (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      network_id uuid REFERENCES network(id),
      name_he text NOT NULL CHECK (length(name_he) BETWEEN 1 AND 200),
      name_ar text NOT NULL CHECK (length(name_ar) BETWEEN 1 AND 200),
      name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
      time_zone text NOT NULL DEFAULT 'Asia/Jerusalem',
      locale text NOT NULL DEFAULT 'he' CHECK (locale IN ('he', 'ar', 'en')),
      quiet_hours jsonb NOT NULL,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX municipality_name_en_key ON municipality (lower(name_en))`);
    await q.query(`CREATE TABLE school (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      municipality_id uuid NOT NULL REFERENCES municipality(id),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      symbol text CHECK (length(symbol) <= 20),
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX school_municipality_name_key ON school (municipality_id, lower(name))`);
    await q.query(`CREATE TABLE app_user (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
      display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
      preferred_language text CHECK (preferred_language IN ('he', 'ar', 'en')),
      municipality_id uuid REFERENCES municipality(id),
      school_id uuid REFERENCES school(id),
      password_hash text,
      active boolean NOT NULL DEFAULT true,
      last_sign_in_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (email)`);
    await q.query(`CREATE INDEX app_user_municipality_idx ON app_user (municipality_id, display_name)`);
    await q.query(`CREATE INDEX app_user_school_idx ON app_user (school_id)`);
    await q.query(`CREATE TABLE role_grant (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('network_admin', 'department_admin', 'mentor', 'teacher')),
      municipality_id uuid REFERENCES municipality(id),
      cohort_id uuid,
      granted_by uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((role = 'network_admin') = (municipality_id IS NULL)),
      CHECK (role IN ('mentor', 'teacher') OR cohort_id IS NULL)
    )`);
    await q.query(`CREATE UNIQUE INDEX role_grant_scope_key ON role_grant (user_id, role,
      coalesce(municipality_id, '00000000-0000-0000-0000-000000000000'::uuid),
      coalesce(cohort_id, '00000000-0000-0000-0000-000000000000'::uuid))`);
    await q.query(`CREATE INDEX role_grant_municipality_idx ON role_grant (municipality_id, role)`);
    await q.query(`CREATE INDEX role_grant_cohort_idx ON role_grant (cohort_id, role) WHERE cohort_id IS NOT NULL`);
    await q.query(`CREATE TABLE audit_event (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid REFERENCES app_user(id),
      municipality_id uuid REFERENCES municipality(id),
      action text NOT NULL,
      subject_type text,
      subject_id text,
      ip text,
      details jsonb NOT NULL DEFAULT '{}'
    )`);
    await q.query(`CREATE INDEX audit_event_municipality_idx ON audit_event (municipality_id, occurred_at DESC)`);
    await q.query(`CREATE INDEX audit_event_subject_idx ON audit_event (subject_type, subject_id)`);
    await q.query(`CREATE TABLE password_reset_token (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      token_hash text NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX password_reset_token_hash_key ON password_reset_token (token_hash)`);
    await q.query(`CREATE INDEX password_reset_token_user_idx ON password_reset_token (user_id)`);
    // The session store of connect-pg-simple, shared by every app instance.
    await q.query(`CREATE TABLE http_session (
      sid varchar NOT NULL PRIMARY KEY,
      sess json NOT NULL,
      expire timestamp(6) NOT NULL
    )`);
    await q.query(`CREATE INDEX http_session_expire_idx ON http_session (expire)`);
    // Fixed-window counters for sign-in throttling, shared by every app instance.
    await q.query(`CREATE TABLE rate_limit_counter (
      key text PRIMARY KEY,
      hits integer NOT NULL,
      window_started_at timestamptz NOT NULL,
      blocked_until timestamptz
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'rate_limit_counter',
      'http_session',
      'password_reset_token',
      'audit_event',
      'role_grant',
      'app_user',
      'school',
      'municipality',
      'network',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
