import { Injectable } from '@nestjs/common';
import { type Actor, administeredMunicipalityIds, isNetworkAdmin, roleNames } from '../auth/actor.js';
import { CompletionStatusRepository } from '../progress/completion-status.repository.js';
import { ProgressRepository } from '../progress/progress.repository.js';
import { standingView } from '../progress/completion-checklist.js';
import type { Language } from '../common/i18n/language.js';
import { HomeRepository } from './home.repository.js';
import { TEACHER_STATUSES, type TeacherStatus } from '../progress/completion-status.repository.js';
import { BadRequestError } from '../common/errors/app-exceptions.js';
import { MENTEE_SORTS, type MenteeSort } from './contact-interval.js';

const DUE_NEXT = 5;
const COHORTS_SHOWN = 6;
/** The teacher's submitted work shown on home: what is with their mentor and what came back. */
const WORK_SHOWN = 10;
const GOALS_SHOWN = 20;
const SESSIONS_SHOWN = 3;
const ACTION_ITEMS_SHOWN = 10;
const MENTEES_SHOWN = 200;

/** The mentee table's query string (`?sort=&status=`), validated: anything else is a 400 that says why. */
export interface MenteeQuery {
  sort: MenteeSort;
  status: TeacherStatus | null;
}

export function menteeQuery(raw: Record<string, unknown>): MenteeQuery {
  const choice = <T extends string>(value: unknown, choices: readonly T[]): T | null => {
    if (value === undefined || value === '') return null;
    if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) throw new BadRequestError('home.mentees.badQuery');
    return value as T;
  };
  return { sort: choice(raw.sort, MENTEE_SORTS) ?? 'name', status: choice(raw.status, TEACHER_STATUSES) };
}

/**
 * The home page: one section per role the person holds, each with the few figures that tell them
 * where to go next (SPEC §6), and links to the pages that hold the rest.
 */
@Injectable()
export class HomeService {
  constructor(
    private readonly home: HomeRepository,
    private readonly completion: CompletionStatusRepository,
    private readonly progress: ProgressRepository,
  ) {}

  async dashboard(actor: Actor, lang: Language, query: Record<string, unknown> = {}) {
    const roles = roleNames(actor);
    const mentees = menteeQuery(query);
    const [teacher, mentor, department, network, mentorContacts] = await Promise.all([
      roles.includes('teacher') ? this.teacherSection(actor, lang) : undefined,
      roles.includes('mentor') ? this.mentorSummary(actor.id) : undefined,
      roles.includes('department_admin') ? this.cohortsSection(administeredMunicipalityIds(actor), lang) : undefined,
      isNetworkAdmin(actor) ? this.networkSection(lang) : undefined,
      roles.includes('mentor') ? this.menteesSection(actor.id, mentees) : undefined,
    ]);
    return { teacher, mentor, department, network, mentorContacts, hasNoRole: roles.length === 0 };
  }

  private async mentorSummary(mentorId: string) {
    const summary = await this.home.findMentorSummary(mentorId);
    return { ...summary, oldestWaitingDays: summary.oldestWaitingDays ?? 0 };
  }

  /** The mentor's one mentee table: figures and statuses only, sorted and filtered by the query string. */
  private async menteesSection(mentorId: string, query: MenteeQuery) {
    // One row past the limit tells whether the table was cut short.
    const fetched = await this.home.mentees(mentorId, query.sort, query.status, MENTEES_SHOWN + 1);
    const rows = fetched.slice(0, MENTEES_SHOWN);
    const intervals = [...new Set(rows.map((r) => r.contactIntervalDays))];
    const link = (sort: MenteeSort) => `/?sort=${sort}${query.status ? `&status=${query.status}` : ''}#home-mentor-contacts`;
    return {
      rows: rows.map((r) => ({ ...r, statusKey: `cohortReports.status.${r.status}` })),
      isEmpty: rows.length === 0,
      cutShort: fetched.length > MENTEES_SHOWN,
      shown: MENTEES_SHOWN,
      filtered: query.status !== null,
      // The programmes' contact interval when the mentees share one; null when it varies (or there are none).
      interval: intervals.length === 1 ? intervals[0] : null,
      overdueCount: rows.filter((r) => r.contactOverdue).length,
      sorts: MENTEE_SORTS.map((sort) => ({ sort, href: link(sort), current: sort === query.sort, labelKey: `home.mentees.sortBy.${sort}` })),
      statuses: TEACHER_STATUSES.filter((s) => s !== 'withdrawn').map((status) => ({
        status,
        labelKey: `cohortReports.status.${status}`,
        selected: status === query.status,
      })),
      sort: query.sort,
    };
  }

  private async teacherSection(actor: Actor, lang: Language) {
    const [standings, dueNext, work, goals, phases, sessions, actionItems, hasSlots] = await Promise.all([
      this.completion.findStandingsOfTeacher(actor.id),
      this.home.findDueNext(actor.id, DUE_NEXT, lang),
      this.progress.findTeacherWork(actor.id, lang, WORK_SHOWN),
      this.home.teacherGoals(actor.id, GOALS_SHOWN),
      this.home.currentPhases(actor.id, lang),
      this.home.upcomingSessions(actor.id, SESSIONS_SHOWN),
      this.home.openActionItems(actor.id, ACTION_ITEMS_SHOWN),
      this.home.mentorHasSlots(actor.id),
    ]);
    const phaseOf = new Map(phases.map((p) => [p.cohortId, p]));
    const withHref = <T extends { moduleId: string; cohortId: string; status: string }>(item: T) => ({
      ...item,
      href: `/path/modules/${item.moduleId}?cohort=${item.cohortId}`,
      statusKey: `progress.status.${item.status}`,
    });
    const cohorts = standings.filter((s) => s.memberStatus === 'active' && !s.archived);
    const several = cohorts.length > 1;
    return {
      cohorts: cohorts.map((c) => {
        const standing = standingView(c);
        return {
          cohortId: c.cohortId,
          cohortName: c.cohortName,
          phase: phaseOf.get(c.cohortId),
          progressId: `home-progress-${c.cohortId}`,
          returned: c.returned,
          pathHref: several ? `/path?cohort=${c.cohortId}` : '/path',
          status: c.status,
          notStartedYet: standing.notStartedYet,
          startsOn: c.startsOn,
          reasonKeys: standing.reasonKeys,
          approved: c.requiredApproved,
          required: c.modulesRequired,
          // The line above already gives the required modules; these are the programme's other rules.
          stillNeeded: standing.checklist.filter((item) => !item.met && item.rule !== 'required_modules'),
        };
      }),
      dueNext: dueNext.map((m) => ({ ...m, href: `/path/modules/${m.moduleId}?cohort=${m.cohortId}`, statusKey: `progress.status.${m.status}` })),
      returned: cohorts.reduce((sum, c) => sum + c.returned, 0),
      underReview: work.filter((w) => w.status === 'submitted').map(withHref),
      feedback: work.filter((w) => w.status !== 'submitted').map(withHref),
      hasCohorts: cohorts.length > 0,
      goals: goals.map((g) => ({ ...g, frameKey: `goals.frame.${g.frame}` })),
      goalsMore: goals.length === GOALS_SHOWN,
      sessions,
      actionItems,
      hasSlots,
    };
  }

  /** Running cohorts with their teachers' statuses; upcoming ones apart, since nobody has a status before the start. */
  private async cohortsSection(municipalityIds: string[] | null, lang: Language) {
    const cohorts = await this.home.findCityCohorts(municipalityIds, COHORTS_SHOWN, lang);
    const figures = await this.completion.figuresForCohorts(cohorts.map((c) => c.id));
    const rows = cohorts.map((c) => ({ id: c.id, name: c.name, city: c.city, startsOn: c.startsOn, figures: figures.get(c.id) }));
    const running = rows.filter((_, i) => cohorts[i].stage === 'running');
    const upcoming = rows.filter((_, i) => cohorts[i].stage === 'upcoming');
    return { running, upcoming, hasRunning: running.length > 0, hasUpcoming: upcoming.length > 0 };
  }

  private async networkSection(lang: Language) {
    const [counts, cohorts] = await Promise.all([this.home.countNetwork(), this.cohortsSection(null, lang)]);
    return { counts, ...cohorts };
  }
}
