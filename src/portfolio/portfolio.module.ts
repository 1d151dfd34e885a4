import { Module } from '@nestjs/common';
import { GoalsModule } from '../goals/goals.module.js';
import { PortfolioExportService } from './portfolio-export.service.js';
import { PortfolioController } from './portfolio.controller.js';
import { PortfolioRepository } from './portfolio.repository.js';
import { PortfolioService } from './portfolio.service.js';

/** The reflective portfolio: entries, evidence files, versions, feedback, the cohort showcase and the export. */
@Module({
  imports: [GoalsModule],
  controllers: [PortfolioController],
  providers: [PortfolioRepository, PortfolioService, PortfolioExportService],
  exports: [PortfolioRepository],
})
export class PortfolioModule {}
