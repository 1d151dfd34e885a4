import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import type { Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { FormValidationException } from '../common/errors/app-exceptions.js';
import { translate } from '../common/i18n/i18n.js';
import type { Language } from '../common/i18n/language.js';
import { isUniqueViolation, Sql } from '../database/sql.js';
import { MEMBER_ROLES, type MemberRole } from './cohort-member.types.js';
import { type CohortRecord, CohortsRepository, type RosterPerson } from './cohorts.repository.js';
import { CohortsService } from './cohorts.service.js';
import { parseRoster, type RosterLine } from './roster-csv.js';

export interface RosterRowError {
  row: number;
  email: string;
  reasonKey: string;
  vars?: Record<string, unknown>;
}

type Refusal = { fileErrorKey?: string; rowErrors: RosterRowError[] };

/** Imported, or refused with the roster page again, showing why. */
export type RosterOutcome = { ok: true; createdIds: string[] } | { ok: false; page: Record<string, unknown> };

class RosterRefused extends Error {
  constructor(readonly rowErrors: RosterRowError[]) {
    super('roster refused');
  }
}

/**
 * Imports a cohort's roster (email,name,school[,role]): every row is checked first, against the
 * city's schools and people, and one bad row means nothing is imported; otherwise, in one
 * transaction, missing people are created in the cohort's city and everyone is enrolled (with the
 * role for the cohort). People already in the city are enrolled as they are.
 */
@Injectable()
export class RosterImportService {
  constructor(
    private readonly sql: Sql,
    private readonly cohorts: CohortsRepository,
    private readonly cohortsService: CohortsService,
    private readonly audit: AuditService,
  ) {}

  async import(actor: Actor, cohortId: string, file: Buffer | undefined, ip: string | undefined, language: Language): Promise<RosterOutcome> {
    const cohort = await this.cohortsService.cohortFor(actor, cohortId, language);
    if (!file) throw FormValidationException.field('file', 'cohorts.roster.errors.noFile');
    const result = await this.importFile(actor, cohort, file, ip);
    return 'createdIds' in result ? { ok: true, createdIds: result.createdIds } : { ok: false, page: this.refusedPage(cohort, result, language) };
  }

  private async importFile(actor: Actor, cohort: CohortRecord, file: Buffer, ip: string | undefined): Promise<Refusal | { createdIds: string[] }> {
    const parsed = parseRoster(file);
    if (!parsed.ok) return { fileErrorKey: parsed.fileErrorKey, rowErrors: [] };
    const schools = await this.cohorts.findSchoolIdsByName(cohort.municipalityId);
    try {
      return await this.sql.transaction(async () => {
        const people = await this.cohorts.findUsersByEmail([...new Set(parsed.lines.map((l) => l.email))]);
        const byEmail = new Map(people.map((p) => [p.email, p]));
        const errors: RosterRowError[] = [];
        const seen = new Set<string>();
        for (const line of parsed.lines) {
          const problem = this.problemOf(actor, line, schools, byEmail.get(line.email), cohort, seen);
          if (problem) errors.push({ row: line.row, email: line.email, ...problem });
        }
        if (errors.length) throw new RosterRefused(errors);

        const newPeople = new Map<string, { email: string; displayName: string; schoolId: string }>();
        for (const line of parsed.lines) {
          if (!byEmail.has(line.email) && !newPeople.has(line.email))
            newPeople.set(line.email, { email: line.email, displayName: line.name, schoolId: schools.get(line.school.toLowerCase()) as string });
        }
        const created = await this.cohorts.insertUsers(cohort.municipalityId, [...newPeople.values()]);
        const ids = new Map([...people.map((p) => [p.email, p.id] as const), ...created.map((c) => [c.email, c.id] as const)]);
        const enrolled = await this.cohorts.enrol(
          cohort,
          parsed.lines.map((l) => ({ userId: ids.get(l.email) as string, role: l.role as MemberRole })),
          actor.id,
          'roster import',
        );
        await this.audit.record({
          actorId: actor.id,
          municipalityId: cohort.municipalityId,
          action: 'cohort.roster_imported',
          subjectType: 'cohort',
          subjectId: cohort.id,
          ip,
          details: { rows: parsed.lines.length, created: created.length, enrolled: enrolled.length },
        });
        return { createdIds: created.map((c) => c.id) };
      });
    } catch (error) {
      if (error instanceof RosterRefused) return { rowErrors: error.rowErrors };
      // Someone created one of the new people between the check and the insert: nothing was imported.
      if (isUniqueViolation(error, 'app_user_email_key')) return { fileErrorKey: 'cohorts.roster.errors.changedMeanwhile', rowErrors: [] };
      throw error;
    }
  }

  /** The roster page again, with the whole file's problem or every bad row, in the reader's language. */
  private refusedPage(cohort: CohortRecord, refusal: Refusal, language: Language): Record<string, unknown> {
    return {
      ...this.cohortsService.frame(cohort),
      fileError: refusal.fileErrorKey ? translate(language, refusal.fileErrorKey) : undefined,
      rowErrors: refusal.rowErrors.map((e) => ({ row: e.row, email: e.email, reason: translate(language, e.reasonKey, e.vars ?? {}) })),
      hasRowErrors: refusal.rowErrors.length > 0,
    };
  }

  private problemOf(
    actor: Actor,
    line: RosterLine,
    schools: Map<string, string>,
    existing: RosterPerson | undefined,
    cohort: CohortRecord,
    seen: Set<string>,
  ): { reasonKey: string; vars?: Record<string, unknown> } | undefined {
    const municipalityId = cohort.municipalityId;
    if (!line.email || line.email.length > 254 || !isEmail(line.email)) return { reasonKey: 'cohorts.roster.errors.email' };
    if (!line.name || line.name.length > 200) return { reasonKey: 'cohorts.roster.errors.name' };
    if (!line.school) return { reasonKey: 'cohorts.roster.errors.schoolMissing' };
    if (!schools.has(line.school.toLowerCase())) return { reasonKey: 'cohorts.roster.errors.schoolUnknown', vars: { school: line.school } };
    if (!(MEMBER_ROLES as readonly string[]).includes(line.role)) return { reasonKey: 'cohorts.roster.errors.role', vars: { role: line.role } };
    const key = `${line.email} ${line.role as MemberRole}`;
    if (seen.has(key)) return { reasonKey: 'cohorts.roster.errors.duplicate' };
    seen.add(key);
    if (existing && existing.municipalityId !== municipalityId) return { reasonKey: 'cohorts.roster.errors.otherCity' };
    if (existing && !existing.active) return { reasonKey: 'cohorts.roster.errors.inactive' };
    if (line.role === 'mentor' && existing && !this.cohortsService.mayAppoint(actor, cohort, existing.id))
      return { reasonKey: 'cohorts.roster.errors.selfMentor' };
    return undefined;
  }
}
