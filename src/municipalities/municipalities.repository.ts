import { Injectable } from '@nestjs/common';
import { Sql, sqlStatement } from '../database/sql.js';
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

export interface MunicipalityFields {
  nameHe: string;
  nameAr: string;
  nameEn: string;
  timeZone: string;
  locale: Language;
  quietHours: QuietHours;
  /** Its department admins must use two-factor sign-in. */
  requireTwoFactor: boolean;
}

/** The deployment's network, as its settings form shows it. */
export interface NetworkSettings {
  id: string;
  name: string;
  /** Network admins must use two-factor sign-in. */
  requireTwoFactor: boolean;
}

export interface MunicipalityRecord extends MunicipalityFields {
  id: string;
  /** In the reader's language. */
  name: string;
  active: boolean;
  networkName: string | null;
  createdAt: Date;
  updatedAt: Date;
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

const LIST_WITH_COUNTS = sqlStatement(
  'municipalities.listWithCounts',
  `SELECT m.id, ${municipalityNameSql('m', '$1')} AS name, m.name_en AS "nameEn", m.time_zone AS "timeZone", m.active,
          (SELECT count(*)::int FROM school s WHERE s.municipality_id = m.id) AS "schoolCount",
          (SELECT count(*)::int FROM app_user u WHERE u.municipality_id = m.id) AS "peopleCount"
     FROM municipality m
    ORDER BY name`,
);

const LIST_OPTIONS = sqlStatement(
  'municipalities.listOptions',
  `SELECT m.id, ${municipalityNameSql('m', '$1')} AS name FROM municipality m
    WHERE ($2::uuid[] IS NULL OR m.id = ANY($2)) ORDER BY name`,
);

const FIND_BY_ID = sqlStatement(
  'municipalities.findById',
  `SELECT m.id, ${municipalityNameSql('m', '$2')} AS name, m.name_he AS "nameHe", m.name_ar AS "nameAr", m.name_en AS "nameEn",
          m.time_zone AS "timeZone", m.locale, m.quiet_hours AS "quietHours", m.require_two_factor AS "requireTwoFactor", m.active, n.name AS "networkName",
          m.created_at AS "createdAt", m.updated_at AS "updatedAt"
     FROM municipality m LEFT JOIN network n ON n.id = m.network_id
    WHERE m.id = $1`,
);

// A statement of its own: the next one must take its snapshot after the lock is held.
const LOCK_NETWORK_CREATION = sqlStatement('municipalities.lockNetworkCreation', `SELECT pg_advisory_xact_lock(hashtext('network.create'))`);

const FIND_OR_CREATE_NETWORK = sqlStatement(
  'municipalities.findOrCreateNetwork',
  `WITH existing AS (SELECT id FROM network ORDER BY created_at, id LIMIT 1),
        created AS (INSERT INTO network (name) SELECT $1::text WHERE NOT EXISTS (SELECT 1 FROM existing) RETURNING id)
   SELECT id FROM existing UNION ALL SELECT id FROM created`,
);

const INSERT = sqlStatement(
  'municipalities.insert',
  `INSERT INTO municipality (network_id, name_he, name_ar, name_en, time_zone, locale, quiet_hours, require_two_factor)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
);

const LOCK_QUIET_HOURS = sqlStatement('municipalities.lockQuietHours', 'SELECT quiet_hours AS "quietHours" FROM municipality WHERE id = $1 FOR UPDATE');

const UPDATE = sqlStatement(
  'municipalities.update',
  `UPDATE municipality SET name_he = $2, name_ar = $3, name_en = $4, time_zone = $5, locale = $6, quiet_hours = $7, require_two_factor = $8,
          updated_at = now()
    WHERE id = $1`,
);

/** The one network of the deployment: the first made, as findOrCreateNetwork finds it. */
const FIND_NETWORK = sqlStatement(
  'municipalities.findNetwork',
  'SELECT id, name, require_two_factor AS "requireTwoFactor" FROM network ORDER BY created_at, id LIMIT 1',
);

const UPDATE_NETWORK_SECURITY = sqlStatement('municipalities.updateNetworkSecurity', 'UPDATE network SET require_two_factor = $2 WHERE id = $1');

const LIST_SCHOOLS_OF = sqlStatement(
  'municipalities.listSchoolsOf',
  `SELECT s.id, s.name, s.symbol, s.active, (SELECT count(*)::int FROM app_user u WHERE u.school_id = s.id) AS "peopleCount"
     FROM school s WHERE s.municipality_id = $1 ORDER BY s.active DESC, lower(s.name)`,
);

@Injectable()
export class MunicipalitiesRepository {
  constructor(private readonly sql: Sql) {}

  /** Every municipality with its counts, named in the reader's language. */
  async listWithCounts(lang: Language): Promise<MunicipalityListRow[]> {
    return this.sql.query<MunicipalityListRow>(LIST_WITH_COUNTS, [lang]);
  }

  /** The municipalities a scope reaches, for select options (NULL scope: all). */
  async listOptions(lang: Language, scope: string[] | null): Promise<MunicipalityOption[]> {
    return this.sql.query<MunicipalityOption>(LIST_OPTIONS, [lang, scope]);
  }

  async findById(id: string, lang: Language): Promise<MunicipalityRecord | undefined> {
    return this.sql.one<MunicipalityRecord>(FIND_BY_ID, [id, lang]);
  }

  /**
   * The deployment's one network (the first made), created under its default name when there is
   * none yet. Runs in the caller's transaction, which holds the lock until it ends: two first
   * municipalities created at once must not make two networks.
   */
  async findOrCreateNetwork(): Promise<string> {
    await this.sql.execute(LOCK_NETWORK_CREATION);
    return (await this.sql.one<{ id: string }>(FIND_OR_CREATE_NETWORK, [DEFAULT_NETWORK_NAME]))!.id;
  }

  async insert(networkId: string, fields: MunicipalityFields): Promise<string> {
    const row = await this.sql.one<{ id: string }>(INSERT, [
      networkId,
      fields.nameHe,
      fields.nameAr,
      fields.nameEn,
      fields.timeZone,
      fields.locale,
      JSON.stringify(fields.quietHours),
      fields.requireTwoFactor,
    ]);
    return row!.id;
  }

  /** The quiet hours as they are, locking the row for the update that follows in the caller's transaction. */
  async lockQuietHours(id: string): Promise<QuietHours | undefined> {
    return (await this.sql.one<{ quietHours: QuietHours }>(LOCK_QUIET_HOURS, [id]))?.quietHours;
  }

  async update(id: string, fields: MunicipalityFields): Promise<void> {
    await this.sql.execute(UPDATE, [
      id,
      fields.nameHe,
      fields.nameAr,
      fields.nameEn,
      fields.timeZone,
      fields.locale,
      JSON.stringify(fields.quietHours),
      fields.requireTwoFactor,
    ]);
  }

  async findNetwork(): Promise<NetworkSettings | undefined> {
    return this.sql.one<NetworkSettings>(FIND_NETWORK);
  }

  async updateNetworkSecurity(id: string, requireTwoFactor: boolean): Promise<void> {
    await this.sql.execute(UPDATE_NETWORK_SECURITY, [id, requireTwoFactor]);
  }

  async listSchoolsOf(municipalityId: string): Promise<MunicipalitySchoolRow[]> {
    return this.sql.query<MunicipalitySchoolRow>(LIST_SCHOOLS_OF, [municipalityId]);
  }
}
