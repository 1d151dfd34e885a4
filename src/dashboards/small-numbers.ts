/**
 * Small-numbers protection (issue 14 §6): a figure on a comparison page that rests on fewer than
 * this many teachers is shown as "fewer than 5", never as the number, so that nobody can be singled
 * out through an aggregate.
 */
export const SMALL_NUMBER = 5;

/** A figure as a page shows it: its value, or that it is withheld because too few teachers stand behind it. */
export type ShownFigure = { withheld: true } | { withheld: false; value: number };

const WITHHELD: ShownFigure = { withheld: true };

/** A count of teachers: 0 is shown (it names nobody), 1 to 4 are withheld. */
export function shownCount(n: number): ShownFigure {
  return n > 0 && n < SMALL_NUMBER ? WITHHELD : { withheld: false, value: n };
}

/**
 * A share of teachers, as a whole percentage (rounded to the nearest): withheld when it rests on
 * fewer than 5 teachers (the whole), and when the part is 1 to 4 teachers or all but 1 to 4 of
 * them (either would tell those few apart).
 */
export function shownShare(part: number, whole: number): ShownFigure {
  if (whole < SMALL_NUMBER) return WITHHELD;
  const rest = whole - part;
  if ((part > 0 && part < SMALL_NUMBER) || (rest > 0 && rest < SMALL_NUMBER)) return WITHHELD;
  return { withheld: false, value: Math.round((100 * part) / whole) };
}

/** The median of the values (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
