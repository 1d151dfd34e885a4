import { Injectable } from '@nestjs/common';
import { Sql, sqlStatement } from '../database/sql.js';

export interface TwoFactorRecord {
  secret: string;
  /** Null while enrolment waits for the first code. */
  confirmedAt: Date | null;
  lastUsedStep: number | null;
  recoveryCodesLeft: number;
}

/** A person whose two-factor sign-in an administrator may reset, found only within their reach. */
export interface TwoFactorPerson {
  id: string;
  displayName: string;
  email: string;
  municipalityId: string | null;
  twoFactorEnabled: boolean;
}

const FIND = sqlStatement(
  'twoFactor.find',
  `SELECT tf.secret, tf.confirmed_at AS "confirmedAt", tf.last_used_step::int AS "lastUsedStep",
          (SELECT count(*)::int FROM two_factor_recovery_code rc WHERE rc.user_id = tf.user_id) AS "recoveryCodesLeft"
     FROM two_factor tf WHERE tf.user_id = $1`,
);

/** A new secret waiting for its first code; never replaces a confirmed one. */
const BEGIN_ENROLMENT = sqlStatement(
  'twoFactor.beginEnrolment',
  `INSERT INTO two_factor AS tf (user_id, secret) VALUES ($1, $2)
   ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, created_at = now() WHERE tf.confirmed_at IS NULL`,
);

const CONFIRM = sqlStatement(
  'twoFactor.confirm',
  'UPDATE two_factor SET confirmed_at = now(), last_used_step = $2 WHERE user_id = $1 AND confirmed_at IS NULL AND secret = $3',
);

/** Takes a time step as used, unless it (or a later one) already was: of two racing uses of one code, one wins. */
const USE_STEP = sqlStatement(
  'twoFactor.useStep',
  'UPDATE two_factor SET last_used_step = $2 WHERE user_id = $1 AND confirmed_at IS NOT NULL AND (last_used_step IS NULL OR last_used_step < $2)',
);

const REPLACE_RECOVERY_CODES = sqlStatement(
  'twoFactor.replaceRecoveryCodes',
  `WITH dropped AS (DELETE FROM two_factor_recovery_code WHERE user_id = $1)
   INSERT INTO two_factor_recovery_code (user_id, code_hash) SELECT $1, h FROM unnest($2::text[]) AS h`,
);

const USE_RECOVERY_CODE = sqlStatement(
  'twoFactor.useRecoveryCode',
  `DELETE FROM two_factor_recovery_code rc USING two_factor tf
    WHERE rc.user_id = $1 AND rc.code_hash = $2 AND tf.user_id = rc.user_id AND tf.confirmed_at IS NOT NULL`,
);

const REMOVE = sqlStatement(
  'twoFactor.remove',
  `WITH codes AS (DELETE FROM two_factor_recovery_code WHERE user_id = $1)
   DELETE FROM two_factor WHERE user_id = $1`,
);

const FIND_PERSON_IN_SCOPE = sqlStatement(
  'twoFactor.findPersonInScope',
  `SELECT u.id, u.display_name AS "displayName", u.email, u.municipality_id AS "municipalityId",
          EXISTS (SELECT 1 FROM two_factor tf WHERE tf.user_id = u.id AND tf.confirmed_at IS NOT NULL) AS "twoFactorEnabled"
     FROM app_user u
    WHERE u.id = $1 AND ($2::uuid[] IS NULL OR u.municipality_id = ANY($2))`,
);

@Injectable()
export class TwoFactorRepository {
  constructor(private readonly sql: Sql) {}

  async find(userId: string): Promise<TwoFactorRecord | undefined> {
    return this.sql.one<TwoFactorRecord>(FIND, [userId]);
  }

  async beginEnrolment(userId: string, secret: string): Promise<void> {
    await this.sql.execute(BEGIN_ENROLMENT, [userId, secret]);
  }

  /** Confirms the pending secret the code was checked against; false when it changed meanwhile. */
  async confirm(userId: string, secret: string, step: number): Promise<boolean> {
    return (await this.sql.execute(CONFIRM, [userId, step, secret])) === 1;
  }

  async useStep(userId: string, step: number): Promise<boolean> {
    return (await this.sql.execute(USE_STEP, [userId, step])) === 1;
  }

  async replaceRecoveryCodes(userId: string, hashes: string[]): Promise<void> {
    await this.sql.execute(REPLACE_RECOVERY_CODES, [userId, hashes]);
  }

  /** Uses up a recovery code: true once, for the first use only. */
  async useRecoveryCode(userId: string, hash: string): Promise<boolean> {
    return (await this.sql.execute(USE_RECOVERY_CODE, [userId, hash])) === 1;
  }

  async remove(userId: string): Promise<boolean> {
    return (await this.sql.execute(REMOVE, [userId])) === 1;
  }

  /** The person if the scope reaches their city (NULL scope: every city); otherwise undefined. */
  async findPersonInScope(id: string, scope: string[] | null): Promise<TwoFactorPerson | undefined> {
    return this.sql.one<TwoFactorPerson>(FIND_PERSON_IN_SCOPE, [id, scope]);
  }
}
