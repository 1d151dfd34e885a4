import { Body, Controller, Get, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, RequirePermission } from '../auth/guards.js';
import { FormView } from '../common/forms/form-view.js';
import type { Language } from '../common/i18n/language.js';
import { PageLanguage } from '../common/i18n/page-language.js';
import { UuidParam } from '../common/params.js';
import { flash } from '../common/web/language.middleware.js';
import { AnnouncementDto, HolidayDto } from './dto/admin.dto.js';
import { RemindersAdminService } from './reminders-admin.service.js';

/** Department admins (and network admins): the reminder log, the city's holidays, announcements. */
@Controller('reminders')
@RequirePermission('audit.view')
export class RemindersAdminController {
  constructor(private readonly admin: RemindersAdminService) {}

  @Get('log')
  @Render('reminders/log')
  log(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @PageLanguage() lang: Language) {
    return this.admin.logPage(actor, query, lang);
  }

  @Get('holidays')
  @Render('reminders/holidays')
  holidays(@CurrentActor() actor: Actor, @Query('municipality') municipality: unknown, @PageLanguage() lang: Language) {
    return this.admin.holidaysPage(actor, municipality, lang);
  }

  @Post('holidays')
  @FormView('reminders/holidays', 'holidaysModel')
  async addHoliday(@Body() body: HolidayDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response, @PageLanguage() lang: Language): Promise<void> {
    const cityId = await this.admin.addHoliday(actor, body, req.ip, lang);
    flash(req, 'success', 'reminders.holidays.added');
    res.redirect(303, `/reminders/holidays?municipality=${cityId}`);
  }

  @Get('holidays/:id/delete')
  @Render('reminders/holiday-delete')
  confirmDelete(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.admin.holidayToDelete(actor, id);
  }

  @Post('holidays/:id/delete')
  async deleteHoliday(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const cityId = await this.admin.deleteHoliday(actor, id, req.ip);
    flash(req, 'success', 'reminders.holidays.removed');
    res.redirect(303, `/reminders/holidays?municipality=${cityId}`);
  }

  @Get('announcements/new')
  @Render('reminders/announcement')
  announcementForm(@CurrentActor() actor: Actor, @PageLanguage() lang: Language) {
    return this.admin.announcementForm(actor, lang);
  }

  @Post('announcements')
  @FormView('reminders/announcement', 'announcementModel')
  async announce(@Body() body: AnnouncementDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response, @PageLanguage() lang: Language): Promise<void> {
    const count = await this.admin.announce(actor, body, req.ip, lang);
    flash(req, 'success', 'reminders.announcements.queued', { count });
    res.redirect(303, '/reminders/log');
  }

  holidaysModel(req: Request, lang: Language) {
    return this.admin.holidaysPage(req.user as Actor, (req.body as { municipality?: unknown })?.municipality, lang);
  }

  announcementModel(req: Request, lang: Language) {
    return this.admin.announcementForm(req.user as Actor, lang);
  }
}
