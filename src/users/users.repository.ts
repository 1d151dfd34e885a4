import { Injectable } from '@nestjs/common';
import type { SignedInActor } from '../auth/actor.js';
import type { NormalisedEmail } from '../common/email-address.js';
import type { Language } from '../common/i18n/language.js';
import { Sql, sqlStatement } from '../database/sql.js';

export interface SignInRecord {
  id: string;
  email: string;
  passwordHash: string | null;
  active: boolean;
  municipalityId: string | null;
  /** Their city's, to say in it when a paused sign-in may be tried again. */
  timeZone: string | null;
}

const FIND_FOR_SIGN_IN = sqlStatement(
  'users.findForSignIn',
  `SELECT u.id, u.email, u.password_hash AS "passwordHash", u.active, u.municipality_id AS "municipalityId", m.time_zone AS "timeZone"
     FROM app_user u LEFT JOIN municipality m ON m.id = u.municipality_id WHERE u.email = $1`,
);

const FIND_ACTIVE_ACTOR = sqlStatement(
  'users.findActiveActor',
  `SELECT u.id, u.email, u.display_name AS "displayName", u.preferred_language AS "preferredLanguage",
          u.municipality_id AS "municipalityId", m.time_zone AS "municipalityTimeZone", m.locale AS "municipalityLocale",
          -- Shown in the header of every page: counted from the index of unread rows, up to 100.
          (SELECT count(*)::int FROM (SELECT 1 FROM notification n WHERE n.recipient_id = u.id AND n.read_at IS NULL LIMIT 100) unread) AS "unreadNotifications",
          coalesce(json_agg(json_build_object('role', g.role, 'municipalityId', g.municipality_id, 'cohortId', g.cohort_id))
            FILTER (WHERE g.id IS NOT NULL), '[]') AS grants,
          EXISTS (SELECT 1 FROM two_factor tf WHERE tf.user_id = u.id AND tf.confirmed_at IS NOT NULL) AS "twoFactorEnabled",
          (coalesce(bool_or(g.role = 'department_admin' AND gm.require_two_factor), false)
            OR coalesce(bool_or(g.role = 'network_admin') AND (SELECT n.require_two_factor FROM network n ORDER BY n.created_at, n.id LIMIT 1), false))
            AS "twoFactorRequired"
     FROM app_user u
     LEFT JOIN municipality m ON m.id = u.municipality_id
     LEFT JOIN role_grant g ON g.user_id = u.id
     LEFT JOIN municipality gm ON gm.id = g.municipality_id AND g.role = 'department_admin'
    WHERE u.id = $1 AND u.active
    GROUP BY u.id, m.id`,
);

const RECORD_SIGN_IN = sqlStatement('users.recordSignIn', 'UPDATE app_user SET last_sign_in_at = now() WHERE id = $1');
const FIND_PASSWORD_HASH = sqlStatement('users.findPasswordHash', 'SELECT password_hash AS "passwordHash" FROM app_user WHERE id = $1');
const UPDATE_PASSWORD_HASH = sqlStatement('users.updatePasswordHash', 'UPDATE app_user SET password_hash = $2, updated_at = now() WHERE id = $1');
const END_SESSIONS = sqlStatement('users.endSessions', 'DELETE FROM http_session WHERE user_id = $1 AND ($2::text IS NULL OR sid <> $2)');
const UPDATE_PROFILE = sqlStatement('users.updateProfile', 'UPDATE app_user SET display_name = $2, preferred_language = $3, updated_at = now() WHERE id = $1');
const UPDATE_PREFERRED_LANGUAGE = sqlStatement(
  'users.updatePreferredLanguage',
  'UPDATE app_user SET preferred_language = $2, updated_at = now() WHERE id = $1',
);

@Injectable()
export class UsersRepository {
  constructor(private readonly sql: Sql) {}

  async findForSignIn(email: NormalisedEmail): Promise<SignInRecord | undefined> {
    return this.sql.one<SignInRecord>(FIND_FOR_SIGN_IN, [email]);
  }

  /** The signed-in person with every role grant, in one query; inactive people are not found. */
  async findActiveActor(id: string): Promise<SignedInActor | undefined> {
    return this.sql.one<SignedInActor>(FIND_ACTIVE_ACTOR, [id]);
  }

  async recordSignIn(id: string): Promise<void> {
    await this.sql.execute(RECORD_SIGN_IN, [id]);
  }

  async findPasswordHash(id: string): Promise<string | null> {
    return (await this.sql.one<{ passwordHash: string | null }>(FIND_PASSWORD_HASH, [id]))?.passwordHash ?? null;
  }

  async updatePasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.sql.execute(UPDATE_PASSWORD_HASH, [id, passwordHash]);
  }

  /**
   * Signs a person out of every browser, except the session making the request when given
   * (a password change keeps its own). Returns how many sessions ended.
   */
  async endSessions(userId: string, exceptSessionId: string | null): Promise<number> {
    return this.sql.execute(END_SESSIONS, [userId, exceptSessionId]);
  }

  async updateProfile(id: string, displayName: string, preferredLanguage: Language | null): Promise<void> {
    await this.sql.execute(UPDATE_PROFILE, [id, displayName, preferredLanguage]);
  }

  async updatePreferredLanguage(id: string, language: string): Promise<void> {
    await this.sql.execute(UPDATE_PREFERRED_LANGUAGE, [id, language]);
  }
}
