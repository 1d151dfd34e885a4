import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { BadRequestError, ConflictError, ForbiddenError, FormValidationException, NotFoundError } from '../common/errors/app-exceptions.js';
import type { Language } from '../common/i18n/language.js';
import { type PageRequest, pageView } from '../common/pagination.js';
import { isUuid } from '../common/params.js';
import { optionalChoiceFilter, optionalIdFilter, optionalTextFilter } from '../common/query-filters.js';
import { Sql } from '../database/sql.js';
import { municipalityScopeOf } from '../municipalities/municipality-scope.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { ProgrammesService } from '../programmes/programmes.service.js';
import { addYears, isCalendarDate } from './calendar-date.js';
import { MEMBER_ROLES, MEMBER_STATUSES, type MemberStatus } from './cohort-member.types.js';
import { canCohort, canStartCohortFrom } from './cohorts.policy.js';
import { type CohortRecord, CohortsRepository, type GroupRow, type MemberFilters, type MemberRow } from './cohorts.repository.js';
import type { AddMembersDto, CohortDto, GroupAssignmentDto, GroupAssignmentsDto, GroupDto, MemberNoteDto, WindowsDto } from './dto/cohort.dto.js';

export interface CandidateQuery {
  role?: unknown;
  q?: unknown;
  school?: unknown;
  all?: unknown;
}

export interface MemberQuery {
  q?: unknown;
  role?: unknown;
  status?: unknown;
}

/** Start and end of a cohort from a form: real days, the end after the start (two years on by default). */
function cohortDates(dto: CohortDto): { startsOn: string; endsOn: string } {
  if (!isCalendarDate(dto.startsOn)) throw FormValidationException.field('startsOn', 'validation.date');
  const endsOn = dto.endsOn ? dto.endsOn : addYears(dto.startsOn, 2);
  if (!isCalendarDate(endsOn)) throw FormValidationException.field('endsOn', 'validation.date');
  if (endsOn <= dto.startsOn) throw FormValidationException.field('endsOn', 'cohorts.errors.endBeforeStart');
  return { startsOn: dto.startsOn, endsOn };
}

/** Who reads a group's teachers' work: its mentor while they take part in the cohort, else nobody. */
function mentorOfRecord(group: GroupRow | null | undefined): string | null {
  return group?.mentorActive ? group.mentorId : null;
}

/** The message refusing someone a re-admission that would make them the one reading teachers' work. */
function refusalOfReadmission(member: MemberRow): string {
  return member.role === 'mentor' ? 'cohorts.duties.selfReadmit' : 'cohorts.duties.ownGroupReadmit';
}

/** Cohorts: creation from a programme, dates, module windows, members, withdrawals and mentor groups. */
@Injectable()
export class CohortsService {
  constructor(
    private readonly sql: Sql,
    private readonly cohorts: CohortsRepository,
    private readonly programmes: ProgrammesService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Whether this person may make `mentorId` someone who reads this cohort's teachers' work (never themselves). */
  mayAppoint(actor: Actor, cohort: CohortRecord, mentorId: string | null): boolean {
    return canCohort(actor, 'appointMentor', { municipalityId: cohort.municipalityId, mentorId });
  }

  /**
   * Tells teachers who their mentor now is (or that they have none), in the transaction of the
   * change: their pages say the same from now on.
   */
  private async tellNewMentor(cohort: CohortRecord, teacherIds: string[], mentorName: string | null): Promise<void> {
    const vars: Record<string, string> = mentorName ? { mentor: mentorName, cohort: cohort.name } : { cohort: cohort.name };
    await this.notifications.notify(
      ...teacherIds.map((recipientId) => ({
        recipientId,
        kind: mentorName ? 'cohorts.mentorChanged' : 'cohorts.mentorRemoved',
        vars,
        link: `/path?cohort=${cohort.id}`,
      })),
    );
  }

  /** The cohort if this person manages it; another city's is a 404. A page passes its language, for the city's name. */
  async cohortFor(actor: Actor, id: string, language: Language | null = null): Promise<CohortRecord> {
    const cohort = await this.cohorts.findCohortInScope(municipalityScopeOf(actor), id, language);
    if (!cohort || !canCohort(actor, 'manage', cohort)) throw new NotFoundError();
    return cohort;
  }

  /**
   * What every management page of a cohort has around its content: the cohort, for the header line,
   * the sub-navigation and the document title (its views pass `context=cohort.name` to pageTitle).
   */
  frame(cohort: CohortRecord) {
    return { cohort };
  }

  // Creating and editing

  /** The programme a cohort may start from, its title in `language` (as written when null). */
  private async startableProgramme(actor: Actor, programmeId: string, language: Language | null = null) {
    const programme = await this.programmes.programmeFor(actor, programmeId, 'view', language);
    if (programme.municipalityId === null) throw new ConflictError('programmes.errors.templateHasNoCohorts');
    if (!canStartCohortFrom(actor, programme)) throw new NotFoundError();
    return programme;
  }

  async newCohortForm(actor: Actor, programmeId: string, language: Language) {
    const programme = await this.startableProgramme(actor, programmeId, language);
    return { programme: { id: programme.id, title: programme.title }, values: {} };
  }

  /** The cohort and a window for each module of the programme, from the modules' offsets, in one transaction. */
  async create(actor: Actor, programmeId: string, dto: CohortDto, ip: string | undefined): Promise<string> {
    const programme = await this.startableProgramme(actor, programmeId);
    const municipalityId = programme.municipalityId as string;
    const dates = cohortDates(dto);
    return this.sql.transaction(async () => {
      const id = await this.cohorts.insertCohort({ municipalityId, programmeId, name: dto.name, ...dates, createdBy: actor.id });
      const windows = await this.cohorts.insertWindowsFromOffsets(id);
      await this.audit.record({
        actorId: actor.id,
        municipalityId,
        action: 'cohort.created',
        subjectType: 'cohort',
        subjectId: id,
        ip,
        details: { programmeId, windows },
      });
      return id;
    });
  }

  async editForm(actor: Actor, id: string, language: Language) {
    const cohort = await this.cohortFor(actor, id, language);
    return { ...this.frame(cohort), values: { name: cohort.name, startsOn: cohort.startsOn, endsOn: cohort.endsOn } };
  }

  async update(actor: Actor, id: string, dto: CohortDto, ip: string | undefined): Promise<void> {
    const cohort = await this.cohortFor(actor, id);
    const dates = cohortDates(dto);
    await this.sql.transaction(async () => {
      await this.cohorts.updateCohort(id, { name: dto.name, ...dates });
      await this.audit.record({ actorId: actor.id, municipalityId: cohort.municipalityId, action: 'cohort.updated', subjectType: 'cohort', subjectId: id, ip });
    });
  }

  // Module windows

  async windowsForm(actor: Actor, id: string, language: Language) {
    const cohort = await this.cohortFor(actor, id, language);
    const windows = await this.cohorts.findWindows(id, language);
    return {
      ...this.frame(cohort),
      windows,
      isEmpty: windows.length === 0,
      values: { opens: Object.fromEntries(windows.map((w) => [w.moduleId, w.opensOn])), due: Object.fromEntries(windows.map((w) => [w.moduleId, w.dueOn])) },
    };
  }

  /** Every window of the cohort saved at once; each bad date or pair is an error on its own field. */
  async saveWindows(actor: Actor, id: string, dto: WindowsDto, ip: string | undefined): Promise<void> {
    const cohort = await this.cohortFor(actor, id);
    const modules = await this.cohorts.findWindows(id, null);
    const errors: Record<string, { key: string }> = {};
    const windows = modules.map((module) => {
      const opensOn = dto.opens[module.moduleId];
      const dueOn = dto.due[module.moduleId];
      if (!isCalendarDate(opensOn)) errors[`opens-${module.moduleId}`] = { key: 'validation.date' };
      if (!isCalendarDate(dueOn)) errors[`due-${module.moduleId}`] = { key: 'validation.date' };
      else if (isCalendarDate(opensOn) && dueOn < opensOn) errors[`due-${module.moduleId}`] = { key: 'cohorts.windows.dueBeforeOpens' };
      return { moduleId: module.moduleId, opensOn: String(opensOn), dueOn: String(dueOn) };
    });
    const known = new Set(modules.map((m) => m.moduleId));
    if ([...Object.keys(dto.opens), ...Object.keys(dto.due)].some((key) => !known.has(key))) throw new BadRequestError('errors.400.unexpectedField');
    if (Object.keys(errors).length) throw new FormValidationException(errors);
    await this.sql.transaction(async () => {
      await this.cohorts.saveWindows(id, windows);
      await this.audit.record({
        actorId: actor.id,
        municipalityId: cohort.municipalityId,
        action: 'cohort.windows_updated',
        subjectType: 'cohort',
        subjectId: id,
        ip,
        details: { windows: windows.length },
      });
    });
  }

  // Members

  async members(actor: Actor, id: string, query: MemberQuery, page: PageRequest, language: Language) {
    const cohort = await this.cohortFor(actor, id, language);
    const filters: MemberFilters = {
      q: optionalTextFilter(query.q),
      role: optionalChoiceFilter(query.role, MEMBER_ROLES),
      status: optionalChoiceFilter(query.status, MEMBER_STATUSES),
    };
    const { rows, total } = await this.cohorts.findMembers(id, filters, page);
    const items = rows.map((r) => ({ ...r, isWithdrawn: r.status === 'withdrawn' }));
    return {
      ...this.frame(cohort),
      filters: { q: filters.q ?? '', role: filters.role ?? '', status: filters.status ?? '' },
      roles: MEMBER_ROLES,
      statuses: MEMBER_STATUSES,
      page: pageView(items, total, page, `/cohorts/${id}/members`, { q: filters.q, role: filters.role, status: filters.status }),
      isEmpty: total === 0,
      isFiltered: Boolean(filters.q || filters.role || filters.status),
    };
  }

  /**
   * The member picker: active people of the city not yet in the cohort in this role, filtered by
   * school and name. Nobody is offered as their own mentor, and no mentor or administrator (nor
   * the admin herself) as a teacher. `all=1` shows every person on the page ticked ("select all shown").
   */
  async candidates(actor: Actor, id: string, query: CandidateQuery, page: PageRequest, language: Language) {
    const cohort = await this.cohortFor(actor, id, language);
    const role = optionalChoiceFilter(query.role, MEMBER_ROLES) ?? 'teacher';
    const q = optionalTextFilter(query.q);
    const schoolId = optionalIdFilter(query.school) ?? null;
    const allTicked = optionalChoiceFilter(query.all, ['1'] as const) === '1';
    // Nobody is offered as their own mentor: another admin enrols them. Nor as a teacher.
    const excluded = role === 'teacher' || !this.mayAppoint(actor, cohort, actor.id) ? actor.id : null;
    const [{ rows, total }, schools] = await Promise.all([
      this.cohorts.findCandidates(id, cohort.municipalityId, role, q, page, excluded, schoolId),
      this.cohorts.findSchoolsForPicker(cohort.municipalityId),
    ]);
    const kept = { role, q, school: schoolId ?? undefined };
    const base = `/cohorts/${id}/members/new`;
    const href = (extra: Record<string, string | undefined>) => {
      const params = new URLSearchParams(Object.entries({ ...kept, ...extra }).filter((e): e is [string, string] => !!e[1]));
      return `${base}?${params}`;
    };
    return {
      ...this.frame(cohort),
      role,
      selfNotOffered: role === 'mentor' && excluded !== null && actor.municipalityId === cohort.municipalityId,
      notTeachersNote: role === 'teacher',
      roleOptions: MEMBER_ROLES.map((r) => ({ value: r, selected: r === role })),
      schoolOptions: schools.map((s) => ({ ...s, selected: s.id === schoolId })),
      q: q ?? '',
      allTicked,
      selectAllHref: href({ all: '1', page: page.page > 1 ? String(page.page) : undefined }),
      selectNoneHref: href({ page: page.page > 1 ? String(page.page) : undefined }),
      filtered: Boolean(q || schoolId),
      page: pageView(rows, total, page, base, { role, q, school: schoolId ?? undefined }),
      isEmpty: total === 0,
    };
  }

  /** Enrols existing people of the cohort's city; each gets the role for this cohort. */
  async addMembers(actor: Actor, id: string, dto: AddMembersDto, ip: string | undefined): Promise<number> {
    const cohort = await this.cohortFor(actor, id);
    const userIds = [...new Set(dto.userIds ?? [])];
    if (userIds.length === 0) throw FormValidationException.field('userIds', 'cohorts.members.errors.nobodySelected');
    const ofCity = await this.cohorts.findActiveUsersOfCity(cohort.municipalityId, userIds);
    // Someone from another city (or deactivated) is not a choice this page offered.
    if (ofCity.length !== userIds.length) throw FormValidationException.field('userIds', 'validation.choice');
    // Mentors and administrators (the admin herself among them) are not the cohort's teachers.
    if (dto.role === 'teacher' && (userIds.includes(actor.id) || (await this.cohorts.findNotTeachers(id, userIds)).length > 0)) {
      throw FormValidationException.field('userIds', 'admin.picker.notATeacher', {}, 422);
    }
    if (dto.role === 'mentor' && userIds.some((userId) => !this.mayAppoint(actor, cohort, userId))) {
      throw FormValidationException.field('userIds', 'cohorts.duties.selfMentor', {}, 422);
    }
    return this.sql.transaction(async () => {
      const created = await this.cohorts.enrol(
        cohort,
        userIds.map((userId) => ({ userId, role: dto.role })),
        actor.id,
      );
      await this.audit.record({
        actorId: actor.id,
        municipalityId: cohort.municipalityId,
        action: 'cohort.members_enrolled',
        subjectType: 'cohort',
        subjectId: id,
        ip,
        details: { role: dto.role, count: created.length, userIds: created.map((c) => c.userId) },
      });
      return created.length;
    });
  }

  async member(actor: Actor, id: string, memberId: string, language: Language) {
    const cohort = await this.cohortFor(actor, id, language);
    const [member, events] = await Promise.all([this.cohorts.findMember(id, memberId), this.cohorts.findMemberEvents(memberId)]);
    if (!member) throw new NotFoundError();
    const isWithdrawn = member.status === 'withdrawn';
    const readmitRefusal =
      isWithdrawn && !this.mayAppoint(actor, cohort, await this.appointedByReadmission(cohort, member)) ? refusalOfReadmission(member) : null;
    return { ...this.frame(cohort), member: { ...member, isWithdrawn }, readmitRefusal, events, values: {} };
  }

  /**
   * Who reads teachers' work again when this member is re-admitted: a mentor themselves (their
   * groups' work), a teacher's group's mentor (that teacher's work); nobody for a teacher without one.
   */
  private async appointedByReadmission(cohort: CohortRecord, member: MemberRow): Promise<string | null> {
    if (member.role === 'mentor') return member.userId;
    return mentorOfRecord(member.groupId ? await this.cohorts.findGroup(cohort.id, member.groupId) : null);
  }

  /** Withdraws or re-admits: the status, the history (actor, time, note), the cohort role and the audit change together. */
  async changeStatus(actor: Actor, id: string, memberId: string, to: MemberStatus, dto: MemberNoteDto, ip: string | undefined): Promise<void> {
    const cohort = await this.cohortFor(actor, id);
    const member = await this.cohorts.findMember(id, memberId);
    if (!member) throw new NotFoundError();
    const appointed = to === 'active' ? await this.appointedByReadmission(cohort, member) : null;
    if (to === 'active' && !this.mayAppoint(actor, cohort, appointed)) throw new ForbiddenError(refusalOfReadmission(member));
    await this.sql.transaction(async () => {
      const current = await this.cohorts.lockMember(memberId);
      if (current === to) throw new ConflictError(to === 'withdrawn' ? 'cohorts.members.errors.alreadyWithdrawn' : 'cohorts.members.errors.alreadyActive');
      await this.cohorts.setStatus(memberId, to);
      await this.cohorts.recordEvent(memberId, to === 'withdrawn' ? 'withdrawn' : 'readmitted', actor.id, dto.note || null);
      if (to === 'withdrawn') await this.cohorts.revokeCohortRole(member.userId, member.role, id);
      else await this.cohorts.grantCohortRole(member.userId, member.role, cohort.municipalityId, id, actor.id);
      if (member.role === 'mentor') {
        // Their groups' teachers lose them as mentor, or have them again, from now: what was handed in meanwhile waits for re-submission.
        const teachers = await this.cohorts.restartMentorOfGroups(id, member.userId);
        const active = teachers.filter((teacher) => teacher.status === 'active').map((teacher) => teacher.teacherId);
        await this.tellNewMentor(cohort, active, to === 'active' ? member.displayName : null);
      }
      await this.audit.record({
        actorId: actor.id,
        municipalityId: cohort.municipalityId,
        action: to === 'withdrawn' ? 'cohort.member_withdrawn' : 'cohort.member_readmitted',
        subjectType: 'cohort_member',
        subjectId: memberId,
        ip,
        // A re-admission names who reads teachers' work again because of it.
        details: { cohortId: id, userId: member.userId, role: member.role, ...(to === 'active' ? { mentorId: appointed } : {}) },
      });
    });
  }

  // Mentor groups

  async groups(actor: Actor, id: string, page: PageRequest, language: Language) {
    const cohort = await this.cohortFor(actor, id, language);
    const [groups, mentors, teachers] = await Promise.all([
      this.cohorts.findGroups(id),
      this.cohorts.findActiveMentors(id),
      this.cohorts.findMembers(id, { role: 'teacher', status: 'active' }, page),
    ]);
    // Offered: mentors this person may appoint, and groups they may put teachers in (never their own).
    const offeredMentors = mentors.filter((m) => this.mayAppoint(actor, cohort, m.userId));
    const openGroups = groups.filter((g) => g.mentorActive && this.mayAppoint(actor, cohort, g.mentorId));
    return {
      ...this.frame(cohort),
      groups,
      mentors: offeredMentors,
      hasMentors: offeredMentors.length > 0,
      selfNotOffered: offeredMentors.length < mentors.length || openGroups.length < groups.filter((g) => g.mentorActive).length,
      teachers: pageView(
        teachers.rows.map((t) => ({
          ...t,
          groupOptions: groups
            .filter((g) => g.id === t.groupId || openGroups.includes(g))
            .map((g) => ({ id: g.id, name: g.name, selected: g.id === t.groupId })),
        })),
        teachers.total,
        page,
        `/cohorts/${id}/groups`,
      ),
      hasTeachers: teachers.total > 0,
      values: {},
    };
  }

  async createGroup(actor: Actor, id: string, dto: GroupDto, ip: string | undefined): Promise<void> {
    const cohort = await this.cohortFor(actor, id);
    const mentors = await this.cohorts.findActiveMentors(id);
    if (!mentors.some((m) => m.userId === dto.mentorId)) throw FormValidationException.field('mentorId', 'cohorts.groups.errors.notAMentor');
    if (!this.mayAppoint(actor, cohort, dto.mentorId)) throw FormValidationException.field('mentorId', 'cohorts.duties.selfGroupMentor', {}, 422);
    await this.sql.transaction(async () => {
      const groupId = await this.cohorts.insertGroup(id, dto.mentorId, dto.name);
      await this.audit.record({
        actorId: actor.id,
        municipalityId: cohort.municipalityId,
        action: 'cohort.group_created',
        subjectType: 'mentor_group',
        subjectId: groupId,
        ip,
        details: { cohortId: id, mentorId: dto.mentorId },
      });
    });
  }

  /** One teacher's group, from the single-row form (kept for links and scripts): the same rule as a whole page of them. */
  async assignGroup(actor: Actor, id: string, dto: GroupAssignmentDto, ip?: string): Promise<void> {
    await this.assignGroups(actor, id, [{ memberId: dto.memberId, groupId: dto.groupId ? dto.groupId : null }], ip);
  }

  /** The groups form of a page of teachers, one Save: `groups[<memberId>]` = a group's id, or blank for none. */
  async assignGroupsFromForm(actor: Actor, id: string, dto: GroupAssignmentsDto, ip?: string): Promise<number> {
    const entries = Object.entries(dto.groups);
    if (entries.some(([memberId, groupId]) => !isUuid(memberId) || typeof groupId !== 'string')) throw new BadRequestError('errors.400.unexpectedField');
    return this.assignGroups(
      actor,
      id,
      entries.map(([memberId, groupId]) => ({ memberId: memberId.toLowerCase(), groupId: groupId ? (groupId as string) : null })),
      ip,
    );
  }

  /**
   * Puts teachers in groups (or takes them out), all or none. Each move is kept in the teacher's
   * history and audited, since it decides which mentor reads the teacher's work; a move that gives
   * them another mentor makes that mentor read only what they hand in from now on, and the teacher
   * is told. Nobody may put a teacher in a group they lead themselves (`mayAppoint`). The moves are
   * written set-based, under row locks on the memberships. Returns how many teachers moved.
   */
  async assignGroups(actor: Actor, id: string, requested: { memberId: string; groupId: string | null }[], ip?: string): Promise<number> {
    const cohort = await this.cohortFor(actor, id);
    const wanted = new Map(requested.map((r) => [r.memberId, r.groupId]));
    if (wanted.size === 0) return 0;
    const memberIds = [...wanted.keys()];
    const [members, groups] = await Promise.all([this.cohorts.findMembersByIds(id, memberIds), this.cohorts.findGroups(id)]);
    if (members.length !== memberIds.length) throw new NotFoundError();
    if (members.some((m) => m.role !== 'teacher')) throw new BadRequestError();
    const groupById = new Map(groups.map((g) => [g.id, g]));
    const targetOf = (memberId: string) => {
      const groupId = wanted.get(memberId) ?? null;
      return groupId === null ? null : groupById.get(groupId.toLowerCase());
    };
    if (members.some((m) => targetOf(m.id) === undefined)) throw new NotFoundError();
    const moving = members.filter((m) => m.groupId !== (targetOf(m.id)?.id ?? null));
    if (moving.length === 0) return 0;
    // A withdrawn mentor no longer reads anyone's work: their group takes no new teachers.
    if (moving.some((m) => targetOf(m.id) && !targetOf(m.id)!.mentorActive)) throw new ConflictError('cohorts.groups.mentorWithdrawn');
    if (moving.some((m) => !this.mayAppoint(actor, cohort, mentorOfRecord(targetOf(m.id))))) throw new ForbiddenError('cohorts.duties.ownGroup');
    return this.sql.transaction(async () => {
      const ids = moving.map((m) => m.id);
      await this.cohorts.lockMembers(id, ids);
      // Read again under the locks: the group each leaves decides whether their mentor changes.
      const [locked, current] = await Promise.all([this.cohorts.findMembersByIds(id, ids), this.cohorts.findGroups(id)]);
      const currentGroup = new Map(current.map((g) => [g.id, g]));
      const moves = locked
        .map((member) => {
          const to = targetOf(member.id) ? currentGroup.get(targetOf(member.id)!.id)! : null;
          const from = member.groupId ? currentGroup.get(member.groupId) : null;
          const mentorId = mentorOfRecord(to);
          return { member, to, mentorId, mentorChanged: mentorOfRecord(from) !== mentorId };
        })
        .filter((move) => move.member.groupId !== (move.to?.id ?? null));
      if (moves.some((move) => move.to && !move.to.mentorActive)) throw new ConflictError('cohorts.groups.mentorWithdrawn');
      await this.cohorts.assignGroups(
        id,
        actor.id,
        moves.map((move) => ({ memberId: move.member.id, groupId: move.to?.id ?? null, mentorChanged: move.mentorChanged, groupName: move.to?.name ?? null })),
      );
      for (const move of moves) {
        await this.audit.record({
          actorId: actor.id,
          municipalityId: cohort.municipalityId,
          action: 'cohort.group_assigned',
          subjectType: 'cohort_member',
          subjectId: move.member.id,
          ip,
          // The one who moved the teacher, and the one who reads their work from now on.
          details: { cohortId: id, teacherId: move.member.userId, fromGroupId: move.member.groupId, toGroupId: move.to?.id ?? null, mentorId: move.mentorId },
        });
      }
      // Teachers told of their new mentor (or of having none), one message per mentor.
      const told = new Map<string | null, { name: string | null; teacherIds: string[] }>();
      for (const move of moves.filter((m) => m.mentorChanged && m.member.status === 'active')) {
        const name = move.to && move.mentorId ? move.to.mentorName : null;
        const entry = told.get(move.mentorId) ?? { name, teacherIds: [] };
        entry.teacherIds.push(move.member.userId);
        told.set(move.mentorId, entry);
      }
      for (const { name, teacherIds } of told.values()) await this.tellNewMentor(cohort, teacherIds, name);
      return moves.length;
    });
  }

  // Roster import

  async rosterForm(actor: Actor, id: string, language: Language) {
    return { ...this.frame(await this.cohortFor(actor, id, language)), values: { sendInvite: 'yes' } };
  }
}
