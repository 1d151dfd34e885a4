import { Module } from '@nestjs/common';
import { GoalsModule } from '../goals/goals.module.js';
import { ProgressModule } from '../progress/progress.module.js';
import { MentoringModule } from '../mentoring/mentoring.module.js';
import { HomeController } from './home.controller.js';
import { HomeRepository } from './home.repository.js';
import { HomeService } from './home.service.js';

@Module({
  imports: [ProgressModule, MentoringModule, GoalsModule],
  controllers: [HomeController],
  providers: [HomeService, HomeRepository],
})
export class HomeModule {}
