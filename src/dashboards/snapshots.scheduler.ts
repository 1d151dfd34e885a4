import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { SnapshotsRepository } from './snapshots.repository.js';

/** How often the current week's snapshots are refreshed: hourly, so a week's row holds its figures to within its last hour. */
export const SNAPSHOT_EVERY_MS = 60 * 60_000;

/**
 * Writes the current week's figures of every running cohort (issue 14 §8). Active only in
 * instances with RUN_SCHEDULER on (the schedule module is loaded only then). Every instance may
 * run it at once: the write is one idempotent upsert keyed by (cohort, week), so there is one row
 * per cohort per week whatever the number of instances. Never inside a request.
 */
@Injectable()
export class SnapshotsScheduler {
  private running = false;

  constructor(private readonly snapshots: SnapshotsRepository) {}

  @Interval(SNAPSHOT_EVERY_MS)
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.takeSnapshots(new Date());
    } finally {
      this.running = false;
    }
  }

  /** The current week (at `at`, in each city's calendar) of every running cohort; the tests pass their own clock. */
  takeSnapshots(at: Date): Promise<number> {
    return this.snapshots.takeSnapshots(at);
  }
}
