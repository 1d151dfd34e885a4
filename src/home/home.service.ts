import { Injectable } from '@nestjs/common';
import { type Actor, administeredMunicipalityIds, isNetworkAdmin, roleNames } from '../auth/actor.js';
import { CompletionStatusRepository } from '../progress/completion-status.repository.js';
import { ProgressRepository } from '../progress/progress.repository.js';
import { standingView } from '../progress/completion-checklist.js';
import type { Language } from '../common/i18n/language.js';
import { HomeRepository } from './home.repository.js';
import { MentoringService } from '../mentoring/mentoring.service.js';
import { GoalsRepository } from '../goals/goals.repository.js';

const DUE_NEXT = 5;
const COHORTS_SHOWN = 6;
/** The teacher's submitted work shown on home: what is with their mentor and what came back. */
const WORK_SHOWN = 10;

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
    private readonly mentoring: MentoringService,
    private readonly goals: GoalsRepository,
  ) {}

  async dashboard(actor: Actor, lang: Language) {
    const roles = roleNames(actor);
    const [teacher, mentor, department, network, mentorContacts] = await Promise.all([
      roles.includes('teacher') ? this.teacherSection(actor, lang) : undefined,
      roles.includes('mentor') ? this.home.findMentorSummary(actor.id) : undefined,
      roles.includes('department_admin') ? this.cohortsSection(administeredMunicipalityIds(actor), lang) : undefined,
      isNetworkAdmin(actor) ? this.networkSection(lang) : undefined,
      roles.includes('mentor') ? this.mentoring.menteeContacts(actor.id) : undefined,
    ]);
    return { teacher, mentor, department, network, mentorContacts, hasNoRole: roles.length === 0 };
  }

  private async teacherSection(actor: Actor, lang: Language) {
    const [standings, dueNext, work, goalsDue] = await Promise.all([
      this.completion.findStandingsOfTeacher(actor.id),
      this.home.findDueNext(actor.id, DUE_NEXT, lang),
      this.progress.findTeacherWork(actor.id, lang, WORK_SHOWN),
      this.goals.dueForCheckIn([actor.id]),
    ]);
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
      goalsDue,
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
