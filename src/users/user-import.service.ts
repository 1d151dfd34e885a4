import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { CsvError, parse } from 'csv-parse/sync';
import { isUniqueViolation, Sql } from '../database/sql.js';
import type { Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { normaliseEmail } from '../common/email-address.js';
import { ForbiddenError, FormValidationException } from '../common/errors/app-exceptions.js';
import { MunicipalityChoice } from '../municipalities/municipality-choice.js';
import { PeopleRepository } from './people.repository.js';
import { isLanguage } from '../common/i18n/i18n.js';
import type { Language } from '../common/i18n/language.js';
import { mayActOnUsers } from './users.policy.js';

export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
/** As many people as a roster import takes: one request stays one reasonable transaction. */
export const IMPORT_MAX_ROWS = 5000;
const REQUIRED_COLUMNS = ['email', 'name', 'school'] as const;
const KNOWN_COLUMNS = new Set<string>([...REQUIRED_COLUMNS, 'language']);

export interface ImportRowError {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  email: string;
  problemKey: string;
}

export type ImportOutcome = { ok: true; created: number; updated: number; createdIds: string[] } | { ok: false; fileErrorKey?: string; rowErrors: ImportRowError[] };

interface ValidRow {
  email: string;
  displayName: string;
  schoolId: string | null;
  preferredLanguage: Language | null;
}

function decodeUtf8(buffer: Buffer): string | undefined {
  try {
    // TextDecoder drops a leading byte-order mark, as spreadsheet programs often write one.
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return undefined;
  }
}

/**
 * Imports people from a CSV file (email,name,school[,language], with a header row) into one
 * municipality: every row is checked first, and one bad row means nothing is imported and every
 * problem is reported by row. Otherwise all rows land in one transaction: new e-mails become new
 * people, e-mails already in the city have their name and school updated.
 */
@Injectable()
export class UserImportService {
  constructor(
    private readonly sql: Sql,
    private readonly people: PeopleRepository,
    private readonly choice: MunicipalityChoice,
    private readonly audit: AuditService,
  ) {}

  async import(actor: Actor, file: Buffer | undefined, pickedMunicipality: string | undefined, ip: string | undefined, lang: Language): Promise<ImportOutcome> {
    if (!mayActOnUsers(actor, 'import')) throw new ForbiddenError();
    if (!file) throw FormValidationException.field('file', 'users.import.errors.noFile');
    const municipalityId = await this.choice.resolve(actor, pickedMunicipality, lang);
    if (!mayActOnUsers(actor, 'import', undefined, municipalityId)) throw FormValidationException.field('municipality', 'validation.choice');
    const text = decodeUtf8(file);
    if (text === undefined) return { ok: false, fileErrorKey: 'users.import.errors.encoding', rowErrors: [] };
    if (text.includes('\u0000')) return { ok: false, fileErrorKey: 'users.import.errors.notText', rowErrors: [] };
    let records: string[][];
    try {
      records = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
    } catch (error) {
      if (error instanceof CsvError) return { ok: false, fileErrorKey: 'users.import.errors.malformed', rowErrors: [] };
      throw error;
    }
    const [header, ...rows] = records;
    if (!header) return { ok: false, fileErrorKey: 'users.import.errors.empty', rowErrors: [] };
    const columns = header.map((h) => h.toLowerCase());
    if (REQUIRED_COLUMNS.some((c) => !columns.includes(c)) || columns.some((c) => !KNOWN_COLUMNS.has(c)) || new Set(columns).size !== columns.length) {
      return { ok: false, fileErrorKey: 'users.import.errors.header', rowErrors: [] };
    }
    if (rows.length === 0) return { ok: false, fileErrorKey: 'users.import.errors.noRows', rowErrors: [] };
    if (rows.length > IMPORT_MAX_ROWS) return { ok: false, fileErrorKey: 'users.import.errors.tooManyRows', rowErrors: [] };

    const checked = await this.check(rows, columns, municipalityId);
    if (checked.errors.length > 0) return { ok: false, rowErrors: checked.errors };

    const existing = new Set(checked.existingInCity);
    const toCreate = checked.valid.filter((r) => !existing.has(r.email));
    const toUpdate = checked.valid.filter((r) => existing.has(r.email));
    try {
      return await this.sql.transaction(async () => {
        const createdIds = await this.people.insertMany(municipalityId, toCreate);
        const created = createdIds.length;
        const updated = await this.people.updateManyByEmail(municipalityId, toUpdate);
        await this.audit.record({
          actorId: actor.id,
          municipalityId,
          action: 'users.imported',
          subjectType: 'municipality',
          subjectId: municipalityId,
          ip,
          details: { rows: checked.valid.length, created, updated },
        });
        return { ok: true as const, created, updated, createdIds };
      });
    } catch (error) {
      // Someone added one of these e-mails between the check and the insert: nothing was imported.
      if (isUniqueViolation(error, 'app_user_email_key')) return { ok: false, fileErrorKey: 'users.import.errors.changedMeanwhile', rowErrors: [] };
      throw error;
    }
  }

  private async check(rows: string[][], columns: string[], municipalityId: string) {
    const at = (row: string[], column: string) => {
      const index = columns.indexOf(column);
      return index >= 0 ? (row[index] ?? '').trim() : '';
    };
    const emails: string[] = rows.map((row) => normaliseEmail(at(row, 'email')));
    const [schools, knownEmails] = await Promise.all([
      this.people.activeSchoolsByName(municipalityId),
      this.people.findKnownEmails(emails.filter((e) => e && e.length <= 254)),
    ]);
    const known = new Map(knownEmails.map((k) => [k.email, k]));
    const errors: ImportRowError[] = [];
    const valid: ValidRow[] = [];
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      const email = emails[index];
      const name = at(row, 'name');
      const school = at(row, 'school');
      const language = at(row, 'language').toLowerCase();
      const problems: string[] = [];
      if (!email) problems.push('users.import.problems.emailMissing');
      else if (email.length > 254 || !isEmail(email)) problems.push('users.import.problems.emailInvalid');
      else if (seen.has(email)) problems.push('users.import.problems.emailRepeated');
      else {
        const person = known.get(email);
        if (person && (person.municipalityId !== municipalityId || person.isNetworkAdmin)) problems.push('users.import.problems.emailElsewhere');
      }
      if (email) seen.add(email);
      if (!name) problems.push('users.import.problems.nameMissing');
      else if (name.length > 200) problems.push('users.import.problems.nameTooLong');
      const schoolId = school ? schools.get(school.toLowerCase()) : undefined;
      if (school && !schoolId) problems.push('users.import.problems.schoolUnknown');
      if (language && !isLanguage(language)) problems.push('users.import.problems.languageUnknown');
      const rowNumber = index + 2;
      if (problems.length > 0) {
        for (const problemKey of problems) errors.push({ row: rowNumber, email: email.slice(0, 254), problemKey });
        return;
      }
      valid.push({ email, displayName: name, schoolId: schoolId ?? null, preferredLanguage: language ? (language as Language) : null });
    });
    const existingInCity = [...known.values()].filter((k) => k.municipalityId === municipalityId && !k.isNetworkAdmin).map((k) => k.email);
    return { errors, valid, existingInCity };
  }
}
