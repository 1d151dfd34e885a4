import { BadRequestError, NotFoundError } from './errors/app-exceptions.js';
import { isUuid } from './params.js';

/**
 * Optional filters from the query string, the one set every list uses. Absent or empty is no
 * filter; anything else malformed is a 400 (a link that names a record by a malformed id, such as
 * `?cohort=`, may ask for a 404 instead), never a 500.
 */
export function optionalIdFilter(raw: unknown, malformed: 'badRequest' | 'notFound' = 'badRequest'): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!isUuid(raw)) throw malformed === 'notFound' ? new NotFoundError() : new BadRequestError();
  return raw.toLowerCase();
}

/** An optional text filter: a single string of reasonable length, trimmed. */
export function optionalTextFilter(raw: unknown, max = 200): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.length > max) throw new BadRequestError();
  return raw.trim() || undefined;
}

/** An optional calendar day as YYYY-MM-DD (what <input type="date"> sends), a real one: not 2026-02-30. */
export function optionalDayFilter(raw: unknown): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) throw new BadRequestError();
  const day = new Date(`${raw}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== raw) throw new BadRequestError();
  return raw;
}

/** An optional choice from a fixed list. */
export function optionalChoiceFilter<T extends string>(raw: unknown, choices: readonly T[]): T | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !(choices as readonly string[]).includes(raw)) throw new BadRequestError();
  return raw as T;
}
