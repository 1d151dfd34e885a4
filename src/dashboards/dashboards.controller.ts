import { Controller, Get, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, RequirePermission } from '../auth/guards.js';
import { sendCsv } from '../common/file-names.js';
import type { Language } from '../common/i18n/language.js';
import { PageLanguage } from '../common/i18n/page-language.js';
import { pageRequest } from '../common/pagination.js';
import { UuidParam } from '../common/params.js';
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

  @Get('cities/:id')
  @Render('dashboards/city')
  city(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query('page') page: unknown, @PageLanguage() lang: Language) {
    return this.dashboards.cityPage(actor, id, pageRequest(page), lang);
  }

  @Get('cities/:id/figures.csv')
  async cityCsv(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Query('table') table: unknown,
    @PageLanguage() lang: Language,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    sendCsv(res, await this.dashboards.cityCsv(actor, id, table, lang, req.ip));
  }

  @Get('cities.csv')
  async citiesCsv(@CurrentActor() actor: Actor, @PageLanguage() lang: Language, @Req() req: Request, @Res() res: Response) {
    sendCsv(res, await this.dashboards.networkCsv(actor, lang, req.ip));
  }
}

/** A cohort's figures, a tab of the cohort's pages for its city's department admins and the network admins. */
@Controller('cohorts/:id')
@RequirePermission('report.view')
export class CohortFiguresController {
  constructor(private readonly dashboards: DashboardsService) {}

  @Get('figures')
  @Render('dashboards/cohort')
  figures(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language) {
    return this.dashboards.cohortPage(actor, id, lang);
  }

  @Get('figures.csv')
  async figuresCsv(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Query('table') table: unknown,
    @PageLanguage() lang: Language,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    sendCsv(res, await this.dashboards.cohortCsv(actor, id, table, lang, req.ip));
  }
}
