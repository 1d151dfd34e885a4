import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { AppPassport } from './local.strategy.js';
import { SessionsRepository } from './sessions.repository.js';
import { SignInThrottle } from './sign-in-throttle.js';

@Module({
  imports: [UsersModule],
  controllers: [AuthController],
  providers: [AuthService, SignInThrottle, AppPassport, SessionsRepository],
  exports: [SignInThrottle, SessionsRepository],
})
export class AuthModule {}
