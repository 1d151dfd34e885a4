import { Controller, Get, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, RequirePermission } from '../auth/guards.js';
import { attachmentHeader } from '../common/file-names.js';
import type { Language } from '../common/i18n/language.js';
import { PageLanguage } from '../common/i18n/page-language.js';
import { DashboardsService } from './dashboards.service.js';

/** The cities side by side: every city for network admins, one's own against the network's median for department admins. */
@Controller('network')
@RequirePermission('report.view')
export class DashboardsController {
  constructor(private readonly dashboards: DashboardsService) {}

  @Get()
  @Render('dashboards/network')
  network(@CurrentActor() actor: Actor, @PageLanguage() lang: Language) {
    return this.dashboards.networkPage(actor, lang);
  }

  @Get('cities.csv')
  async citiesCsv(@CurrentActor() actor: Actor, @PageLanguage() lang: Language, @Req() req: Request, @Res() res: Response) {
    const csv = await this.dashboards.networkCsv(actor, lang, req.ip);
    res.type('text/csv; charset=utf-8').set('Content-Disposition', attachmentHeader(csv.fileName)).send(csv.body);
  }
}
