import { randomBytes } from 'node:crypto';
import type { Sql } from '../../src/database/sql.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { newTotpSecret } from '../../src/auth/totp.js';
import type { Role } from '../../src/auth/roles.js';
import { DEFAULT_QUIET_HOURS } from '../../src/municipalities/quiet-hours.js';

export const TEST_PASSWORD = 'a-long-test-password-42';
let passwordHash: Promise<string> | undefined;

function unique(): string {
  return randomBytes(4).toString('hex');
}

/** A city as the demo's are: its admins sign in with their password alone unless `requireTwoFactor`. */
export async function createMunicipality(
  db: Sql,
  fields: Partial<{ nameEn: string; nameHe: string; locale: string; requireTwoFactor: boolean }> = {},
): Promise<{ id: string; nameEn: string }> {
  const nameEn = fields.nameEn ?? `City ${unique()}`;
  const rows = await db.query(
    `INSERT INTO municipality (name_he, name_ar, name_en, locale, quiet_hours, require_two_factor) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, name_en AS "nameEn"`,
    [fields.nameHe ?? `עיר ${nameEn}`, `مدينة ${nameEn}`, nameEn, fields.locale ?? 'he', JSON.stringify(DEFAULT_QUIET_HOURS), fields.requireTwoFactor ?? false],
  );
  return rows[0];
}

export async function createSchool(db: Sql, municipalityId: string, name = `School ${unique()}`): Promise<{ id: string; name: string }> {
  const rows = await db.query('INSERT INTO school (municipality_id, name) VALUES ($1, $2) RETURNING id, name', [municipalityId, name]);
  return rows[0];
}

export interface UserFields {
  email?: string;
  displayName?: string;
  municipalityId?: string | null;
  schoolId?: string | null;
  preferredLanguage?: string | null;
  active?: boolean;
  password?: string;
  /** Roles scoped to the user's municipality (network_admin is unscoped). */
  roles?: Role[];
}

export interface TestUser {
  id: string;
  email: string;
  displayName: string;
  password: string;
  municipalityId: string | null;
  /** Set by enrolTwoFactor: signIn then answers the code step with a code made from it. */
  totpSecret?: string;
}

export async function createUser(db: Sql, fields: UserFields = {}): Promise<TestUser> {
  const password = fields.password ?? TEST_PASSWORD;
  const hash = fields.password ? await hashPassword(fields.password) : await (passwordHash ??= hashPassword(TEST_PASSWORD));
  const email = (fields.email ?? `person-${unique()}@example.test`).toLowerCase();
  const displayName = fields.displayName ?? `Person ${unique()}`;
  const needsCity = (fields.roles ?? []).some((role) => role !== 'network_admin');
  const municipalityId = fields.municipalityId ?? (needsCity ? (await createMunicipality(db)).id : null);
  const rows = await db.query(
    `INSERT INTO app_user (email, display_name, municipality_id, school_id, preferred_language, active, password_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [email, displayName, municipalityId, fields.schoolId ?? null, fields.preferredLanguage ?? null, fields.active ?? true, hash],
  );
  const id: string = rows[0].id;
  for (const role of fields.roles ?? []) {
    await db.query('INSERT INTO role_grant (user_id, role, municipality_id) VALUES ($1, $2, $3)', [id, role, role === 'network_admin' ? null : municipalityId]);
  }
  return { id, email, displayName, password, municipalityId };
}

/** Gives the person a confirmed two-factor secret (as if they had enrolled) and returns it. */
export async function enrolTwoFactor(db: Sql, user: TestUser): Promise<string> {
  const secret = newTotpSecret();
  await db.query('INSERT INTO two_factor (user_id, secret, confirmed_at) VALUES ($1, $2, now())', [user.id, secret]);
  user.totpSecret = secret;
  return secret;
}
