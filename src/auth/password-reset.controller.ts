import { type ArgumentsHost, Body, Catch, Controller, type ExceptionFilter, Get, Param, Post, Render, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { FormValidationException } from '../common/errors/app-exceptions.js';
import { FormView } from '../common/forms/form-view.js';
import { flash } from '../common/web/language.middleware.js';
import { Public } from './guards.js';
import { ChooseNewPasswordDto, RequestPasswordResetDto } from './password-reset.dto.js';
import { PasswordResetService, RESET_ACCOUNT_LIMIT, ResetLinkUnusable } from './password-reset.service.js';

/** An unusable link gets its own page, with the way to ask for a new one, not the generic error page. */
@Catch(ResetLinkUnusable)
export class ResetLinkUnusableFilter implements ExceptionFilter {
  catch(error: ResetLinkUnusable, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    res.setHeader('Cache-Control', 'no-store');
    res.status(error.getStatus()).render('password-reset/unusable');
  }
}

/** Reached while signed out. Pages whose address holds a token are kept out of caches. */
@Public()
@Controller('password-reset')
@UseFilters(ResetLinkUnusableFilter)
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  @Get()
  @Render('password-reset/new')
  requestForm() {
    return {};
  }

  @Post()
  @FormView('password-reset/new')
  async requestLink(@Body() body: RequestPasswordResetDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    if ((await this.resets.requestLink(body.email, req.ip ?? '')) === 'throttled') {
      res.setHeader('Retry-After', String(RESET_ACCOUNT_LIMIT.blockSeconds));
      throw FormValidationException.field('email', 'auth.reset.throttled', {}, 429);
    }
    // Once the answer has gone (or the browser has gone away): its time must not depend on the address.
    res.once('close', () => this.resets.sendLink(body.email, req.ip ?? ''));
    res.redirect(303, '/password-reset/sent');
  }

  @Get('sent')
  @Render('password-reset/sent')
  sent() {
    return {};
  }

  @Get(':token')
  @Render('password-reset/edit')
  chooseForm(@Req() req: Request) {
    return this.chooseModel(req);
  }

  @Post(':token')
  @FormView('password-reset/edit', 'chooseModel')
  async reset(@Param('token') token: string, @Body() body: ChooseNewPasswordDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.resets.reset(token, body.newPassword, body.confirmPassword, req.ip ?? '');
    // A fresh, signed-out session: whoever was signed in in this browser is not any more.
    await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
    flash(req, 'success', 'auth.reset.done');
    res.redirect(303, '/login');
  }

  async chooseModel(req: Request) {
    const token = String(req.params.token ?? '');
    req.res?.setHeader('Cache-Control', 'no-store');
    const owner = await this.resets.findLinkOwner(token);
    return { token, email: owner.email };
  }
}
