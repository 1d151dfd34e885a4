import { Body, Controller, Get, HttpStatus, Post, Query, Render, Req, Res, UploadedFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, RequirePermission } from '../auth/guards.js';
import { FormValidationException } from '../common/errors/app-exceptions.js';
import { FormView } from '../common/forms/form-view.js';
import { pageRequest } from '../common/pagination.js';
import { UuidParam } from '../common/params.js';
import { MultipartForm, type UploadOptions } from '../common/web/csrf-after-multer.js';
import { flash } from '../common/web/language.middleware.js';
import { optionalIdFilter } from '../common/query-filters.js';
import { PageLanguage } from '../common/i18n/page-language.js';
import { EditUserDto, ImportUsersDto, NewUserDto } from './dto/user.dto.js';
import { IMPORT_MAX_BYTES, UserImportService } from './user-import.service.js';
import type { Language } from '../common/i18n/language.js';
import { peopleQueryOf, UsersService } from './users.service.js';

declare module 'express-session' {
  interface SessionData {
    /** The counts of the last import, shown once on the page it redirects to. */
    userImportSummary?: { created: number; updated: number; invited?: number };
  }
}

/** What multer's memory storage hands over for the uploaded file. */
interface UploadedCsv {
  buffer: Buffer;
  originalname: string;
  mimetype: string;
  size: number;
}

const CSV_TYPES = new Set(['text/csv', 'text/plain', 'application/csv', 'text/x-csv', 'application/vnd.ms-excel']);

const csvUpload: UploadOptions = {
  limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5, parts: 6 },
  fileFilter: (_req, file, accept) => {
    if (CSV_TYPES.has(file.mimetype) && /\.(csv|txt)$/i.test(file.originalname)) accept(null, true);
    else accept(FormValidationException.field('file', 'users.import.errors.notCsv'), false);
  },
};

@Controller('users')
@RequirePermission('user.manage')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly importer: UserImportService,
  ) {}

  @Get()
  @Render('users/index')
  index(@CurrentActor() actor: Actor, @PageLanguage() lang: Language, @Query() query: Record<string, unknown>) {
    return this.users.listPage(actor, lang, pageRequest(query.page), peopleQueryOf(query));
  }

  @Get('new')
  @Render('users/form')
  newForm(@CurrentActor() actor: Actor, @PageLanguage() lang: Language, @Query('municipality') municipality: unknown) {
    return this.users.newForm(actor, lang, optionalIdFilter(municipality));
  }

  newFormModel(req: Request, lang: Language) {
    return this.users.newFormModel(req.user as Actor, lang, req.body?.municipality);
  }

  @Post()
  @FormView('users/form', 'newFormModel')
  async create(
    @CurrentActor() actor: Actor,
    @Body() dto: NewUserDto,
    @PageLanguage() lang: Language,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const id = await this.users.create(actor, dto, req.ip, lang);
    if (dto.sendInvite === 'yes') res.once('close', () => this.users.inviteInBackground(actor, [id], req.ip));
    flash(req, 'success', dto.sendInvite === 'yes' ? 'admin.invite.createdAndInvited' : 'users.flash.created');
    res.redirect(303, `/users/${id}`);
  }

  @Get('import')
  @Render('users/import')
  importForm(@CurrentActor() actor: Actor, @PageLanguage() lang: Language) {
    return this.users.importForm(actor, lang);
  }

  importFormModel(req: Request, lang: Language) {
    return this.users.importForm(req.user as Actor, lang);
  }

  @Post('import')
  @MultipartForm('file', csvUpload)
  @FormView('users/import', 'importFormModel')
  async import(
    @CurrentActor() actor: Actor,
    @Body() dto: ImportUsersDto,
    @UploadedFile() file: UploadedCsv | undefined,
    @PageLanguage() lang: Language,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const outcome = await this.importer.import(actor, file?.buffer, dto.municipality, req.ip, lang);
    if (!outcome.ok) {
      res.status(HttpStatus.UNPROCESSABLE_ENTITY).render('users/import', await this.users.importRefusedPage(actor, lang, dto.municipality, outcome, dto.sendInvite));
      return;
    }
    if (dto.sendInvite === 'yes' && outcome.createdIds.length > 0) res.once('close', () => this.users.inviteInBackground(actor, outcome.createdIds, req.ip));
    req.session.userImportSummary = { created: outcome.created, updated: outcome.updated, invited: dto.sendInvite === 'yes' ? outcome.created : 0 };
    res.redirect(303, '/users/import/summary');
  }

  @Get('import/summary')
  importSummary(@CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): void {
    this.users.assertManagesPeople(actor, 'import');
    const summary = req.session.userImportSummary;
    if (!summary) return res.redirect(303, '/users/import');
    delete req.session.userImportSummary;
    res.render('users/import-summary', summary);
  }

  @Get(':id')
  @Render('users/show')
  show(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language) {
    return this.users.showPage(actor, id, lang);
  }

  @Get(':id/edit')
  @Render('users/form')
  editForm(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language) {
    return this.users.editForm(actor, id, lang);
  }

  editFormModel(req: Request, lang: Language) {
    return this.users.editFormModel(req.user as Actor, String(req.params.id), lang);
  }

  @Post(':id/edit')
  @FormView('users/form', 'editFormModel')
  async update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() dto: EditUserDto,
    @PageLanguage() lang: Language,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.users.update(actor, id, dto, req.ip, lang);
    flash(req, 'success', 'users.flash.updated');
    res.redirect(303, `/users/${id}`);
  }

  @Get(':id/deactivate')
  @Render('users/deactivate')
  confirmDeactivate(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language) {
    return this.users.deactivatePage(actor, id, lang);
  }

  @Post(':id/deactivate')
  async deactivate(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.users.setActive(actor, id, false, req.ip, lang);
    flash(req, 'success', 'users.flash.deactivated');
    res.redirect(303, `/users/${id}`);
  }

  @Post(':id/invite')
  async invite(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.users.sendInvite(actor, id, req.ip, lang);
    flash(req, 'success', 'users.flash.inviteSent');
    res.redirect(303, `/users/${id}`);
  }

  @Post(':id/reactivate')
  async reactivate(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.users.setActive(actor, id, true, req.ip, lang);
    flash(req, 'success', 'users.flash.reactivated');
    res.redirect(303, `/users/${id}`);
  }
}
