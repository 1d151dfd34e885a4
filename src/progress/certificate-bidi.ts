/**
 * Just enough of the Unicode bidirectional algorithm for one line of certificate text, since
 * pdfkit draws glyphs in the order it is given. A line is cut into runs by direction (neutrals
 * such as spaces and punctuation take the direction of the strong letters around them, or the
 * line's own direction between two different ones), then into pieces by script so that each piece
 * is drawn with a font that has its glyphs. The pieces come back in visual order, left to right.
 *
 * Hebrew and Arabic pieces are handed over in logical order: fontkit (pdfkit's font engine)
 * shapes Arabic and lays out a piece of a right-to-left script right to left by itself. Pieces of
 * neutral characters inside a right-to-left run are reversed and mirrored here, since fontkit
 * sees no script in them.
 */
export type Script = 'hebrew' | 'arabic' | 'latin';
export type Direction = 'ltr' | 'rtl';

export interface VisualPiece {
  text: string;
  script: Script;
}

const HEBREW = /[\u0590-\u05FF\uFB1D-\uFB4F]/;
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u0870-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const LTR_STRONG = /[\p{L}\p{N}]/u;
const MIRRORED: Record<string, string> = { '(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<', '«': '»', '»': '«' };

type Strength = 'R' | 'L' | 'N';

function strength(ch: string): Strength {
  if (HEBREW.test(ch) || ARABIC.test(ch)) return 'R';
  if (LTR_STRONG.test(ch)) return 'L';
  return 'N';
}

function scriptOf(ch: string): Script | null {
  if (HEBREW.test(ch)) return 'hebrew';
  if (ARABIC.test(ch)) return 'arabic';
  return strength(ch) === 'L' ? 'latin' : null;
}

/** Each character's resolved direction, neutrals included. */
function resolveDirections(chars: string[], base: Direction): Direction[] {
  const strengths = chars.map(strength);
  const baseStrength: Strength = base === 'rtl' ? 'R' : 'L';
  return strengths.map((s, i) => {
    if (s !== 'N') return s === 'R' ? 'rtl' : 'ltr';
    let before: Strength = baseStrength;
    for (let j = i - 1; j >= 0; j--)
      if (strengths[j] !== 'N') {
        before = strengths[j];
        break;
      }
    let after: Strength = baseStrength;
    for (let j = i + 1; j < strengths.length; j++)
      if (strengths[j] !== 'N') {
        after = strengths[j];
        break;
      }
    const resolved = before === after ? before : baseStrength;
    return resolved === 'R' ? 'rtl' : 'ltr';
  });
}

/** Consecutive items with the same key, in order. */
function groupBy<T, K>(items: T[], key: (item: T) => K): { key: K; items: T[] }[] {
  const groups: { key: K; items: T[] }[] = [];
  for (const item of items) {
    const k = key(item);
    const last = groups.at(-1);
    if (last && last.key === k) last.items.push(item);
    else groups.push({ key: k, items: [item] });
  }
  return groups;
}

/** Pieces by script within one direction run; a neutral joins the script before it (or after, at the start). */
function piecesOf(chars: string[]): VisualPiece[] {
  const scripts = chars.map(scriptOf);
  let previous: Script | null = null;
  const assigned = scripts.map((s) => (s ? (previous = s) : previous));
  const firstKnown = assigned.find((s) => s !== null) ?? 'latin';
  const withScripts = chars.map((ch, i) => ({ ch, script: assigned[i] ?? firstKnown }));
  return groupBy(withScripts, (c) => c.script).map((g) => ({ script: g.key, text: g.items.map((c) => c.ch).join('') }));
}

/** Splits a piece whose script cannot carry some of its neutral characters (the Hebrew and Arabic fonts lack most punctuation). */
function splitUnsupported(piece: VisualPiece, supports: (script: Script, ch: string) => boolean): VisualPiece[] {
  const tagged = [...piece.text].map((ch) => ({ ch, script: supports(piece.script, ch) ? piece.script : ('latin' as Script) }));
  return groupBy(tagged, (c) => c.script).map((g) => ({ script: g.key, text: g.items.map((c) => c.ch).join('') }));
}

function reverseNeutrals(text: string): string {
  return [...text]
    .reverse()
    .map((ch) => MIRRORED[ch] ?? ch)
    .join('');
}

/**
 * The line as pieces in visual order (left to right). `supports` says whether a script's font has
 * a glyph for a character; pieces are split where it does not.
 */
export function visualPieces(line: string, base: Direction, supports: (script: Script, ch: string) => boolean = () => true): VisualPiece[] {
  const chars = [...line];
  if (chars.length === 0) return [];
  const directions = resolveDirections(chars, base);
  const runs = groupBy(
    chars.map((ch, i) => ({ ch, dir: directions[i] })),
    (c) => c.dir,
  ).map((run) => ({ dir: run.key, chars: run.items.map((c) => c.ch) }));
  const ordered = base === 'rtl' ? [...runs].reverse() : runs;
  const pieces: VisualPiece[] = [];
  for (const run of ordered) {
    const runPieces = piecesOf(run.chars).flatMap((p) => splitUnsupported(p, supports));
    if (run.dir === 'ltr') {
      pieces.push(...runPieces);
    } else {
      for (const piece of [...runPieces].reverse()) {
        pieces.push(piece.script === 'latin' && ![...piece.text].some((ch) => strength(ch) !== 'N') ? { ...piece, text: reverseNeutrals(piece.text) } : piece);
      }
    }
  }
  return pieces;
}
