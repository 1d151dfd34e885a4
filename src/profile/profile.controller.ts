import { Body, Controller, Get, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor, SignedInActor } from '../auth/actor.js';
import { CurrentActor } from '../auth/guards.js';
import { FormView } from '../common/forms/form-view.js';
import type { Language } from '../common/i18n/language.js';
import { PageLanguage } from '../common/i18n/page-language.js';
import { flash } from '../common/web/language.middleware.js';
import { ChangePasswordDto } from './dto/change-password.dto.js';
import { UpdateProfileDto } from './dto/update-profile.dto.js';
import { ProfileService } from './profile.service.js';

/** Open to everyone signed in: a person without any role still has a name, a language and a password. */
@Controller('profile')
export class ProfileController {
  constructor(private readonly profiles: ProfileService) {}

  @Get()
  @Render('profile/show')
  show(@CurrentActor() actor: SignedInActor, @Req() req: Request, @PageLanguage() lang: Language) {
    return this.profiles.page(actor, req.sessionID, lang);
  }

  @Post()
  @FormView('profile/show', 'pageModel')
  async update(@Body() body: UpdateProfileDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.profiles.update(actor, body, req.ip ?? '');
    flash(req, 'success', 'profile.saved');
    res.redirect(303, '/profile');
  }

  @Post('password')
  @FormView('profile/show', 'pageModel')
  async changePassword(@Body() body: ChangePasswordDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.profiles.changePassword(actor, body, req.sessionID, req.ip ?? '');
    flash(req, 'success', 'profile.password.changed');
    res.redirect(303, '/profile');
  }

  @Get('sessions/end-others')
  @Render('profile/end-other-sessions')
  endOtherSessionsPage(@CurrentActor() actor: Actor, @Req() req: Request, @PageLanguage() lang: Language) {
    return this.profiles.endOtherSessionsPage(actor, req.sessionID, lang);
  }

  @Post('sessions/end-others')
  async endOtherSessions(@CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ended = await this.profiles.endOtherSessions(actor, req.sessionID, req.ip ?? '');
    flash(req, 'success', 'profile.sessions.ended', { count: ended });
    res.redirect(303, '/profile');
  }

  pageModel(req: Request, lang: Language) {
    return this.profiles.page(req.user as SignedInActor, req.sessionID, lang);
  }
}
