import { Inject, Injectable } from '@nestjs/common';
import { ZipArchive } from 'archiver';
import type { Response } from 'express';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { safeFileName } from '../common/file-names.js';
import { translate } from '../common/i18n/i18n.js';
import type { Language } from '../common/i18n/language.js';
import { renderMarkdown } from '../common/markdown.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { type ExportGoal, GoalsRepository } from '../goals/goals.repository.js';
import { SubmissionFileStore } from '../progress/submission-files.js';
import { textDirection, withAutoDirection } from './auto-direction.js';
import { type ExportEntry, PortfolioRepository } from './portfolio.repository.js';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** A name for a file inside the archive: numbered (so two entries with one title never collide), no path, no control characters. */
function archiveName(index: number, title: string, extension: string): string {
  const base = safeFileName(title).replace(/[\\/:*?"<>|]/g, '_').slice(0, 60) || 'entry';
  return `${String(index + 1).padStart(3, '0')}-${base}${extension}`;
}

/** The printable page: every entry and goal, each section in its own direction, every paragraph `dir="auto"`. */
function printableHtml(name: string, entries: ExportEntry[], goals: ExportGoal[], lang: Language): string {
  const t = (key: string, vars: Record<string, unknown> = {}) => escapeHtml(translate(lang, key, vars));
  const dir = (text: string) => `dir="${textDirection(text)}"`;
  const entryHtml = entries
    .map(
      (e) => `<article ${dir(e.bodyMd || e.title)}>
  <h2 dir="auto">${escapeHtml(e.title)}</h2>
  <p class="meta">${t(`portfolio.visibility.${e.visibility}`)} · ${e.publishedAt ? t('portfolio.state.published') : t('portfolio.state.draft')}${e.moduleTitle ? ` · <bdi>${escapeHtml(e.moduleTitle)}</bdi>` : ''}</p>
  <div class="body">${withAutoDirection(renderMarkdown(e.bodyMd))}</div>
  ${e.files.length ? `<ul>${e.files.map((f) => `<li dir="auto">${escapeHtml(safeFileName(f.fileName))}</li>`).join('')}</ul>` : ''}
</article>`,
    )
    .join('\n');
  const goalHtml = goals
    .map(
      (g) => `<article ${dir(g.what)}>
  <h3 dir="auto">${escapeHtml(g.what)}</h3>
  <p class="meta">${t(`goals.frame.${g.frame}`)} · ${t(`goals.status.${g.status}`)}${g.targetOn ? ` · ${escapeHtml(g.targetOn)}` : ''}</p>
  ${g.why ? `<p dir="auto">${escapeHtml(g.why)}</p>` : ''}
  ${g.evidence ? `<p dir="auto">${escapeHtml(g.evidence)}</p>` : ''}
  <ul>${g.checkIns.map((c) => `<li dir="auto"><bdi>${escapeHtml(c.day)}</bdi> (${c.rating}/5): ${escapeHtml(c.note)}</li>`).join('')}</ul>
</article>`,
    )
    .join('\n');
  const pageDir = lang === 'he' || lang === 'ar' ? 'rtl' : 'ltr';
  return `<!doctype html>
<html lang="${lang}" dir="${pageDir}">
<head><meta charset="utf-8"><title>${t('portfolio.export.title', { name })}</title>
<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.5}article{border-block-end:1px solid #ccc;padding-block:1rem;break-inside:avoid}.meta{color:#444}</style>
</head>
<body>
<h1 dir="auto">${t('portfolio.export.title', { name })}</h1>
<h2>${t('portfolio.export.entries')}</h2>
${entryHtml || `<p>${t('portfolio.list.empty')}</p>`}
<h2>${t('portfolio.export.goals')}</h2>
${goalHtml || `<p>${t('goals.list.empty')}</p>`}
</body>
</html>
`;
}

function entryMarkdown(e: ExportEntry): string {
  return `# ${e.title}\n\n${e.bodyMd}\n`;
}

/**
 * The teacher's whole portfolio and goals as a ZIP, streamed as it is built (archiver): a printable
 * HTML, each entry as Markdown, the evidence files, and the data as JSON. Only the person's own
 * work (SPEC §4: teachers can download all their own data); the export is audited.
 */
@Injectable()
export class PortfolioExportService {
  private readonly files: SubmissionFileStore;

  constructor(
    private readonly portfolio: PortfolioRepository,
    private readonly goals: GoalsRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.files = new SubmissionFileStore(config.dataDir);
  }

  async stream(actor: Actor, lang: Language, ip: string | null, res: Response): Promise<void> {
    const [entries, goals] = await Promise.all([this.portfolio.exportEntries(actor.id, lang), this.goals.exportGoals(actor.id)]);
    await this.audit.record({
      actorId: actor.id,
      municipalityId: actor.municipalityId,
      action: 'portfolio.exported',
      subjectType: 'user',
      subjectId: actor.id,
      ip,
      details: { entries: entries.length, goals: goals.length },
    });
    res.attachment('portfolio.zip');
    res.type('application/zip');
    const zip = new ZipArchive({ zlib: { level: 6 } });
    const done = new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      res.on('close', resolve);
    });
    zip.pipe(res);
    zip.append(printableHtml(actor.displayName, entries, goals, lang), { name: 'portfolio.html' });
    const data = {
      exportedAt: new Date().toISOString(),
      person: { name: actor.displayName, email: actor.email },
      entries: entries.map((e, i) => ({
        ...e,
        markdownFile: `entries/${archiveName(i, e.title, '.md')}`,
        files: e.files.map((f) => ({ fileName: f.fileName, fileType: f.fileType, fileSize: f.fileSize, path: `files/${f.id}/${safeFileName(f.fileName)}` })),
      })),
      goals,
    };
    entries.forEach((e, i) => zip.append(entryMarkdown(e), { name: `entries/${archiveName(i, e.title, '.md')}` }));
    for (const e of entries)
      for (const f of e.files) if (await this.files.exists(f.fileKey)) zip.file(this.files.path(f.fileKey), { name: `files/${f.id}/${safeFileName(f.fileName)}` });
    zip.append(JSON.stringify(data, null, 2), { name: 'data.json' });
    await zip.finalize();
    await done;
  }
}
