import { type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { NAVIGATION } from './app.navigation.js';
import { AppPassport } from './auth/local.strategy.js';
import { describeActor, describeSession } from './auth/signed-in-person.js';
import { configureApp } from './common/web/configure-app.js';
import type { AppConfig } from './config/app-config.js';

/**
 * Builds the app around a root module on a migrated database. Tests that need a route of their
 * own (to exercise the shared pipes and filters) pass a module that imports AppModule.register().
 */
export async function createAppFromModule(root: DynamicModule, config: AppConfig, logger: Logger): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(root, {
    bodyParser: false,
    logger: config.nodeEnv === 'test' ? false : ['error', 'warn'],
    abortOnError: false,
  });
  configureApp(app, config, logger, {
    passport: app.get(AppPassport).authenticator,
    describe: describeActor,
    describeSession,
    navigation: NAVIGATION,
  });
  await app.init();
  return app;
}

/** Builds the whole app on a migrated database; shared by main.ts and the tests. */
export function createApp(config: AppConfig, databaseUrl: string, logger: Logger): Promise<NestExpressApplication> {
  return createAppFromModule(AppModule.register({ config, databaseUrl, logger }), config, logger);
}
