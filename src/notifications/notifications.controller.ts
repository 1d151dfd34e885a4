import { Controller, Get, Param, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/guards.js';
import { PageLanguage } from '../common/i18n/page-language.js';
import type { Language } from '../common/i18n/language.js';
import { flash } from '../common/web/language.middleware.js';
import { NotificationsService } from './notifications.service.js';

/** Everyone signed in has their own notifications; nobody reads another's. */
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Render('notifications/index')
  index(@CurrentActor() actor: Actor, @PageLanguage() lang: Language, @Query('page') page: unknown) {
    return this.notifications.page(actor, page, lang);
  }

  /** Opening is a POST: it marks the notification read, and a GET must write nothing. */
  @Post(':id/open')
  async open(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response): Promise<void> {
    res.redirect(303, await this.notifications.open(actor, id));
  }

  @Post(':id/read')
  async markRead(@CurrentActor() actor: Actor, @Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.notifications.markRead(actor, id);
    flash(req, 'success', 'notifications.flash.markedRead');
    res.redirect(303, '/notifications');
  }

  @Post('read-all')
  async markAllRead(@CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    const count = await this.notifications.markAllRead(actor);
    flash(req, 'success', 'notifications.flash.allRead', { count });
    res.redirect(303, '/notifications');
  }
}
