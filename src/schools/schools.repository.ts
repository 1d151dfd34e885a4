import { Injectable } from '@nestjs/common';
import { Sql, sqlStatement } from '../database/sql.js';
import type { PageRequest } from '../common/pagination.js';
import { municipalityNameSql } from '../municipalities/municipality-name.js';
import type { Language } from '../common/i18n/language.js';

export interface SchoolRow {
  id: string;
  name: string;
  symbol: string | null;
  active: boolean;
  municipalityId: string;
  municipalityName: string;
  peopleCount: number;
}

export interface SchoolListFilter {
  /** NULL: every municipality (network admins). */
  scope: string[] | null;
  municipalityId?: string;
}

export interface SchoolOption {
  id: string;
  name: string;
}

const IN_SCOPE = `($1::uuid[] IS NULL OR s.municipality_id = ANY($1)) AND ($2::uuid IS NULL OR s.municipality_id = $2)`;

const LIST_IN_SCOPE = sqlStatement(
  'schools.listInScope',
  `SELECT s.id, s.name, s.symbol, s.active, s.municipality_id AS "municipalityId", ${municipalityNameSql('m', '$5')} AS "municipalityName",
          (SELECT count(*)::int FROM app_user u WHERE u.school_id = s.id) AS "peopleCount"
     FROM school s JOIN municipality m ON m.id = s.municipality_id
    WHERE ${IN_SCOPE}
    ORDER BY s.active DESC, "municipalityName", lower(s.name), s.id
    LIMIT $3 OFFSET $4`,
);

const COUNT_IN_SCOPE = sqlStatement('schools.countInScope', `SELECT count(*)::int AS total FROM school s WHERE ${IN_SCOPE}`);

const FIND_IN_SCOPE = sqlStatement(
  'schools.findInScope',
  `SELECT s.id, s.name, s.symbol, s.active, s.municipality_id AS "municipalityId", ${municipalityNameSql('m', '$3')} AS "municipalityName",
          (SELECT count(*)::int FROM app_user u WHERE u.school_id = s.id) AS "peopleCount"
     FROM school s JOIN municipality m ON m.id = s.municipality_id
    WHERE s.id = $1 AND ($2::uuid[] IS NULL OR s.municipality_id = ANY($2))`,
);

const LIST_ACTIVE_OPTIONS = sqlStatement('schools.listActiveOptions', 'SELECT id, name FROM school WHERE municipality_id = $1 AND active ORDER BY lower(name)');

const INSERT = sqlStatement('schools.insert', 'INSERT INTO school (municipality_id, name, symbol) VALUES ($1, $2, $3) RETURNING id');
const UPDATE = sqlStatement('schools.update', 'UPDATE school SET name = $2, symbol = $3, updated_at = now() WHERE id = $1');
const SET_ACTIVE = sqlStatement('schools.setActive', 'UPDATE school SET active = $2, updated_at = now() WHERE id = $1');

@Injectable()
export class SchoolsRepository {
  constructor(private readonly sql: Sql) {}

  async listInScope(filter: SchoolListFilter, page: PageRequest, lang: Language): Promise<{ items: SchoolRow[]; total: number }> {
    const params = [filter.scope, filter.municipalityId ?? null];
    const [items, count] = await Promise.all([
      this.sql.query<SchoolRow>(LIST_IN_SCOPE, [...params, page.size, page.offset, lang]),
      this.sql.one<{ total: number }>(COUNT_IN_SCOPE, params),
    ]);
    return { items, total: count!.total };
  }

  /** One school, only if it lies in the scope: another city's school is not found. */
  async findInScope(id: string, scope: string[] | null, lang: Language): Promise<SchoolRow | undefined> {
    return this.sql.one<SchoolRow>(FIND_IN_SCOPE, [id, scope, lang]);
  }

  /** Active schools of one municipality, for selects. */
  async listActiveOptions(municipalityId: string): Promise<SchoolOption[]> {
    return this.sql.query<SchoolOption>(LIST_ACTIVE_OPTIONS, [municipalityId]);
  }

  async insert(municipalityId: string, name: string, symbol: string | null): Promise<string> {
    return (await this.sql.one<{ id: string }>(INSERT, [municipalityId, name, symbol]))!.id;
  }

  async update(id: string, name: string, symbol: string | null): Promise<void> {
    await this.sql.execute(UPDATE, [id, name, symbol]);
  }

  async setActive(id: string, active: boolean): Promise<void> {
    await this.sql.execute(SET_ACTIVE, [id, active]);
  }
}
