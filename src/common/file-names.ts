import type { Response } from 'express';
/**
 * What can make a file's name read other than it is, or break the header it is sent in: control
 * characters, invisible formatting characters (bidi embeddings, overrides and isolates such as
 * U+202E, which shows `invoice\u202Efdp.exe` as "invoiceexe.pdf"; zero-width characters; the BOM;
 * the Arabic letter mark), line and paragraph separators, lone surrogates, and the double quote.
 */
const UNSEEN_OR_UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}"]/gu;

const MAX_LENGTH = 200;

/**
 * The one cleaning of an uploaded file's name, for every upload, when it is received and again
 * wherever a stored name is shown or sent (names stored before this cleaning existed): the last
 * path segment only, in NFC, without unseen or unsafe characters, at most 200 characters (its
 * end, which holds the extension).
 */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = Array.from(base.normalize('NFC').replace(UNSEEN_OR_UNSAFE, '').trim()).slice(-MAX_LENGTH).join('').trim();
  return cleaned || 'file';
}

/**
 * `Content-Disposition` for a download named in any script: an ASCII `filename` for old clients
 * (letters outside ASCII become '_') and the real name as RFC 5987 `filename*`.
 */
export function attachmentHeader(fileName: string): string {
  const safe = safeFileName(fileName.replace(/[\\/]/g, '-'));
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/[\\;%]/g, '_');
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Sends a CSV made by `toCsv` as a download named `fileName` (the one way a page's table is downloaded). */
export function sendCsv(res: Response, csv: { fileName: string; body: string }): void {
  res.type('text/csv; charset=utf-8').set('Content-Disposition', attachmentHeader(csv.fileName)).send(csv.body);
}
