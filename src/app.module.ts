import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import type { Logger } from 'pino';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { PasswordResetModule } from './auth/password-reset.module.js';
import { SignedInGuard } from './auth/guards.js';
import { HttpExceptionFilter } from './common/errors/http-exception.filter.js';
import { createValidationPipe } from './common/forms/form-validation.js';
import { FormViewInterceptor } from './common/forms/form-view.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { APP_LOGGER } from './common/logger.tokens.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthController } from './health/health.controller.js';
import { HomeModule } from './home/home.module.js';
import { MunicipalitiesModule } from './municipalities/municipalities.module.js';
import { SchoolsModule } from './schools/schools.module.js';
import { UsersModule } from './users/users.module.js';
import { CsrfAfterMulterModule } from './common/web/csrf-after-multer.js';
import { CohortsModule } from './cohorts/cohorts.module.js';
import { ProgrammesModule } from './programmes/programmes.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { ProfileModule } from './profile/profile.module.js';
import { ProgressModule } from './progress/progress.module.js';
import { MentoringModule } from './mentoring/mentoring.module.js';
import { GoalsModule } from './goals/goals.module.js';
import { PortfolioModule } from './portfolio/portfolio.module.js';
import { RemindersModule } from './reminders/reminders.module.js';
import { DashboardsModule } from './dashboards/dashboards.module.js';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  logger: Logger;
}

@Module({})
export class AppModule {
  static register({ config, databaseUrl, logger }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        DatabaseModule.forRoot(databaseUrl, config.dbPoolSize, logger),
        ...(config.runScheduler ? [ScheduleModule.forRoot()] : []),
        AuditModule,
        AuthModule,
        CsrfAfterMulterModule,
        MunicipalitiesModule,
        SchoolsModule,
        UsersModule,
        ProgrammesModule,
        CohortsModule,
        NotificationsModule,
        ProfileModule,
        PasswordResetModule,
        ProgressModule,
        GoalsModule,
        PortfolioModule,
        HomeModule,
        MentoringModule,
        RemindersModule,
        DashboardsModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_LOGGER, useValue: logger },
        { provide: APP_GUARD, useClass: SignedInGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: FormViewInterceptor },
        { provide: APP_FILTER, useFactory: () => new HttpExceptionFilter(logger) },
      ],
      exports: [APP_CONFIG, APP_LOGGER],
    };
  }
}
