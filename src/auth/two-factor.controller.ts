import { Body, Controller, Get, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RedirectException } from '../common/errors/app-exceptions.js';
import { FormView } from '../common/forms/form-view.js';
import type { Language } from '../common/i18n/language.js';
import { PageLanguage } from '../common/i18n/page-language.js';
import { UuidParam } from '../common/params.js';
import { flash } from '../common/web/language.middleware.js';
import { renewSessionId } from '../common/web/session-lifetime.js';
import type { SignedInActor } from './actor.js';
import { TwoFactorCodeDto } from './dto/two-factor.dto.js';
import { CurrentActor, RequirePermission } from './guards.js';
import { ENROLMENT_PAGE, OpenBeforeTwoFactorEnrolment } from './two-factor.guard.js';
import { TwoFactorService } from './two-factor.service.js';

/**
 * Two-factor sign-in as the person sets it up and keeps it (under their profile), and its reset by
 * another administrator (under the person's page). Everything is a form and a page: no script.
 */
@Controller()
export class TwoFactorController {
  constructor(private readonly twoFactor: TwoFactorService) {}

  @Get('profile/two-factor')
  @Render('auth/two-factor')
  @OpenBeforeTwoFactorEnrolment()
  status(@CurrentActor() actor: SignedInActor) {
    return this.twoFactor.statusPage(actor);
  }

  statusModel(req: Request) {
    return this.twoFactor.statusPage(req.user as SignedInActor);
  }

  @Post('profile/two-factor/setup')
  @OpenBeforeTwoFactorEnrolment()
  async beginEnrolment(@CurrentActor() actor: SignedInActor, @Res() res: Response): Promise<void> {
    await this.twoFactor.beginEnrolment(actor);
    res.redirect(303, `${ENROLMENT_PAGE}/setup`);
  }

  @Get('profile/two-factor/setup')
  @Render('auth/two-factor-setup')
  @OpenBeforeTwoFactorEnrolment()
  setup(@CurrentActor() actor: SignedInActor, @PageLanguage() lang: Language) {
    return this.twoFactor.setupPage(actor, lang);
  }

  setupModel(req: Request, lang: Language) {
    return this.twoFactor.setupPage(req.user as SignedInActor, lang);
  }

  /** The first code confirms enrolment: the session gets a new id, and the recovery codes are shown once. */
  @Post('profile/two-factor/setup/confirm')
  @FormView('auth/two-factor-setup', 'setupModel')
  @OpenBeforeTwoFactorEnrolment()
  async confirm(
    @CurrentActor() actor: SignedInActor,
    @Body() body: TwoFactorCodeDto,
    @PageLanguage() lang: Language,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const codes = await this.twoFactor.confirmEnrolment(actor, body.code, req.ip ?? '', lang);
    await renewSessionId(req);
    req.session.recoveryCodesToShow = codes;
    flash(req, 'success', 'auth.twoFactor.enabled');
    res.redirect(303, `${ENROLMENT_PAGE}/recovery-codes`);
  }

  /** New recovery codes, once: the page forgets them as it shows them. */
  @Get('profile/two-factor/recovery-codes')
  @Render('auth/two-factor-recovery-codes')
  recoveryCodes(@Req() req: Request) {
    const codes = req.session.recoveryCodesToShow;
    if (!codes) throw new RedirectException(ENROLMENT_PAGE);
    delete req.session.recoveryCodesToShow;
    return { codes };
  }

  @Post('profile/two-factor/recovery-codes')
  @FormView('auth/two-factor', 'statusModel')
  async replaceRecoveryCodes(
    @CurrentActor() actor: SignedInActor,
    @Body() body: TwoFactorCodeDto,
    @PageLanguage() lang: Language,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    req.session.recoveryCodesToShow = await this.twoFactor.replaceRecoveryCodes(actor, body.code, req.ip ?? '', lang);
    res.redirect(303, `${ENROLMENT_PAGE}/recovery-codes`);
  }

  @Get('profile/two-factor/disable')
  @Render('auth/two-factor-disable')
  disablePage(@CurrentActor() actor: SignedInActor) {
    return this.twoFactor.disablePage(actor);
  }

  @Post('profile/two-factor/disable')
  @FormView('auth/two-factor-disable')
  async disable(
    @CurrentActor() actor: SignedInActor,
    @Body() body: TwoFactorCodeDto,
    @PageLanguage() lang: Language,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await this.twoFactor.disable(actor, body.code, req.ip ?? '', lang);
    flash(req, 'success', 'auth.twoFactor.disabled');
    res.redirect(303, ENROLMENT_PAGE);
  }

  @Get('users/:id/two-factor/reset')
  @RequirePermission('user.manage')
  @Render('auth/two-factor-reset')
  resetPage(@CurrentActor() actor: SignedInActor, @UuidParam('id') id: string) {
    return this.twoFactor.resetPage(actor, id);
  }

  @Post('users/:id/two-factor/reset')
  @RequirePermission('user.manage')
  async reset(@CurrentActor() actor: SignedInActor, @UuidParam('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.twoFactor.reset(actor, id, req.ip ?? '');
    flash(req, 'success', 'auth.twoFactor.reset.done');
    res.redirect(303, `/users/${id}`);
  }
}
