import { SnapshotsRepository } from '../dashboards/snapshots.repository.js';
import type { Sql } from '../database/sql.js';

/**
 * The demo's weekly trend: the snapshot job's first run, as an instance with the scheduler would
 * make it — the current week of every running cohort, and its earlier weeks rebuilt from the
 * approvals seeded before (approved modules only).
 */
export async function seedDemoSnapshots(m: Sql): Promise<void> {
  await new SnapshotsRepository(m).takeSnapshots(new Date());
}
