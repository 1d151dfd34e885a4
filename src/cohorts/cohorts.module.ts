import { Module } from '@nestjs/common';
import { ProgrammesModule } from '../programmes/programmes.module.js';
import { CohortsController, ProgrammeCohortsController } from './cohorts.controller.js';
import { CohortsRepository } from './cohorts.repository.js';
import { CohortsService } from './cohorts.service.js';
import { RosterImportService } from './roster-import.service.js';

/** Exports the scoped cohort lookup (CohortsRepository.findCohortForActor) for the progress feature. */
@Module({
  imports: [ProgrammesModule],
  controllers: [ProgrammeCohortsController, CohortsController],
  providers: [CohortsRepository, CohortsService, RosterImportService],
  exports: [CohortsRepository, CohortsService],
})
export class CohortsModule {}
