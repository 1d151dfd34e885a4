import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql.js';
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

@Injectable()
export class SchoolsRepository {
  constructor(private readonly sql: Sql) {}

  async listInScope(filter: SchoolListFilter, page: PageRequest, lang: Language): Promise<{ items: SchoolRow[]; total: number }> {
    const params = [filter.scope, filter.municipalityId ?? null];
    const where = `($1::uuid[] IS NULL OR s.municipality_id = ANY($1)) AND ($2::uuid IS NULL OR s.municipality_id = $2)`;
    const [items, [{ total }]] = await Promise.all([
      this.sql.query(
        `SELECT s.id, s.name, s.symbol, s.active, s.municipality_id AS "municipalityId", ${municipalityNameSql('m', '$5')} AS "municipalityName",
                (SELECT count(*)::int FROM app_user u WHERE u.school_id = s.id) AS "peopleCount"
           FROM school s JOIN municipality m ON m.id = s.municipality_id
          WHERE ${where}
          ORDER BY s.active DESC, "municipalityName", lower(s.name), s.id
          LIMIT $3 OFFSET $4`,
        [...params, page.size, page.offset, lang],
      ),
      this.sql.query(`SELECT count(*)::int AS total FROM school s WHERE ${where}`, params),
    ]);
    return { items, total };
  }

  /** One school, only if it lies in the scope: another city's school is not found. */
  async findInScope(id: string, scope: string[] | null, lang: Language): Promise<SchoolRow | undefined> {
    const rows = await this.sql.query(
      `SELECT s.id, s.name, s.symbol, s.active, s.municipality_id AS "municipalityId", ${municipalityNameSql('m', '$3')} AS "municipalityName",
              (SELECT count(*)::int FROM app_user u WHERE u.school_id = s.id) AS "peopleCount"
         FROM school s JOIN municipality m ON m.id = s.municipality_id
        WHERE s.id = $1 AND ($2::uuid[] IS NULL OR s.municipality_id = ANY($2))`,
      [id, scope, lang],
    );
    return rows[0];
  }

  /** Active schools of one municipality, for selects. */
  async listActiveOptions(municipalityId: string): Promise<{ id: string; name: string }[]> {
    return this.sql.query('SELECT id, name FROM school WHERE municipality_id = $1 AND active ORDER BY lower(name)', [municipalityId]);
  }

  async insert(m: Sql, municipalityId: string, name: string, symbol: string | null): Promise<string> {
    const rows = await m.query('INSERT INTO school (municipality_id, name, symbol) VALUES ($1, $2, $3) RETURNING id', [municipalityId, name, symbol]);
    return rows[0].id;
  }

  async update(m: Sql, id: string, name: string, symbol: string | null): Promise<void> {
    await m.query('UPDATE school SET name = $2, symbol = $3, updated_at = now() WHERE id = $1', [id, name, symbol]);
  }

  async setActive(m: Sql, id: string, active: boolean): Promise<void> {
    await m.query('UPDATE school SET active = $2, updated_at = now() WHERE id = $1', [id, active]);
  }
}
