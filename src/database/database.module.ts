import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { createPool } from './pool.js';
import { Sql } from './sql.js';

/** The SQL gateway for the whole app: one pool, closed when the app shuts down. */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(Sql) private readonly sql: Sql) {}

  static forRoot(url: string, poolSize: number, logger: Logger): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: Sql,
          useFactory: () => new Sql(createPool(url, { size: poolSize, onError: (err) => logger.warn({ err }, 'idle database connection lost') })),
        },
      ],
      exports: [Sql],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sql.pool.end();
  }
}
