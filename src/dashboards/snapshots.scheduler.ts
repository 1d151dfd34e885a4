import { Injectable, Logger } from '@nestjs/common';
import { Interval, Timeout } from '@nestjs/schedule';
import { DashboardsRepository } from './dashboards.repository.js';
import { SnapshotsRepository } from './snapshots.repository.js';

/** How often the current week's snapshots are refreshed: hourly, so a week's row holds its figures to within its last hour. */
export const SNAPSHOT_EVERY_MS = 60 * 60_000;

/** How often the network view's figures of every city are counted (the page says so, and when they were). */
export const CITY_FIGURES_EVERY_MS = 15 * 60_000;

/** How long after an instance starts it counts the cities' figures, if the last count is older than a period (or there is none). */
export const CITY_FIGURES_AT_START_MS = 10_000;

/**
 * The dashboards' scheduled counts (issue 14 §8): each running cohort's current week, hourly, and
 * every city's headline figures for the network view, every 15 minutes and soon after start.
 * Active only in instances with RUN_SCHEDULER on (the schedule module is loaded only then). Every
 * instance may run them at once: each write is one idempotent upsert keyed by (cohort, week) or
 * by city, so there is one row per key whatever the number of instances. Never inside a request.
 */
@Injectable()
export class SnapshotsScheduler {
  private readonly logger = new Logger(SnapshotsScheduler.name);
  private snapshotting = false;
  private counting = false;

  constructor(
    private readonly snapshots: SnapshotsRepository,
    private readonly dashboards: DashboardsRepository,
  ) {}

  @Interval(SNAPSHOT_EVERY_MS)
  async tick(): Promise<void> {
    if (this.snapshotting) return;
    this.snapshotting = true;
    try {
      await this.takeSnapshots(new Date());
    } finally {
      this.snapshotting = false;
    }
  }

  /** The current week (at `at`, in each city's calendar) of every running cohort; the tests pass their own clock. */
  takeSnapshots(at: Date): Promise<number> {
    return this.snapshots.takeSnapshots(at);
  }

  @Interval(CITY_FIGURES_EVERY_MS)
  async countCities(): Promise<void> {
    if (this.counting) return;
    this.counting = true;
    try {
      await this.countCityFigures();
    } finally {
      this.counting = false;
    }
  }

  /** Soon after start, unless another instance counted within the last period: a new installation's page is not empty for long. */
  @Timeout(CITY_FIGURES_AT_START_MS)
  async countCitiesAtStart(): Promise<void> {
    try {
      const last = await this.dashboards.lastCityCount();
      if (last && Date.now() - last.getTime() < CITY_FIGURES_EVERY_MS) return;
      await this.countCities();
    } catch (error) {
      // A database that is down now is counted at the next period.
      this.logger.warn(`Counting the cities' figures at start failed: ${(error as Error).message}`);
    }
  }

  /** Every city's figures for the network view, now; returns the cities counted. */
  countCityFigures(): Promise<number> {
    return this.dashboards.countCityFigures();
  }
}
