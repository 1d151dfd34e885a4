import { Body, Controller, Get, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, RequirePermission } from '../auth/guards.js';
import { FormView } from '../common/forms/form-view.js';
import type { Language } from '../common/i18n/language.js';
import { PageLanguage } from '../common/i18n/page-language.js';
import { pageRequest } from '../common/pagination.js';
import { isUuid, UuidParam } from '../common/params.js';
import { flash } from '../common/web/language.middleware.js';
import { ModuleDto } from './dto/module.dto.js';
import { CopyProgrammeDto, CreateProgrammeDto, MoveDto, PhaseDto, ProgrammeDto } from './dto/programme.dto.js';
import { ProgrammesService } from './programmes.service.js';

/** Programmes, their phases and modules: department admins for their city, network admins for templates and any city. */
@Controller('programmes')
@RequirePermission('programme.manage')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Get()
  @Render('programmes/index')
  index(@CurrentActor() actor: Actor, @PageLanguage() lang: Language, @Query('page') page?: string) {
    return this.programmes.list(actor, pageRequest(page), lang);
  }

  @Get('new')
  @Render('programmes/form')
  newForm(@CurrentActor() actor: Actor, @PageLanguage() lang: Language) {
    return this.programmes.newProgrammeForm(actor, lang);
  }

  createFormModel(req: Request, lang: Language) {
    return this.programmes.newProgrammeForm(req.user as Actor, lang, req.body);
  }

  @Post()
  @FormView('programmes/form', 'createFormModel')
  async create(@CurrentActor() actor: Actor, @Body() body: CreateProgrammeDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const id = await this.programmes.create(actor, body, req.ip);
    flash(req, 'success', 'programmes.flash.created');
    res.redirect(303, `/programmes/${id}`);
  }

  @Get(':id')
  @Render('programmes/show')
  show(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language) {
    return this.programmes.show(actor, id, lang);
  }

  @Get(':id/edit')
  @Render('programmes/form')
  edit(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.programmes.editValues(actor, id);
  }

  editFormModel(req: Request) {
    return this.programmes.editValues(req.user as Actor, req.params.id as string, req.body);
  }

  @Post(':id')
  @FormView('programmes/form', 'editFormModel')
  async update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ProgrammeDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.programmes.update(actor, id, body, req.ip);
    flash(req, 'success', 'programmes.flash.saved');
    res.redirect(303, `/programmes/${id}`);
  }

  @Post(':id/copy')
  async copy(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: CopyProgrammeDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const copyId = await this.programmes.copy(actor, id, body, req.ip);
    flash(req, 'success', 'programmes.flash.copied');
    res.redirect(303, `/programmes/${copyId}`);
  }

  // Phases

  @Get(':id/phases/new')
  @Render('programmes/phase-form')
  newPhase(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.programmes.phaseFormModel(actor, id);
  }

  phaseFormModel(req: Request) {
    return this.programmes.phaseFormModel(req.user as Actor, req.params.id as string, isUuid(req.params.phaseId) ? req.params.phaseId : undefined, req.body);
  }

  @Post(':id/phases')
  @FormView('programmes/phase-form', 'phaseFormModel')
  async addPhase(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: PhaseDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.programmes.addPhase(actor, id, body);
    flash(req, 'success', 'programmes.flash.phaseAdded');
    res.redirect(303, `/programmes/${id}`);
  }

  @Get(':id/phases/:phaseId/edit')
  @Render('programmes/phase-form')
  editPhase(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('phaseId') phaseId: string) {
    return this.programmes.phaseFormModel(actor, id, phaseId);
  }

  @Post(':id/phases/:phaseId')
  @FormView('programmes/phase-form', 'phaseFormModel')
  async updatePhase(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('phaseId') phaseId: string,
    @Body() body: PhaseDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.programmes.updatePhase(actor, id, phaseId, body);
    flash(req, 'success', 'programmes.flash.saved');
    res.redirect(303, `/programmes/${id}`);
  }

  @Get(':id/phases/:phaseId/delete')
  @Render('programmes/phase-delete')
  confirmDeletePhase(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('phaseId') phaseId: string, @PageLanguage() lang: Language) {
    return this.programmes.phaseDeletion(actor, id, phaseId, lang);
  }

  @Post(':id/phases/:phaseId/delete')
  async deletePhase(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('phaseId') phaseId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.programmes.deletePhase(actor, id, phaseId, req.ip);
    flash(req, 'success', 'programmes.flash.phaseDeleted');
    res.redirect(303, `/programmes/${id}`);
  }

  @Post(':id/phases/:phaseId/move')
  async movePhase(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('phaseId') phaseId: string,
    @Body() body: MoveDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.programmes.movePhase(actor, id, phaseId, body);
    flash(req, 'success', 'programmes.flash.moved');
    res.redirect(303, `/programmes/${id}#phase-${phaseId}`);
  }

  // Modules

  @Get(':id/modules/new')
  @Render('programmes/module-form')
  newModule(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language, @Query('phaseId') phaseId?: string) {
    return this.programmes.moduleForm(actor, id, lang, undefined, phaseId);
  }

  moduleFormModel(req: Request, lang: Language) {
    return this.programmes.moduleFormAsTyped(
      req.user as Actor,
      req.params.id as string,
      lang,
      isUuid(req.params.moduleId) ? req.params.moduleId : undefined,
      req.body,
    );
  }

  @Post(':id/modules')
  @FormView('programmes/module-form', 'moduleFormModel')
  async addModule(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ModuleDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const moduleId = await this.programmes.addModule(actor, id, body);
    flash(req, 'success', 'programmes.flash.moduleAdded');
    res.redirect(303, `/programmes/${id}#module-${moduleId}`);
  }

  @Get(':id/modules/:moduleId')
  @Render('programmes/module')
  showModule(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('moduleId') moduleId: string, @PageLanguage() lang: Language) {
    return this.programmes.moduleView(actor, id, moduleId, lang);
  }

  @Get(':id/modules/:moduleId/edit')
  @Render('programmes/module-form')
  editModule(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('moduleId') moduleId: string, @PageLanguage() lang: Language) {
    return this.programmes.moduleForm(actor, id, lang, moduleId);
  }

  @Post(':id/modules/:moduleId')
  @FormView('programmes/module-form', 'moduleFormModel')
  async updateModule(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('moduleId') moduleId: string,
    @Body() body: ModuleDto,
    @PageLanguage() lang: Language,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.programmes.updateModule(actor, id, moduleId, body, lang);
    flash(req, 'success', 'programmes.flash.saved');
    res.redirect(303, `/programmes/${id}/modules/${moduleId}`);
  }

  @Get(':id/modules/:moduleId/delete')
  @Render('programmes/module-delete')
  confirmDeleteModule(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('moduleId') moduleId: string, @PageLanguage() lang: Language) {
    return this.programmes.moduleDeletion(actor, id, moduleId, lang);
  }

  @Post(':id/modules/:moduleId/delete')
  async deleteModule(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('moduleId') moduleId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.programmes.deleteModule(actor, id, moduleId, req.ip);
    flash(req, 'success', 'programmes.flash.moduleDeleted');
    res.redirect(303, `/programmes/${id}`);
  }

  @Post(':id/modules/:moduleId/move')
  async moveModule(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('moduleId') moduleId: string,
    @Body() body: MoveDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.programmes.moveModule(actor, id, moduleId, body);
    flash(req, 'success', 'programmes.flash.moved');
    res.redirect(303, `/programmes/${id}#module-${moduleId}`);
  }
}
