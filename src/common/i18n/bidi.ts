import { RTL_LANGUAGES } from './i18n.js';
import type { Language } from './language.js';

/**
 * Text set apart from the sentence around it (FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE): its
 * direction is its own first strong letter's, and it neither takes nor moves the punctuation,
 * digits and arrows beside it. What `<bdi>` does in markup, for text that is not markup (a value
 * filled into a translated sentence, a document title).
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

export function directionOf(language: Language): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
}
