import { Controller, Get, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, RequirePermission } from '../auth/guards.js';
import type { Language } from '../common/i18n/language.js';
import { PageLanguage } from '../common/i18n/page-language.js';
import { UuidParam } from '../common/params.js';
import { sendCsv } from '../common/file-names.js';
import { type CohortPageQuery, CohortReportsService, type ProgressCsvQuery } from './cohort-reports.service.js';

/** Cohort figures for department admins (their city) and network admins (every city). */
@Controller('cohorts')
@RequirePermission('cohort.manage', 'report.view')
export class CohortReportsController {
  constructor(private readonly reports: CohortReportsService) {}

  @Get()
  @Render('cohorts/index')
  list(@CurrentActor() actor: Actor, @PageLanguage() lang: Language, @Query('page') page: unknown) {
    return this.reports.list(actor, page, lang);
  }

  /** "New cohort" on the cohorts page: opens the new cohort form of the programme chosen there. */
  @Get('new')
  @RequirePermission('cohort.manage')
  async newCohort(@CurrentActor() actor: Actor, @Query('programme') programme: unknown, @PageLanguage() lang: Language, @Res() res: Response) {
    res.redirect(303, await this.reports.newCohortPath(actor, programme, lang));
  }

  @Get(':id')
  @Render('cohorts/show')
  show(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language, @Query() query: CohortPageQuery) {
    return this.reports.cohortPage(actor, id, query, lang);
  }

  @Get(':id/progress.csv')
  @RequirePermission('report.view')
  async progressCsv(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Query() query: ProgressCsvQuery,
    @PageLanguage() lang: Language,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    sendCsv(res, await this.reports.progressCsv(actor, id, query, lang, req.ip));
  }
}
