import { Body, Controller, Get, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, RequirePermission } from '../auth/guards.js';
import { FormView } from '../common/forms/form-view.js';
import { translate } from '../common/i18n/i18n.js';
import { UuidParam } from '../common/params.js';
import { flash } from '../common/web/language.middleware.js';
import type { Language } from '../common/i18n/language.js';
import { MunicipalityDto } from './dto/municipality.dto.js';
import { MunicipalitiesService, NEW_MUNICIPALITY_VALUES } from './municipalities.service.js';
import { PageLanguage } from '../common/i18n/page-language.js';

const DAYS = [0, 1, 2, 3, 4, 5, 6];
const TIME_ZONES = Intl.supportedValuesOf('timeZone');

function formOptions(lang: Language, editing?: string) {
  return {
    title: translate(lang, editing ? 'municipalities.form.editTitle' : 'municipalities.form.newTitle'),
    editing,
    action: editing ? `/municipalities/${editing}` : '/municipalities',
    cancelHref: editing ? `/municipalities/${editing}` : '/municipalities',
    days: DAYS.map((day) => ({ value: String(day), labelKey: `municipalities.days.${day}` })),
    locales: ['he', 'ar', 'en'].map((code) => ({ value: code, labelKey: `languages.${code}` })),
    timeZones: TIME_ZONES,
  };
}

@Controller('municipalities')
@RequirePermission('municipality.manage')
export class MunicipalitiesController {
  constructor(private readonly municipalities: MunicipalitiesService) {}

  @Get()
  @Render('municipalities/index')
  async index(@CurrentActor() actor: Actor, @PageLanguage() lang: Language) {
    const items = await this.municipalities.list(actor, lang);
    return { title: translate(lang, 'municipalities.list.title'), items, isEmpty: items.length === 0 };
  }

  @Get('new')
  @Render('municipalities/form')
  newForm(@PageLanguage() lang: Language) {
    return { ...formOptions(lang), values: NEW_MUNICIPALITY_VALUES };
  }

  /** What the form needs besides the typed values, when it is shown again with errors. */
  async formModel(req: Request) {
    const lang = (req.res?.locals.lang ?? 'en') as Language;
    const id = typeof req.params.id === 'string' ? req.params.id : undefined;
    return formOptions(lang, id);
  }

  @Post()
  @FormView('municipalities/form', 'formModel')
  async create(@CurrentActor() actor: Actor, @Body() dto: MunicipalityDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const id = await this.municipalities.create(actor, dto, req.ip);
    flash(req, 'success', 'municipalities.flash.created');
    res.redirect(303, `/municipalities/${id}`);
  }

  @Get(':id')
  @Render('municipalities/show')
  async show(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language) {
    const details = await this.municipalities.details(actor, id, lang);
    return {
      title: details.municipality.name,
      ...details,
      weekly: details.weekly.map((w) => ({ ...w, fromDayKey: `municipalities.days.${w.fromDay}`, toDayKey: `municipalities.days.${w.toDay}` })),
      hasSchools: details.schools.length > 0,
    };
  }

  @Get(':id/edit')
  @Render('municipalities/form')
  async editForm(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language) {
    return { ...formOptions(lang, id), values: await this.municipalities.formValues(actor, id, lang) };
  }

  @Post(':id')
  @FormView('municipalities/form', 'formModel')
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
