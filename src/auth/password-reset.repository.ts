import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql.js';
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
  email: string;
  municipalityId: string | null;
}

/** Every token is looked up by its SHA-256 only: the raw token never reaches the database. */
@Injectable()
export class PasswordResetRepository {
  constructor(private readonly sql: Sql) {}

  async findActiveRecipientByEmail(email: string): Promise<ResetRecipient | undefined> {
    const rows = await this.sql.query(
      `SELECT id, email, display_name AS "displayName", preferred_language AS "preferredLanguage", municipality_id AS "municipalityId"
         FROM app_user WHERE email = lower($1) AND active`,
      [email],
    );
    return rows[0];
  }

  async findActiveRecipientById(id: string): Promise<ResetRecipient | undefined> {
    const rows = await this.sql.query(
      `SELECT id, email, display_name AS "displayName", preferred_language AS "preferredLanguage", municipality_id AS "municipalityId"
         FROM app_user WHERE id = $1 AND active`,
      [id],
    );
    return rows[0];
  }

  /** A new link replaces every earlier unused one of the person: only the latest e-mail works. */
  async issueToken(userId: string, tokenHash: string, lifetimeSeconds: number): Promise<void> {
    await this.sql.transaction(async (manager) => {
      await this.discardUnusedTokens(userId, manager);
      await manager.query(`INSERT INTO password_reset_token (user_id, token_hash, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`, [
        userId,
        tokenHash,
        lifetimeSeconds,
      ]);
    });
  }

  async findUsableToken(tokenHash: string): Promise<ResetLinkOwner | undefined> {
    const rows = await this.sql.query(
      `SELECT t.user_id AS "userId", u.email, u.municipality_id AS "municipalityId"
         FROM password_reset_token t JOIN app_user u ON u.id = t.user_id AND u.active
        WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now()`,
      [tokenHash],
    );
    return rows[0];
  }

  /**
   * Marks the token used if it still may be: the row lock of the UPDATE makes a second, concurrent
   * use wait and then find it used, so only one of them gets an owner back.
   */
  async consumeToken(tokenHash: string, manager: Sql): Promise<ResetLinkOwner | undefined> {
    const rows = await manager.query<ResetLinkOwner>(
      `UPDATE password_reset_token t SET used_at = now()
         FROM app_user u
        WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now() AND u.id = t.user_id AND u.active
        RETURNING t.user_id AS "userId", u.email, u.municipality_id AS "municipalityId"`,
      [tokenHash],
    );
    return rows[0];
  }

  async discardUnusedTokens(userId: string, manager: Sql): Promise<void> {
    await manager.query('DELETE FROM password_reset_token WHERE user_id = $1 AND used_at IS NULL', [userId]);
  }
}
