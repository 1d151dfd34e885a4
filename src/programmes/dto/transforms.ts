import { Transform } from 'class-transformer';

/** A whole number typed in a form; blank is "missing", anything else not a number fails @IsInt. */
export const ToInteger = () =>
  Transform(({ value }) => {
    if (value === undefined || value === null || value === '') return undefined;
    return typeof value === 'string' && /^\s*-?\d{1,9}\s*$/.test(value) ? Number(value) : Number.NaN;
  });

/** A multi-select sends nothing, one string or an array: always an array here. */
export const ToArray = () => Transform(({ value }) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]));

/** Text inputs trimmed, so a title of spaces is a missing title. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
