import { Module } from '@nestjs/common';
import { PasswordLinksModule } from '../auth/password-links.module.js';
import { ProgrammesModule } from '../programmes/programmes.module.js';
import { ProgressModule } from '../progress/progress.module.js';
import { CohortReportsController } from './cohort-reports.controller.js';
import { CohortReportsRepository } from './cohort-reports.repository.js';
import { CohortReportsService } from './cohort-reports.service.js';
import { CohortAttendanceController, CohortsController, ProgrammeCohortsController } from './cohorts.controller.js';
import { CohortsRepository } from './cohorts.repository.js';
import { CohortsService } from './cohorts.service.js';
import { RosterImportService } from './roster-import.service.js';
import { CohortWorkshopsController } from './workshop-events.controller.js';
import { WorkshopEventsRepository } from './workshop-events.repository.js';
import { WorkshopEventsService } from './workshop-events.service.js';

/**
 * Every /cohorts page: management, figures, workshop events and their registers. It uses the progress feature
 * (completion status, attendance) and never the other way round.
 */
@Module({
  imports: [ProgrammesModule, ProgressModule, PasswordLinksModule],
  controllers: [ProgrammeCohortsController, CohortReportsController, CohortsController, CohortWorkshopsController, CohortAttendanceController],
  providers: [CohortsRepository, CohortsService, RosterImportService, CohortReportsRepository, CohortReportsService, WorkshopEventsRepository, WorkshopEventsService],
})
export class CohortsModule {}
