import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The two-year path: programmes (a city's own, or a network template when municipality_id is
 * null) of ordered phases holding curriculum modules; cohorts running a programme in a city, with
 * members, mentor groups and per-module windows; each teacher's progress on each module with its
 * full history. Tenant-owned rows carry municipality_id so every query can be scoped cheaply.
 */
export class ProgrammesCohortsProgress1764150100000 implements MigrationInterface {
  name = 'ProgrammesCohortsProgress1764150100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE programme (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      municipality_id uuid REFERENCES municipality(id),
      origin_programme_id uuid REFERENCES programme(id) ON DELETE SET NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
      min_sessions_attended integer NOT NULL DEFAULT 0 CHECK (min_sessions_attended BETWEEN 0 AND 1000),
      min_reflections integer NOT NULL DEFAULT 0 CHECK (min_reflections BETWEEN 0 AND 1000),
      min_workshop_attendance_pct integer NOT NULL DEFAULT 0 CHECK (min_workshop_attendance_pct BETWEEN 0 AND 100),
      archived boolean NOT NULL DEFAULT false,
      created_by uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX programme_municipality_idx ON programme (municipality_id, title)`);

    await q.query(`CREATE TABLE programme_phase (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      programme_id uuid NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
      position integer NOT NULL CHECK (position >= 0),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
      UNIQUE (programme_id, position) DEFERRABLE INITIALLY DEFERRED
    )`);

    await q.query(`CREATE TABLE curriculum_module (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      programme_id uuid NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
      phase_id uuid NOT NULL REFERENCES programme_phase(id) ON DELETE CASCADE,
      position integer NOT NULL CHECK (position >= 0),
      origin_module_id uuid REFERENCES curriculum_module(id) ON DELETE SET NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 1000),
      body_md text NOT NULL DEFAULT '' CHECK (length(body_md) <= 100000),
      learning_objectives text NOT NULL DEFAULT '' CHECK (length(learning_objectives) <= 5000),
      estimated_hours numeric(5,1) NOT NULL DEFAULT 1 CHECK (estimated_hours >= 0 AND estimated_hours <= 1000),
      kind text NOT NULL CHECK (kind IN ('workshop', 'online', 'practicum', 'expedition')),
      completion_method text NOT NULL CHECK (completion_method IN ('self', 'approval', 'attendance')),
      reflection_prompt text NOT NULL DEFAULT '' CHECK (length(reflection_prompt) <= 2000),
      required boolean NOT NULL DEFAULT true,
      opens_offset_days integer NOT NULL DEFAULT 0 CHECK (opens_offset_days BETWEEN 0 AND 1500),
      due_offset_days integer NOT NULL DEFAULT 30 CHECK (due_offset_days BETWEEN 0 AND 1500),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (due_offset_days >= opens_offset_days),
      UNIQUE (phase_id, position) DEFERRABLE INITIALLY DEFERRED
    )`);
    await q.query(`CREATE INDEX curriculum_module_programme_idx ON curriculum_module (programme_id)`);

    await q.query(`CREATE TABLE module_prerequisite (
      module_id uuid NOT NULL REFERENCES curriculum_module(id) ON DELETE CASCADE,
      prerequisite_id uuid NOT NULL REFERENCES curriculum_module(id) ON DELETE CASCADE,
      PRIMARY KEY (module_id, prerequisite_id),
      CHECK (module_id <> prerequisite_id)
    )`);
    await q.query(`CREATE INDEX module_prerequisite_prerequisite_idx ON module_prerequisite (prerequisite_id)`);

    await q.query(`CREATE TABLE cohort (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      municipality_id uuid NOT NULL REFERENCES municipality(id),
      programme_id uuid NOT NULL REFERENCES programme(id),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      archived boolean NOT NULL DEFAULT false,
      created_by uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_on > starts_on)
    )`);
    await q.query(`CREATE INDEX cohort_municipality_idx ON cohort (municipality_id, starts_on DESC)`);
    await q.query(`CREATE INDEX cohort_programme_idx ON cohort (programme_id)`);

    await q.query(`CREATE TABLE mentor_group (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      cohort_id uuid NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
      mentor_id uuid NOT NULL REFERENCES app_user(id),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX mentor_group_cohort_idx ON mentor_group (cohort_id)`);
    await q.query(`CREATE INDEX mentor_group_mentor_idx ON mentor_group (mentor_id)`);

    await q.query(`CREATE TABLE cohort_member (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      cohort_id uuid NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES app_user(id),
      role text NOT NULL CHECK (role IN ('teacher', 'mentor')),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
      mentor_group_id uuid REFERENCES mentor_group(id) ON DELETE SET NULL,
      joined_at timestamptz NOT NULL DEFAULT now(),
      withdrawn_at timestamptz,
      UNIQUE (cohort_id, user_id, role),
      CHECK (role = 'teacher' OR mentor_group_id IS NULL)
    )`);
    await q.query(`CREATE INDEX cohort_member_user_idx ON cohort_member (user_id)`);
    await q.query(`CREATE INDEX cohort_member_group_idx ON cohort_member (mentor_group_id) WHERE mentor_group_id IS NOT NULL`);

    await q.query(`CREATE TABLE cohort_member_event (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      cohort_member_id uuid NOT NULL REFERENCES cohort_member(id) ON DELETE CASCADE,
      action text NOT NULL CHECK (action IN ('enrolled', 'withdrawn', 'readmitted', 'group_changed')),
      actor_id uuid REFERENCES app_user(id),
      note text CHECK (length(note) <= 2000),
      occurred_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX cohort_member_event_member_idx ON cohort_member_event (cohort_member_id, occurred_at)`);

    await q.query(`CREATE TABLE module_window (
      cohort_id uuid NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
      module_id uuid NOT NULL REFERENCES curriculum_module(id) ON DELETE CASCADE,
      opens_on date NOT NULL,
      due_on date NOT NULL,
      PRIMARY KEY (cohort_id, module_id),
      CHECK (due_on >= opens_on)
    )`);

    await q.query(`CREATE TABLE module_progress (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      cohort_id uuid NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
      module_id uuid NOT NULL REFERENCES curriculum_module(id) ON DELETE CASCADE,
      teacher_id uuid NOT NULL REFERENCES app_user(id),
      status text NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress', 'submitted', 'approved', 'returned')),
      submission_text text CHECK (length(submission_text) <= 50000),
      submission_file_name text CHECK (length(submission_file_name) <= 255),
      submission_file_type text,
      submission_file_size integer,
      submission_file_key text,
      mentor_comment text CHECK (length(mentor_comment) <= 5000),
      started_at timestamptz,
      submitted_at timestamptz,
      reviewed_at timestamptz,
      reviewed_by uuid REFERENCES app_user(id),
      completed_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (cohort_id, teacher_id, module_id)
    )`);
    await q.query(`CREATE INDEX module_progress_cohort_module_idx ON module_progress (cohort_id, module_id, status)`);
    await q.query(`CREATE INDEX module_progress_review_queue_idx ON module_progress (cohort_id, submitted_at) WHERE status = 'submitted'`);

    await q.query(`CREATE TABLE progress_event (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      progress_id uuid NOT NULL REFERENCES module_progress(id) ON DELETE CASCADE,
      from_status text,
      to_status text NOT NULL,
      actor_id uuid REFERENCES app_user(id),
      comment text CHECK (length(comment) <= 5000),
      occurred_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX progress_event_progress_idx ON progress_event (progress_id, occurred_at)`);

    await q.query(`ALTER TABLE role_grant ADD CONSTRAINT role_grant_cohort_fk FOREIGN KEY (cohort_id) REFERENCES cohort(id) ON DELETE CASCADE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE role_grant DROP CONSTRAINT role_grant_cohort_fk');
    for (const table of [
      'progress_event',
      'module_progress',
      'module_window',
      'cohort_member_event',
      'cohort_member',
      'mentor_group',
      'cohort',
      'module_prerequisite',
      'curriculum_module',
      'programme_phase',
      'programme',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
