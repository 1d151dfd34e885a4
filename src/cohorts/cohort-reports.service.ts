import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { type Actor, administeredMunicipalityIds } from '../auth/actor.js';
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
import { CohortReportsRepository } from './cohort-reports.repository.js';
import { CohortsRepository } from './cohorts.repository.js';

export const PROGRESS_CSV_HEADER = [
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

  async list(actor: Actor, rawPage: unknown, language: Language) {
    const request = pageRequest(rawPage);
    const { items, total } = await this.reports.findCohortsPage(municipalityScopeOf(actor), request, language);
    const figures = await this.completion.figuresForCohorts(items.map((c) => c.id));
    // An upcoming cohort's teachers have no status yet: its row says so instead of counting them as on track.
    const rows = items.map((c) => ({ ...c, figures: figures.get(c.id), stageKey: `cohortReports.stage.${c.stage}`, upcoming: c.stage === 'upcoming' }));
    return { rows, page: pageView(rows, total, request, '/cohorts'), isEmpty: total === 0 };
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
      teachers: items.map((t) => ({ ...t, reasonKeys: t.reasons.map((r) => `cohortReports.reasons.${r}`) })),
      page: pageView(items, total, request, base, { ...kept, sort: sort === 'name' ? undefined : sort }),
      isEmpty: total === 0,
      filtered: Boolean(filters.schoolId || filters.mentorGroupId || filters.status),
      schools: options.schools.map((s) => ({ ...s, selected: s.id === filters.schoolId })),
      groups: options.groups.map((g) => ({ ...g, selected: g.id === filters.mentorGroupId })),
      statuses: TEACHER_STATUSES.map((s) => ({ value: s, selected: s === filters.status })),
      sorts: (Object.keys(TEACHER_SORTS) as TeacherSort[]).map((key) => ({ key, href: sortHref(key), current: key === sort })),
      // Attendance is recorded by the city's own department (or a mentor, from their pages); a
      // network admin looks at the figures but does not take a city's register.
      modules: modules.map((m) => ({
        ...m,
        attendanceHref: m.completionMethod === 'attendance' && mayRecordAttendance ? `${base}/modules/${m.moduleId}/attendance` : null,
      })),
      activeMembers: figures.members,
      csvHref: `${base}/progress.csv`,
    };
  }

  /** The cohort's progress as CSV (SPEC §8), audited as an export. */
  async progressCsv(actor: Actor, cohortId: string, ip: string | undefined): Promise<{ fileName: string; body: string }> {
    const cohort = await this.cohortInScope(actor, cohortId);
    const items = await this.completion.findAllTeachersOfCohort(cohortId);
    await this.audit.record({
      actorId: actor.id,
      municipalityId: cohort.municipalityId,
      action: 'report.exported',
      subjectType: 'cohort',
      subjectId: cohortId,
      ip,
      details: { report: 'cohort_progress', rows: items.length },
    });
    const rows = items.map((t) => [
      t.name,
      t.email,
      t.school,
      t.mentor,
      t.status,
      t.modulesApproved,
      t.modulesRequired,
      t.sessionsAttended,
      t.reflections,
      t.lastActivity,
    ]);
    return { fileName: `cohort-${cohortId}-progress.csv`, body: toCsv(PROGRESS_CSV_HEADER, rows) };
  }
}
