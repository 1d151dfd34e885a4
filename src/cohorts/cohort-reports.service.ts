import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { type Actor, administeredMunicipalityIds, isNetworkAdmin } from '../auth/actor.js';
import { BadRequestError, NotFoundError } from '../common/errors/app-exceptions.js';
import { pageRequest, pageView } from '../common/pagination.js';
import { type CitiesParam, CohortReportsRepository } from './cohort-reports.repository.js';
import {
  CompletionStatusRepository,
  TEACHER_SORTS,
  TEACHER_STATUSES,
  type TeacherFilters,
  type TeacherSort,
  type TeacherStatus,
} from '../progress/completion-status.repository.js';
import { toCsv } from '../progress/csv.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

function citiesOf(actor: Actor): CitiesParam {
  return isNetworkAdmin(actor) ? null : [...new Set(administeredMunicipalityIds(actor))];
}

/** A filter value from the query string: absent, or one of the allowed values; anything else is a 400. */
function optionalUuid(raw: unknown): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !UUID.test(raw)) throw new BadRequestError();
  return raw.toLowerCase();
}

function optionalChoice<T extends string>(raw: unknown, allowed: readonly T[]): T | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !(allowed as readonly string[]).includes(raw)) throw new BadRequestError();
  return raw as T;
}

@Injectable()
export class CohortReportsService {
  constructor(
    private readonly reports: CohortReportsRepository,
    private readonly completion: CompletionStatusRepository,
    private readonly audit: AuditService,
  ) {}

  private async cohortInScope(actor: Actor, cohortId: string) {
    const cohort = await this.reports.findCohortInScope(cohortId, citiesOf(actor));
    if (!cohort) throw new NotFoundError();
    return cohort;
  }

  async list(actor: Actor, rawPage: unknown, language: string) {
    const request = pageRequest(rawPage);
    const { items, total } = await this.reports.findCohortsPage(citiesOf(actor), request, language);
    const figures = await this.completion.figuresForCohorts(items.map((c) => c.id));
    const rows = items.map((c) => ({ ...c, figures: figures.get(c.id) }));
    return { rows, page: pageView(rows, total, request, '/cohorts'), isEmpty: total === 0 };
  }

  async cohortPage(actor: Actor, cohortId: string, query: CohortPageQuery) {
    const cohort = await this.cohortInScope(actor, cohortId);
    const filters: TeacherFilters = {
      schoolId: optionalUuid(query.school),
      mentorGroupId: optionalUuid(query.group),
      status: optionalChoice<TeacherStatus>(query.status, TEACHER_STATUSES),
    };
    const sort = optionalChoice<TeacherSort>(query.sort, Object.keys(TEACHER_SORTS) as TeacherSort[]) ?? 'name';
    const request = pageRequest(query.page);
    const [{ figures, items, total }, modules, options] = await Promise.all([
      this.completion.findCohortPage(cohortId, filters, sort, request),
      this.reports.findModuleCompletion(cohortId),
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
      title: cohort.name,
      cohort,
      figures,
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
