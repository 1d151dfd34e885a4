import { BadRequestError } from '../common/errors/app-exceptions.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An optional id filter from the query string: absent or empty is no filter, anything else not an id is a 400. */
export function optionalIdFilter(raw: unknown): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !UUID.test(raw)) throw new BadRequestError();
  return raw.toLowerCase();
}

/** An optional text filter: a single string of reasonable length, trimmed. */
export function optionalTextFilter(raw: unknown, max = 200): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.length > max) throw new BadRequestError();
  return raw.trim() || undefined;
}

/** An optional choice from a fixed list. */
export function optionalChoiceFilter<T extends string>(raw: unknown, choices: readonly T[]): T | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !(choices as readonly string[]).includes(raw)) throw new BadRequestError();
  return raw as T;
}
