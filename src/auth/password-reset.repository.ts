import { Injectable } from '@nestjs/common';
import { Sql, sqlStatement } from '../database/sql.js';
import type { NormalisedEmail } from '../common/email-address.js';
import type { Language } from '../common/i18n/language.js';

export interface ResetRecipient {
  id: string;
  email: string;
  displayName: string;
  preferredLanguage: Language | null;
  municipalityId: string | null;
}

/** The account a usable reset link belongs to. */
export interface ResetLinkOwner {
  userId: string;
  email: NormalisedEmail;
  municipalityId: string | null;
}

const FIND_RECIPIENT_BY_EMAIL = sqlStatement(
  'passwordReset.findRecipientByEmail',
  `SELECT id, email, display_name AS "displayName", preferred_language AS "preferredLanguage", municipality_id AS "municipalityId"
     FROM app_user WHERE email = $1 AND active`,
);

const FIND_RECIPIENT_BY_ID = sqlStatement(
  'passwordReset.findRecipientById',
  `SELECT id, email, display_name AS "displayName", preferred_language AS "preferredLanguage", municipality_id AS "municipalityId"
     FROM app_user WHERE id = $1 AND active`,
);

const ISSUE_TOKEN = sqlStatement(
  'passwordReset.issueToken',
  `WITH discarded AS (DELETE FROM password_reset_token WHERE user_id = $1 AND used_at IS NULL)
   INSERT INTO password_reset_token (user_id, token_hash, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`,
);

const FIND_USABLE_TOKEN = sqlStatement(
  'passwordReset.findUsableToken',
  `SELECT t.user_id AS "userId", u.email, u.municipality_id AS "municipalityId"
     FROM password_reset_token t JOIN app_user u ON u.id = t.user_id AND u.active
    WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now()`,
);

const CONSUME_TOKEN = sqlStatement(
  'passwordReset.consumeToken',
  `UPDATE password_reset_token t SET used_at = now()
     FROM app_user u
    WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now() AND u.id = t.user_id AND u.active
    RETURNING t.user_id AS "userId", u.email, u.municipality_id AS "municipalityId"`,
);

const DISCARD_UNUSED_TOKENS = sqlStatement('passwordReset.discardUnusedTokens', 'DELETE FROM password_reset_token WHERE user_id = $1 AND used_at IS NULL');

/** Every token is looked up by its SHA-256 only: the raw token never reaches the database. */
@Injectable()
export class PasswordResetRepository {
  constructor(private readonly sql: Sql) {}

  async findActiveRecipientByEmail(email: NormalisedEmail): Promise<ResetRecipient | undefined> {
    return this.sql.one<ResetRecipient>(FIND_RECIPIENT_BY_EMAIL, [email]);
  }

  async findActiveRecipientById(id: string): Promise<ResetRecipient | undefined> {
    return this.sql.one<ResetRecipient>(FIND_RECIPIENT_BY_ID, [id]);
  }

  /** A new link replaces every earlier unused one of the person: only the latest e-mail works. */
  async issueToken(userId: string, tokenHash: string, lifetimeSeconds: number): Promise<void> {
    await this.sql.execute(ISSUE_TOKEN, [userId, tokenHash, lifetimeSeconds]);
  }

  async findUsableToken(tokenHash: string): Promise<ResetLinkOwner | undefined> {
    return this.sql.one<ResetLinkOwner>(FIND_USABLE_TOKEN, [tokenHash]);
  }

  /**
   * Marks the token used if it still may be: the row lock of the UPDATE makes a second, concurrent
   * use wait and then find it used, so only one of them gets an owner back.
   */
  async consumeToken(tokenHash: string): Promise<ResetLinkOwner | undefined> {
    return this.sql.one<ResetLinkOwner>(CONSUME_TOKEN, [tokenHash]);
  }

  async discardUnusedTokens(userId: string): Promise<void> {
    await this.sql.execute(DISCARD_UNUSED_TOKENS, [userId]);
  }
}
