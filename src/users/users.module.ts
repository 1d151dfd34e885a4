import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { PasswordResetModule } from '../auth/password-reset.module.js';
import { MunicipalitiesModule } from '../municipalities/municipalities.module.js';
import { SchoolsModule } from '../schools/schools.module.js';
import { PeopleRepository } from './people.repository.js';
import { UserImportService } from './user-import.service.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [AuthModule, PasswordResetModule, MunicipalitiesModule, SchoolsModule],
  controllers: [UsersController],
  providers: [UsersService, UserImportService, PeopleRepository],
})
export class UsersModule {}
