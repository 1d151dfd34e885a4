import { Injectable } from '@nestjs/common';
import { Sql, sqlStatement } from '../database/sql.js';
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

/** Whether the person `u` lies in the scope held by parameter `$n` (a department admin never reaches a network admin). */
function inScope(scopeParam: string): string {
  return `(${scopeParam}::uuid[] IS NULL OR (u.municipality_id = ANY(${scopeParam})
    AND NOT EXISTS (SELECT 1 FROM role_grant na WHERE na.user_id = u.id AND na.role = 'network_admin')))`;
}

const LIST_FILTER = `${inScope('$1')}
  AND ($2::text IS NULL OR u.display_name ILIKE $2 ESCAPE '\\' OR u.email ILIKE $2 ESCAPE '\\')
  AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM role_grant r WHERE r.user_id = u.id AND r.role = $3))
  AND ($4::uuid IS NULL OR u.school_id = $4)
  AND ($5::uuid IS NULL OR u.municipality_id = $5)`;

const LIST_IN_SCOPE = sqlStatement(
  'people.listInScope',
  `SELECT u.id, u.email, u.display_name AS "displayName", u.active, u.password_hash IS NOT NULL AS "hasPassword",
          s.name AS "schoolName", ${municipalityNameSql('m', '$8')} AS "municipalityName",
          coalesce((SELECT array_agg(DISTINCT g.role ORDER BY g.role) FROM role_grant g WHERE g.user_id = u.id), '{}') AS roles
     FROM app_user u
     LEFT JOIN school s ON s.id = u.school_id
     LEFT JOIN municipality m ON m.id = u.municipality_id
    WHERE ${LIST_FILTER}
    -- By name only, so one city's page walks app_user_municipality_idx (municipality_id, display_name).
    ORDER BY u.display_name, u.id
    LIMIT $6 OFFSET $7`,
);

const COUNT_IN_SCOPE = sqlStatement('people.countInScope', `SELECT count(*)::int AS total FROM app_user u WHERE ${LIST_FILTER}`);

const FIND_IN_SCOPE = sqlStatement(
  'people.findInScope',
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
    WHERE u.id = $1 AND ${inScope('$2')}`,
);

const IS_ACTIVE_SCHOOL_OF = sqlStatement(
  'people.isActiveSchoolOf',
  'SELECT EXISTS (SELECT 1 FROM school WHERE id = $1 AND municipality_id = $2 AND active) AS found',
);

const ACTIVE_SCHOOLS_BY_NAME = sqlStatement('people.activeSchoolsByName', 'SELECT id, lower(name) AS key FROM school WHERE municipality_id = $1 AND active');

const FIND_KNOWN_EMAILS = sqlStatement(
  'people.findKnownEmails',
  `SELECT u.id, u.email, u.municipality_id AS "municipalityId",
          EXISTS (SELECT 1 FROM role_grant na WHERE na.user_id = u.id AND na.role = 'network_admin') AS "isNetworkAdmin"
     FROM app_user u WHERE u.email = ANY($1::text[])`,
);

const INSERT = sqlStatement(
  'people.insert',
  'INSERT INTO app_user (email, display_name, municipality_id, school_id, preferred_language) VALUES ($1, $2, $3, $4, $5) RETURNING id',
);

const INSERT_MANY = sqlStatement(
  'people.insertMany',
  `INSERT INTO app_user (email, display_name, municipality_id, school_id, preferred_language)
   SELECT p.email, p.name, $1, p.school, p.language
     FROM unnest($2::text[], $3::text[], $4::uuid[], $5::text[]) AS p(email, name, school, language)
   RETURNING id`,
);

const UPDATE_MANY_BY_EMAIL = sqlStatement(
  'people.updateManyByEmail',
  `UPDATE app_user u SET display_name = p.name, school_id = p.school, updated_at = now()
     FROM unnest($2::text[], $3::text[], $4::uuid[]) AS p(email, name, school)
    WHERE u.email = p.email AND u.municipality_id = $1`,
);

const UPDATE_PROFILE = sqlStatement(
  'people.updateProfile',
  'UPDATE app_user SET display_name = $2, school_id = $3, preferred_language = $4, updated_at = now() WHERE id = $1',
);

const SET_ACTIVE = sqlStatement('people.setActive', 'UPDATE app_user SET active = $2, updated_at = now() WHERE id = $1');

const GRANT_DEPARTMENT_ADMIN = sqlStatement(
  'people.grantDepartmentAdmin',
  `INSERT INTO role_grant (user_id, role, municipality_id, granted_by) VALUES ($1, 'department_admin', $2, $3) ON CONFLICT DO NOTHING`,
);

const REVOKE_DEPARTMENT_ADMIN = sqlStatement(
  'people.revokeDepartmentAdmin',
  `DELETE FROM role_grant WHERE user_id = $1 AND role = 'department_admin' AND municipality_id = $2`,
);

/** In id order, so two transactions locking several of the same cities take their locks in the same order. */
const LOCK_MUNICIPALITIES = sqlStatement('people.lockMunicipalities', 'SELECT id FROM municipality WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE');

/** $2: the person about to stop being an admin there; $3: the person making the change. */
const ADMIN_STANDING = sqlStatement(
  'people.adminStanding',
  `SELECT m.id AS "municipalityId",
          NOT EXISTS (SELECT 1 FROM role_grant g JOIN app_user u ON u.id = g.user_id
                       WHERE g.role = 'department_admin' AND g.municipality_id = m.id AND u.active AND u.id <> $2) AS "leftWithoutAdmin",
          EXISTS (SELECT 1 FROM role_grant g JOIN app_user u ON u.id = g.user_id
                   WHERE g.user_id = $3 AND u.active AND (g.role = 'network_admin' OR (g.role = 'department_admin' AND g.municipality_id = m.id))) AS "actorAdministers"
     FROM unnest($1::uuid[]) AS m(id)`,
);

/** A city's administration if one person stopped administering it, and whether the one acting still does. */
export interface AdminStanding {
  municipalityId: string;
  leftWithoutAdmin: boolean;
  actorAdministers: boolean;
}

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
    const [items, count] = await Promise.all([
      this.sql.query<PersonRow>(LIST_IN_SCOPE, [...params, page.size, page.offset, lang]),
      this.sql.one<{ total: number }>(COUNT_IN_SCOPE, params),
    ]);
    return { items, total: count!.total };
  }

  async findInScope(id: string, scope: string[] | null, lang: Language): Promise<PersonRecord | undefined> {
    return this.sql.one<PersonRecord>(FIND_IN_SCOPE, [id, scope, lang]);
  }

  /** Whether an active school of this municipality has this id. */
  async isActiveSchoolOf(schoolId: string, municipalityId: string): Promise<boolean> {
    return (await this.sql.one<{ found: boolean }>(IS_ACTIVE_SCHOOL_OF, [schoolId, municipalityId]))!.found;
  }

  /** Active schools of one municipality keyed by lower-cased name, for matching an import's school column. */
  async activeSchoolsByName(municipalityId: string): Promise<Map<string, string>> {
    const rows = await this.sql.query<{ id: string; key: string }>(ACTIVE_SCHOOLS_BY_NAME, [municipalityId]);
    return new Map(rows.map((r) => [r.key, r.id]));
  }

  async findKnownEmails(emails: string[]): Promise<KnownEmail[]> {
    if (emails.length === 0) return [];
    return this.sql.query<KnownEmail>(FIND_KNOWN_EMAILS, [emails]);
  }

  async insert(person: NewPerson): Promise<string> {
    const row = await this.sql.one<{ id: string }>(INSERT, [
      person.email,
      person.displayName,
      person.municipalityId,
      person.schoolId,
      person.preferredLanguage,
    ]);
    return row!.id;
  }

  /** Many new people of one municipality in one statement; returns how many were inserted. */
  /** Inserts the people in one statement; returns their new ids. */
  async insertMany(municipalityId: string, people: Omit<NewPerson, 'municipalityId'>[]): Promise<string[]> {
    if (people.length === 0) return [];
    const rows = await this.sql.query<{ id: string }>(INSERT_MANY, [
      municipalityId,
      people.map((p) => p.email),
      people.map((p) => p.displayName),
      people.map((p) => p.schoolId),
      people.map((p) => p.preferredLanguage),
    ]);
    return rows.map((r) => r.id);
  }

  /** Name and school of people already in the municipality, matched by e-mail. */
  async updateManyByEmail(municipalityId: string, people: { email: string; displayName: string; schoolId: string | null }[]): Promise<number> {
    if (people.length === 0) return 0;
    return this.sql.execute(UPDATE_MANY_BY_EMAIL, [
      municipalityId,
      people.map((p) => p.email),
      people.map((p) => p.displayName),
      people.map((p) => p.schoolId),
    ]);
  }

  async updateProfile(id: string, fields: { displayName: string; schoolId: string | null; preferredLanguage: Language | null }): Promise<void> {
    await this.sql.execute(UPDATE_PROFILE, [id, fields.displayName, fields.schoolId, fields.preferredLanguage]);
  }

  async setActive(id: string, active: boolean): Promise<void> {
    await this.sql.execute(SET_ACTIVE, [id, active]);
  }

  /** Whether the grant is new (false: they held it already). */
  async grantDepartmentAdmin(userId: string, municipalityId: string, grantedBy: string): Promise<boolean> {
    return (await this.sql.execute(GRANT_DEPARTMENT_ADMIN, [userId, municipalityId, grantedBy])) > 0;
  }

  async revokeDepartmentAdmin(userId: string, municipalityId: string): Promise<boolean> {
    return (await this.sql.execute(REVOKE_DEPARTMENT_ADMIN, [userId, municipalityId])) > 0;
  }

  /**
   * Locks the cities' rows until the transaction ends, so changes to who administers a city run
   * one after the other. Read who administers them with a later statement: in READ COMMITTED each
   * statement sees what was committed before it began, so only one sent after the lock is granted
   * sees the change that held it.
   */
  async lockMunicipalities(municipalityIds: string[]): Promise<void> {
    await this.sql.query(LOCK_MUNICIPALITIES, [municipalityIds]);
  }

  /** For each city: would it be left without an active department admin if `leavingUserId` were not one, and does `actorId` administer it. */
  async findAdminStanding(municipalityIds: string[], leavingUserId: string, actorId: string): Promise<AdminStanding[]> {
    return this.sql.query<AdminStanding>(ADMIN_STANDING, [municipalityIds, leavingUserId, actorId]);
  }
}
