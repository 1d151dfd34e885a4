import { Module } from '@nestjs/common';
import { CertificateService } from './certificate.service.js';
import { CompletionStatusRepository } from './completion-status.repository.js';
import { PathController } from './path.controller.js';
import { ProgressRepository } from './progress.repository.js';
import { ProgressService } from './progress.service.js';
import { ReviewsController } from './reviews.controller.js';
import { SubmissionFilesController } from './submission-files.controller.js';

/** Module progress, the teacher's path, reviews, completion status and certificates. */
@Module({
  controllers: [PathController, ReviewsController, SubmissionFilesController],
  providers: [ProgressRepository, CompletionStatusRepository, ProgressService, CertificateService],
  exports: [CompletionStatusRepository, ProgressRepository, ProgressService],
})
export class ProgressModule {}
