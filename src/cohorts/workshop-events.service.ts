import { Injectable } from '@nestjs/common';
import { administeredMunicipalityIds, type Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { ConflictError, FormValidationException, NotFoundError } from '../common/errors/app-exceptions.js';
import type { Language } from '../common/i18n/language.js';
import { Sql } from '../database/sql.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { CohortsService } from './cohorts.service.js';
import type { NewWorkshopEventDto, WorkshopEventDto } from './dto/cohort.dto.js';
import { canWorkshopEvent } from './workshop-events.policy.js';
import { type WorkshopEventDetail, type WorkshopEventFields, WorkshopEventsRepository } from './workshop-events.repository.js';
import { isCalendarDate } from './calendar-date.js';

/** What the form sent, checked beyond its shape: a real day, an end after the start. */
function eventFields(dto: WorkshopEventDto): WorkshopEventFields {
  if (!isCalendarDate(dto.day)) throw FormValidationException.field('day', 'validation.date');
  if (dto.end <= dto.start) throw FormValidationException.field('end', 'mentoring.errors.endBeforeStart');
  return { day: dto.day, start: dto.start, end: dto.end, place: dto.place, capacity: dto.capacity ?? null };
}

/**
 * The register is the city's own department's (and its mentors', from their pages): a network
 * admin manages the dates but does not take a city's register (progress.policy's attendanceReach).
 */
function takesRegister(actor: Actor, municipalityId: string): boolean {
  return administeredMunicipalityIds(actor).includes(municipalityId);
}

/**
 * A cohort's workshop events (issue 11 §2): a workshop module (completed by attendance) gets dated
 * events in the cohort, which the city's department admins schedule, change and cancel; each change
 * is audited and raises the event's SEQUENCE (the iCal feed). Attendance at an event is the
 * progress feature's (ProgressService.recordAttendance).
 */
@Injectable()
export class WorkshopEventsService {
  constructor(
    private readonly sql: Sql,
    private readonly cohorts: CohortsService,
    private readonly events: WorkshopEventsRepository,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  /** The cohort's teachers are told in-app, in the change's transaction, that a date of the workshop was set, moved or was cancelled. */
  private async tellTeachers(cohortId: string, event: WorkshopEventDetail, kind: 'workshops.added' | 'workshops.moved' | 'workshops.cancelled'): Promise<void> {
    const teachers = await this.events.activeTeachers(cohortId);
    await this.notifications.notify(
      ...teachers.map((recipientId) => ({
        recipientId,
        kind,
        vars: { module: event.moduleTitle },
        link: `/path/modules/${event.moduleId}?cohort=${cohortId}`,
      })),
    );
  }

  async listPage(actor: Actor, cohortId: string, language: Language) {
    const cohort = await this.cohorts.cohortFor(actor, cohortId, language);
    const modules = await this.events.cohortWorkshops(cohortId, language);
    return {
      ...this.cohorts.frame(cohort),
      mayTakeRegister: takesRegister(actor, cohort.municipalityId),
      modules: modules.map((m) => ({
        ...m,
        newHref: `/cohorts/${cohortId}/workshops/new?module=${m.moduleId}`,
        events: m.events.map((e) => ({
          ...e,
          cancelled: e.status === 'cancelled',
          timeKnown: e.startsAt !== null,
          base: `/cohorts/${cohortId}/workshops/${e.id}`,
        })),
      })),
      isEmpty: modules.length === 0,
    };
  }

  async newForm(actor: Actor, cohortId: string, rawModule: string | undefined, language: Language) {
    const model = await this.newFormModel(actor, cohortId, language);
    const preselected = model.moduleChoices.find((m) => m.moduleId === rawModule)?.moduleId ?? model.moduleChoices[0]?.moduleId;
    return { ...model, values: { moduleId: preselected } };
  }

  async newFormModel(actor: Actor, cohortId: string, language: Language) {
    const cohort = await this.cohorts.cohortFor(actor, cohortId, language);
    const modules = await this.events.cohortWorkshops(cohortId, language);
    if (modules.length === 0) throw new ConflictError('workshops.errors.noWorkshops');
    return {
      ...this.cohorts.frame(cohort),
      isNew: true,
      action: `/cohorts/${cohortId}/workshops`,
      moduleChoices: modules.map((m) => ({ moduleId: m.moduleId, title: m.title, textLanguage: m.textLanguage })),
    };
  }

  async create(actor: Actor, cohortId: string, dto: NewWorkshopEventDto, ip: string | undefined): Promise<string> {
    const cohort = await this.cohorts.cohortFor(actor, cohortId);
    if (!canWorkshopEvent(actor, 'create', cohort)) throw new NotFoundError();
    const fields = eventFields(dto);
    return this.sql.transaction(async () => {
      const id = await this.events.insertEvent(cohortId, dto.moduleId, fields, actor.id);
      if (!id) throw FormValidationException.field('moduleId', 'workshops.errors.notAWorkshop');
      await this.audit.record({
        actorId: actor.id,
        municipalityId: cohort.municipalityId,
        action: 'workshop.event_created',
        subjectType: 'workshop_event',
        subjectId: id,
        ip,
        details: { cohortId, moduleId: dto.moduleId, day: fields.day },
      });
      await this.tellTeachers(cohortId, (await this.events.findEvent(cohortId, id, null))!, 'workshops.added');
      return id;
    });
  }

  /** The event of a cohort the actor manages (another cohort's, or another city's, is a 404). */
  private async eventFor(actor: Actor, cohortId: string, eventId: string, language: Language | null = null) {
    const cohort = await this.cohorts.cohortFor(actor, cohortId, language);
    const event = await this.events.findEvent(cohortId, eventId, language);
    if (!event) throw new NotFoundError();
    return { cohort, event };
  }

  private eventView(event: WorkshopEventDetail) {
    return { ...event, cancelled: event.status === 'cancelled', timeKnown: event.startsAt !== null };
  }

  async editForm(actor: Actor, cohortId: string, eventId: string, language: Language) {
    const model = await this.editFormModel(actor, cohortId, eventId, language);
    const e = model.event;
    return { ...model, values: { day: e.localDay, start: e.localStart ?? '', end: e.localEnd ?? '', place: e.place ?? '', capacity: e.capacity ?? '' } };
  }

  async editFormModel(actor: Actor, cohortId: string, eventId: string, language: Language) {
    const { cohort, event } = await this.eventFor(actor, cohortId, eventId, language);
    if (!canWorkshopEvent(actor, 'edit', event)) throw new ConflictError('workshops.errors.cancelled');
    return { ...this.cohorts.frame(cohort), event: this.eventView(event), isNew: false, action: `/cohorts/${cohortId}/workshops/${eventId}` };
  }

  async update(actor: Actor, cohortId: string, eventId: string, dto: WorkshopEventDto, ip: string | undefined): Promise<void> {
    const { event } = await this.eventFor(actor, cohortId, eventId);
    if (!canWorkshopEvent(actor, 'edit', event)) throw new ConflictError('workshops.errors.cancelled');
    const fields = eventFields(dto);
    await this.sql.transaction(async () => {
      if ((await this.events.updateEvent(eventId, fields)) === 0) throw new ConflictError('workshops.errors.cancelled');
      await this.audit.record({
        actorId: actor.id,
        municipalityId: event.municipalityId,
        action: 'workshop.event_updated',
        subjectType: 'workshop_event',
        subjectId: eventId,
        ip,
        details: { cohortId, moduleId: event.moduleId, day: fields.day, previousDay: event.localDay },
      });
      await this.tellTeachers(cohortId, event, 'workshops.moved');
    });
  }

  async cancelPage(actor: Actor, cohortId: string, eventId: string, language: Language) {
    const { cohort, event } = await this.eventFor(actor, cohortId, eventId, language);
    return {
      ...this.cohorts.frame(cohort),
      event: this.eventView(event),
      canCancel: canWorkshopEvent(actor, 'cancel', event),
      hasAttendance: event.attended > 0,
      attendanceHref: takesRegister(actor, event.municipalityId) ? `/cohorts/${cohortId}/workshops/${eventId}/attendance` : null,
    };
  }

  async cancel(actor: Actor, cohortId: string, eventId: string, reason: string | undefined, ip: string | undefined): Promise<void> {
    const { event } = await this.eventFor(actor, cohortId, eventId);
    if (!canWorkshopEvent(actor, 'cancel', event))
      throw new ConflictError(event.attended > 0 ? 'workshops.errors.hasAttendance' : 'workshops.errors.cancelled');
    await this.sql.transaction(async () => {
      // The register may have been taken since the page was read: the row lock and the statement's own check decide.
      await this.events.lockEvent(eventId);
      if ((await this.events.cancelEvent(eventId, reason?.trim() || null)) === 0) throw new ConflictError('workshops.errors.hasAttendance');
      await this.audit.record({
        actorId: actor.id,
        municipalityId: event.municipalityId,
        action: 'workshop.event_cancelled',
        subjectType: 'workshop_event',
        subjectId: eventId,
        ip,
        details: { cohortId, moduleId: event.moduleId, day: event.localDay },
      });
      await this.tellTeachers(cohortId, event, 'workshops.cancelled');
    });
  }
}
