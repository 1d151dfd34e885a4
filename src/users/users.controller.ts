import { Body, Controller, Get, HttpStatus, Post, Query, Render, Req, Res, UploadedFile } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, RequirePermission } from '../auth/guards.js';
import { ROLES } from '../auth/roles.js';
import { FormValidationException } from '../common/errors/app-exceptions.js';
import { FormView } from '../common/forms/form-view.js';
import { translate } from '../common/i18n/i18n.js';
import { pageRequest, pageView } from '../common/pagination.js';
import { UuidParam } from '../common/params.js';
import { MultipartForm } from '../common/web/csrf-after-multer.js';
import { flash } from '../common/web/language.middleware.js';
import { optionalChoiceFilter, optionalIdFilter, optionalTextFilter } from '../common/query-filters.js';
import { PageLanguage } from '../common/i18n/page-language.js';
import { EditUserDto, ImportUsersDto, NewUserDto } from './dto/user.dto.js';
import type { PersonRecord } from './people.repository.js';
import { IMPORT_MAX_BYTES, UserImportService } from './user-import.service.js';
import { LANGUAGES, type Language } from '../common/i18n/language.js';
import { isDepartmentAdminOfOwnCity, UsersService } from './users.service.js';

declare module 'express-session' {
  interface SessionData {
    /** The counts of the last import, shown once on the page it redirects to. */
    userImportSummary?: { created: number; updated: number };
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

const csvUpload = FileInterceptor('file', {
  limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5, parts: 6 },
  fileFilter: (_req, file, accept) => {
    if (CSV_TYPES.has(file.mimetype) && /\.(csv|txt)$/i.test(file.originalname)) accept(null, true);
    else accept(FormValidationException.field('file', 'users.import.errors.notCsv'), false);
  },
});

function languageOf(req: Request): Language {
  return (req.res?.locals.lang ?? 'en') as Language;
}

/** The person's own school stays selectable after it was deactivated, so saving the form keeps it. */
function withCurrentSchool(options: { id: string; name: string }[], person: PersonRecord, lang: Language) {
  if (!person.schoolId || options.some((o) => o.id === person.schoolId)) return options;
  return [...options, { id: person.schoolId, name: translate(lang, 'users.form.inactiveSchool', { name: person.schoolName ?? '' }) }];
}

const languageOptions = () => LANGUAGES.map((code) => ({ value: code, labelKey: `languages.${code}` }));

@Controller('users')
@RequirePermission('user.manage')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly importer: UserImportService,
  ) {}

  @Get()
  @Render('users/index')
  async index(@CurrentActor() actor: Actor, @PageLanguage() lang: Language, @Query() query: Record<string, unknown>) {
    const page = pageRequest(query.page);
    const filters = {
      search: optionalTextFilter(query.q),
      role: optionalChoiceFilter(query.role, ROLES),
      schoolId: optionalIdFilter(query.school),
      municipalityId: optionalIdFilter(query.municipality),
    };
    const [{ items, total }, choices] = await Promise.all([
      this.users.list(actor, filters, page, lang),
      this.users.choices(actor, lang, filters.municipalityId),
    ]);
    const isFiltered = Object.values(filters).some((v) => v !== undefined);
    return {
      title: translate(lang, 'users.list.title'),
      ...choices,
      filters: { q: filters.search ?? '', role: filters.role, school: filters.schoolId, municipality: filters.municipalityId },
      roleOptions: ROLES.map((role) => ({ value: role, labelKey: `roles.${role}` })),
      page: pageView(items, total, page, '/users', { q: filters.search, role: filters.role, school: filters.schoolId, municipality: filters.municipalityId }),
      isEmpty: total === 0,
      isFiltered,
    };
  }

  @Get('new')
  @Render('users/form')
  async newForm(@CurrentActor() actor: Actor, @PageLanguage() lang: Language, @Query('municipality') rawMunicipality: unknown) {
    return { ...(await this.newFormModelFor(actor, lang, optionalIdFilter(rawMunicipality))), values: { municipality: optionalIdFilter(rawMunicipality) } };
  }

  async newFormModel(req: Request) {
    const picked = typeof req.body?.municipality === 'string' ? req.body.municipality : undefined;
    return this.newFormModelFor(req.user as Actor, languageOf(req), /^[0-9a-f-]{36}$/i.test(picked ?? '') ? picked : undefined);
  }

  private async newFormModelFor(actor: Actor, lang: Language, municipality?: string) {
    const choices = await this.users.choices(actor, lang, municipality);
    return {
      title: translate(lang, 'users.form.newTitle'),
      isNew: true,
      action: '/users',
      cancelHref: '/users',
      ...choices,
      // Without scripts a school list cannot follow the city select, so the city is chosen first.
      mustChooseMunicipalityFirst: choices.choosesMunicipality && !choices.preselectedMunicipality,
      languageOptions: languageOptions(),
      offersDepartmentAdmin: true,
    };
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
    flash(req, 'success', 'users.flash.created');
    res.redirect(303, `/users/${id}`);
  }

  @Get('import')
  @Render('users/import')
  async importForm(@CurrentActor() actor: Actor, @PageLanguage() lang: Language) {
    return this.importFormModelFor(actor, lang);
  }

  async importFormModel(req: Request) {
    return this.importFormModelFor(req.user as Actor, languageOf(req));
  }

  private async importFormModelFor(actor: Actor, lang: Language) {
    this.users.assertManagesPeople(actor, 'import');
    return { title: translate(lang, 'users.import.title'), ...(await this.users.choices(actor, lang)), maxMegabytes: IMPORT_MAX_BYTES / (1024 * 1024) };
  }

  @Post('import')
  @MultipartForm(csvUpload)
  @FormView('users/import', 'importFormModel')
  async import(
    @CurrentActor() actor: Actor,
    @Body() dto: ImportUsersDto,
    @UploadedFile() file: UploadedCsv | undefined,
    @PageLanguage() lang: Language,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    this.users.assertManagesPeople(actor, 'import');
    if (!file) throw FormValidationException.field('file', 'users.import.errors.noFile');
    const outcome = await this.importer.import(actor, file.buffer, dto.municipality, req.ip, lang);
    if (!outcome.ok) {
      res.status(HttpStatus.UNPROCESSABLE_ENTITY).render('users/import', {
        ...(await this.importFormModelFor(actor, lang)),
        values: { municipality: dto.municipality },
        fileError: outcome.fileErrorKey,
        rowErrors: outcome.rowErrors,
        hasRowErrors: outcome.rowErrors.length > 0,
      });
      return;
    }
    req.session.userImportSummary = { created: outcome.created, updated: outcome.updated };
    res.redirect(303, '/users/import/summary');
  }

  @Get('import/summary')
  async importSummary(@CurrentActor() actor: Actor, @PageLanguage() lang: Language, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.users.assertManagesPeople(actor, 'import');
    const summary = req.session.userImportSummary;
    if (!summary) return res.redirect(303, '/users/import');
    delete req.session.userImportSummary;
    res.render('users/import-summary', { title: translate(lang, 'users.import.summaryTitle'), ...summary });
  }

  @Get(':id')
  @Render('users/show')
  async show(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language) {
    const person = await this.users.find(actor, id, 'view', lang);
    return {
      title: person.displayName,
      person,
      isSelf: person.id === actor.id,
      grants: person.grants.map((g) => ({ ...g, roleKey: `roles.${g.role}` })),
      hasGrants: person.grants.length > 0,
      mayDeactivate: this.users.mayDeactivate(actor, person),
    };
  }

  @Get(':id/edit')
  @Render('users/form')
  async editForm(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language) {
    const { model, person } = await this.editFormModelFor(actor, id, lang);
    return {
      ...model,
      values: {
        displayName: person.displayName,
        school: person.schoolId,
        preferredLanguage: person.preferredLanguage,
        departmentAdmin: isDepartmentAdminOfOwnCity(person) ? 'yes' : undefined,
      },
    };
  }

  async editFormModel(req: Request) {
    return (await this.editFormModelFor(req.user as Actor, String(req.params.id), languageOf(req))).model;
  }

  private async editFormModelFor(actor: Actor, id: string, lang: Language): Promise<{ model: Record<string, unknown>; person: PersonRecord }> {
    const person = await this.users.find(actor, id, 'update', lang);
    const choices = await this.users.choices(actor, lang, person.municipalityId ?? undefined);
    return {
      person,
      model: {
        title: translate(lang, 'users.form.editTitle', { name: person.displayName }),
        person,
        action: `/users/${id}/edit`,
        cancelHref: `/users/${id}`,
        // A person's city's schools, whoever edits them.
        schoolOptions: person.municipalityId ? withCurrentSchool(choices.schoolOptions, person, lang) : [],
        hasCity: person.municipalityId !== null,
        languageOptions: languageOptions(),
        offersDepartmentAdmin: person.municipalityId !== null && this.users.mayChangeDepartmentAdmin(actor, person),
        // Their own last admin role: shown, kept, not removable.
        departmentAdminLocked: person.id === actor.id && isDepartmentAdminOfOwnCity(person) && !this.users.mayChangeDepartmentAdmin(actor, person),
      },
    };
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
  async confirmDeactivate(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language) {
    const person = await this.users.find(actor, id, 'deactivate', lang);
    return { title: translate(lang, 'users.deactivate.title', { name: person.displayName }), person };
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
