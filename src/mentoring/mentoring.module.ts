import { Module } from '@nestjs/common';
import { GoalsModule } from '../goals/goals.module.js';
import { CalendarFeedService } from './calendar-feed.service.js';
import { CalendarFeedController, MentoringController, MentoringCoverageController } from './mentoring.controller.js';
import { MentoringRepository } from './mentoring.repository.js';
import { MentoringService } from './mentoring.service.js';

@Module({
  imports: [GoalsModule],
  controllers: [MentoringController, MentoringCoverageController, CalendarFeedController],
  providers: [MentoringService, MentoringRepository, CalendarFeedService],
  exports: [MentoringService, MentoringRepository],
})
export class MentoringModule {}
