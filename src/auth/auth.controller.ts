import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AppHttpException } from '../common/errors/app-exceptions.js';
import { translate } from '../common/i18n/i18n.js';
import { formatDateTime } from '../common/views/view-engine.js';
import { flash } from '../common/web/language.middleware.js';
import type { Language } from '../common/i18n/language.js';
import { PageLanguage } from '../common/i18n/page-language.js';
import type { SignedInActor } from './actor.js';
import { AuthService, SignInThrottled } from './auth.service.js';
import { ChooseLanguageDto } from './dto/language.dto.js';
import { SignInDto } from './dto/sign-in.dto.js';
import { Public } from './guards.js';
import { AppPassport } from './local.strategy.js';
import { safeReturnPath } from './safe-return.js';
import { awaitSecondStep, signInSession } from './sign-in-session.js';
import { OpenBeforeTwoFactorEnrolment } from './two-factor.guard.js';

function authenticate(passport: AppPassport, req: Request, res: Response): Promise<SignedInActor> {
  return new Promise((resolve, reject) => {
    passport.authenticator.authenticate('local', { session: false }, (error: unknown, actor: SignedInActor | false) => {
      if (error) reject(error);
      else if (!actor) reject(new Error('no actor'));
      else resolve(actor);
    })(req, res, ((error: unknown) => reject(error)) as NextFunction);
  });
}

@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly passport: AppPassport,
  ) {}

  @Public()
  @Get('login')
  loginForm(@Req() req: Request, @Res() res: Response, @Query('returnTo') returnTo?: string): void {
    if (req.user) return res.redirect(303, safeReturnPath(returnTo));
    res.render('auth/login', { values: { returnTo: safeReturnPath(returnTo, '') } });
  }

  /** A right password signs in, or, for a person who uses two-factor sign-in, leads to the code. */
  @Public()
  @Post('login')
  async login(@Body() body: SignInDto, @PageLanguage() lang: Language, @Req() req: Request, @Res() res: Response): Promise<void> {
    let actor: SignedInActor;
    try {
      actor = await authenticate(this.passport, req, res);
    } catch (error) {
      if (!(error instanceof AppHttpException)) throw error;
      let formError = translate(lang, error.messageKey);
      if (error instanceof SignInThrottled) {
        res.setHeader('Retry-After', String(Math.max(1, Math.ceil((error.until.getTime() - Date.now()) / 1000))));
        formError = translate(lang, error.messageKey, { time: formatDateTime(error.until, lang, error.timeZone, 'time') });
      }
      res.status(error.getStatus()).render('auth/login', {
        values: { email: body.email, returnTo: safeReturnPath(body.returnTo, '') },
        formError,
      });
      return;
    }
    const returnTo = safeReturnPath(body.returnTo);
    if (actor.twoFactorEnabled) {
      await awaitSecondStep(req, actor.id, returnTo);
      return res.redirect(303, '/login/two-factor');
    }
    await signInSession(req, actor);
    await this.auth.recordSignIn(actor, req.ip ?? '', 'password');
    res.redirect(303, returnTo);
  }

  @Post('logout')
  @HttpCode(303)
  @OpenBeforeTwoFactorEnrolment()
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    const actor = req.user;
    if (actor) await this.auth.recordSignOut(actor, req.ip ?? '');
    await new Promise<void>((resolve, reject) => req.logout((error) => (error ? reject(error) : resolve())));
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie('ta.sid');
    res.redirect(303, '/login');
  }

  @Public()
  @Post('language')
  async chooseLanguage(@Body() body: ChooseLanguageDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (req.user) await this.auth.chooseLanguage(req.user, body.lang);
    else req.session.lang = body.lang;
    flash(req, 'success', 'common.languageChanged');
    res.redirect(303, safeReturnPath(body.returnTo));
  }
}
