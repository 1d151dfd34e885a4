import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import type { Language } from './user.entity.js';

export interface SignInRecord {
  id: string;
  email: string;
  passwordHash: string | null;
  active: boolean;
  municipalityId: string | null;
}

@Injectable()
export class UsersRepository {
  constructor(private readonly db: DataSource) {}

  async findForSignIn(email: string): Promise<SignInRecord | undefined> {
    const rows = await this.db.query(
      `SELECT id, email, password_hash AS "passwordHash", active, municipality_id AS "municipalityId"
         FROM app_user WHERE email = lower($1)`,
      [email],
    );
    return rows[0];
  }

  /** The signed-in person with every role grant, in one query; inactive people are not found. */
  async findActiveActor(id: string): Promise<Actor | undefined> {
    const rows = await this.db.query(
      `SELECT u.id, u.email, u.display_name AS "displayName", u.preferred_language AS "preferredLanguage",
              u.municipality_id AS "municipalityId", m.time_zone AS "municipalityTimeZone", m.locale AS "municipalityLocale",
              coalesce(json_agg(json_build_object('role', g.role, 'municipalityId', g.municipality_id, 'cohortId', g.cohort_id))
                FILTER (WHERE g.id IS NOT NULL), '[]') AS grants
         FROM app_user u
         LEFT JOIN municipality m ON m.id = u.municipality_id
         LEFT JOIN role_grant g ON g.user_id = u.id
        WHERE u.id = $1 AND u.active
        GROUP BY u.id, m.id`,
      [id],
    );
    return rows[0];
  }

  async recordSignIn(id: string): Promise<void> {
    await this.db.query('UPDATE app_user SET last_sign_in_at = now() WHERE id = $1', [id]);
  }

  async findPasswordHash(id: string): Promise<string | null> {
    const rows = await this.db.query('SELECT password_hash AS "passwordHash" FROM app_user WHERE id = $1', [id]);
    return rows[0]?.passwordHash ?? null;
  }

  async updatePasswordHash(id: string, passwordHash: string, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.query('UPDATE app_user SET password_hash = $2, updated_at = now() WHERE id = $1', [id, passwordHash]);
  }

  /**
   * Signs a person out of every browser, except the session making the request when given
   * (a password change keeps its own). Returns how many sessions ended.
   */
  async endSessions(userId: string, exceptSessionId: string | null, manager: EntityManager = this.db.manager): Promise<number> {
    const [, ended] = await manager.query(
      `DELETE FROM http_session WHERE sess->'passport'->>'user' = $1 AND ($2::text IS NULL OR sid <> $2)`,
      [userId, exceptSessionId],
    );
    return ended ?? 0;
  }

  async updateProfile(id: string, displayName: string, preferredLanguage: Language | null): Promise<void> {
    await this.db.query('UPDATE app_user SET display_name = $2, preferred_language = $3, updated_at = now() WHERE id = $1', [id, displayName, preferredLanguage]);
  }

  async updatePreferredLanguage(id: string, language: string): Promise<void> {
    await this.db.query('UPDATE app_user SET preferred_language = $2, updated_at = now() WHERE id = $1', [id, language]);
  }
}
