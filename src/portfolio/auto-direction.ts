/** Hebrew or Arabic letters (and their presentation forms): text that reads right to left. */
const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;
const LTR_LETTER = /[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]/;

/**
 * Sanitised Markdown HTML with each block (paragraph, list item, heading, quotation, cell) taking
 * its own direction from its text (`dir="auto"`): a Hebrew paragraph beside an English one reads
 * right to left, the English one left to right. Only tags the sanitiser emitted bare are touched.
 */
export function withAutoDirection(html: string): string {
  return html.replace(/<(p|li|h[2-6]|blockquote|td|th)>/g, '<$1 dir="auto">');
}

/** The direction of a text by its first strong letter (what `dir="auto"` does), for an export's whole document or section. */
export function textDirection(text: string): 'rtl' | 'ltr' {
  for (const ch of text) {
    if (RTL_LETTER.test(ch)) return 'rtl';
    if (LTR_LETTER.test(ch)) return 'ltr';
  }
  return 'ltr';
}
