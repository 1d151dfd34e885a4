import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '../users/users.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { AppPassport } from './local.strategy.js';
import { SessionsRepository } from './sessions.repository.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { TwoFactorSignInController } from './two-factor-sign-in.controller.js';
import { TwoFactorController } from './two-factor.controller.js';
import { TwoFactorEnrolmentGuard } from './two-factor.guard.js';
import { TwoFactorRepository } from './two-factor.repository.js';
import { TwoFactorService } from './two-factor.service.js';

@Module({
  imports: [UsersModule],
  controllers: [AuthController, TwoFactorSignInController, TwoFactorController],
  providers: [
    AuthService,
    SignInThrottle,
    AppPassport,
    SessionsRepository,
    TwoFactorRepository,
    TwoFactorService,
    { provide: APP_GUARD, useClass: TwoFactorEnrolmentGuard },
  ],
  exports: [SignInThrottle, SessionsRepository],
})
export class AuthModule {}
