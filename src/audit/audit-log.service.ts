import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { toCsv } from '../common/csv.js';
import { ForbiddenError } from '../common/errors/app-exceptions.js';
import { translate } from '../common/i18n/i18n.js';
import type { Language } from '../common/i18n/language.js';
import { addressForPeople } from '../common/ip-address.js';
import { pageRequest, pageView } from '../common/pagination.js';
import { optionalChoiceFilter, optionalDayFilter, optionalTextFilter } from '../common/query-filters.js';
import { DEFAULT_TIME_ZONE } from '../common/web/language.middleware.js';
import { municipalityScopeOf, scopeParam } from '../municipalities/municipality-scope.js';
import { likePattern } from '../users/people.repository.js';
import { AUDIT_ACTIONS, AUDIT_SUBJECT_TYPES } from './audit-actions.js';
import { type AuditLogFilters, type AuditLogRow, AuditLogRepository } from './audit-log.repository.js';
import { AuditService } from './audit.service.js';
import { mayViewAuditLog } from './audit.policy.js';

/**
 * Beyond this many matching events the page says "more than" and the export holds the newest
 * ones: narrower dates find the rest.
 */
export const AUDIT_LOG_CAP = 10_000;
const PAGE_SIZE = 50;

export const AUDIT_CSV_HEADER = [
  'occurred_at',
  'actor_name',
  'actor_email',
  'action',
  'subject_type',
  'subject_id',
  'subject_name',
  'address',
  'details',
] as const;

export interface AuditLogQuery {
  person?: unknown;
  action?: unknown;
  from?: unknown;
  to?: unknown;
  page?: unknown;
}

function isKnown<T extends string>(list: readonly T[], value: string | null): value is T {
  return value !== null && (list as readonly string[]).includes(value);
}

@Injectable()
export class AuditLogService {
  constructor(
    private readonly log: AuditLogRepository,
    private readonly audit: AuditService,
  ) {}

  /** The filters of the query string (a malformed one is a 400), within the actor's cities. */
  private filtersOf(actor: Actor, query: AuditLogQuery) {
    if (!mayViewAuditLog(actor)) throw new ForbiddenError();
    const kept = {
      person: optionalTextFilter(query.person),
      action: optionalChoiceFilter(query.action, AUDIT_ACTIONS),
      from: optionalDayFilter(query.from),
      to: optionalDayFilter(query.to),
    };
    const filters: AuditLogFilters = {
      municipalityIds: scopeParam(municipalityScopeOf(actor)),
      person: kept.person ? likePattern(kept.person) : null,
      action: kept.action ?? null,
      from: kept.from ?? null,
      to: kept.to ?? null,
      timeZone: actor.municipalityTimeZone ?? DEFAULT_TIME_ZONE,
    };
    return { kept, filters };
  }

  async page(actor: Actor, query: AuditLogQuery, lang: Language) {
    const { kept, filters } = this.filtersOf(actor, query);
    const request = pageRequest(query.page, PAGE_SIZE);
    const [rows, counted] = await Promise.all([this.log.findPage(filters, request.size, request.offset, lang), this.log.countUpTo(filters, AUDIT_LOG_CAP)]);
    const events = rows.map((row) => this.eventView(row, lang));
    const csvQuery = new URLSearchParams(Object.entries(kept).filter((e): e is [string, string] => Boolean(e[1])));
    return {
      events,
      page: pageView(events, counted, request, '/audit', kept),
      isEmpty: counted === 0,
      filtered: Object.values(kept).some(Boolean),
      moreThanCap: counted >= AUDIT_LOG_CAP,
      cap: AUDIT_LOG_CAP,
      values: { person: kept.person ?? '', action: kept.action ?? '', from: kept.from ?? '', to: kept.to ?? '' },
      actions: AUDIT_ACTIONS.map((value) => ({ value, label: translate(lang, `audit.actions.${value}`) })).sort((a, b) => a.label.localeCompare(b.label, lang)),
      csvHref: csvQuery.size ? `/audit.csv?${csvQuery}` : '/audit.csv',
    };
  }

  /** The filtered events as CSV, newest first, at most AUDIT_LOG_CAP of them; the export is audited. */
  async csv(actor: Actor, query: AuditLogQuery, ip: string | undefined, lang: Language): Promise<{ fileName: string; body: string }> {
    const { kept, filters } = this.filtersOf(actor, query);
    const rows = await this.log.findPage(filters, AUDIT_LOG_CAP, 0, lang);
    await this.audit.record({
      actorId: actor.id,
      municipalityId: actor.municipalityId,
      action: 'audit.exported',
      ip,
      details: { filters: Object.fromEntries(Object.entries(kept).filter(([, v]) => v)), rows: rows.length },
    });
    const body = toCsv(
      AUDIT_CSV_HEADER,
      rows.map((r) => [
        r.occurredAt,
        r.actorName,
        r.actorEmail ?? r.attemptedEmail,
        r.action,
        r.subjectType,
        r.subjectId,
        r.subjectName,
        addressForPeople(r.ip),
        JSON.stringify(r.details),
      ]),
    );
    return { fileName: `audit-log-${new Date().toISOString().slice(0, 10)}.csv`, body };
  }

  private eventView(row: AuditLogRow, lang: Language) {
    return {
      occurredAt: row.occurredAt,
      actorName: row.actorName,
      actorEmail: row.actorEmail,
      personHref: row.actorEmail ? `/audit?${new URLSearchParams({ person: row.actorEmail })}` : null,
      attemptedEmail: row.attemptedEmail,
      actionLabel: isKnown(AUDIT_ACTIONS, row.action) ? translate(lang, `audit.actions.${row.action}`) : row.action,
      subjectLabel: isKnown(AUDIT_SUBJECT_TYPES, row.subjectType) ? translate(lang, `audit.subjects.${row.subjectType}`) : row.subjectType,
      subjectName: row.subjectName,
      subjectId: row.subjectId,
      address: addressForPeople(row.ip),
    };
  }
}
