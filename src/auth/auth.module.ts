import { Module } from '@nestjs/common';
import { UsersRepository } from '../users/users.repository.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { AppPassport } from './local.strategy.js';
import { SignInThrottle } from './sign-in-throttle.js';

@Module({
  controllers: [AuthController],
  providers: [AuthService, SignInThrottle, AppPassport, UsersRepository],
  exports: [AuthService, UsersRepository, AppPassport],
})
export class AuthModule {}
