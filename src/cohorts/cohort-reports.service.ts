import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { type Actor, administeredMunicipalityIds, isNetworkAdmin } from '../auth/actor.js';
import { NotFoundError } from '../common/errors/app-exceptions.js';
import type { Language } from '../common/i18n/language.js';
import { pageRequest, pageView } from '../common/pagination.js';
import { optionalChoiceFilter, optionalIdFilter } from '../common/query-filters.js';
import { municipalityScopeOf } from '../municipalities/municipality-scope.js';
import {
  CompletionStatusRepository,
  TEACHER_SORTS,
  TEACHER_STATUSES,
  type TeacherFilters,
  type TeacherSort,
  type TeacherStatus,
} from '../progress/completion-status.repository.js';
import { toCsv } from '../common/csv.js';
import { translate } from '../common/i18n/i18n.js';
import { LANGUAGES } from '../common/i18n/language.js';
import { CohortReportsRepository } from './cohort-reports.repository.js';
import { CohortsRepository } from './cohorts.repository.js';

/** The progress CSV's columns, each labelled in the file's language under `cohortReports.csv.<column>`. */
export const PROGRESS_CSV_COLUMNS = [
  'name',
  'email',
  'school',
  'mentor',
  'status',
  'modules_approved',
  'modules_required',
  'sessions_attended',
  'reflections',
  'last_activity',
] as const;

export interface ProgressCsvQuery {
  lang?: unknown;
  modules?: unknown;
}

/** A moment as the city's clock shows it: 'YYYY-MM-DD HH:MM'. */
export function cityDateTime(value: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(value)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}


export interface CohortPageQuery {
  school?: unknown;
  group?: unknown;
  status?: unknown;
  sort?: unknown;
  page?: unknown;
}

@Injectable()
export class CohortReportsService {
  constructor(
    private readonly cohorts: CohortsRepository,
    private readonly reports: CohortReportsRepository,
    private readonly completion: CompletionStatusRepository,
    private readonly audit: AuditService,
  ) {}

  /** The cohort if it is one of this person's cities'; another city's is a 404. A page passes its language, for the city's name. */
  private async cohortInScope(actor: Actor, cohortId: string, language: Language | null = null) {
    const cohort = await this.cohorts.findCohortInScope(municipalityScopeOf(actor), cohortId, language);
    if (!cohort) throw new NotFoundError();
    return cohort;
  }

  /** The cities whose cohorts this person may start (null: every city), or [] for none. */
  private startingScope(actor: Actor): string[] | null {
    return isNetworkAdmin(actor) ? null : administeredMunicipalityIds(actor);
  }

  /** The "New cohort" picker's programmes: each labelled with its city, and its version when the city has two of that title. */
  private async programmeOptions(actor: Actor, language: Language, selectedId?: string) {
    const scope = this.startingScope(actor);
    if (scope !== null && scope.length === 0) return [];
    const programmes = await this.reports.findStartableProgrammes(scope, language);
    return programmes.map((p) => ({ ...p, showVersion: p.sameTitleInCity > 1, selected: p.id === selectedId }));
  }

  /** "New cohort" from the cohorts page: the programme chosen there, if this person may start a cohort from it. */
  async newCohortPath(actor: Actor, rawProgramme: unknown, language: Language): Promise<string> {
    const programmeId = optionalIdFilter(rawProgramme);
    if (!programmeId) return '/cohorts';
    const options = await this.programmeOptions(actor, language);
    if (!options.some((p) => p.id === programmeId)) throw new NotFoundError();
    return `/programmes/${programmeId}/cohorts/new`;
  }

  async list(actor: Actor, rawPage: unknown, language: Language) {
    const request = pageRequest(rawPage);
    const [{ items, total }, programmeOptions] = await Promise.all([
      this.reports.findCohortsPage(municipalityScopeOf(actor), request, language),
      this.programmeOptions(actor, language),
    ]);
    const figures = await this.completion.figuresForCohorts(items.map((c) => c.id));
    // An upcoming cohort's teachers have no status yet: its row says so instead of counting them as on track.
    const rows = items.map((c) => ({ ...c, figures: figures.get(c.id), stageKey: `cohortReports.stage.${c.stage}`, upcoming: c.stage === 'upcoming' }));
    return { rows, page: pageView(rows, total, request, '/cohorts'), isEmpty: total === 0, programmeOptions, mayStart: programmeOptions.length > 0 };
  }

  async cohortPage(actor: Actor, cohortId: string, query: CohortPageQuery, language: Language) {
    const cohort = await this.cohortInScope(actor, cohortId, language);
    const filters: TeacherFilters = {
      schoolId: optionalIdFilter(query.school),
      mentorGroupId: optionalIdFilter(query.group),
      status: optionalChoiceFilter<TeacherStatus>(query.status, TEACHER_STATUSES),
    };
    const sort = optionalChoiceFilter<TeacherSort>(query.sort, Object.keys(TEACHER_SORTS) as TeacherSort[]) ?? 'name';
    const request = pageRequest(query.page);
    const [{ figures, items, total }, modules, options] = await Promise.all([
      this.completion.findCohortPage(cohortId, filters, sort, request),
      this.reports.findModuleCompletion(cohortId, language),
      this.reports.findFilterOptions(cohortId),
    ]);
    const base = `/cohorts/${cohortId}`;
    const memberIds = await this.reports.findMemberIdsOfTeachers(
      cohortId,
      items.map((t) => t.teacherId),
    );
    const mayRecordAttendance = administeredMunicipalityIds(actor).includes(cohort.municipalityId);
    const kept = { school: filters.schoolId, group: filters.mentorGroupId, status: filters.status };
    const sortHref = (key: TeacherSort) => {
      const params = new URLSearchParams(Object.entries({ ...kept, sort: key }).filter((e): e is [string, string] => !!e[1]));
      return `${base}?${params}`;
    };
    return {
      cohort,
      figures,
      stageKey: `cohortReports.stage.${figures.stage}`,
      upcoming: figures.stage === 'upcoming',
      finished: figures.stage === 'finished',
      teachers: items.map((t) => ({
        ...t,
        reasonKeys: t.reasons.map((r) => `cohortReports.reasons.${r}`),
        memberHref: memberIds.has(t.teacherId) ? `${base}/members/${memberIds.get(t.teacherId)}` : null,
      })),
      // Each number opens the list it counts.
      figureLinks: {
        members: `${base}/members?role=teacher&status=active`,
        completed: `${base}?status=completed`,
        onTrack: `${base}?status=on_track`,
        behind: `${base}?status=behind`,
        atRisk: `${base}?status=at_risk`,
        withdrawn: `${base}?status=withdrawn`,
      },
      page: pageView(items, total, request, base, { ...kept, sort: sort === 'name' ? undefined : sort }),
      isEmpty: total === 0,
      filtered: Boolean(filters.schoolId || filters.mentorGroupId || filters.status),
      schools: options.schools.map((s) => ({ ...s, selected: s.id === filters.schoolId })),
      // A group already named after its mentor is not named after them twice.
      groups: options.groups.map((g) => ({ ...g, showMentor: !g.name.includes(g.mentor), selected: g.id === filters.mentorGroupId })),
      statuses: TEACHER_STATUSES.map((s) => ({ value: s, selected: s === filters.status })),
      sorts: (Object.keys(TEACHER_SORTS) as TeacherSort[]).map((key) => ({ key, href: sortHref(key), current: key === sort })),
      // A workshop's dates and their registers are the city's own department's (or a mentor's, from
      // their pages); a network admin looks at the figures but does not take a city's register.
      modules: modules.map((m) => ({
        ...m,
        attendanceHref: m.completionMethod === 'attendance' && mayRecordAttendance ? `${base}/workshops#workshop-${m.moduleId}` : null,
      })),
      activeMembers: figures.members,
      csvHref: `${base}/progress.csv`,
      csvModulesHref: `${base}/progress.csv?modules=1`,
    };
  }

  /**
   * The cohort's progress as CSV (SPEC §8), audited as an export: headers, statuses and module
   * titles in the reader's language, or in `?lang=` (a fixed version for scripts); times on the
   * city's clock; `?modules=1` adds a column per module (two statements, whatever the number of teachers).
   */
  async progressCsv(
    actor: Actor,
    cohortId: string,
    query: ProgressCsvQuery,
    readerLanguage: Language,
    ip: string | undefined,
  ): Promise<{ fileName: string; body: string }> {
    const language = optionalChoiceFilter<Language>(query.lang, LANGUAGES) ?? readerLanguage;
    const withModules = optionalChoiceFilter(query.modules, ['1'] as const) === '1';
    const cohort = await this.cohortInScope(actor, cohortId, language);
    const [items, context, modules, statuses] = await Promise.all([
      this.completion.findAllTeachersOfCohort(cohortId),
      this.reports.findCsvContext(cohortId),
      withModules ? this.reports.findModuleCompletion(cohortId, language) : Promise.resolve([]),
      withModules ? this.reports.findModuleStatuses(cohortId) : Promise.resolve(new Map<string, string>()),
    ]);
    await this.audit.record({
      actorId: actor.id,
      municipalityId: cohort.municipalityId,
      action: 'report.exported',
      subjectType: 'cohort',
      subjectId: cohortId,
      ip,
      details: { report: 'cohort_progress', rows: items.length, language, modules: withModules },
    });
    const t = (key: string, vars: Record<string, unknown> = {}) => translate(language, key, vars);
    const header = [
      ...PROGRESS_CSV_COLUMNS.map((column) =>
        column === 'last_activity' ? t('cohortReports.csv.last_activity', { timeZone: context.timeZone }) : t(`cohortReports.csv.${column}`),
      ),
      ...modules.map((m) => m.title),
    ];
    const rows = items.map((teacher) => [
      teacher.name,
      teacher.email,
      teacher.school,
      teacher.mentor,
      t(`cohortReports.status.${teacher.status}`),
      teacher.modulesApproved,
      teacher.modulesRequired,
      teacher.sessionsAttended,
      teacher.reflections,
      teacher.lastActivity ? cityDateTime(teacher.lastActivity, context.timeZone) : '',
      ...modules.map((m) => t(`progress.status.${statuses.get(`${teacher.teacherId}:${m.moduleId}`) ?? 'not_started'}`)),
    ]);
    const fileName = `${t('cohortReports.csv.fileName', { cohort: cohort.name, date: context.today })}.csv`;
    return { fileName, body: toCsv(header, rows) };
  }
}
