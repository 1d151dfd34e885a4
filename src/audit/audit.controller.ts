import { Controller, Get, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, RequirePermission } from '../auth/guards.js';
import type { Language } from '../common/i18n/language.js';
import { PageLanguage } from '../common/i18n/page-language.js';
import { type AuditLogQuery, AuditLogService } from './audit-log.service.js';

/** The audit log: department admins read their city's events, network admins every event. */
@Controller()
@RequirePermission('audit.view')
export class AuditController {
  constructor(private readonly log: AuditLogService) {}

  @Get('audit')
  @Render('audit/index')
  index(@CurrentActor() actor: Actor, @Query() query: AuditLogQuery, @PageLanguage() lang: Language) {
    return this.log.page(actor, query, lang);
  }

  @Get('audit.csv')
  async csv(@CurrentActor() actor: Actor, @Query() query: AuditLogQuery, @PageLanguage() lang: Language, @Req() req: Request, @Res() res: Response) {
    const csv = await this.log.csv(actor, query, req.ip, lang);
    res.type('text/csv; charset=utf-8').attachment(csv.fileName).send(csv.body);
  }
}
