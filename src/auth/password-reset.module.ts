import { Module } from '@nestjs/common';
import { AuthModule } from './auth.module.js';
import { PasswordResetController } from './password-reset.controller.js';
import { PasswordResetRepository } from './password-reset.repository.js';
import { PasswordResetService } from './password-reset.service.js';
import { SignInThrottle } from './sign-in-throttle.js';

@Module({
  imports: [AuthModule],
  controllers: [PasswordResetController],
  providers: [PasswordResetService, PasswordResetRepository, SignInThrottle],
  exports: [PasswordResetService],
})
export class PasswordResetModule {}
