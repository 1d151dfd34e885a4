import { Injectable } from '@nestjs/common';
import type { NormalisedEmail } from '../common/email-address.js';
import { Sql, sqlStatement } from '../database/sql.js';

interface Limit {
  failures: number;
  windowSeconds: number;
  blockSeconds: number;
}

/**
 * Failed sign-ins are counted per account and per address in PostgreSQL, so the limit holds across
 * app instances. The per-account limit is tight (guessing one person's password); the per-address
 * limit is loose, since a whole school signs in from one address and only failures count.
 */
export const ACCOUNT_LIMIT: Limit = { failures: 5, windowSeconds: 15 * 60, blockSeconds: 15 * 60 };
export const ADDRESS_LIMIT: Limit = { failures: 100, windowSeconds: 15 * 60, blockSeconds: 15 * 60 };

export function accountKey(email: NormalisedEmail): string {
  return `sign-in:account:${email}`;
}

export function addressKey(ip: string): string {
  return `sign-in:address:${ip}`;
}

const IS_BLOCKED = sqlStatement('throttle.isBlocked', 'SELECT true AS blocked FROM rate_limit_counter WHERE key = ANY($1) AND blocked_until > now() LIMIT 1');

const RECORD_FAILURE = sqlStatement(
  'throttle.recordFailure',
  `INSERT INTO rate_limit_counter AS c (key, hits, window_started_at) VALUES ($1, 1, now())
   ON CONFLICT (key) DO UPDATE SET
     hits = CASE WHEN c.window_started_at < now() - make_interval(secs => $2) THEN 1 ELSE c.hits + 1 END,
     window_started_at = CASE WHEN c.window_started_at < now() - make_interval(secs => $2) THEN now() ELSE c.window_started_at END,
     blocked_until = CASE
       WHEN c.window_started_at >= now() - make_interval(secs => $2) AND c.hits + 1 >= $3 THEN now() + make_interval(secs => $4)
       ELSE c.blocked_until END`,
);

const CLEAR = sqlStatement('throttle.clear', 'DELETE FROM rate_limit_counter WHERE key = $1');

@Injectable()
export class SignInThrottle {
  constructor(private readonly sql: Sql) {}

  async isBlocked(keys: string[]): Promise<boolean> {
    return (await this.sql.one<{ blocked: true }>(IS_BLOCKED, [keys]))?.blocked ?? false;
  }

  async recordFailure(key: string, limit: Limit): Promise<void> {
    await this.sql.execute(RECORD_FAILURE, [key, limit.windowSeconds, limit.failures, limit.blockSeconds]);
  }

  async clear(key: string): Promise<void> {
    await this.sql.execute(CLEAR, [key]);
  }
}
