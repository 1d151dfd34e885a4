import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import type { Actor } from '../auth/actor.js';
import { RTL_LANGUAGES, translate } from '../common/i18n/i18n.js';
import { formatDateTime } from '../common/views/view-engine.js';
import { DEFAULT_TIME_ZONE } from '../common/web/language.middleware.js';
import type { Language } from '../common/i18n/language.js';
import { type Script, type VisualPiece, visualPieces } from './certificate-bidi.js';
import { type CertificateOutcome, ProgressService } from './progress.service.js';

const require = createRequire(import.meta.url);

/** Noto Sans from the @fontsource packages (installed with the app, nothing fetched at run time), one file per script. */
function fontFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`@fontsource/${pkg}/package.json`)), 'files', file);
}

const FONT_FILES: Record<Script, string> = {
  latin: fontFile('noto-sans-hebrew', 'noto-sans-hebrew-latin-400-normal.woff'),
  hebrew: fontFile('noto-sans-hebrew', 'noto-sans-hebrew-hebrew-400-normal.woff'),
  arabic: fontFile('noto-sans-arabic', 'noto-sans-arabic-arabic-400-normal.woff'),
};

/**
 * The Hebrew and Arabic files carry their script's letters and the space but almost no punctuation
 * or digits: everything else is drawn with the Latin file.
 */
function supports(script: Script, ch: string): boolean {
  return (
    script === 'latin' ||
    ch === ' ' ||
    (script === 'hebrew' ? /[\u0590-\u05FF\uFB1D-\uFB4F]/ : /[\u0600-\u06FF\u0750-\u077F\u0870-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/).test(ch)
  );
}

interface CertificateText {
  language: Language;
  teacherName: string;
  programmeTitle: string;
  cityName: string;
  cohortName: string;
  date: Date;
  timeZone: string;
}

/** Invisible direction marks (Intl puts them in Arabic dates): the pieces are already in visual order. */
const BIDI_CONTROLS = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g;

/**
 * A piece as words and gaps in visual order. pdfkit splits a string at spaces in its logical order
 * but places the glyphs fontkit laid out right to left, which scrambles right-to-left text with
 * spaces; so each word is drawn alone (fontkit still lays out and shapes it) and gaps are advanced here.
 */
function visualTokens(piece: VisualPiece): { text: string; gap: boolean }[] {
  const tokens = piece.text
    .split(/( +)/)
    .filter(Boolean)
    .map((text) => ({ text, gap: /^ +$/.test(text) }));
  return piece.script === 'latin' ? tokens : tokens.reverse();
}

/** Draws one line centred on the page (y is its baseline, shared by every font), piece by piece in visual order. */
function centredLine(doc: PDFKit.PDFDocument, line: string, direction: 'ltr' | 'rtl', size: number, y: number): void {
  doc.fontSize(size);
  const tokens = visualPieces(line.replace(BIDI_CONTROLS, ''), direction, supports).flatMap((piece) =>
    visualTokens(piece).map((token) => ({ ...token, font: piece.script, width: doc.font(piece.script).widthOfString(token.text) })),
  );
  let x = (doc.page.width - tokens.reduce((sum, token) => sum + token.width, 0)) / 2;
  for (const token of tokens) {
    if (!token.gap) doc.font(token.font).text(token.text, x, y, { lineBreak: false, baseline: 'alphabetic' });
    x += token.width;
  }
}

/** The certificate as a PDF (A4 landscape), in the teacher's language and its direction. */
export function renderCertificate(text: CertificateText): Promise<Buffer> {
  const direction = RTL_LANGUAGES.has(text.language) ? 'rtl' : 'ltr';
  const t = (key: string, vars: Record<string, unknown> = {}) => translate(text.language, `progress.certificate.${key}`, vars);
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 50, info: { Title: t('title'), Author: translate(text.language, 'app.name') } });
  for (const [script, file] of Object.entries(FONT_FILES)) doc.registerFont(script, file);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc
    .lineWidth(3)
    .strokeColor('#1f5fa8')
    .rect(30, 30, doc.page.width - 60, doc.page.height - 60)
    .stroke();
  doc.fillColor('#1d2330');
  centredLine(doc, t('title'), direction, 34, 130);
  centredLine(doc, t('certifies'), direction, 16, 185);
  centredLine(doc, text.teacherName, direction, 30, 235);
  centredLine(doc, t('completed'), direction, 16, 280);
  centredLine(doc, text.programmeTitle, direction, 22, 320);
  centredLine(doc, t('cityAndCohort', { city: text.cityName, cohort: text.cohortName }), direction, 14, 365);
  centredLine(doc, t('dated', { date: formatDateTime(text.date, text.language, text.timeZone, 'date') }), direction, 14, 430);
  doc.end();
  return done;
}

@Injectable()
export class CertificateService {
  constructor(private readonly progress: ProgressService) {}

  /** The PDF once the teacher has completed the cohort; before that, the page that says what is missing. */
  async forTeacher(
    actor: Actor,
    requestedCohort: string | undefined,
    language: Language,
  ): Promise<{ ok: true; pdf: Buffer } | Extract<CertificateOutcome, { ok: false }>> {
    const outcome = await this.progress.certificateDetails(actor, requestedCohort, language);
    if (!outcome.ok) return outcome;
    const { details } = outcome;
    const pdf = await renderCertificate({
      language,
      teacherName: details.teacherName,
      programmeTitle: details.programmeTitle,
      cohortName: details.cohortName,
      cityName: details.cityName,
      date: details.completedAt ?? new Date(),
      timeZone: details.timeZone ?? DEFAULT_TIME_ZONE,
    });
    return { ok: true, pdf };
  }
}
