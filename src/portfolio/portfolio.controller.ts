import { Body, Controller, Get, Param, Post, Query, Render, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, RequirePermission } from '../auth/guards.js';
import { FormView } from '../common/forms/form-view.js';
import type { Language } from '../common/i18n/language.js';
import { PageLanguage } from '../common/i18n/page-language.js';
import { UuidParam } from '../common/params.js';
import { MultipartForm, type UploadOptions } from '../common/web/csrf-after-multer.js';
import { flash } from '../common/web/language.middleware.js';
import type { UploadedSubmissionFile } from '../progress/submission-files.js';
import { SUBMISSION_UPLOAD, UploadLimitAsFormError } from '../progress/upload.interceptors.js';
import { EntryDto, FeedbackDto } from './dto/portfolio.dto.js';
import { PortfolioExportService } from './portfolio-export.service.js';
import { PortfolioService } from './portfolio.service.js';

/** The submission upload's limits, with room for the entry form's fields (title, body, visibility, module, goal, intent). */
const ENTRY_UPLOAD: UploadOptions = { ...SUBMISSION_UPLOAD, limits: { ...SUBMISSION_UPLOAD.limits, fields: 10, parts: 12 } };

/**
 * The reflective portfolio. Writing is a teacher's; reading follows the portfolio policy (the
 * author, their mentor, their cohort, as the author chose) for every route, files and versions too.
 */
@Controller('portfolio')
export class PortfolioController {
  constructor(
    private readonly portfolio: PortfolioService,
    private readonly exports: PortfolioExportService,
  ) {}

  @Get()
  @RequirePermission('learning.participate')
  @Render('portfolio/index')
  index(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @PageLanguage() lang: Language) {
    return this.portfolio.list(actor, query, lang);
  }

  @Get('new')
  @RequirePermission('learning.participate')
  @Render('portfolio/form')
  newForm(@CurrentActor() actor: Actor, @Query('module') module: unknown, @Query('goal') goal: unknown, @PageLanguage() lang: Language) {
    return this.portfolio.newForm(actor, module, goal, lang);
  }

  @Post()
  @RequirePermission('learning.participate')
  @MultipartForm('file', ENTRY_UPLOAD)
  @UseInterceptors(UploadLimitAsFormError)
  @FormView('portfolio/form', 'newFormModel')
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: EntryDto,
    @UploadedFile() file: UploadedSubmissionFile | undefined,
    @PageLanguage() lang: Language,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const id = await this.portfolio.create(actor, body, file, lang);
    flash(req, 'success', body.intent === 'draft' ? 'portfolio.flash.draftSaved' : 'portfolio.flash.saved');
    res.redirect(303, `/portfolio/${id}`);
  }

  async newFormModel(req: Request, lang: Language) {
    return this.portfolio.formModel(req.user as Actor, lang, (req.body ?? {}) as Record<string, unknown>);
  }

  @Get('shared')
  @Render('portfolio/shared')
  shared(@CurrentActor() actor: Actor, @Query('page') page: unknown, @PageLanguage() lang: Language) {
    return this.portfolio.shared(actor, page, false, lang);
  }

  @Get('showcase')
  @Render('portfolio/shared')
  showcase(@CurrentActor() actor: Actor, @Query('page') page: unknown, @PageLanguage() lang: Language) {
    return this.portfolio.shared(actor, page, true, lang);
  }

  @Get('export.zip')
  @RequirePermission('learning.participate')
  async export(@CurrentActor() actor: Actor, @PageLanguage() lang: Language, @Req() req: Request, @Res() res: Response) {
    await this.exports.stream(actor, lang, req.ip ?? null, res);
  }

  @Get('files/:fileId')
  async file(@CurrentActor() actor: Actor, @UuidParam('fileId') fileId: string, @Res() res: Response) {
    const file = await this.portfolio.file(actor, fileId);
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.attachment(file.fileName);
    res.type(file.fileType);
    res.sendFile(file.path, { dotfiles: 'deny' });
  }

  @Get(':id')
  @Render('portfolio/show')
  show(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language) {
    return this.portfolio.show(actor, id, lang);
  }

  @Get(':id/edit')
  @RequirePermission('learning.participate')
  @Render('portfolio/form')
  editForm(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language) {
    return this.portfolio.editForm(actor, id, lang);
  }

  @Post(':id/edit')
  @RequirePermission('learning.participate')
  @MultipartForm('file', ENTRY_UPLOAD)
  @UseInterceptors(UploadLimitAsFormError)
  @FormView('portfolio/form', 'editFormModel')
  async update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: EntryDto,
    @UploadedFile() file: UploadedSubmissionFile | undefined,
    @PageLanguage() lang: Language,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await this.portfolio.update(actor, id, body, file, lang);
    flash(req, 'success', body.intent === 'draft' ? 'portfolio.flash.draftSaved' : 'portfolio.flash.saved');
    res.redirect(303, `/portfolio/${id}`);
  }

  async editFormModel(req: Request, lang: Language) {
    const actor = req.user as Actor;
    const model = await this.portfolio.formModel(actor, lang, (req.body ?? {}) as Record<string, unknown>, String(req.params.id));
    return model;
  }

  @Get(':id/versions/:version')
  @Render('portfolio/version')
  version(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Param('version') version: string, @PageLanguage() lang: Language) {
    return this.portfolio.version(actor, id, version, lang);
  }

  @Post(':id/feedback')
  @FormView('portfolio/show', 'feedbackFormModel')
  async feedback(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: FeedbackDto,
    @PageLanguage() lang: Language,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await this.portfolio.addFeedback(actor, id, body, lang);
    flash(req, 'success', 'portfolio.flash.feedback');
    res.redirect(303, `/portfolio/${id}#feedback`);
  }

  async feedbackFormModel(req: Request, lang: Language) {
    return this.portfolio.feedbackFormModel(req.user as Actor, String(req.params.id), lang);
  }

  @Post(':id/withdraw')
  @RequirePermission('learning.participate')
  async withdraw(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language, @Req() req: Request, @Res() res: Response) {
    await this.portfolio.withdraw(actor, id, lang);
    flash(req, 'success', 'portfolio.flash.withdrawn');
    res.redirect(303, `/portfolio/${id}`);
  }
}
