/**
 * An e-mail address in the one form the app stores, looks up, throttles and audits. Branded, so a
 * raw string typed into a form cannot reach a lookup or a throttle key without passing through
 * normaliseEmail: two spellings of one address that PostgreSQL would find as one account always
 * share one counter.
 */
export type NormalisedEmail = string & { readonly __normalisedEmail: unique symbol };

/**
 * NFKC (full-width letters, compatibility forms and decomposed accents become their plain
 * composed form), trimmed, lower-cased code point by code point as PostgreSQL's lower() does
 * (the simple mapping: no final sigma, ẞ → ß, and ß stays ß, a letter of its own rather than
 * "ss"), and without the trailing dots of a fully qualified domain. JavaScript lower-cases İ to
 * "i" + U+0307 where PostgreSQL gives "i"; the dot above is folded away, so both agree.
 *
 * The migration that normalised stored addresses defines normalised_email() in SQL, which the
 * table's CHECK uses; a test keeps the two in agreement.
 */
export function normaliseEmail(raw: string): NormalisedEmail {
  const lower = Array.from(raw.normalize('NFKC').trim(), (c) => c.toLowerCase())
    .join('')
    .replace(/i\u0307/g, 'i')
    .normalize('NFKC');
  const at = lower.lastIndexOf('@');
  const normalised = at < 0 ? lower : lower.slice(0, at + 1) + lower.slice(at + 1).replace(/[.\s]+$/u, '');
  return normalised as NormalisedEmail;
}
