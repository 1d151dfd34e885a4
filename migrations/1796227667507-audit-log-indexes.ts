import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log page lists events newest first, for every city (network admins) or a city
 * (department admins, served by audit_event_municipality_idx), filtered by person and by action.
 */
export class AuditLogIndexes1796227667507 implements MigrationInterface {
  name = 'AuditLogIndexes1796227667507';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX audit_event_occurred_idx ON audit_event (occurred_at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_event_actor_idx ON audit_event (actor_id, occurred_at DESC) WHERE actor_id IS NOT NULL`);
    await q.query(`CREATE INDEX audit_event_action_idx ON audit_event (action, occurred_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['audit_event_action_idx', 'audit_event_actor_idx', 'audit_event_occurred_idx']) await q.query(`DROP INDEX ${index}`);
  }
}
