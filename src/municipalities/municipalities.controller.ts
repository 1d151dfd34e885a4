import { Body, Controller, Get, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, RequirePermission } from '../auth/guards.js';
import { FormView } from '../common/forms/form-view.js';
import { UuidParam } from '../common/params.js';
import { flash } from '../common/web/language.middleware.js';
import type { Language } from '../common/i18n/language.js';
import { PageLanguage } from '../common/i18n/page-language.js';
import { MunicipalityDto, NetworkSecurityDto } from './dto/municipality.dto.js';
import { MunicipalitiesService } from './municipalities.service.js';

@Controller('municipalities')
@RequirePermission('municipality.manage')
export class MunicipalitiesController {
  constructor(private readonly municipalities: MunicipalitiesService) {}

  @Get()
  @Render('municipalities/index')
  index(@CurrentActor() actor: Actor, @PageLanguage() lang: Language) {
    return this.municipalities.listPage(actor, lang);
  }

  @Get('new')
  @Render('municipalities/form')
  newForm(@CurrentActor() actor: Actor) {
    return this.municipalities.newForm(actor);
  }

  newFormModel() {
    return this.municipalities.newFormModel();
  }

  @Post()
  @FormView('municipalities/form', 'newFormModel')
  async create(@CurrentActor() actor: Actor, @Body() dto: MunicipalityDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const id = await this.municipalities.create(actor, dto, req.ip);
    flash(req, 'success', 'municipalities.flash.created');
    res.redirect(303, `/municipalities/${id}`);
  }

  /** Declared before ':id', which would otherwise take "network" for a municipality's id. */
  @Post('network')
  @RequirePermission('network.manage')
  @FormView('municipalities/index', 'listPageModel')
  async updateNetworkSecurity(@CurrentActor() actor: Actor, @Body() dto: NetworkSecurityDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.municipalities.updateNetworkSecurity(actor, dto, req.ip);
    flash(req, 'success', 'municipalities.flash.networkUpdated');
    res.redirect(303, '/municipalities');
  }

  listPageModel(req: Request, lang: Language) {
    return this.municipalities.listPageModel(req.user as Actor, lang);
  }

  @Get(':id')
  @Render('municipalities/show')
  show(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language) {
    return this.municipalities.showPage(actor, id, lang);
  }

  @Get(':id/edit')
  @Render('municipalities/form')
  editForm(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language) {
    return this.municipalities.editForm(actor, id, lang);
  }

  editFormModel(req: Request) {
    return this.municipalities.editFormModel(String(req.params.id));
  }

  @Post(':id')
  @FormView('municipalities/form', 'editFormModel')
  async update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() dto: MunicipalityDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.municipalities.update(actor, id, dto, req.ip);
    flash(req, 'success', 'municipalities.flash.updated');
    res.redirect(303, `/municipalities/${id}`);
  }
}
