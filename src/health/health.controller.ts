import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Sql, sqlStatement } from '../database/sql.js';
import { Public } from '../auth/guards.js';

const CHECK_TIMEOUT_MS = 2000;

const PING = sqlStatement('health.ping', 'SELECT 1');

@Controller('health')
export class HealthController {
  constructor(private readonly sql: Sql) {}

  /** 200 while the database answers within two seconds, 503 otherwise; never waits on a dead pool. */
  @Public()
  @Get()
  async check(@Res() res: Response): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS)));
    const probe = this.sql.execute(PING).then(
      () => true,
      () => false,
    );
    const healthy = await Promise.race([probe, timeout]);
    clearTimeout(timer);
    res.setHeader('Cache-Control', 'no-store');
    res.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : 'unavailable' });
  }
}
