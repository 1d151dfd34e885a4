import { Module } from '@nestjs/common';
import { PortfolioRepository } from '../portfolio/portfolio.repository.js';
import { GoalsController } from './goals.controller.js';
import { GoalsRepository } from './goals.repository.js';
import { GoalsService } from './goals.service.js';

/** Personal-education goals, their check-ins and comments. `GoalsRepository.dueForCheckIn` is the seam for home and the mentoring agenda. */
@Module({
  controllers: [GoalsController],
  providers: [GoalsRepository, GoalsService, PortfolioRepository],
  exports: [GoalsRepository],
})
export class GoalsModule {}
