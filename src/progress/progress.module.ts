import { Module } from '@nestjs/common';
import { CertificateService } from './certificate.service.js';
import { CohortReportsController } from './cohort-reports.controller.js';
import { CohortReportsRepository } from './cohort-reports.repository.js';
import { CohortReportsService } from './cohort-reports.service.js';
import { CompletionStatusRepository } from './completion-status.repository.js';
import { PathController } from './path.controller.js';
import { ProgressRepository } from './progress.repository.js';
import { ProgressService } from './progress.service.js';
import { ReviewsController } from './reviews.controller.js';
import { SubmissionFilesController } from './submission-files.controller.js';

/** Module progress, the teacher's path, reviews, completion status, cohort figures and certificates. */
@Module({
  controllers: [PathController, ReviewsController, CohortReportsController, SubmissionFilesController],
  providers: [ProgressRepository, CompletionStatusRepository, CohortReportsRepository, ProgressService, CohortReportsService, CertificateService],
  exports: [CompletionStatusRepository],
})
export class ProgressModule {}
