import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql.js';
import type { Language } from '../common/i18n/language.js';
import type { QuietHours } from './quiet-hours.js';
import { municipalityNameSql } from './municipality-name.js';

export const DEFAULT_NETWORK_NAME = 'Education Cities Network';

export interface MunicipalityListRow {
  id: string;
  name: string;
  nameEn: string;
  timeZone: string;
  active: boolean;
  schoolCount: number;
  peopleCount: number;
}

export interface MunicipalityRecord {
  id: string;
  name: string;
  nameHe: string;
  nameAr: string;
  nameEn: string;
  timeZone: string;
  locale: Language;
  quietHours: QuietHours;
  active: boolean;
  networkName: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface MunicipalityFields {
  nameHe: string;
  nameAr: string;
  nameEn: string;
  timeZone: string;
  locale: Language;
  quietHours: QuietHours;
}

export interface MunicipalitySchoolRow {
  id: string;
  name: string;
  symbol: string | null;
  active: boolean;
  peopleCount: number;
}

export interface MunicipalityOption {
  id: string;
  name: string;
}

@Injectable()
export class MunicipalitiesRepository {
  constructor(private readonly sql: Sql) {}

  /** Every municipality with its counts, named in the reader's language. */
  async listWithCounts(lang: Language): Promise<MunicipalityListRow[]> {
    return this.sql.query(
      `SELECT m.id, ${municipalityNameSql('m', '$1')} AS name, m.name_en AS "nameEn", m.time_zone AS "timeZone", m.active,
              (SELECT count(*)::int FROM school s WHERE s.municipality_id = m.id) AS "schoolCount",
              (SELECT count(*)::int FROM app_user u WHERE u.municipality_id = m.id) AS "peopleCount"
         FROM municipality m
        ORDER BY name`,
      [lang],
    );
  }

  /** The municipalities a scope reaches, for select options (NULL scope: all). */
  async listOptions(lang: Language, scope: string[] | null): Promise<MunicipalityOption[]> {
    return this.sql.query(
      `SELECT m.id, ${municipalityNameSql('m', '$1')} AS name FROM municipality m
        WHERE ($2::uuid[] IS NULL OR m.id = ANY($2)) ORDER BY name`,
      [lang, scope],
    );
  }

  async findById(id: string, lang: Language): Promise<MunicipalityRecord | undefined> {
    const rows = await this.sql.query(
      `SELECT m.id, ${municipalityNameSql('m', '$2')} AS name, m.name_he AS "nameHe", m.name_ar AS "nameAr", m.name_en AS "nameEn",
              m.time_zone AS "timeZone", m.locale, m.quiet_hours AS "quietHours", m.active, n.name AS "networkName",
              m.created_at AS "createdAt", m.updated_at AS "updatedAt"
         FROM municipality m LEFT JOIN network n ON n.id = m.network_id
        WHERE m.id = $1`,
      [id, lang],
    );
    return rows[0];
  }

  /** The deployment's one network (the first made), created under its default name when there is none yet. */
  async findOrCreateNetwork(m: Sql): Promise<string> {
    // Two first municipalities created at once must not make two networks.
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('network.create'))`);
    const existing = await m.query('SELECT id FROM network ORDER BY created_at, id LIMIT 1');
    if (existing[0]) return existing[0].id;
    const created = await m.query('INSERT INTO network (name) VALUES ($1) RETURNING id', [DEFAULT_NETWORK_NAME]);
    return created[0].id;
  }

  async insert(m: Sql, networkId: string, fields: MunicipalityFields): Promise<string> {
    const rows = await m.query(
      `INSERT INTO municipality (network_id, name_he, name_ar, name_en, time_zone, locale, quiet_hours)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [networkId, fields.nameHe, fields.nameAr, fields.nameEn, fields.timeZone, fields.locale, JSON.stringify(fields.quietHours)],
    );
    return rows[0].id;
  }

  /** The quiet hours as they are, locking the row for the update that follows. */
  async lockQuietHours(m: Sql, id: string): Promise<QuietHours | undefined> {
    const rows = await m.query('SELECT quiet_hours AS "quietHours" FROM municipality WHERE id = $1 FOR UPDATE', [id]);
    return rows[0]?.quietHours;
  }

  async update(m: Sql, id: string, fields: MunicipalityFields): Promise<void> {
    await m.query(
      `UPDATE municipality SET name_he = $2, name_ar = $3, name_en = $4, time_zone = $5, locale = $6, quiet_hours = $7, updated_at = now()
        WHERE id = $1`,
      [id, fields.nameHe, fields.nameAr, fields.nameEn, fields.timeZone, fields.locale, JSON.stringify(fields.quietHours)],
    );
  }

  async listSchoolsOf(municipalityId: string): Promise<MunicipalitySchoolRow[]> {
    return this.sql.query(
      `SELECT s.id, s.name, s.symbol, s.active, (SELECT count(*)::int FROM app_user u WHERE u.school_id = s.id) AS "peopleCount"
         FROM school s WHERE s.municipality_id = $1 ORDER BY s.active DESC, lower(s.name)`,
      [municipalityId],
    );
  }
}
