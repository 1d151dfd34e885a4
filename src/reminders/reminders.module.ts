import { Module } from '@nestjs/common';
import { MunicipalitiesModule } from '../municipalities/municipalities.module.js';
import { RemindersAdminController } from './reminders-admin.controller.js';
import { RemindersAdminService } from './reminders-admin.service.js';
import { RemindersController } from './reminders.controller.js';
import { RemindersEngine } from './reminders.engine.js';
import { RemindersRepository } from './reminders.repository.js';
import { RemindersScheduler } from './reminders.scheduler.js';
import { RemindersService } from './reminders.service.js';
import { ReminderSummaries } from './summaries.service.js';
import { SummariesRepository } from './summaries.repository.js';

@Module({
  imports: [MunicipalitiesModule],
  controllers: [RemindersController, RemindersAdminController],
  providers: [RemindersRepository, RemindersEngine, RemindersScheduler, RemindersService, RemindersAdminService, SummariesRepository, ReminderSummaries],
  exports: [RemindersEngine, RemindersRepository],
})
export class RemindersModule {}
