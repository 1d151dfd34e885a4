import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql.js';
import type { Role } from '../auth/roles.js';
import type { PageRequest } from '../common/pagination.js';
import { municipalityNameSql } from '../municipalities/municipality-name.js';
import type { Language } from '../common/i18n/language.js';

export interface PersonRow {
  id: string;
  email: string;
  displayName: string;
  active: boolean;
  hasPassword: boolean;
  schoolName: string | null;
  municipalityName: string | null;
  roles: Role[];
}

export interface PersonGrant {
  id: string;
  role: Role;
  municipalityId: string | null;
  municipalityName: string | null;
  cohortId: string | null;
  cohortName: string | null;
}

export interface PersonRecord {
  id: string;
  email: string;
  displayName: string;
  preferredLanguage: Language | null;
  municipalityId: string | null;
  municipalityName: string | null;
  schoolId: string | null;
  schoolName: string | null;
  active: boolean;
  hasPassword: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
  grants: PersonGrant[];
}

export interface PeopleFilter {
  /** NULL: everyone (network admins); else people of these municipalities, never a network admin. */
  scope: string[] | null;
  search?: string;
  role?: Role;
  schoolId?: string;
  municipalityId?: string;
}

export interface NewPerson {
  email: string;
  displayName: string;
  municipalityId: string;
  schoolId: string | null;
  preferredLanguage: Language | null;
}

/** A person already known by e-mail, as an import needs to know them. */
export interface KnownEmail {
  id: string;
  email: string;
  municipalityId: string | null;
  isNetworkAdmin: boolean;
}

/** `%` and `_` typed in a search box mean themselves, not wildcards. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const IN_SCOPE = `($1::uuid[] IS NULL OR (u.municipality_id = ANY($1)
  AND NOT EXISTS (SELECT 1 FROM role_grant na WHERE na.user_id = u.id AND na.role = 'network_admin')))`;

/**
 * The people-administration queries (the sign-in ones stay in UsersRepository). Every lookup takes
 * the actor's municipality scope, so someone of another city is simply not found.
 */
@Injectable()
export class PeopleRepository {
  constructor(private readonly sql: Sql) {}

  async listInScope(filter: PeopleFilter, page: PageRequest, lang: Language): Promise<{ items: PersonRow[]; total: number }> {
    const params = [
      filter.scope,
      filter.search ? likePattern(filter.search) : null,
      filter.role ?? null,
      filter.schoolId ?? null,
      filter.municipalityId ?? null,
    ];
    const where = `${IN_SCOPE}
      AND ($2::text IS NULL OR u.display_name ILIKE $2 ESCAPE '\\' OR u.email ILIKE $2 ESCAPE '\\')
      AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM role_grant r WHERE r.user_id = u.id AND r.role = $3))
      AND ($4::uuid IS NULL OR u.school_id = $4)
      AND ($5::uuid IS NULL OR u.municipality_id = $5)`;
    const [items, [{ total }]] = await Promise.all([
      this.sql.query(
        `SELECT u.id, u.email, u.display_name AS "displayName", u.active, u.password_hash IS NOT NULL AS "hasPassword",
                s.name AS "schoolName", ${municipalityNameSql('m', '$8')} AS "municipalityName",
                coalesce((SELECT array_agg(DISTINCT g.role ORDER BY g.role) FROM role_grant g WHERE g.user_id = u.id), '{}') AS roles
           FROM app_user u
           LEFT JOIN school s ON s.id = u.school_id
           LEFT JOIN municipality m ON m.id = u.municipality_id
          WHERE ${where}
          -- By name only, so one city's page walks app_user_municipality_idx (municipality_id, display_name).
          ORDER BY u.display_name, u.id
          LIMIT $6 OFFSET $7`,
        [...params, page.size, page.offset, lang],
      ),
      this.sql.query(`SELECT count(*)::int AS total FROM app_user u WHERE ${where}`, params),
    ]);
    return { items, total };
  }

  async findInScope(id: string, scope: string[] | null, lang: Language): Promise<PersonRecord | undefined> {
    const rows = await this.sql.query(
      `SELECT u.id, u.email, u.display_name AS "displayName", u.preferred_language AS "preferredLanguage",
              u.municipality_id AS "municipalityId", ${municipalityNameSql('m', '$3')} AS "municipalityName",
              u.school_id AS "schoolId", s.name AS "schoolName", u.active, u.password_hash IS NOT NULL AS "hasPassword",
              u.last_sign_in_at AS "lastSignInAt", u.created_at AS "createdAt",
              coalesce((SELECT json_agg(json_build_object('id', g.id, 'role', g.role, 'municipalityId', g.municipality_id,
                                 'municipalityName', ${municipalityNameSql('gm', '$3')}, 'cohortId', g.cohort_id, 'cohortName', c.name)
                                 ORDER BY g.role, g.created_at)
                          FROM role_grant g
                          LEFT JOIN municipality gm ON gm.id = g.municipality_id
                          LEFT JOIN cohort c ON c.id = g.cohort_id
                         WHERE g.user_id = u.id), '[]') AS grants
         FROM app_user u
         LEFT JOIN school s ON s.id = u.school_id
         LEFT JOIN municipality m ON m.id = u.municipality_id
        WHERE u.id = $1 AND ${IN_SCOPE.replaceAll('$1', '$2')}`,
      [id, scope, lang],
    );
    return rows[0];
  }

  /** Whether an active school of this municipality has this id. */
  async isActiveSchoolOf(schoolId: string, municipalityId: string): Promise<boolean> {
    const rows = await this.sql.query('SELECT 1 FROM school WHERE id = $1 AND municipality_id = $2 AND active', [schoolId, municipalityId]);
    return rows.length > 0;
  }

  /** Active schools of one municipality keyed by lower-cased name, for matching an import's school column. */
  async activeSchoolsByName(municipalityId: string): Promise<Map<string, string>> {
    const rows: { id: string; key: string }[] = await this.sql.query('SELECT id, lower(name) AS key FROM school WHERE municipality_id = $1 AND active', [
      municipalityId,
    ]);
    return new Map(rows.map((r) => [r.key, r.id]));
  }

  async findKnownEmails(emails: string[]): Promise<KnownEmail[]> {
    if (emails.length === 0) return [];
    return this.sql.query(
      `SELECT u.id, u.email, u.municipality_id AS "municipalityId",
              EXISTS (SELECT 1 FROM role_grant na WHERE na.user_id = u.id AND na.role = 'network_admin') AS "isNetworkAdmin"
         FROM app_user u WHERE u.email = ANY($1::text[])`,
      [emails],
    );
  }

  async insert(m: Sql, person: NewPerson): Promise<string> {
    const rows = await m.query(
      `INSERT INTO app_user (email, display_name, municipality_id, school_id, preferred_language) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [person.email, person.displayName, person.municipalityId, person.schoolId, person.preferredLanguage],
    );
    return rows[0].id;
  }

  /** Many new people of one municipality in one statement; returns how many were inserted. */
  async insertMany(m: Sql, municipalityId: string, people: Omit<NewPerson, 'municipalityId'>[]): Promise<number> {
    if (people.length === 0) return 0;
    const rows = await m.query(
      `INSERT INTO app_user (email, display_name, municipality_id, school_id, preferred_language)
       SELECT p.email, p.name, $1, p.school, p.language
         FROM unnest($2::text[], $3::text[], $4::uuid[], $5::text[]) AS p(email, name, school, language)
       RETURNING id`,
      [municipalityId, people.map((p) => p.email), people.map((p) => p.displayName), people.map((p) => p.schoolId), people.map((p) => p.preferredLanguage)],
    );
    return rows.length;
  }

  /** Name and school of people already in the municipality, matched by e-mail. */
  async updateManyByEmail(m: Sql, municipalityId: string, people: { email: string; displayName: string; schoolId: string | null }[]): Promise<number> {
    if (people.length === 0) return 0;
    return m.execute(
      `UPDATE app_user u SET display_name = p.name, school_id = p.school, updated_at = now()
         FROM unnest($2::text[], $3::text[], $4::uuid[]) AS p(email, name, school)
        WHERE u.email = p.email AND u.municipality_id = $1`,
      [municipalityId, people.map((p) => p.email), people.map((p) => p.displayName), people.map((p) => p.schoolId)],
    );
  }

  async updateProfile(m: Sql, id: string, fields: { displayName: string; schoolId: string | null; preferredLanguage: Language | null }): Promise<void> {
    await m.query('UPDATE app_user SET display_name = $2, school_id = $3, preferred_language = $4, updated_at = now() WHERE id = $1', [
      id,
      fields.displayName,
      fields.schoolId,
      fields.preferredLanguage,
    ]);
  }

  async setActive(m: Sql, id: string, active: boolean): Promise<void> {
    await m.query('UPDATE app_user SET active = $2, updated_at = now() WHERE id = $1', [id, active]);
  }

  async grantDepartmentAdmin(m: Sql, userId: string, municipalityId: string, grantedBy: string): Promise<boolean> {
    const rows = await m.query(
      `INSERT INTO role_grant (user_id, role, municipality_id, granted_by) VALUES ($1, 'department_admin', $2, $3) ON CONFLICT DO NOTHING RETURNING id`,
      [userId, municipalityId, grantedBy],
    );
    return rows.length > 0;
  }

  async revokeDepartmentAdmin(m: Sql, userId: string, municipalityId: string): Promise<boolean> {
    return (await m.execute(`DELETE FROM role_grant WHERE user_id = $1 AND role = 'department_admin' AND municipality_id = $2`, [userId, municipalityId])) > 0;
  }
}
