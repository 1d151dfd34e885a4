import { Body, Controller, Get, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, RequirePermission } from '../auth/guards.js';
import { FormView } from '../common/forms/form-view.js';
import { pageRequest } from '../common/pagination.js';
import { UuidParam } from '../common/params.js';
import { flash } from '../common/web/language.middleware.js';
import { optionalIdFilter } from '../common/query-filters.js';
import { PageLanguage } from '../common/i18n/page-language.js';
import type { Language } from '../common/i18n/language.js';
import { NewSchoolDto, SchoolDto } from './dto/school.dto.js';
import { SchoolsService } from './schools.service.js';

@Controller('schools')
@RequirePermission('school.manage')
export class SchoolsController {
  constructor(private readonly schools: SchoolsService) {}

  @Get()
  @Render('schools/index')
  index(@CurrentActor() actor: Actor, @PageLanguage() lang: Language, @Query('page') page: unknown, @Query('municipality') municipality: unknown) {
    return this.schools.listPage(actor, lang, pageRequest(page), optionalIdFilter(municipality));
  }

  @Get('new')
  @Render('schools/form')
  newForm(@CurrentActor() actor: Actor, @PageLanguage() lang: Language, @Query('municipality') municipality: unknown) {
    return this.schools.newForm(actor, lang, optionalIdFilter(municipality));
  }

  newFormModel(req: Request, lang: Language) {
    return this.schools.newFormModel(req.user as Actor, lang);
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
  show(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language) {
    return this.schools.showPage(actor, id, lang);
  }

  @Get(':id/edit')
  @Render('schools/form')
  editForm(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language) {
    return this.schools.editForm(actor, id, lang);
  }

  editFormModel(req: Request, lang: Language) {
    return this.schools.editFormModel(req.user as Actor, String(req.params.id), lang);
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
  confirmDeactivate(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language) {
    return this.schools.deactivatePage(actor, id, lang);
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
