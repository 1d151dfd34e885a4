import { Module } from '@nestjs/common';
import { PasswordLinks } from './password-links.js';
import { PasswordResetRepository } from './password-reset.repository.js';

/** Imports no feature module: the people feature invites through it, and sign-in needs the people's repository. */
@Module({
  providers: [PasswordLinks, PasswordResetRepository],
  exports: [PasswordLinks, PasswordResetRepository],
})
export class PasswordLinksModule {}
