import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal-education goals and the reflective portfolio (issue 12). Both belong to the person
 * (keyed by user, never by cohort or city): who else may read them follows the author's current
 * mentor of record and cohort, decided by `src/portfolio/portfolio.policy.ts`.
 * An entry with `published_at` null is a draft (its author's alone). Earlier versions of an entry
 * are kept in `portfolio_entry_version`; evidence files live in the submission file store, by key.
 */
export class GoalsAndPortfolio1796235000000 implements MigrationInterface {
  name = 'GoalsAndPortfolio1796235000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE goal (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      owner_id uuid NOT NULL REFERENCES app_user(id),
      frame text NOT NULL CHECK (frame IN ('me', 'you', 'us')),
      what text NOT NULL CHECK (length(what) BETWEEN 1 AND 500),
      why text NOT NULL DEFAULT '' CHECK (length(why) <= 5000),
      evidence text NOT NULL DEFAULT '' CHECK (length(evidence) <= 5000),
      target_on date,
      check_in_every_days int NOT NULL DEFAULT 14 CHECK (check_in_every_days BETWEEN 1 AND 365),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'achieved', 'dropped')),
      status_note text CHECK (length(status_note) <= 5000),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX goal_owner_idx ON goal (owner_id, created_at DESC)`);

    await q.query(`CREATE TABLE goal_check_in (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      goal_id uuid NOT NULL REFERENCES goal(id) ON DELETE CASCADE,
      checked_on date NOT NULL,
      note text NOT NULL CHECK (length(note) BETWEEN 1 AND 5000),
      rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX goal_check_in_goal_idx ON goal_check_in (goal_id, checked_on DESC)`);

    await q.query(`CREATE TABLE goal_comment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      goal_id uuid NOT NULL REFERENCES goal(id) ON DELETE CASCADE,
      author_id uuid NOT NULL REFERENCES app_user(id),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX goal_comment_goal_idx ON goal_comment (goal_id, created_at)`);

    await q.query(`CREATE TABLE portfolio_entry (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      author_id uuid NOT NULL REFERENCES app_user(id),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      body_md text NOT NULL DEFAULT '' CHECK (length(body_md) <= 50000),
      visibility text NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'mentor', 'cohort')),
      published_at timestamptz,
      module_id uuid REFERENCES curriculum_module(id) ON DELETE SET NULL,
      goal_id uuid REFERENCES goal(id) ON DELETE SET NULL,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      search tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, title || ' ' || body_md)) STORED
    )`);
    await q.query(`CREATE INDEX portfolio_entry_author_idx ON portfolio_entry (author_id, updated_at DESC)`);
    await q.query(`CREATE INDEX portfolio_entry_published_idx ON portfolio_entry (author_id) WHERE published_at IS NOT NULL`);
    await q.query(`CREATE INDEX portfolio_entry_goal_idx ON portfolio_entry (goal_id) WHERE goal_id IS NOT NULL`);
    await q.query(`CREATE INDEX portfolio_entry_search_idx ON portfolio_entry USING gin (search)`);

    await q.query(`CREATE TABLE portfolio_entry_version (
      entry_id uuid NOT NULL REFERENCES portfolio_entry(id) ON DELETE CASCADE,
      version int NOT NULL,
      title text NOT NULL,
      body_md text NOT NULL,
      visibility text NOT NULL,
      saved_at timestamptz NOT NULL,
      PRIMARY KEY (entry_id, version)
    )`);

    await q.query(`CREATE TABLE portfolio_file (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      entry_id uuid NOT NULL REFERENCES portfolio_entry(id) ON DELETE CASCADE,
      file_key uuid NOT NULL UNIQUE,
      file_name text NOT NULL,
      file_type text NOT NULL,
      file_size int NOT NULL,
      uploaded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX portfolio_file_entry_idx ON portfolio_file (entry_id, uploaded_at)`);

    await q.query(`CREATE TABLE portfolio_feedback (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      entry_id uuid NOT NULL REFERENCES portfolio_entry(id) ON DELETE CASCADE,
      author_id uuid NOT NULL REFERENCES app_user(id),
      parent_id uuid REFERENCES portfolio_feedback(id) ON DELETE CASCADE,
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX portfolio_feedback_entry_idx ON portfolio_feedback (entry_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['portfolio_feedback', 'portfolio_file', 'portfolio_entry_version', 'portfolio_entry', 'goal_comment', 'goal_check_in', 'goal'])
      await q.query(`DROP TABLE ${table}`);
  }
}
