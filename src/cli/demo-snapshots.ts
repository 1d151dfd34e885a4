import { DashboardsRepository } from '../dashboards/dashboards.repository.js';
import { SnapshotsRepository } from '../dashboards/snapshots.repository.js';
import type { Sql } from '../database/sql.js';

/**
 * The demo's weekly trend and network view: the scheduled jobs' first runs, as an instance with
 * the scheduler would make them — the current week of every running cohort, its earlier weeks
 * rebuilt from the approvals seeded before (approved modules only), and every city's figures.
 */
export async function seedDemoSnapshots(m: Sql): Promise<void> {
  await new SnapshotsRepository(m).takeSnapshots(new Date());
  await new DashboardsRepository(m).countCityFigures();
}
