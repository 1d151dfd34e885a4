import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { administeredMunicipalityIds, type Actor, isNetworkAdmin, roleNames } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { BadRequestError, ConflictError, FormValidationException, NotFoundError } from '../common/errors/app-exceptions.js';
import type { Language } from '../common/i18n/language.js';
import { type PageRequest, pageView } from '../common/pagination.js';
import { Sql, isUniqueViolation } from '../database/sql.js';
import { GoalsRepository } from '../goals/goals.repository.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { translate } from '../common/i18n/i18n.js';
import type { ActionItemDto, NewSessionDto, NotesDto, RescheduleDto, SessionTimeDto, SlotDto } from './dto/mentoring.dto.js';
import { MentoringRepository, type ConflictRow, type Mentee, type MentorChoice, type SessionRow, type WorkshopCalendarRow } from './mentoring.repository.js';
import { canScheduleFor, canSession, type SessionAction } from './mentoring.policy.js';

export const AGENDA_FILTERS = ['upcoming', 'past'] as const;
export type AgendaFilter = (typeof AGENDA_FILTERS)[number];

/** Whose session a new-session form schedules (null: an admin has yet to choose), and with whom. */
interface Scheduling {
  /** The mentors a department admin may schedule for (their city's); empty for everyone else. */
  mentors: MentorChoice[];
  mentor: MentorChoice | null;
  /** Scheduled by a department admin for another person, the mentor. */
  onBehalf: boolean;
  mentees: Mentee[];
}

function formatRange(lang: Language, timeZone: string, from: Date, to: Date): string {
  const day = new Intl.DateTimeFormat(lang, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(from);
  const end = new Intl.DateTimeFormat(lang, { timeZone, timeStyle: 'short' }).format(to);
  return `${day}–${end}`;
}

/** A workshop event in the calendar or agenda: a teacher opens its module on their path, a mentor its register. */
function workshopView(w: WorkshopCalendarRow) {
  return {
    ...w,
    cancelled: w.status === 'cancelled',
    href: w.asMentor ? `/cohorts/${w.cohortId}/workshops/${w.id}/attendance` : `/path/modules/${w.moduleId}?cohort=${w.cohortId}`,
  };
}

/**
 * Mentoring sessions (issue 11): scheduling with conflicts flagged before saving, booking of
 * availability slots (the database lets one booking of an occurrence win), attendance, shared and
 * private notes, action items carried forward, and the calendar feed's token. Every check of who
 * may do what is `canSession` (mentoring.policy.ts); a session the reader may not see is a 404.
 */
@Injectable()
export class MentoringService {
  constructor(
    private readonly repo: MentoringRepository,
    private readonly sql: Sql,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly goals: GoalsRepository,
  ) {}

  // ——— Agenda ———

  async agendaPage(actor: Actor, when: AgendaFilter, page: PageRequest, lang: Language) {
    const timeZone = actor.municipalityTimeZone ?? 'Asia/Jerusalem';
    const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
    const [{ items, total }, feedToken, workshops] = await Promise.all([
      this.repo.agenda(actor.id, when, page),
      this.repo.feedToken(actor.id),
      // The coming workshop dates of the reader's cohorts, beside the sessions (the next ten).
      when === 'upcoming' ? this.repo.workshopsBetween(actor.id, today, '2100-12-31', false, lang) : Promise.resolve([]),
    ]);
    const roles = roleNames(actor);
    return {
      when,
      filters: AGENDA_FILTERS.map((f) => ({ value: f, labelKey: `mentoring.agenda.filters.${f}`, current: f === when })),
      sessions: items.map((s) => ({ ...s, href: `/mentoring/sessions/${s.id}`, cancelled: s.status === 'cancelled' })),
      page: pageView(items, total, page, '/mentoring', { when }),
      isEmpty: total === 0,
      isMentor: roles.includes('mentor'),
      isTeacher: roles.includes('teacher'),
      /** A department admin may schedule for their city's mentors (`canScheduleFor`). */
      mayScheduleForMentors: administeredMunicipalityIds(actor).length > 0,
      feedPath: feedToken ? `/calendar/${feedToken}.ics` : null,
      workshops: workshops.slice(0, 10).map(workshopView),
    };
  }

  /**
   * A month of the reader's sessions as a grid of weeks (Sunday first, as Israel's week), without
   * JavaScript; the table's logical order reads right to left in Hebrew and Arabic by itself.
   */
  async monthPage(actor: Actor, rawMonth: unknown, lang: Language) {
    const timeZone = actor.municipalityTimeZone ?? 'Asia/Jerusalem';
    let month: string;
    if (rawMonth === undefined || rawMonth === '') month = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date()).slice(0, 7);
    else if (typeof rawMonth === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(rawMonth) && rawMonth >= '2000-01' && rawMonth <= '2100-12') month = rawMonth;
    else throw new BadRequestError();
    const [year, monthIndex] = [Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1];
    const first = new Date(Date.UTC(year, monthIndex, 1));
    const daysInMonth = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
    // A day either side covers every time zone's view of the month; the grid keeps the city's days.
    const lastDay = `${month}-${String(daysInMonth).padStart(2, '0')}`;
    const [sessions, workshops] = await Promise.all([
      this.repo.sessionsBetween(actor.id, new Date(first.getTime() - 86_400_000), new Date(Date.UTC(year, monthIndex + 1, 2))),
      this.repo.workshopsBetween(actor.id, `${month}-01`, lastDay, true, lang),
    ]);
    const byDay = new Map<string, { id: string; startsAt: Date; cancelled: boolean }[]>();
    for (const s of sessions) {
      if (!s.localDay.startsWith(month)) continue;
      byDay.set(s.localDay, [...(byDay.get(s.localDay) ?? []), { id: s.id, startsAt: s.startsAt, cancelled: s.status === 'cancelled' }]);
    }
    const workshopsByDay = new Map<string, ReturnType<typeof workshopView>[]>();
    for (const w of workshops) workshopsByDay.set(w.localDay, [...(workshopsByDay.get(w.localDay) ?? []), workshopView(w)]);
    const cells: ({ day: number; sessions: { id: string; startsAt: Date; cancelled: boolean }[]; workshops: ReturnType<typeof workshopView>[] } | null)[] = [];
    for (let i = 0; i < first.getUTCDay(); i++) cells.push(null);
    for (let d = 1; d <= daysInMonth; d++) {
      const key = `${month}-${String(d).padStart(2, '0')}`;
      cells.push({ day: d, sessions: byDay.get(key) ?? [], workshops: workshopsByDay.get(key) ?? [] });
    }
    while (cells.length % 7 !== 0) cells.push(null);
    const weeks = [];
    for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
    const weekday = new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' });
    const shift = (delta: number) => {
      const d = new Date(Date.UTC(year, monthIndex + delta, 1));
      return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    };
    return {
      monthTitle: new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(first),
      weekdays: Array.from({ length: 7 }, (_, i) => weekday.format(new Date(Date.UTC(2023, 0, 1 + i)))),
      weeks,
      previousHref: `/mentoring/calendar?month=${shift(-1)}`,
      nextHref: `/mentoring/calendar?month=${shift(1)}`,
      isEmpty: byDay.size === 0 && workshopsByDay.size === 0,
    };
  }

  // ——— Scheduling ———

  /**
   * Whose session the new-session form schedules, and with whom: the actor's own mentees; or, for a
   * department admin who chose one of their city's mentors (`?mentor=`, then `mentorId`), that
   * mentor's current mentees in the admin's city. A mentor the actor may not schedule for (another
   * mentor's, another city's) is a 404. An admin with no mentees of their own who has not chosen a
   * mentor yet gets the mentor picker alone.
   */
  private async scheduling(actor: Actor, rawMentorId: string | undefined): Promise<Scheduling> {
    const mentorId = rawMentorId?.toLowerCase();
    const cities = administeredMunicipalityIds(actor);
    const mentors = cities.length > 0 ? await this.repo.cityMentors(cities) : [];
    if (mentorId === undefined || mentorId === actor.id) {
      const own = await this.repo.mentees(actor.id);
      if (own.length > 0) return { mentors, mentor: { mentorId: actor.id, name: actor.displayName }, onBehalf: false, mentees: own };
      if (mentorId === undefined && mentors.length > 0) return { mentors, mentor: null, onBehalf: false, mentees: [] };
      throw new NotFoundError('mentoring.errors.noMentees');
    }
    const mentor = mentors.find((m) => m.mentorId === mentorId);
    if (!mentor) throw new NotFoundError();
    const mentees = (await this.repo.mentees(mentorId)).filter((m) => canScheduleFor(actor, { mentorId, municipalityId: m.municipalityId }));
    return { mentors, mentor, onBehalf: true, mentees };
  }

  async newSessionFormModel(actor: Actor, mentorId?: string) {
    const s = await this.scheduling(actor, mentorId);
    return {
      mentorPicker: s.mentors.length > 0 ? s.mentors.map((m) => ({ ...m, current: m.mentorId === s.mentor?.mentorId })) : null,
      mentor: s.mentor,
      onBehalf: s.onBehalf,
      mentees: s.mentees,
      cohortCount: new Set(s.mentees.map((m) => m.cohortId)).size,
      values: { mentorId: s.mentor?.mentorId ?? '' },
    };
  }

  async newSessionForm(actor: Actor, mentorId: string | undefined, rawTeacherIds: string[], lang: Language) {
    const model = await this.newSessionFormModel(actor, mentorId);
    const chosen = rawTeacherIds.filter((id) => model.mentees.some((m) => m.teacherId === id));
    // An admin scheduling for a mentor gets no draft: it would show them the teachers' goals and action items.
    const agenda = chosen.length > 0 && model.mentor && !model.onBehalf ? await this.draftAgenda(model.mentor.mentorId, chosen, lang) : '';
    return { ...model, values: { ...model.values, teacherIds: chosen, agenda } };
  }

  /**
   * The agenda a new session starts from: the participants' open action items (carried forward),
   * and, for a one-to-one session, the teacher's goals due for a check-in. A goal is read by its
   * owner and their mentor only, so a group session's agenda, which every participant reads, never
   * names one.
   */
  async draftAgenda(mentorId: string, teacherIds: string[], lang: Language): Promise<string> {
    const [items, goals] = await Promise.all([
      this.repo.openItemsFor(teacherIds, mentorId),
      teacherIds.length === 1 ? this.goals.dueForCheckIn(teacherIds) : Promise.resolve([]),
    ]);
    const lines = items.map((i) => `- ${i.title} (${i.ownerName}${i.dueOn ? `, ${i.dueOn}` : ''})`);
    for (const g of goals) lines.push(`- ${translate(lang, 'mentoring.new.goalCheckIn', { what: g.what, due: g.dueOn })}`);
    return lines.join('\n');
  }

  private async instants(municipalityId: string, dto: SessionTimeDto): Promise<{ startsAt: Date; endsAt: Date }> {
    const { startsAt, endsAt } = await this.repo.localInstants(municipalityId, dto.day, dto.start, dto.end);
    if (endsAt.getTime() <= startsAt.getTime()) throw FormValidationException.field('end', 'mentoring.errors.endBeforeStart');
    return { startsAt, endsAt };
  }

  /** Refuses to save over other sessions unless the person, having seen them, confirmed. */
  private async flagConflicts(
    personIds: string[],
    startsAt: Date,
    endsAt: Date,
    except: string | null,
    confirmed: boolean,
    lang: Language,
    timeZone: string,
  ): Promise<ConflictRow[]> {
    const conflicts = await this.repo.conflicts(personIds, startsAt, endsAt, except);
    if (conflicts.length > 0 && !confirmed) {
      const list = conflicts.map((c) => `${c.personName}: ${formatRange(lang, timeZone, c.startsAt, c.endsAt)}`).join('; ');
      throw FormValidationException.field('confirmConflicts', 'mentoring.errors.conflicts', { list }, 409);
    }
    return conflicts;
  }

  /**
   * Schedules a session: by a mentor with their mentees, or by a department admin for a mentor of
   * their city with that mentor's mentees (`dto.mentorId`), who then leaves the agenda to the
   * mentor. The participants are told, and so is the mentor when an admin scheduled it; the audit
   * names the one who scheduled it (`actor_id`) and the mentor (`details.mentorId`).
   */
  async schedule(actor: Actor, dto: NewSessionDto, ip: string | undefined, lang: Language): Promise<{ id: string; onBehalf: boolean }> {
    const { mentor, mentees, onBehalf } = await this.scheduling(actor, dto.mentorId);
    if (!mentor) throw FormValidationException.field('mentorId', 'mentoring.errors.chooseMentor');
    if (onBehalf && dto.agenda?.trim()) throw FormValidationException.field('agenda', 'mentoring.errors.agendaByMentor');
    const chosen = mentees.filter((m) => dto.teacherIds.includes(m.teacherId));
    if (chosen.length !== new Set(dto.teacherIds).size) {
      throw onBehalf
        ? FormValidationException.field('teacherIds', 'mentoring.errors.notTheirMentee', { mentor: mentor.name })
        : FormValidationException.field('teacherIds', 'mentoring.errors.notYourMentee');
    }
    const cohortIds = new Set(chosen.map((m) => m.cohortId));
    if (cohortIds.size !== 1) throw FormValidationException.field('teacherIds', 'mentoring.errors.oneCohort');
    const { cohortId, municipalityId } = chosen[0];
    if (!canScheduleFor(actor, { mentorId: mentor.mentorId, municipalityId })) throw new NotFoundError();
    const { startsAt, endsAt } = await this.instants(municipalityId, dto);
    const timeZone = actor.municipalityTimeZone ?? 'Asia/Jerusalem';
    await this.flagConflicts([mentor.mentorId, ...dto.teacherIds], startsAt, endsAt, null, dto.confirmConflicts === 'yes', lang, timeZone);
    return this.sql.transaction(async () => {
      const id = await this.repo.insertSession(
        {
          municipalityId,
          cohortId,
          mentorId: mentor.mentorId,
          startsAt,
          endsAt,
          place: dto.place || null,
          onlineUrl: dto.onlineUrl || null,
          agenda: onBehalf ? '' : (dto.agenda ?? ''),
          createdBy: actor.id,
        },
        dto.teacherIds,
      );
      await this.audit.record({
        actorId: actor.id,
        municipalityId,
        action: 'mentoring.session_scheduled',
        subjectType: 'mentoring_session',
        subjectId: id,
        ip,
        details: { mentorId: mentor.mentorId, participants: dto.teacherIds.length },
      });
      const link = `/mentoring/sessions/${id}`;
      await this.notifications.notify(
        ...dto.teacherIds.map((t) => ({ recipientId: t, kind: 'mentoring.booked', vars: { mentor: mentor.name }, link })),
        ...(onBehalf ? [{ recipientId: mentor.mentorId, kind: 'mentoring.scheduledForYou', vars: { admin: actor.displayName }, link }] : []),
      );
      return { id, onBehalf };
    });
  }

  // ——— One session ———

  private async load(actor: Actor, id: string, action: SessionAction): Promise<SessionRow> {
    const session = await this.repo.findSession(id, actor.id);
    if (!session || !canSession(actor, 'view', session)) throw new NotFoundError();
    if (!canSession(actor, action, session)) throw new NotFoundError();
    return session;
  }

  async sessionPage(actor: Actor, id: string) {
    const session = await this.load(actor, id, 'view');
    const may = (action: SessionAction) => canSession(actor, action, session);
    const [participants, actionItems, privateNote] = await Promise.all([
      this.repo.participants(id),
      may('readSharedNotes') ? this.repo.actionItems(id) : Promise.resolve([]),
      may('readPrivateNotes') ? this.repo.privateNote(id, actor.id) : Promise.resolve(null),
    ]);
    const owners = [{ id: session.mentorId, name: session.mentorName }, ...participants.map((p) => ({ id: p.teacherId, name: p.name }))];
    // A one-to-one session's action item may serve one of the teacher's goals. A goal is read by its
    // owner and their mentor only, so a group session, whose items every participant reads, offers none.
    const goals =
      may('run') && session.status === 'scheduled' && participants.length === 1 ? await this.goals.linkable(participants[0].teacherId, actor.id) : [];
    return {
      goals,
      session: { ...session, cancelled: session.status === 'cancelled', group: participants.length > 1 },
      participants,
      mayReadNotes: may('readSharedNotes'),
      mayRun: may('run') && session.status === 'scheduled',
      mayReadPrivate: may('readPrivateNotes'),
      mayReschedule: may('reschedule'),
      mayCancel: may('cancel'),
      mayCancelBooking: may('cancelBooking'),
      privateNote,
      actionItems: actionItems.map((a) => ({ ...a, mine: a.ownerId === actor.id, done: a.doneAt !== null })),
      owners,
      readersKey: may('readPrivateNotes')
        ? 'mentoring.session.readers.mentor'
        : may('readSharedNotes')
          ? 'mentoring.session.readers.participant'
          : 'mentoring.session.readers.admin',
    };
  }

  async saveNotes(actor: Actor, id: string, dto: NotesDto): Promise<void> {
    const session = await this.load(actor, id, 'run');
    await this.repo.updateNotes(id, dto.agenda ?? session.agenda, dto.sharedNotes ?? session.sharedNotes);
  }

  async savePrivateNote(actor: Actor, id: string, body: string): Promise<void> {
    await this.load(actor, id, 'writePrivateNotes');
    await this.repo.savePrivateNote(id, actor.id, body);
  }

  async recordAttendance(actor: Actor, id: string, present: string[], ip: string | undefined): Promise<void> {
    const session = await this.load(actor, id, 'run');
    const participants = await this.repo.participants(id);
    const ids = participants.map((p) => p.teacherId);
    if (present.some((p) => !ids.includes(p))) throw new NotFoundError();
    await this.sql.transaction(async () => {
      await this.repo.setAttendance(
        id,
        ids,
        ids.map((t) => present.includes(t)),
      );
      await this.audit.record({
        actorId: actor.id,
        municipalityId: session.municipalityId,
        action: 'mentoring.attendance_recorded',
        subjectType: 'mentoring_session',
        subjectId: id,
        ip,
        details: { present: present.length, absent: ids.length - present.length },
      });
    });
  }

  async addActionItem(actor: Actor, id: string, dto: ActionItemDto): Promise<void> {
    const session = await this.load(actor, id, 'run');
    const participants = await this.repo.participants(id);
    if (dto.ownerId !== session.mentorId && !participants.some((p) => p.teacherId === dto.ownerId)) {
      throw FormValidationException.field('ownerId', 'mentoring.errors.owner');
    }
    const itemId = await this.repo.insertActionItem(id, dto.ownerId, dto.title, dto.dueOn || null, dto.goalId || null, actor.id);
    if (itemId === null) throw FormValidationException.field('goalId', 'mentoring.errors.goal');
  }

  /** Ticked (or unticked) by its owner only; returns the session to go back to. */
  async setActionItemDone(actor: Actor, sessionId: string, itemId: string, done: boolean): Promise<string> {
    const item = await this.repo.findActionItem(itemId);
    if (!item || item.sessionId !== sessionId || item.ownerId !== actor.id) throw new NotFoundError();
    await this.repo.setActionItemDone(itemId, actor.id, done);
    return item.sessionId;
  }

  async cancelPage(actor: Actor, id: string) {
    const session = await this.repo.findSession(id, actor.id);
    if (!session || !(canSession(actor, 'cancel', session) || canSession(actor, 'cancelBooking', session))) {
      if (session && canSession(actor, 'view', session) && session.isParticipant && session.slotId !== null && session.status === 'scheduled') {
        return { session, pastCutoff: true };
      }
      throw new NotFoundError();
    }
    return { session, pastCutoff: false };
  }

  async cancel(actor: Actor, id: string, reason: string, ip: string | undefined): Promise<void> {
    const session = await this.repo.findSession(id, actor.id);
    if (!session || !canSession(actor, 'view', session)) throw new NotFoundError();
    if (!canSession(actor, 'cancel', session) && !canSession(actor, 'cancelBooking', session)) {
      if (session.isParticipant && session.slotId !== null && session.status === 'scheduled') throw new ConflictError('mentoring.errors.pastCutoff', { hours: session.cancelCutoffHours });
      throw new NotFoundError();
    }
    await this.sql.transaction(async () => {
      const changed = await this.repo.cancel(id, reason);
      if (changed === 0) throw new ConflictError('mentoring.errors.alreadyCancelled');
      await this.audit.record({
        actorId: actor.id,
        municipalityId: session.municipalityId,
        action: 'mentoring.session_cancelled',
        subjectType: 'mentoring_session',
        subjectId: id,
        ip,
      });
      const told = [session.mentorId, ...(await this.repo.participants(id)).map((p) => p.teacherId)].filter((p) => p !== actor.id);
      await this.notifications.notify(
        ...told.map((t) => ({ recipientId: t, kind: 'mentoring.cancelled', vars: { name: actor.displayName }, link: `/mentoring/sessions/${id}` })),
      );
    });
  }

  async rescheduleForm(actor: Actor, id: string) {
    const session = await this.load(actor, id, 'reschedule');
    return {
      session,
      values: { day: session.localDay, start: session.localStart, end: session.localEnd, place: session.place ?? '', onlineUrl: session.onlineUrl ?? '' },
    };
  }

  async rescheduleFormModel(actor: Actor, id: string) {
    const session = await this.load(actor, id, 'reschedule');
    return { session };
  }

  async reschedule(actor: Actor, id: string, dto: RescheduleDto, ip: string | undefined, lang: Language): Promise<void> {
    const session = await this.load(actor, id, 'reschedule');
    const participants = await this.repo.participants(id);
    const { startsAt, endsAt } = await this.instants(session.municipalityId, dto);
    await this.flagConflicts(
      [session.mentorId, ...participants.map((p) => p.teacherId)],
      startsAt,
      endsAt,
      id,
      dto.confirmConflicts === 'yes',
      lang,
      session.timeZone,
    );
    await this.sql.transaction(async () => {
      await this.repo.reschedule(id, startsAt, endsAt, dto.place || null, dto.onlineUrl || null, dto.reason || null);
      await this.audit.record({
        actorId: actor.id,
        municipalityId: session.municipalityId,
        action: 'mentoring.session_rescheduled',
        subjectType: 'mentoring_session',
        subjectId: id,
        ip,
      });
      const told = [session.mentorId, ...participants.map((p) => p.teacherId)].filter((p) => p !== actor.id);
      await this.notifications.notify(
        ...told.map((t) => ({ recipientId: t, kind: 'mentoring.moved', vars: { name: actor.displayName }, link: `/mentoring/sessions/${id}` })),
      );
    });
  }

  // ——— Availability and booking ———

  async slotsPage(actor: Actor) {
    const roles = roleNames(actor);
    const isMentor = roles.includes('mentor');
    const mentorIds = roles.includes('teacher') ? await this.repo.teacherMentors(actor.id) : [];
    const [slots, free] = await Promise.all([
      isMentor ? this.repo.mentorSlots(actor.id) : Promise.resolve([]),
      mentorIds.length > 0 ? this.repo.freeOccurrences(mentorIds) : Promise.resolve([]),
    ]);
    return {
      isMentor,
      slots,
      free: free.map((o) => ({ ...o, startsAtIso: o.startsAt.toISOString() })),
      isTeacher: roles.includes('teacher'),
      values: { durationMinutes: '45', weeks: '1', cancelCutoffHours: '24' },
    };
  }

  async publishSlot(actor: Actor, dto: SlotDto): Promise<void> {
    if (!roleNames(actor).includes('mentor') || !actor.municipalityId) throw new NotFoundError();
    await this.repo.insertSlot({
      municipalityId: actor.municipalityId,
      mentorId: actor.id,
      startsOn: dto.startsOn,
      startTime: dto.startTime,
      durationMinutes: dto.durationMinutes,
      weeks: dto.weeks,
      cancelCutoffHours: dto.cancelCutoffHours,
      place: dto.place || null,
    });
  }

  /** A mentee books a free occurrence; a second booking of it (even at the same instant) is a 409. */
  async book(actor: Actor, slotId: string, startsAtIso: string): Promise<string> {
    const startsAt = new Date(startsAtIso);
    if (Number.isNaN(startsAt.getTime())) throw new NotFoundError();
    const occurrence = await this.repo.findOccurrence(slotId, startsAt);
    if (!occurrence) throw new NotFoundError();
    const cohortId = await this.repo.teacherCohortWithMentor(actor.id, occurrence.mentorId);
    if (!cohortId) throw new NotFoundError();
    try {
      return await this.sql.transaction(async () => {
        const id = await this.repo.insertBooking(occurrence, cohortId, actor.id);
        await this.notifications.notify({
          recipientId: occurrence.mentorId,
          kind: 'mentoring.booked',
          vars: { mentor: actor.displayName },
          link: `/mentoring/sessions/${id}`,
        });
        return id;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'mentoring_session_slot_booking_key')) throw new ConflictError('mentoring.errors.slotTaken');
      throw error;
    }
  }

  // ——— Figures for other pages ———

  /** Department admins' coverage page: figures only (no notes, no agendas); another city's cohort is a 404. */
  async coveragePage(actor: Actor, cohortId: string, page: PageRequest) {
    const cohort = await this.repo.cohortFacts(cohortId);
    if (!cohort || !(isNetworkAdmin(actor) || administeredMunicipalityIds(actor).includes(cohort.municipalityId))) throw new NotFoundError();
    const { items, total } = await this.repo.coverage(cohort.id, page);
    return {
      cohort,
      rows: items,
      page: pageView(items, total, page, `/cohorts/${cohort.id}/mentoring`),
      isEmpty: total === 0,
      mayScheduleForMentors: administeredMunicipalityIds(actor).includes(cohort.municipalityId),
    };
  }

  // ——— Calendar feed ———

  async resetFeed(actor: Actor): Promise<void> {
    await this.repo.setFeedToken(actor.id, randomBytes(24).toString('base64url'));
  }

  async feedOwner(token: string): Promise<string> {
    if (!/^[A-Za-z0-9_-]{16,128}$/.test(token)) throw new NotFoundError();
    const owner = await this.repo.feedOwner(token);
    if (!owner) throw new NotFoundError();
    return owner;
  }

  feedEvents(userId: string) {
    return this.repo.feedEvents(userId);
  }
}
