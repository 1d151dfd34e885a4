import { Module } from '@nestjs/common';
import { RemindersController } from './reminders.controller.js';
import { RemindersEngine } from './reminders.engine.js';
import { RemindersRepository } from './reminders.repository.js';
import { RemindersScheduler } from './reminders.scheduler.js';
import { RemindersService } from './reminders.service.js';

@Module({
  controllers: [RemindersController],
  providers: [RemindersRepository, RemindersEngine, RemindersScheduler, RemindersService],
  exports: [RemindersEngine, RemindersRepository],
})
export class RemindersModule {}
