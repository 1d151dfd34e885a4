import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mail addresses in one form (src/common/email-address.ts): the app used to lower-case in
 * JavaScript for throttling and in PostgreSQL for look-ups, and the two disagreed (İ), so every
 * spelling of an address had fresh sign-in attempts. normalised_email() is the SQL twin of
 * normaliseEmail(), which a test keeps in agreement; the CHECK makes every stored address a fixed
 * point of it, so the unique index on email is uniqueness of the normalised address.
 *
 * Two stored addresses that normalise to one are two accounts of one mailbox: merging them is a
 * person's decision, so the migration stops and names them rather than guessing.
 */
export class NormalisedEmails1796224970760 implements MigrationInterface {
  name = 'NormalisedEmails1796224970760';

  async up(q: QueryRunner): Promise<void> {
    // chr(775) is U+0307, the combining dot above.
    await q.query(`CREATE FUNCTION normalised_email(raw text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
        SELECT CASE WHEN s LIKE '%@%' THEN rtrim(s, '. ') ELSE s END
          FROM (SELECT normalize(replace(lower(btrim(normalize(raw, NFKC))), 'i' || chr(775), 'i'), NFKC) AS s) AS n
      $fn$`);
    await q.query(`DO $$
      DECLARE clashes text;
      BEGIN
        SELECT string_agg(format('%s (%s)', normalised, ids), '; ') INTO clashes
          FROM (SELECT normalised_email(email) AS normalised, string_agg(id::text, ', ' ORDER BY created_at) AS ids
                  FROM app_user GROUP BY 1 HAVING count(*) > 1) AS c;
        IF clashes IS NOT NULL THEN
          RAISE EXCEPTION 'These accounts have e-mail addresses that are one address once normalised; merge or rename them first: %', clashes;
        END IF;
      END $$`);
    await q.query(`UPDATE app_user SET email = normalised_email(email), updated_at = now() WHERE email <> normalised_email(email)`);
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_email_check`);
    await q.query(`ALTER TABLE app_user ADD CONSTRAINT app_user_email_check CHECK (email = normalised_email(email) AND length(email) BETWEEN 3 AND 254)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_email_check`);
    await q.query(`ALTER TABLE app_user ADD CONSTRAINT app_user_email_check CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254)`);
    await q.query(`DROP FUNCTION normalised_email(text)`);
  }
}
