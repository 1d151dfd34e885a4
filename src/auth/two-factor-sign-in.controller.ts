import { Body, Controller, Get, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RedirectException } from '../common/errors/app-exceptions.js';
import { FormView } from '../common/forms/form-view.js';
import type { Language } from '../common/i18n/language.js';
import { PageLanguage } from '../common/i18n/page-language.js';
import { flash } from '../common/web/language.middleware.js';
import { AuthService } from './auth.service.js';
import { TwoFactorCodeDto } from './dto/two-factor.dto.js';
import { Public } from './guards.js';
import { pendingSignIn, signInSession } from './sign-in-session.js';
import { TwoFactorPaused, TwoFactorService } from './two-factor.service.js';

/** A paused code step answers 429 with when to try again, as the password step does. */
async function tellingWhenPaused<T>(res: Response, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof TwoFactorPaused) res.setHeader('Retry-After', String(Math.max(1, Math.ceil((error.until.getTime() - Date.now()) / 1000))));
    throw error;
  }
}

/**
 * The second step of sign-in, after a right password: a code from the app, or one of the
 * recovery codes. The session is not signed in until it is done, and gets a new id when it is.
 */
@Public()
@Controller('login')
export class TwoFactorSignInController {
  constructor(
    private readonly auth: AuthService,
    private readonly twoFactor: TwoFactorService,
  ) {}

  @Get('two-factor')
  @Render('auth/two-factor-code')
  codeForm(@Req() req: Request) {
    this.pending(req);
    return {};
  }

  @Post('two-factor')
  @FormView('auth/two-factor-code')
  async code(@Body() body: TwoFactorCodeDto, @PageLanguage() lang: Language, @Req() req: Request, @Res() res: Response): Promise<void> {
    const pending = this.pending(req);
    const actor = await tellingWhenPaused(res, this.twoFactor.verifySignInCode(pending.userId, body.code, req.ip ?? '', lang));
    await signInSession(req, actor);
    await this.auth.recordSignIn(actor, req.ip ?? '', 'totp');
    res.redirect(303, pending.returnTo);
  }

  @Get('recovery-code')
  @Render('auth/two-factor-recovery')
  recoveryForm(@Req() req: Request) {
    this.pending(req);
    return {};
  }

  @Post('recovery-code')
  @FormView('auth/two-factor-recovery')
  async recovery(@Body() body: TwoFactorCodeDto, @PageLanguage() lang: Language, @Req() req: Request, @Res() res: Response): Promise<void> {
    const pending = this.pending(req);
    const { actor, codesLeft, fewLeft } = await tellingWhenPaused(res, this.twoFactor.verifyRecoveryCode(pending.userId, body.code, req.ip ?? '', lang));
    await signInSession(req, actor);
    await this.auth.recordSignIn(actor, req.ip ?? '', 'recovery_code');
    if (fewLeft) flash(req, 'error', 'auth.twoFactor.recoveryCodesLeft', { count: codesLeft });
    res.redirect(303, pending.returnTo);
  }

  /** Whose code this browser waits for; without one (or after too long), back to the password. */
  private pending(req: Request) {
    const pending = pendingSignIn(req);
    if (pending) return pending;
    if (req.session.pendingSignIn) {
      delete req.session.pendingSignIn;
      flash(req, 'error', 'auth.twoFactor.expired');
    }
    throw new RedirectException('/login');
  }
}
