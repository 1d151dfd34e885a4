import { Module } from '@nestjs/common';
import { RemindersModule } from '../reminders/reminders.module.js';
import { PasswordLinks } from './password-links.js';
import { PasswordResetRepository } from './password-reset.repository.js';

/**
 * Imports no feature module but the reminder queue (which imports none): the people feature invites
 * through it, and sign-in needs the people's repository.
 */
@Module({
  imports: [RemindersModule],
  providers: [PasswordLinks, PasswordResetRepository],
  exports: [PasswordLinks, PasswordResetRepository],
})
export class PasswordLinksModule {}
