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

/**
 * Every /cohorts page: management, figures and workshop registers. It uses the progress feature
 * (completion status, attendance) and never the other way round.
 */
@Module({
  imports: [ProgrammesModule, ProgressModule, PasswordLinksModule],
  controllers: [ProgrammeCohortsController, CohortReportsController, CohortsController, CohortAttendanceController],
  providers: [CohortsRepository, CohortsService, RosterImportService, CohortReportsRepository, CohortReportsService],
})
export class CohortsModule {}
