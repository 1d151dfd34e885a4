import { Body, Controller, Get, Header, Param, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Public, RequirePermission } from '../auth/guards.js';
import { FormView } from '../common/forms/form-view.js';
import type { Language } from '../common/i18n/language.js';
import { PageLanguage } from '../common/i18n/page-language.js';
import { pageRequest } from '../common/pagination.js';
import { UuidParam, isUuid } from '../common/params.js';
import { optionalChoiceFilter, optionalIdFilter } from '../common/query-filters.js';
import { flash } from '../common/web/language.middleware.js';
import { NotFoundError } from '../common/errors/app-exceptions.js';
import {
  ActionItemDoneDto,
  ActionItemDto,
  BookDto,
  CancelDto,
  NewSessionDto,
  NotesDto,
  PrivateNoteDto,
  RescheduleDto,
  SessionAttendanceDto,
  SlotDto,
} from './dto/mentoring.dto.js';
import { AGENDA_FILTERS, MentoringService } from './mentoring.service.js';
import { CalendarFeedService } from './calendar-feed.service.js';

function pathId(req: Request, name: string): string {
  const id = String(req.params[name]);
  if (!isUuid(id)) throw new NotFoundError();
  return id;
}

const asList = (raw: unknown): string[] => (Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : []);

@Controller('mentoring')
export class MentoringController {
  constructor(private readonly mentoring: MentoringService) {}

  @Get()
  @Render('mentoring/index')
  index(@CurrentActor() actor: Actor, @Query('when') when: unknown, @Query('page') page: unknown, @PageLanguage() lang: Language) {
    return this.mentoring.agendaPage(actor, optionalChoiceFilter(when, AGENDA_FILTERS) ?? 'upcoming', pageRequest(page, 20), lang);
  }

  @Get('calendar')
  @Render('mentoring/calendar')
  calendar(@CurrentActor() actor: Actor, @Query('month') month: unknown, @PageLanguage() lang: Language) {
    return this.mentoring.monthPage(actor, month, lang);
  }

  @Get('sessions/new')
  @Render('mentoring/new')
  newForm(@CurrentActor() actor: Actor, @Query('mentorId') mentor: unknown, @Query('teacher') teacher: unknown, @PageLanguage() lang: Language) {
    return this.mentoring.newSessionForm(actor, optionalIdFilter(mentor), asList(teacher).filter(isUuid), lang);
  }

  newFormModel(req: Request) {
    const mentorId = (req.body as { mentorId?: unknown } | undefined)?.mentorId;
    return this.mentoring.newSessionFormModel(req.user as Actor, typeof mentorId === 'string' && isUuid(mentorId) ? mentorId : undefined);
  }

  @Post('sessions')
  @FormView('mentoring/new', 'newFormModel')
  async create(@CurrentActor() actor: Actor, @Body() dto: NewSessionDto, @PageLanguage() lang: Language, @Req() req: Request, @Res() res: Response) {
    const { id, onBehalf } = await this.mentoring.schedule(actor, dto, req.ip, lang);
    flash(req, 'success', onBehalf ? 'mentoring.flash.scheduledForMentor' : 'mentoring.flash.scheduled');
    res.redirect(303, `/mentoring/sessions/${id}`);
  }

  @Get('sessions/:id')
  @Render('mentoring/show')
  show(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.mentoring.sessionPage(actor, id);
  }

  @Post('sessions/:id/notes')
  async notes(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: NotesDto, @Req() req: Request, @Res() res: Response) {
    await this.mentoring.saveNotes(actor, id, dto);
    flash(req, 'success', 'mentoring.flash.notesSaved');
    res.redirect(303, `/mentoring/sessions/${id}`);
  }

  @Post('sessions/:id/private-note')
  async privateNote(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: PrivateNoteDto, @Req() req: Request, @Res() res: Response) {
    await this.mentoring.savePrivateNote(actor, id, dto.privateNote ?? '');
    flash(req, 'success', 'mentoring.flash.privateSaved');
    res.redirect(303, `/mentoring/sessions/${id}`);
  }

  @Post('sessions/:id/attendance')
  async attendance(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: SessionAttendanceDto, @Req() req: Request, @Res() res: Response) {
    await this.mentoring.recordAttendance(actor, id, dto.present, req.ip);
    flash(req, 'success', 'mentoring.flash.attendance');
    res.redirect(303, `/mentoring/sessions/${id}`);
  }

  @Post('sessions/:id/action-items')
  async addItem(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ActionItemDto, @Req() req: Request, @Res() res: Response) {
    await this.mentoring.addActionItem(actor, id, dto);
    flash(req, 'success', 'mentoring.flash.itemAdded');
    res.redirect(303, `/mentoring/sessions/${id}#action-items`);
  }

  @Post('sessions/:id/action-items/:itemId')
  async tickItem(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('itemId') itemId: string,
    @Body() dto: ActionItemDoneDto,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const sessionId = await this.mentoring.setActionItemDone(actor, id, itemId, dto.done === 'yes');
    flash(req, 'success', 'mentoring.flash.itemUpdated');
    res.redirect(303, `/mentoring/sessions/${sessionId}#action-items`);
  }

  @Get('sessions/:id/cancel')
  @Render('mentoring/cancel')
  cancelPage(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.mentoring.cancelPage(actor, id);
  }

  cancelFormModel(req: Request) {
    return this.mentoring.cancelPage(req.user as Actor, pathId(req, 'id'));
  }

  @Post('sessions/:id/cancel')
  @FormView('mentoring/cancel', 'cancelFormModel')
  async cancel(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: CancelDto, @Req() req: Request, @Res() res: Response) {
    await this.mentoring.cancel(actor, id, dto.reason, req.ip);
    flash(req, 'success', 'mentoring.flash.cancelled');
    res.redirect(303, `/mentoring/sessions/${id}`);
  }

  @Get('sessions/:id/reschedule')
  @Render('mentoring/reschedule')
  rescheduleForm(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.mentoring.rescheduleForm(actor, id);
  }

  rescheduleFormModel(req: Request) {
    return this.mentoring.rescheduleFormModel(req.user as Actor, pathId(req, 'id'));
  }

  @Post('sessions/:id/reschedule')
  @FormView('mentoring/reschedule', 'rescheduleFormModel')
  async reschedule(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() dto: RescheduleDto,
    @PageLanguage() lang: Language,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await this.mentoring.reschedule(actor, id, dto, req.ip, lang);
    flash(req, 'success', 'mentoring.flash.rescheduled');
    res.redirect(303, `/mentoring/sessions/${id}`);
  }

  @Get('slots')
  @Render('mentoring/slots')
  slots(@CurrentActor() actor: Actor) {
    return this.mentoring.slotsPage(actor);
  }

  slotsFormModel(req: Request) {
    return this.mentoring.slotsPage(req.user as Actor);
  }

  @Post('slots')
  @FormView('mentoring/slots', 'slotsFormModel')
  async publishSlot(@CurrentActor() actor: Actor, @Body() dto: SlotDto, @Req() req: Request, @Res() res: Response) {
    await this.mentoring.publishSlot(actor, dto);
    flash(req, 'success', 'mentoring.flash.slotPublished');
    res.redirect(303, '/mentoring/slots');
  }

  @Post('bookings')
  async book(@CurrentActor() actor: Actor, @Body() dto: BookDto, @Req() req: Request, @Res() res: Response) {
    const id = await this.mentoring.book(actor, dto.slotId, dto.startsAt);
    flash(req, 'success', 'mentoring.flash.booked');
    res.redirect(303, `/mentoring/sessions/${id}`);
  }

  @Post('calendar-feed')
  async resetFeed(@CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    await this.mentoring.resetFeed(actor);
    flash(req, 'success', 'mentoring.flash.feedReset');
    res.redirect(303, '/mentoring');
  }
}

/** A cohort's mentoring coverage, a tab of the cohort's pages for its department admins. */
@Controller('cohorts/:id/mentoring')
@RequirePermission('cohort.manage')
export class MentoringCoverageController {
  constructor(private readonly mentoring: MentoringService) {}

  @Get()
  @Render('mentoring/coverage')
  coverage(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query('page') page: unknown) {
    return this.mentoring.coveragePage(actor, id, pageRequest(page));
  }
}

/** The private iCal feed: no session, the token is the key (an unknown one is a 404). */
@Controller('calendar')
export class CalendarFeedController {
  constructor(private readonly feed: CalendarFeedService) {}

  @Public()
  @Get(':file')
  @Header('Cache-Control', 'private, no-store')
  async ics(@Param('file') file: string, @Res() res: Response) {
    const match = /^(.+)\.ics$/.exec(file);
    if (!match) throw new NotFoundError();
    const body = await this.feed.render(match[1]);
    res.type('text/calendar; charset=utf-8').send(body);
  }
}
