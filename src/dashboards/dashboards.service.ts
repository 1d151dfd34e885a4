import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { type Actor, administeredMunicipalityIds, isNetworkAdmin } from '../auth/actor.js';
import { barChart } from '../common/charts/bar-chart.js';
import { columnChart } from '../common/charts/column-chart.js';
import { toCsv } from '../common/csv.js';
import { BadRequestError, ForbiddenError, NotFoundError } from '../common/errors/app-exceptions.js';
import { translate } from '../common/i18n/i18n.js';
import type { Language } from '../common/i18n/language.js';
import { type PageRequest, pageView } from '../common/pagination.js';
import { LOCALE_TAGS } from '../common/views/view-engine.js';
import { municipalityScopeOf, scopeIncludes } from '../municipalities/municipality-scope.js';
import { type CohortBreakdownRow, CompletionStatusRepository, type TeacherPace } from '../progress/completion-status.repository.js';
import {
  type CohortFacts,
  type CountedCityFigures,
  DashboardsRepository,
  type MentoringCoverage,
  MODULE_STATUSES,
  type ModuleHeat,
  RECENT_DAYS,
} from './dashboards.repository.js';
import { PACE_MIN_DAYS, project } from './early-warning.js';
import { median, type ShownFigure, shownCount, shownShare } from './small-numbers.js';
import { SnapshotsRepository, type TrendWeek } from './snapshots.repository.js';
import { CITY_FIGURES_EVERY_MS } from './snapshots.scheduler.js';

/** The tables of a cohort's Figures tab that download as CSV (`figures.csv?table=…`). */
export const COHORT_TABLES = ['modules', 'schools', 'groups', 'trend', 'mentors', 'early', 'coverage'] as const;
type CohortTable = (typeof COHORT_TABLES)[number];
const isCohortTable = (value: unknown): value is CohortTable => (COHORT_TABLES as readonly unknown[]).includes(value);

/** A week's Sunday as a short day and month for the chart's labels (the table says the whole date). */
function shortWeek(weekStart: string, lang: Language): string {
  return new Intl.DateTimeFormat(`${LOCALE_TAGS[lang]}-u-nu-latn`, { day: 'numeric', month: 'numeric', timeZone: 'UTC' }).format(new Date(weekStart));
}

/** The figures compared across cities, in the order the table and the CSV list them. */
export const CITY_MEASURES = ['completed', 'atRisk', 'met', 'checkedIn', 'reflected'] as const;
export type CityMeasure = (typeof CITY_MEASURES)[number];

/** The words for a breakdown row's head counts, as the cohort pages name them (CSV headers). */
const STATUS_COLUMN_LABELS: Record<Exclude<keyof CohortBreakdownRow, 'kind' | 'id' | 'name' | 'mentor'>, string> = {
  members: 'cohortReports.figures.members',
  completed: 'cohortReports.status.completed',
  onTrack: 'cohortReports.status.on_track',
  behind: 'cohortReports.status.behind',
  atRisk: 'cohortReports.status.at_risk',
  notStarted: 'cohortReports.status.not_started',
  withdrawn: 'cohortReports.status.withdrawn',
};

/** Fewer cities than this behind a median would let a reader work out another city's figure from it. */
export const MIN_CITIES_FOR_MEDIAN = 3;

/** Mentoring coverage's groups, in the order the tables and CSVs list them. */
const CONTACT_BANDS = ['within30', 'within60', 'within90', 'over90', 'never'] as const;
const SESSION_BANDS = ['sessionsNone', 'sessionsFew', 'sessionsSome', 'sessionsMany'] as const;

/** Mentoring coverage as a page shows it (the mentoring-coverage partial): bands of days since the last session with a chart, and teachers by sessions attended. */
function coverageView(coverage: MentoringCoverage, lang: Language, csvHref: string) {
  const t = (key: string, vars: Record<string, unknown> = {}) => translate(lang, key, vars);
  const group = (band: (typeof CONTACT_BANDS)[number] | (typeof SESSION_BANDS)[number]) => ({
    band,
    label: t(`dashboards.city.coverage.${band}`),
    count: coverage[band],
  });
  const bands = CONTACT_BANDS.map(group);
  const average = coverage.teachers === 0 ? 0 : coverage.sessions / coverage.teachers;
  return {
    bands,
    sessionBands: SESSION_BANDS.map(group),
    chart: barChart({
      id: 'coverage-chart',
      title: t('dashboards.city.coverage.title'),
      summary: t('dashboards.city.coverage.summary', { teachers: coverage.teachers, within30: coverage.within30 }),
      bars: bands.map((b) => ({ label: b.label, value: b.count, valueText: String(b.count) })),
      max: Math.max(1, coverage.teachers),
      rtl: lang !== 'en',
    }),
    sessionsSummary: t('dashboards.city.coverage.sessionsSummary', {
      average: new Intl.NumberFormat(`${LOCALE_TAGS[lang]}-u-nu-latn`, { maximumFractionDigits: 1 }).format(average),
      none: coverage.sessionsNone,
      teachers: coverage.teachers,
    }),
    csvHref,
  };
}

/** Mentoring coverage as CSV rows: each group with its teachers. */
function coverageCsv(coverage: MentoringCoverage, lang: Language): string {
  const t = (key: string) => translate(lang, key);
  return toCsv(
    [t('dashboards.city.coverage.csvHead'), t('cohortReports.figures.members')],
    [
      ...CONTACT_BANDS.map((band) => [`${t('dashboards.city.coverage.band')}: ${t(`dashboards.city.coverage.${band}`)}`, coverage[band]]),
      ...SESSION_BANDS.map((band) => [`${t('dashboards.city.coverage.sessionsBand')}: ${t(`dashboards.city.coverage.${band}`)}`, coverage[band]]),
    ],
  );
}

interface CityRow {
  municipalityId: string;
  name: string;
  own: boolean;
  cohorts: number;
  teachers: ShownFigure;
  shares: Record<CityMeasure, ShownFigure>;
}

/** A city's shares (none counted yet: every share of nothing): status shares over its teachers in running cohorts, activity shares over the same teachers counted once. */
function sharesOf(f: CountedCityFigures | undefined): Record<CityMeasure, ShownFigure> {
  const members = f?.members ?? 0;
  const teachers = f?.teachers ?? 0;
  return {
    completed: shownShare(f?.completed ?? 0, members),
    atRisk: shownShare(f?.atRisk ?? 0, members),
    met: shownShare(f?.met ?? 0, teachers),
    checkedIn: shownShare(f?.checkedIn ?? 0, teachers),
    reflected: shownShare(f?.reflected ?? 0, teachers),
  };
}

/**
 * The network view (issue 14 §4): every city's headline figures side by side for network admins;
 * for a city's department admins, their own city against the network's median and never another
 * city by name. Every figure resting on fewer than 5 teachers is withheld (small-numbers.ts).
 */
@Injectable()
export class DashboardsService {
  constructor(
    private readonly repo: DashboardsRepository,
    private readonly completion: CompletionStatusRepository,
    private readonly audit: AuditService,
    private readonly snapshots: SnapshotsRepository,
  ) {}

  private async comparison(actor: Actor, lang: Language) {
    const network = isNetworkAdmin(actor);
    const own = new Set(administeredMunicipalityIds(actor));
    if (!network && own.size === 0) throw new ForbiddenError();
    const [names, counted] = await Promise.all([this.repo.cityNames(lang), this.repo.cityFigures()]);
    const figuresOf = new Map(counted.map((f) => [f.municipalityId, f]));
    const all: CityRow[] = names.map(({ municipalityId, name }) => {
      const f = figuresOf.get(municipalityId);
      return {
        municipalityId,
        name,
        own: own.has(municipalityId),
        cohorts: f?.cohorts ?? 0,
        teachers: shownCount(f?.members ?? 0),
        shares: sharesOf(f),
      };
    });
    // When the figures were counted: the oldest row's time (null: never counted yet).
    const countedAt = counted.length === 0 ? null : new Date(Math.min(...counted.map((f) => new Date(f.countedAt).getTime())));
    // The median of the cities whose figure is shown; none when too few cities stand behind it.
    const medians = Object.fromEntries(
      CITY_MEASURES.map((measure) => {
        const values = all.flatMap((row) => (row.shares[measure].withheld ? [] : [(row.shares[measure] as { value: number }).value]));
        return [measure, values.length >= MIN_CITIES_FOR_MEDIAN ? Math.round(median(values)!) : null];
      }),
    ) as Record<CityMeasure, number | null>;
    // Never counted yet (a new installation before the job's first run): no row to show, rather than zeros.
    const rows = countedAt === null ? [] : network ? all : all.filter((row) => row.own);
    return { network, rows, medians, countedAt };
  }

  async networkPage(actor: Actor, lang: Language) {
    const { network, rows, medians, countedAt } = await this.comparison(actor, lang);
    const t = (key: string, vars: Record<string, unknown> = {}) => translate(lang, key, vars);
    const text = (figure: ShownFigure, percent: boolean) =>
      figure.withheld ? t('dashboards.fewerThan5') : percent ? t('dashboards.percent', { value: figure.value }) : String(figure.value);
    const medianText = (value: number | null) => (value === null ? t('dashboards.noMedian') : t('dashboards.percent', { value }));
    const tableRows = rows.map((row) => ({
      municipalityId: row.municipalityId,
      name: row.name,
      own: row.own,
      cohorts: row.cohorts,
      teachers: { text: text(row.teachers, false), withheld: row.teachers.withheld },
      cells: CITY_MEASURES.map((measure) => ({
        measure,
        label: t(`dashboards.measures.${measure}`),
        text: text(row.shares[measure], true),
        withheld: row.shares[measure].withheld,
      })),
    }));
    const medianRow = CITY_MEASURES.map((measure) => ({ measure, label: t(`dashboards.measures.${measure}`), text: medianText(medians[measure]) }));
    const completionBars = [
      ...rows.map((row) => ({
        label: row.name,
        value: row.shares.completed.withheld ? null : row.shares.completed.value,
        valueText: text(row.shares.completed, true),
        highlight: row.own && !network,
      })),
      { label: t('dashboards.median'), value: medians.completed, valueText: medianText(medians.completed), highlight: false },
    ];
    const chart = barChart({
      id: 'completion-chart',
      title: t('dashboards.chart.completionTitle'),
      summary: [
        t(network ? 'dashboards.chart.networkSummary' : 'dashboards.chart.citySummary', { cities: rows.length }),
        medians.completed === null ? t('dashboards.chart.medianHidden') : t('dashboards.chart.median', { median: medianText(medians.completed) }),
      ].join(' '),
      bars: completionBars,
      max: 100,
      rtl: lang !== 'en',
    });
    const templates = network ? (await this.repo.templateUse(lang)).map((tpl) => ({ ...tpl, count: tpl.cities.length, hasCities: tpl.cities.length > 0 })) : [];
    return {
      network,
      rows: tableRows,
      isEmpty: tableRows.length === 0,
      medianRow,
      chart,
      templates,
      hasTemplates: templates.length > 0,
      recentDays: RECENT_DAYS,
      countedAt,
      notCounted: countedAt === null,
      countEveryMinutes: CITY_FIGURES_EVERY_MS / 60_000,
      asOf: countedAt ?? new Date(),
    };
  }

  /** The table of the page as a spreadsheet-safe CSV in the reader's language; the export is audited. */
  async networkCsv(actor: Actor, lang: Language, ip: string | undefined): Promise<{ fileName: string; body: string }> {
    const page = await this.networkPage(actor, lang);
    const t = (key: string, vars: Record<string, unknown> = {}) => translate(lang, key, vars);
    const header = [
      t('dashboards.table.city'),
      t('dashboards.table.cohorts'),
      t('dashboards.table.teachers'),
      ...CITY_MEASURES.map((m) => t(`dashboards.measures.${m}`)),
    ];
    const body = [
      ...page.rows.map((row) => [row.name, row.cohorts, row.teachers.text, ...row.cells.map((cell) => cell.text)]),
      [t('dashboards.median'), '', '', ...page.medianRow.map((cell) => cell.text)],
    ];
    await this.audit.record({
      actorId: actor.id,
      municipalityId: page.network ? null : (administeredMunicipalityIds(actor)[0] ?? null),
      action: 'report.exported',
      subjectType: 'network',
      ip,
      details: { report: 'network_cities', rows: page.rows.length, language: lang },
    });
    const day = page.asOf.toISOString().slice(0, 10);
    return { fileName: `${t('dashboards.csvName')}-${day}.csv`, body: toCsv(header, body) };
  }
  // ——— A city's figures (the department dashboard per city) ———

  private async cityInScope(actor: Actor, municipalityId: string, lang: Language) {
    if (!scopeIncludes(municipalityScopeOf(actor), municipalityId)) throw new NotFoundError();
    const city = await this.repo.cityName(municipalityId, lang);
    if (!city) throw new NotFoundError();
    return city;
  }

  /**
   * A city's figures over its running cohorts, for its department admins and the network admins:
   * each cohort and each school by status, the teachers at risk with their reasons (a page of
   * them, each linked to their membership), mentoring coverage in bands of days since the last
   * session attended, and goal and reflection activity. Counts and names only, never a person's text.
   */
  async cityPage(actor: Actor, municipalityId: string, page: PageRequest, lang: Language) {
    const city = await this.cityInScope(actor, municipalityId, lang);
    const [breakdown, atRisk, coverage, activity] = await Promise.all([
      this.completion.breakdownOfCity(city.municipalityId),
      this.completion.atRiskInCity(city.municipalityId, page),
      this.repo.cityCoverage(city.municipalityId),
      this.repo.cityGoalActivity(city.municipalityId),
    ]);
    const t = (key: string, vars: Record<string, unknown> = {}) => translate(lang, key, vars);
    return {
      city,
      cohorts: breakdown.filter((row) => row.kind === 'cohort'),
      schools: breakdown
        .filter((row) => row.kind === 'school')
        .map((row) => ({ ...row, label: row.name ?? t('dashboards.cohort.noSchool'), named: row.name !== null })),
      hasCohorts: breakdown.some((row) => row.kind === 'cohort'),
      atRisk: pageView(
        atRisk.items.map((row) => ({
          ...row,
          reasonKeys: row.reasons.map((r) => `cohortReports.reasons.${r}`),
          href: `/cohorts/${row.cohortId}/members/${row.memberId}`,
        })),
        atRisk.total,
        page,
        `/network/cities/${city.municipalityId}`,
      ),
      atRiskTotal: atRisk.total,
      coverage: coverageView(coverage, lang, `/network/cities/${city.municipalityId}/figures.csv?table=coverage`),
      activity,
      asOf: new Date(),
    };
  }

  /** One table of a city's figures as a spreadsheet-safe CSV in the reader's language; audited. */
  async cityCsv(actor: Actor, municipalityId: string, table: unknown, lang: Language, ip: string | undefined): Promise<{ fileName: string; body: string }> {
    const city = await this.cityInScope(actor, municipalityId, lang);
    if (table !== 'cohorts' && table !== 'schools' && table !== 'atRisk' && table !== 'coverage') throw new BadRequestError('dashboards.city.badTable');
    const t = (key: string, vars: Record<string, unknown> = {}) => translate(lang, key, vars);
    const statusColumns = ['members', 'completed', 'onTrack', 'behind', 'atRisk'] as const;
    const statusHeader = statusColumns.map((k) => t(STATUS_COLUMN_LABELS[k]));
    let body: string;
    if (table === 'cohorts' || table === 'schools') {
      const rows = (await this.completion.breakdownOfCity(city.municipalityId)).filter((row) => row.kind === (table === 'cohorts' ? 'cohort' : 'school'));
      body = toCsv(
        [t(table === 'cohorts' ? 'cohortReports.list.cohort' : 'dashboards.cohort.school'), ...statusHeader],
        rows.map((row) => [row.name ?? t('dashboards.cohort.noSchool'), ...statusColumns.map((k) => row[k])]),
      );
    } else if (table === 'atRisk') {
      const { items } = await this.completion.atRiskInCity(city.municipalityId, { size: 100_000, offset: 0 });
      body = toCsv(
        [t('mentoring.coverage.teacher'), t('cohortReports.list.cohort'), t('dashboards.city.reasons')],
        items.map((row) => [row.name, row.cohortName, row.reasons.map((r) => t(`cohortReports.reasons.${r}`)).join('; ')]),
      );
    } else {
      body = coverageCsv(await this.repo.cityCoverage(city.municipalityId), lang);
    }
    await this.audit.record({
      actorId: actor.id,
      municipalityId: city.municipalityId,
      action: 'report.exported',
      subjectType: 'municipality',
      subjectId: city.municipalityId,
      ip,
      details: { report: `city_${table}`, language: lang },
    });
    return { fileName: `${city.name}-${t(`dashboards.city.csvName.${table}`)}-${new Date().toISOString().slice(0, 10)}.csv`, body };
  }

  // ——— A cohort's figures (the department dashboard per cohort) ———

  private async cohortInScope(actor: Actor, cohortId: string) {
    const cohort = await this.repo.cohortFacts(cohortId, municipalityScopeOf(actor));
    if (!cohort) throw new NotFoundError();
    return cohort;
  }

  private async cohortTables(cohort: CohortFacts, lang: Language) {
    const [heat, breakdown, activity, pace, trend, mentors, coverage] = await Promise.all([
      this.repo.moduleHeat(cohort.id, lang),
      this.completion.breakdownOfCohort(cohort.id),
      this.repo.cohortActivity(cohort.id),
      this.completion.paceOfCohort(cohort.id),
      this.snapshots.cohortTrend(cohort.id),
      this.repo.mentorLoad(cohort.id),
      this.repo.cohortCoverage(cohort.id),
    ]);
    return { cohort, heat, breakdown, activity, pace, trend, mentors, coverage };
  }

  /**
   * The cohort's figures for its city's department admins and the network admins: modules × status
   * as a heat map (active teachers), statuses by school and by mentor group, goal activity and
   * reflections per teacher. Counts only, never a person's text.
   */
  async cohortPage(actor: Actor, cohortId: string, lang: Language) {
    const { cohort, heat, breakdown, activity, pace, trend, mentors, coverage } = await this.cohortTables(await this.cohortInScope(actor, cohortId), lang);
    const t = (key: string, vars: Record<string, unknown> = {}) => translate(lang, key, vars);
    const heatRows = heat.map((m) => ({
      ...m,
      cells: MODULE_STATUSES.map((status) => ({
        status,
        label: t(`progress.status.${status}`),
        count: m[status],
        level: heatLevel(m[status], cohort.teachers),
      })),
    }));
    const groupRows = (kind: 'school' | 'group') =>
      breakdown
        .filter((row) => row.kind === kind)
        .map((row) => ({
          ...row,
          label: row.name ?? t(kind === 'school' ? 'dashboards.cohort.noSchool' : 'dashboards.cohort.noGroup'),
          named: row.name !== null,
        }));
    const approvedShare = (m: ModuleHeat) => (cohort.teachers > 0 ? Math.round((100 * m.approved) / cohort.teachers) : 0);
    const chart = barChart({
      id: 'approved-chart',
      title: t('dashboards.cohort.chartTitle'),
      summary: t('dashboards.cohort.chartSummary', { modules: heat.length, teachers: cohort.teachers }),
      bars: heat.map((m) => ({ label: m.title, value: approvedShare(m), valueText: t('dashboards.percent', { value: approvedShare(m) }) })),
      max: 100,
      rtl: lang !== 'en',
    });
    return {
      cohort,
      statuses: MODULE_STATUSES.map((status) => ({ status, label: t(`progress.status.${status}`) })),
      heatRows,
      hasModules: heatRows.length > 0,
      chart,
      breakdownTables: [
        { key: 'schools', title: 'dashboards.cohort.bySchool', head: 'dashboards.cohort.school', mentors: false, rows: groupRows('school') },
        { key: 'groups', title: 'dashboards.cohort.byGroup', head: 'dashboards.cohort.group', mentors: true, rows: groupRows('group') },
      ],
      activity,
      earlyWarning: earlyWarningRows(cohort.id, pace, new Date()),
      paceMinDays: PACE_MIN_DAYS,
      recentDays: RECENT_DAYS,
      asOf: new Date(),
      ...trendView(trend, lang),
      mentorRows: mentors,
      hasMentors: mentors.length > 0,
      coverage: coverageView(coverage, lang, `/cohorts/${cohort.id}/figures.csv?table=coverage`),
      contactDays: cohort.contactIntervalDays,
    };
  }

  /** One table of the cohort's figures as a spreadsheet-safe CSV in the reader's language; audited. */
  async cohortCsv(actor: Actor, cohortId: string, table: unknown, lang: Language, ip: string | undefined): Promise<{ fileName: string; body: string }> {
    // Another city's cohort is not found whatever the table asked for.
    const found = await this.cohortInScope(actor, cohortId);
    if (!isCohortTable(table)) throw new BadRequestError('dashboards.cohort.badTable');
    const { cohort, heat, breakdown, trend, mentors, pace, coverage } = await this.cohortTables(found, lang);
    const t = (key: string, vars: Record<string, unknown> = {}) => translate(lang, key, vars);
    const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : t('dashboards.early.noFinish'));
    const statusHeader = ['members', 'completed', 'onTrack', 'behind', 'atRisk', 'notStarted', 'withdrawn'] as const;
    const byKind = (kind: 'school' | 'group') => (row: CohortBreakdownRow) => row.kind === kind;
    const body =
      table === 'coverage'
        ? coverageCsv(coverage, lang)
        : table === 'early'
          ? toCsv(
              [
                t('mentoring.coverage.teacher'),
                t('dashboards.early.rule'),
                t('dashboards.early.approved'),
                t('dashboards.early.required'),
                t('dashboards.early.daysSoFar'),
                t('dashboards.early.pace'),
                t('dashboards.early.finish'),
                t('cohortReports.show.status'),
              ],
              earlyWarningRows(cohort.id, pace, new Date()).map((r) => [
                r.name,
                t(r.ruleKey),
                r.requiredApproved,
                r.modulesRequired,
                r.daysSoFar,
                r.pacePer30 ?? '',
                iso(r.finishOn),
                t(`cohortReports.status.${r.status}`),
              ]),
            )
          : table === 'trend'
            ? toCsv(
                [t('dashboards.trend.week'), t('dashboards.trend.approved'), t('dashboards.trend.atRisk')],
                trend.map((w) => [w.weekStart.slice(0, 10), w.approvedModules, w.atRisk ?? t('dashboards.trend.notRecorded')]),
              )
            : table === 'mentors'
              ? toCsv(
                  [
                    t('dashboards.cohort.mentor'),
                    t('dashboards.load.mentees'),
                    t('dashboards.load.waiting'),
                    t('dashboards.load.oldestWait'),
                    t('dashboards.load.notMet', { days: cohort.contactIntervalDays }),
                  ],
                  mentors.map((m) => [m.name, m.mentees, m.waiting, m.oldestWaitDays ?? '', m.notMet]),
                )
              : table === 'modules'
                ? toCsv(
                    [t('dashboards.cohort.module'), ...MODULE_STATUSES.map((s) => t(`progress.status.${s}`))],
                    heat.map((m) => [m.title, ...MODULE_STATUSES.map((s) => m[s])]),
                  )
                : toCsv(
                    [
                      t(table === 'schools' ? 'dashboards.cohort.school' : 'dashboards.cohort.group'),
                      ...(table === 'groups' ? [t('dashboards.cohort.mentor')] : []),
                      ...statusHeader.map((k) => t(STATUS_COLUMN_LABELS[k])),
                    ],
                    breakdown
                      .filter(byKind(table === 'schools' ? 'school' : 'group'))
                      .map((row) => [
                        row.name ?? t(table === 'schools' ? 'dashboards.cohort.noSchool' : 'dashboards.cohort.noGroup'),
                        ...(table === 'groups' ? [row.mentor ?? ''] : []),
                        ...statusHeader.map((k) => row[k]),
                      ]),
                  );
    await this.audit.record({
      actorId: actor.id,
      municipalityId: cohort.municipalityId,
      action: 'report.exported',
      subjectType: 'cohort',
      subjectId: cohort.id,
      ip,
      details: { report: `cohort_${table}`, language: lang },
    });
    return { fileName: `${cohort.name}-${t(`dashboards.cohort.csvName.${table}`)}-${new Date().toISOString().slice(0, 10)}.csv`, body };
  }
}

/** The teachers an early-warning rule flags, with the figures that led to it (no-pace first, then the latest projected). */
export function earlyWarningRows(cohortId: string, pace: TeacherPace[], today: Date) {
  const rows = pace.flatMap((teacher) => {
    const projection = project(teacher);
    if (!projection.rule) return [];
    const finishOn = projection.daysToFinish === null ? null : new Date(today.getTime() + projection.daysToFinish * 86_400_000);
    return [
      { ...teacher, ...projection, ruleKey: `dashboards.early.rules.${projection.rule}`, finishOn, href: `/cohorts/${cohortId}/members/${teacher.memberId}` },
    ];
  });
  return rows.sort((a, b) => (b.daysToFinish ?? Infinity) - (a.daysToFinish ?? Infinity) || a.name.localeCompare(b.name));
}

/** The Weekly trend section: its chart, its table, and the age of its latest snapshot. */
function trendView(trend: TrendWeek[], lang: Language) {
  const t = (key: string, vars: Record<string, unknown> = {}) => translate(lang, key, vars);
  const latest = trend.filter((w) => !w.reconstructed).at(-1);
  const trendChart = columnChart({
    id: 'trend-chart',
    title: t('dashboards.trend.chartTitle'),
    summary:
      trend.length === 0
        ? t('dashboards.trend.noWeeks')
        : t('dashboards.trend.chartSummary', { weeks: trend.length, first: trend[0].approvedModules, last: trend.at(-1)!.approvedModules }),
    columns: trend.map((w) => ({ label: shortWeek(w.weekStart, lang), value: w.approvedModules, valueText: String(w.approvedModules) })),
    rtl: lang !== 'en',
  });
  return {
    trendChart,
    trendRows: trend.map((w) => ({ ...w, recorded: w.atRisk !== null })),
    hasTrend: trend.length > 0,
    hasReconstructed: trend.some((w) => w.reconstructed),
    trendTakenAt: latest?.takenAt ?? null,
  };
}

/** A heat map cell's shade, 0–4, by the share of the cohort's teachers in it (the number is always shown too). */
export function heatLevel(count: number, teachers: number): number {
  if (count === 0 || teachers === 0) return 0;
  return Math.min(4, 1 + Math.floor((4 * count) / (teachers + 1)));
}
