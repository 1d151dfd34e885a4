import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { NormalisedEmail } from '../common/email-address.js';
import { Sql, sqlStatement } from '../database/sql.js';

export interface Limit {
  failures: number;
  windowSeconds: number;
  blockSeconds: number;
}

/**
 * Failed sign-ins are counted in PostgreSQL, so the limits hold across app instances. Per account
 * the limit is tight (guessing one person's password). Per address it counts the different
 * accounts that failed, not every failure: a whole school signs in from one address, and one
 * forgetful teacher retrying must not pause it; one machine trying many accounts is paused.
 */
export const ACCOUNT_LIMIT: Limit = { failures: 5, windowSeconds: 15 * 60, blockSeconds: 15 * 60 };
export const ADDRESS_LIMIT: Limit = { failures: 100, windowSeconds: 15 * 60, blockSeconds: 15 * 60 };

export function accountKey(email: NormalisedEmail): string {
  return `sign-in:account:${email}`;
}

export function addressKey(ip: string): string {
  return `sign-in:address:${ip}`;
}

const FIND_PAUSES = sqlStatement(
  'throttle.findPauses',
  'SELECT key, blocked_until AS "blockedUntil" FROM rate_limit_counter WHERE key = ANY($1) AND blocked_until > now()',
);

/** The fixed window of a counter: a hit after the window starts a new one; the limit-th hit in a window blocks. */
const COUNT_HIT = `ON CONFLICT (key) DO UPDATE SET
     hits = CASE WHEN c.window_started_at < now() - make_interval(secs => $2) THEN 1 ELSE c.hits + 1 END,
     window_started_at = CASE WHEN c.window_started_at < now() - make_interval(secs => $2) THEN now() ELSE c.window_started_at END,
     blocked_until = CASE
       WHEN c.window_started_at >= now() - make_interval(secs => $2) AND c.hits + 1 >= $3 THEN now() + make_interval(secs => $4)
       ELSE c.blocked_until END`;

const RECORD_FAILURE = sqlStatement(
  'throttle.recordFailure',
  `INSERT INTO rate_limit_counter AS c (key, hits, window_started_at) VALUES ($1, 1, now())
   ${COUNT_HIT}`,
);

/** Counts a hit only for a member (an account) not seen under this key within the window. */
const RECORD_FAILURE_OF_MEMBER = sqlStatement(
  'throttle.recordFailureOfMember',
  `WITH counted AS (
     INSERT INTO rate_limit_member AS m (key, member, seen_at) VALUES ($1, $5, now())
     ON CONFLICT (key, member) DO UPDATE SET seen_at = now() WHERE m.seen_at < now() - make_interval(secs => $2)
     RETURNING 1)
   INSERT INTO rate_limit_counter AS c (key, hits, window_started_at) SELECT $1, 1, now() FROM counted
   ${COUNT_HIT}`,
);

const CLEAR = sqlStatement('throttle.clear', 'DELETE FROM rate_limit_counter WHERE key = $1');

// Windows and pauses last an hour at most: a day later a row counts for nothing.
const PRUNE_MEMBERS = sqlStatement('throttle.pruneMembers', `DELETE FROM rate_limit_member WHERE seen_at < now() - interval '1 day'`);
const PRUNE_COUNTERS = sqlStatement(
  'throttle.pruneCounters',
  `DELETE FROM rate_limit_counter WHERE window_started_at < now() - interval '1 day' AND (blocked_until IS NULL OR blocked_until < now())`,
);

@Injectable()
export class SignInThrottle {
  constructor(private readonly sql: Sql) {}

  /** The keys among these that are paused, each with when its pause ends. */
  async pauses(keys: string[]): Promise<Map<string, Date>> {
    const rows = await this.sql.query<{ key: string; blockedUntil: Date }>(FIND_PAUSES, [keys]);
    return new Map(rows.map((r) => [r.key, r.blockedUntil]));
  }

  async isBlocked(keys: string[]): Promise<boolean> {
    return (await this.pauses(keys)).size > 0;
  }

  async recordFailure(key: string, limit: Limit): Promise<void> {
    await this.sql.execute(RECORD_FAILURE, [key, limit.windowSeconds, limit.failures, limit.blockSeconds]);
  }

  /** A failure under `key` (an address) counted once per `member` (an account) in each window. */
  async recordFailureOf(key: string, member: string, limit: Limit): Promise<void> {
    await this.sql.execute(RECORD_FAILURE_OF_MEMBER, [key, limit.windowSeconds, limit.failures, limit.blockSeconds, member]);
  }

  async clear(key: string): Promise<void> {
    await this.sql.execute(CLEAR, [key]);
  }

  /** Runs in the instances with RUN_SCHEDULER on; harmless when several do. */
  @Interval(15 * 60_000)
  async prune(): Promise<void> {
    await this.sql.execute(PRUNE_MEMBERS);
    await this.sql.execute(PRUNE_COUNTERS);
  }
}
