import { Body, Controller, Get, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, RequirePermission } from '../auth/guards.js';
import { FormView } from '../common/forms/form-view.js';
import { translate } from '../common/i18n/i18n.js';
import { pageRequest, pageView } from '../common/pagination.js';
import { UuidParam } from '../common/params.js';
import { flash } from '../common/web/language.middleware.js';
import { optionalIdFilter } from '../common/query-filters.js';
import { PageLanguage } from '../common/i18n/page-language.js';
import type { Language } from '../common/i18n/language.js';
import { NewSchoolDto, SchoolDto } from './dto/school.dto.js';
import { SchoolsService } from './schools.service.js';

function languageOf(req: Request): Language {
  return (req.res?.locals.lang ?? 'en') as Language;
}

@Controller('schools')
@RequirePermission('school.manage')
export class SchoolsController {
  constructor(private readonly schools: SchoolsService) {}

  @Get()
  @Render('schools/index')
  async index(@CurrentActor() actor: Actor, @PageLanguage() lang: Language, @Query('page') rawPage: unknown, @Query('municipality') rawMunicipality: unknown) {
    const page = pageRequest(rawPage);
    const municipality = optionalIdFilter(rawMunicipality);
    const [{ items, total }, choices] = await Promise.all([
      this.schools.list(actor, page, lang, municipality),
      this.schools.municipalityChoices(actor, lang, municipality),
    ]);
    return {
      title: translate(lang, 'schools.list.title'),
      ...choices,
      filterMunicipality: municipality,
      isFiltered: municipality !== undefined,
      page: pageView(items, total, page, '/schools', { municipality }),
      isEmpty: total === 0,
    };
  }

  @Get('new')
  @Render('schools/form')
  async newForm(@CurrentActor() actor: Actor, @PageLanguage() lang: Language, @Query('municipality') rawMunicipality: unknown) {
    const choices = await this.schools.municipalityChoices(actor, lang, optionalIdFilter(rawMunicipality));
    return {
      title: translate(lang, 'schools.form.newTitle'),
      action: '/schools',
      isNew: true,
      ...choices,
      values: { municipality: choices.preselectedMunicipality },
    };
  }

  async newFormModel(req: Request) {
    const lang = languageOf(req);
    return {
      title: translate(lang, 'schools.form.newTitle'),
      action: '/schools',
      isNew: true,
      ...(await this.schools.municipalityChoices(req.user as Actor, lang)),
    };
  }

  @Post()
  @FormView('schools/form', 'newFormModel')
  async create(
    @CurrentActor() actor: Actor,
    @Body() dto: NewSchoolDto,
    @PageLanguage() lang: Language,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.schools.create(actor, dto, req.ip, lang);
    flash(req, 'success', 'schools.flash.created');
    res.redirect(303, '/schools');
  }

  @Get(':id')
  @Render('schools/show')
  async show(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language) {
    const school = await this.schools.find(actor, id, 'view', lang);
    return { title: school.name, school };
  }

  @Get(':id/edit')
  @Render('schools/form')
  async editForm(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language) {
    const school = await this.schools.find(actor, id, 'update', lang);
    return { title: translate(lang, 'schools.form.editTitle'), action: `/schools/${id}`, school, values: { name: school.name, symbol: school.symbol } };
  }

  async editFormModel(req: Request) {
    const lang = languageOf(req);
    const school = await this.schools.find(req.user as Actor, String(req.params.id), 'update', lang);
    return { title: translate(lang, 'schools.form.editTitle'), action: `/schools/${school.id}`, school };
  }

  @Post(':id')
  @FormView('schools/form', 'editFormModel')
  async update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() dto: SchoolDto,
    @PageLanguage() lang: Language,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.schools.update(actor, id, dto, req.ip, lang);
    flash(req, 'success', 'schools.flash.updated');
    res.redirect(303, `/schools/${id}`);
  }

  @Get(':id/deactivate')
  @Render('schools/deactivate')
  async confirmDeactivate(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language) {
    const school = await this.schools.find(actor, id, 'deactivate', lang);
    return { title: translate(lang, 'schools.deactivate.title', { name: school.name }), school };
  }

  @Post(':id/deactivate')
  async deactivate(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.schools.setActive(actor, id, false, req.ip, lang);
    flash(req, 'success', 'schools.flash.deactivated');
    res.redirect(303, `/schools/${id}`);
  }

  @Post(':id/reactivate')
  async reactivate(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.schools.setActive(actor, id, true, req.ip, lang);
    flash(req, 'success', 'schools.flash.reactivated');
    res.redirect(303, `/schools/${id}`);
  }
}
