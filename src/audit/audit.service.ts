import { Injectable } from '@nestjs/common';
import { Sql, sqlStatement } from '../database/sql.js';

export interface AuditEntry {
  actorId: string | null;
  municipalityId?: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  ip?: string | null;
  /** Never a password, a token or a reflection's text: only ids, counts and names of fields. */
  details?: Record<string, unknown>;
}

const RECORD = sqlStatement(
  'audit.record',
  `INSERT INTO audit_event (actor_id, municipality_id, action, subject_type, subject_id, ip, details)
   VALUES ($1, $2, $3, $4, $5, $6, $7)`,
);

@Injectable()
export class AuditService {
  constructor(private readonly sql: Sql) {}

  /**
   * Called inside the caller's `sql.transaction` when the audited change runs in one: the gateway
   * sends this row on the same connection, so both land or neither.
   */
  async record(entry: AuditEntry): Promise<void> {
    await this.sql.execute(RECORD, [
      entry.actorId,
      entry.municipalityId ?? null,
      entry.action,
      entry.subjectType ?? null,
      entry.subjectId ?? null,
      entry.ip ?? null,
      JSON.stringify(entry.details ?? {}),
    ]);
  }
}
