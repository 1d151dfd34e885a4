import { Module } from '@nestjs/common';
import { PasswordLinksModule } from '../auth/password-links.module.js';
import { MunicipalitiesModule } from '../municipalities/municipalities.module.js';
import { SchoolsModule } from '../schools/schools.module.js';
import { PeopleRepository } from './people.repository.js';
import { UserImportService } from './user-import.service.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [PasswordLinksModule, MunicipalitiesModule, SchoolsModule],
  controllers: [UsersController],
  providers: [UsersService, UserImportService, PeopleRepository, UsersRepository],
  exports: [UsersRepository],
})
export class UsersModule {}
