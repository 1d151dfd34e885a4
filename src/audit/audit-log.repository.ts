import { Injectable } from '@nestjs/common';
import type { Language } from '../common/i18n/language.js';
import { Sql, sqlStatement } from '../database/sql.js';
import { municipalityNameSql } from '../municipalities/municipality-name.js';

export interface AuditLogFilters {
  /** NULL: every city's events and those of no city (network admins); else these cities' only. */
  municipalityIds: string[] | null;
  /** An ILIKE pattern on the name or e-mail of who acted. */
  person: string | null;
  action: string | null;
  /** Calendar days, inclusive, in `timeZone`. */
  from: string | null;
  to: string | null;
  timeZone: string;
}

export interface AuditLogRow {
  id: string;
  occurredAt: Date;
  action: string;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  /** The address typed at a sign-in that matched nobody. */
  attemptedEmail: string | null;
  subjectType: string | null;
  subjectId: string | null;
  /** The record's name as it is now, where the app can tell it. */
  subjectName: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

const UUID_SHAPE = `'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;

const MATCHES = `($1::uuid[] IS NULL OR e.municipality_id = ANY($1))
      AND ($2::text IS NULL OR e.actor_id IN (SELECT u.id FROM app_user u WHERE u.display_name ILIKE $2 ESCAPE '\\' OR u.email ILIKE $2 ESCAPE '\\'))
      AND ($3::text IS NULL OR e.action = $3)
      AND ($4::date IS NULL OR e.occurred_at >= $4::date::timestamp AT TIME ZONE $6::text)
      AND ($5::date IS NULL OR e.occurred_at < ($5::date + 1)::timestamp AT TIME ZONE $6::text)`;

const FIND_PAGE = sqlStatement(
  'auditLog.findPage',
  `SELECT e.id::text, e.occurred_at AS "occurredAt", e.action, e.actor_id AS "actorId", a.display_name AS "actorName", a.email AS "actorEmail",
          CASE WHEN e.actor_id IS NULL THEN e.details->>'email' END AS "attemptedEmail",
          e.subject_type AS "subjectType", e.subject_id AS "subjectId", e.ip, e.details,
          CASE WHEN e.subject_id ~ ${UUID_SHAPE} THEN
            CASE e.subject_type
              WHEN 'user' THEN (SELECT su.display_name FROM app_user su WHERE su.id = e.subject_id::uuid)
              WHEN 'municipality' THEN (SELECT ${municipalityNameSql('sm', '$9')} FROM municipality sm WHERE sm.id = e.subject_id::uuid)
              WHEN 'network' THEN (SELECT sn.name FROM network sn WHERE sn.id = e.subject_id::uuid)
              WHEN 'school' THEN (SELECT ss.name FROM school ss WHERE ss.id = e.subject_id::uuid)
              WHEN 'programme' THEN (SELECT sp.title FROM programme sp WHERE sp.id = e.subject_id::uuid)
              WHEN 'cohort' THEN (SELECT sc.name FROM cohort sc WHERE sc.id = e.subject_id::uuid)
            END
          END AS "subjectName"
     FROM audit_event e LEFT JOIN app_user a ON a.id = e.actor_id
    WHERE ${MATCHES}
    ORDER BY e.occurred_at DESC, e.id DESC
    LIMIT $7 OFFSET $8`,
);

/** Counting stops at a cap: a network's whole log would be millions of rows to count for one page. */
const COUNT_UP_TO = sqlStatement('auditLog.countUpTo', `SELECT count(*)::int AS n FROM (SELECT 1 FROM audit_event e WHERE ${MATCHES} LIMIT $7) AS capped`);

@Injectable()
export class AuditLogRepository {
  constructor(private readonly sql: Sql) {}

  private params(f: AuditLogFilters): unknown[] {
    return [f.municipalityIds, f.person, f.action, f.from, f.to, f.timeZone];
  }

  /** The events that match, newest first; cities named in the reader's language. */
  async findPage(filters: AuditLogFilters, limit: number, offset: number, language: Language): Promise<AuditLogRow[]> {
    return this.sql.query<AuditLogRow>(FIND_PAGE, [...this.params(filters), limit, offset, language]);
  }

  /** How many events match, counting no further than `cap`. */
  async countUpTo(filters: AuditLogFilters, cap: number): Promise<number> {
    return (await this.sql.one<{ n: number }>(COUNT_UP_TO, [...this.params(filters), cap]))!.n;
  }
}
