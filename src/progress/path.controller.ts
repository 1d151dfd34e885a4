import { Body, Controller, Get, HttpStatus, Post, Query, Render, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, RequirePermission } from '../auth/guards.js';
import { FormView } from '../common/forms/form-view.js';
import { UuidParam } from '../common/params.js';
import { optionalIdFilter } from '../common/query-filters.js';
import { MultipartForm } from '../common/web/csrf-after-multer.js';
import { flash } from '../common/web/language.middleware.js';
import { CertificateService } from './certificate.service.js';
import { SubmitWorkDto } from './dto/progress.dto.js';
import { PageLanguage } from '../common/i18n/page-language.js';
import { ProgressService } from './progress.service.js';
import type { Language } from '../common/i18n/language.js';
import type { UploadedSubmissionFile } from './submission-files.js';
import { SUBMISSION_UPLOAD, UploadLimitAsFormError } from './upload.interceptors.js';

const moduleHref = (moduleId: string, cohortId: string) => `/path/modules/${moduleId}?cohort=${cohortId}`;

/** The signed-in teacher's own path: only ever their own rows (everything is looked up by their id). */
@Controller('path')
@RequirePermission('learning.participate')
export class PathController {
  constructor(
    private readonly progress: ProgressService,
    private readonly certificates: CertificateService,
  ) {}

  @Get()
  @Render('progress/path')
  path(@CurrentActor() actor: Actor, @Query('cohort') cohort: unknown, @PageLanguage() lang: Language) {
    return this.progress.path(actor, optionalIdFilter(cohort, 'notFound'), lang);
  }

  /** The PDF, or (403) a page in the teacher's language saying which completion rules are unmet. */
  @Get('certificate')
  async certificate(@CurrentActor() actor: Actor, @PageLanguage() lang: Language, @Query('cohort') cohort: unknown, @Res() res: Response) {
    const outcome = await this.certificates.forTeacher(actor, optionalIdFilter(cohort, 'notFound'), lang);
    if (!outcome.ok) return res.status(HttpStatus.FORBIDDEN).render('progress/certificate-refused', outcome.page);
    res.type('application/pdf').setHeader('Content-Disposition', 'attachment; filename="certificate.pdf"');
    res.send(outcome.pdf);
  }

  @Get('modules/:moduleId')
  @Render('progress/module')
  module(@CurrentActor() actor: Actor, @UuidParam('moduleId') moduleId: string, @Query('cohort') cohort: unknown, @PageLanguage() lang: Language) {
    return this.progress.modulePage(actor, moduleId, optionalIdFilter(cohort, 'notFound'), lang);
  }

  @Post('modules/:moduleId/start')
  async start(
    @CurrentActor() actor: Actor,
    @UuidParam('moduleId') moduleId: string,
    @Query('cohort') cohort: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const cohortId = await this.progress.ownerTransition(actor, moduleId, optionalIdFilter(cohort, 'notFound'), 'start');
    flash(req, 'success', 'progress.flash.started');
    res.redirect(303, moduleHref(moduleId, cohortId));
  }

  @Post('modules/:moduleId/done')
  async markDone(
    @CurrentActor() actor: Actor,
    @UuidParam('moduleId') moduleId: string,
    @Query('cohort') cohort: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const cohortId = await this.progress.ownerTransition(actor, moduleId, optionalIdFilter(cohort, 'notFound'), 'markDone');
    flash(req, 'success', 'progress.flash.done');
    res.redirect(303, moduleHref(moduleId, cohortId));
  }

  /** Takes back work nobody has reviewed yet, to keep editing it. */
  @Post('modules/:moduleId/withdraw')
  async withdraw(
    @CurrentActor() actor: Actor,
    @UuidParam('moduleId') moduleId: string,
    @Query('cohort') cohort: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const cohortId = await this.progress.withdrawWork(actor, moduleId, optionalIdFilter(cohort, 'notFound'), req.ip);
    flash(req, 'success', 'progress.flash.withdrawn');
    res.redirect(303, `${moduleHref(moduleId, cohortId)}#submit-title`);
  }

  @Post('modules/:moduleId/submit')
  @MultipartForm('file', SUBMISSION_UPLOAD)
  @UseInterceptors(UploadLimitAsFormError)
  @FormView('progress/module', 'submitFormModel')
  async submit(
    @CurrentActor() actor: Actor,
    @UuidParam('moduleId') moduleId: string,
    @Query('cohort') cohort: unknown,
    @Body() body: SubmitWorkDto,
    @UploadedFile() file: UploadedSubmissionFile | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const cohortId = await this.progress.submitWork(actor, moduleId, optionalIdFilter(cohort, 'notFound'), body.text, file);
    flash(req, 'success', 'progress.flash.submitted');
    res.redirect(303, moduleHref(moduleId, cohortId));
  }

  /** What the submission form needs when it is shown again with errors. */
  async submitFormModel(req: Request, lang: Language) {
    return this.progress.submitFormModel(req.user as Actor, String(req.params.moduleId), optionalIdFilter(req.query.cohort, 'notFound'), lang);
  }
}
