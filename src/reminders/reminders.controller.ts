import { Body, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Public } from '../auth/guards.js';
import { flash } from '../common/web/language.middleware.js';
import { PreferencesDto } from './dto/preferences.dto.js';
import { RemindersService } from './reminders.service.js';

@Controller()
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Get('profile/reminders')
  @Render('reminders/preferences')
  preferences(@CurrentActor() actor: Actor) {
    return this.reminders.preferencesPage(actor);
  }

  @Post('profile/reminders')
  async savePreferences(@Body() body: PreferencesDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.reminders.savePreferences(actor, body.channels);
    flash(req, 'success', 'reminders.preferences.saved');
    res.redirect(303, '/profile/reminders');
  }

  /** The one-click link in every reminder: works signed out; the signed token names the person. */
  @Public()
  @Get('reminders/preferences/:token')
  @Render('reminders/preferences')
  preferencesByLink(@Param('token') token: string) {
    return this.reminders.preferencesPageForToken(token);
  }

  @Public()
  @Post('reminders/preferences/:token')
  async savePreferencesByLink(@Param('token') token: string, @Body() body: PreferencesDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.reminders.savePreferencesForToken(token, body.channels);
    flash(req, 'success', 'reminders.preferences.saved');
    res.redirect(303, `/reminders/preferences/${token}`);
  }
}
