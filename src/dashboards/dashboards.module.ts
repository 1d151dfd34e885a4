import { Module } from '@nestjs/common';
import { ProgressModule } from '../progress/progress.module.js';
import { CohortFiguresController, DashboardsController } from './dashboards.controller.js';
import { DashboardsRepository } from './dashboards.repository.js';
import { DashboardsService } from './dashboards.service.js';
import { SnapshotsRepository } from './snapshots.repository.js';
import { SnapshotsScheduler } from './snapshots.scheduler.js';

/** Figures across cohorts and cities (issue 14): aggregates only; it reads the progress feature's statuses. */
@Module({
  imports: [ProgressModule],
  controllers: [DashboardsController, CohortFiguresController],
  providers: [DashboardsRepository, DashboardsService, SnapshotsRepository, SnapshotsScheduler],
})
export class DashboardsModule {}
