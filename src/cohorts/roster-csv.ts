import { CsvError, parse } from 'csv-parse/sync';
import { normaliseEmail } from '../common/email-address.js';

export const ROSTER_MAX_BYTES = 1024 * 1024;
export const ROSTER_MAX_ROWS = 5000;
const REQUIRED_COLUMNS = ['email', 'name', 'school'] as const;
const KNOWN_COLUMNS = new Set<string>([...REQUIRED_COLUMNS, 'role']);

export interface RosterLine {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  email: string;
  name: string;
  school: string;
  role: string;
}

export type ParsedRoster = { ok: true; lines: RosterLine[] } | { ok: false; fileErrorKey: string };

/**
 * Reads a roster file: UTF-8 (a byte-order mark is fine), a header row naming email, name, school
 * and optionally role, in any order. Only the file's shape is checked here; the rows are checked
 * against the city by the import.
 */
export function parseRoster(file: Buffer): ParsedRoster {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    return { ok: false, fileErrorKey: 'cohorts.roster.errors.encoding' };
  }
  if (text.includes('\u0000')) return { ok: false, fileErrorKey: 'cohorts.roster.errors.notText' };
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, fileErrorKey: 'cohorts.roster.errors.malformed' };
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) return { ok: false, fileErrorKey: 'cohorts.roster.errors.empty' };
  const columns = header.map((h) => h.trim().toLowerCase());
  if (REQUIRED_COLUMNS.some((c) => !columns.includes(c)) || columns.some((c) => !KNOWN_COLUMNS.has(c)) || new Set(columns).size !== columns.length) {
    return { ok: false, fileErrorKey: 'cohorts.roster.errors.header' };
  }
  if (rows.length === 0) return { ok: false, fileErrorKey: 'cohorts.roster.errors.noRows' };
  if (rows.length > ROSTER_MAX_ROWS) return { ok: false, fileErrorKey: 'cohorts.roster.errors.tooManyRows' };
  const at = (cells: string[], column: string) => (cells[columns.indexOf(column)] ?? '').trim();
  return {
    ok: true,
    lines: rows.map((cells, index) => ({
      row: index + 2,
      email: normaliseEmail(at(cells, 'email')),
      name: at(cells, 'name'),
      school: at(cells, 'school'),
      role: columns.includes('role') ? at(cells, 'role').toLowerCase() || 'teacher' : 'teacher',
    })),
  };
}
