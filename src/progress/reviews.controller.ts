import { Body, Controller, Get, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, RequirePermission } from '../auth/guards.js';
import { FormView } from '../common/forms/form-view.js';
import type { Language } from '../common/i18n/language.js';
import { PageLanguage } from '../common/i18n/page-language.js';
import { UuidParam } from '../common/params.js';
import { flash } from '../common/web/language.middleware.js';
import { ApproveDto, ReturnDto } from './dto/progress.dto.js';
import { ProgressService } from './progress.service.js';

/** Mentors review their own mentees' work; department admins may review in their city. */
@Controller()
@RequirePermission('mentoring.review', 'cohort.manage')
export class ReviewsController {
  constructor(private readonly progress: ProgressService) {}

  @Get('reviews')
  @Render('reviews/index')
  queue(
    @CurrentActor() actor: Actor,
    @Query('page') page: unknown,
    @Query('module') module: unknown,
    @Query('teacher') teacher: unknown,
    @PageLanguage() lang: Language,
  ) {
    return this.progress.reviewQueue(actor, { page, module, teacher }, lang);
  }

  @Get('reviews/:progressId')
  @Render('reviews/show')
  show(@CurrentActor() actor: Actor, @UuidParam('progressId') progressId: string, @PageLanguage() lang: Language) {
    return this.progress.reviewPage(actor, progressId, lang);
  }

  @Post('reviews/:progressId/approve')
  @FormView('reviews/show', 'reviewFormModel')
  async approve(
    @CurrentActor() actor: Actor,
    @UuidParam('progressId') progressId: string,
    @Body() body: ApproveDto,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await this.progress.review(actor, progressId, 'approve', body.comment, req.ip);
    flash(req, 'success', 'reviews.flash.approved');
    // Back to the review, where the approval can be undone for a few minutes.
    res.redirect(303, `/reviews/${progressId}`);
  }

  @Post('reviews/:progressId/undo')
  async undo(@CurrentActor() actor: Actor, @UuidParam('progressId') progressId: string, @Req() req: Request, @Res() res: Response) {
    await this.progress.undoApproval(actor, progressId, req.ip);
    flash(req, 'success', 'reviews.flash.undone');
    res.redirect(303, `/reviews/${progressId}`);
  }

  @Post('reviews/:progressId/return')
  @FormView('reviews/show', 'reviewFormModel')
  async return(@CurrentActor() actor: Actor, @UuidParam('progressId') progressId: string, @Body() body: ReturnDto, @Req() req: Request, @Res() res: Response) {
    await this.progress.review(actor, progressId, 'return', body.comment, req.ip);
    flash(req, 'success', 'reviews.flash.returned');
    res.redirect(303, '/reviews');
  }

  async reviewFormModel(req: Request, lang: Language) {
    return this.progress.reviewFormModel(req.user as Actor, String(req.params.progressId), lang);
  }
}
