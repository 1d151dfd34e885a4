import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { RemindersEngine } from './reminders.engine.js';

/**
 * Active only in instances with RUN_SCHEDULER on (the schedule module is loaded only then). Every
 * instance may run it at once: finding is an idempotent insert and the dispatcher's claims skip
 * each other's rows, so nothing is sent twice. Never inside a request.
 */
@Injectable()
export class RemindersScheduler {
  private running = false;

  constructor(private readonly engine: RemindersEngine) {}

  @Interval(60_000)
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.engine.runPass(new Date());
    } finally {
      this.running = false;
    }
  }
}
