import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { configureApp } from './common/web/configure-app.js';
import type { AppConfig } from './config/app-config.js';

/** Builds the whole app on a migrated database; shared by main.ts and the tests. */
export async function createApp(config: AppConfig, databaseUrl: string, logger: Logger): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register({ config, databaseUrl, logger }), {
    bodyParser: false,
    logger: config.nodeEnv === 'test' ? false : ['error', 'warn'],
    abortOnError: false,
  });
  configureApp(app, config, logger);
  await app.init();
  return app;
}
