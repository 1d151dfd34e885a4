import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import type { Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { isUniqueViolation } from '../database/sql.js';
import { MEMBER_ROLES, type MemberRole } from './cohort-member.types.js';
import { CohortsRepository } from './cohorts.repository.js';
import { CohortsService } from './cohorts.service.js';
import { parseRoster, type RosterLine } from './roster-csv.js';

export interface RosterRowError {
  row: number;
  email: string;
  reasonKey: string;
  vars?: Record<string, unknown>;
}

export type RosterOutcome =
  { ok: true; created: number; enrolled: number; alreadyEnrolled: number } | { ok: false; fileErrorKey?: string; rowErrors: RosterRowError[] };

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
    private readonly cohorts: CohortsRepository,
    private readonly cohortsService: CohortsService,
    private readonly audit: AuditService,
  ) {}

  async import(actor: Actor, cohortId: string, file: Buffer, ip: string | undefined): Promise<RosterOutcome> {
    const cohort = await this.cohortsService.cohortFor(actor, cohortId);
    const parsed = parseRoster(file);
    if (!parsed.ok) return { ok: false, fileErrorKey: parsed.fileErrorKey, rowErrors: [] };
    const schools = await this.cohorts.findSchoolIdsByName(cohort.municipalityId);
    try {
      return await this.cohorts.transaction(async (m) => {
        const people = await this.cohorts.findUsersByEmail(m, [...new Set(parsed.lines.map((l) => l.email))]);
        const byEmail = new Map(people.map((p) => [p.email, p]));
        const errors: RosterRowError[] = [];
        const seen = new Set<string>();
        for (const line of parsed.lines) {
          const problem = this.problemOf(line, schools, byEmail.get(line.email), cohort.municipalityId, seen);
          if (problem) errors.push({ row: line.row, email: line.email, ...problem });
        }
        if (errors.length) throw new RosterRefused(errors);

        const newPeople = new Map<string, { email: string; displayName: string; schoolId: string }>();
        for (const line of parsed.lines) {
          if (!byEmail.has(line.email) && !newPeople.has(line.email))
            newPeople.set(line.email, { email: line.email, displayName: line.name, schoolId: schools.get(line.school.toLowerCase()) as string });
        }
        const created = await this.cohorts.insertUsers(m, cohort.municipalityId, [...newPeople.values()]);
        const ids = new Map([...people.map((p) => [p.email, p.id] as const), ...created.map((c) => [c.email, c.id] as const)]);
        let enrolled = 0;
        for (const role of MEMBER_ROLES) {
          const userIds = parsed.lines.filter((l) => l.role === role).map((l) => ids.get(l.email) as string);
          enrolled += (await this.cohorts.enrol(m, cohort, userIds, role, actor.id, 'roster import')).length;
        }
        await this.audit.record(
          {
            actorId: actor.id,
            municipalityId: cohort.municipalityId,
            action: 'cohort.roster_imported',
            subjectType: 'cohort',
            subjectId: cohortId,
            ip,
            details: { rows: parsed.lines.length, created: created.length, enrolled },
          },
          m,
        );
        return { ok: true as const, created: created.length, enrolled, alreadyEnrolled: parsed.lines.length - enrolled };
      });
    } catch (error) {
      if (error instanceof RosterRefused) return { ok: false, rowErrors: error.rowErrors };
      // Someone created one of the new people between the check and the insert: nothing was imported.
      if (isUniqueViolation(error, 'app_user_email_key')) return { ok: false, fileErrorKey: 'cohorts.roster.errors.changedMeanwhile', rowErrors: [] };
      throw error;
    }
  }

  private problemOf(
    line: RosterLine,
    schools: Map<string, string>,
    existing: { municipalityId: string | null; active: boolean } | undefined,
    municipalityId: string,
    seen: Set<string>,
  ): { reasonKey: string; vars?: Record<string, unknown> } | undefined {
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
    return undefined;
  }
}
