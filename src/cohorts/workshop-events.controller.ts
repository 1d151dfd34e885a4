import { Body, Controller, Get, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, RequirePermission } from '../auth/guards.js';
import { NotFoundError } from '../common/errors/app-exceptions.js';
import { FormView } from '../common/forms/form-view.js';
import type { Language } from '../common/i18n/language.js';
import { PageLanguage } from '../common/i18n/page-language.js';
import { isUuid, UuidParam } from '../common/params.js';
import { optionalIdFilter } from '../common/query-filters.js';
import { flash } from '../common/web/language.middleware.js';
import { CancelWorkshopEventDto, NewWorkshopEventDto, WorkshopEventDto } from './dto/cohort.dto.js';
import { WorkshopEventsService } from './workshop-events.service.js';

function pathId(req: Request, name: string): string {
  const id = req.params[name];
  if (!isUuid(id)) throw new NotFoundError();
  return id.toLowerCase();
}

/** A cohort's workshop events (day, time, place, capacity), a tab of the cohort's pages for those who manage it. */
@Controller('cohorts/:id/workshops')
@RequirePermission('cohort.manage')
export class CohortWorkshopsController {
  constructor(private readonly workshops: WorkshopEventsService) {}

  @Get()
  @Render('cohorts/workshops')
  list(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @PageLanguage() lang: Language) {
    return this.workshops.listPage(actor, id, lang);
  }

  @Get('new')
  @Render('cohorts/workshop-event')
  newForm(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query('module') module: unknown, @PageLanguage() lang: Language) {
    return this.workshops.newForm(actor, id, optionalIdFilter(module), lang);
  }

  async newFormModel(req: Request, lang: Language) {
    return this.workshops.newFormModel(req.user as Actor, pathId(req, 'id'), lang);
  }

  @Post()
  @FormView('cohorts/workshop-event', 'newFormModel')
  async create(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: NewWorkshopEventDto, @Req() req: Request, @Res() res: Response) {
    await this.workshops.create(actor, id, body, req.ip);
    flash(req, 'success', 'workshops.flash.created');
    res.redirect(303, `/cohorts/${id}/workshops`);
  }

  @Get(':eventId/edit')
  @Render('cohorts/workshop-event')
  editForm(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('eventId') eventId: string, @PageLanguage() lang: Language) {
    return this.workshops.editForm(actor, id, eventId, lang);
  }

  async editFormModel(req: Request, lang: Language) {
    return this.workshops.editFormModel(req.user as Actor, pathId(req, 'id'), pathId(req, 'eventId'), lang);
  }

  @Post(':eventId')
  @FormView('cohorts/workshop-event', 'editFormModel')
  async update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('eventId') eventId: string,
    @Body() body: WorkshopEventDto,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await this.workshops.update(actor, id, eventId, body, req.ip);
    flash(req, 'success', 'workshops.flash.updated');
    res.redirect(303, `/cohorts/${id}/workshops`);
  }

  @Get(':eventId/cancel')
  @Render('cohorts/workshop-event-cancel')
  cancelPage(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('eventId') eventId: string, @PageLanguage() lang: Language) {
    return this.workshops.cancelPage(actor, id, eventId, lang);
  }

  async cancelFormModel(req: Request, lang: Language) {
    return this.workshops.cancelPage(req.user as Actor, pathId(req, 'id'), pathId(req, 'eventId'), lang);
  }

  @Post(':eventId/cancel')
  @FormView('cohorts/workshop-event-cancel', 'cancelFormModel')
  async cancel(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('eventId') eventId: string,
    @Body() body: CancelWorkshopEventDto,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await this.workshops.cancel(actor, id, eventId, body.reason, req.ip);
    flash(req, 'success', 'workshops.flash.cancelled');
    res.redirect(303, `/cohorts/${id}/workshops`);
  }
}
