import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { FormValidationException, NotFoundError } from '../common/errors/app-exceptions.js';
import type { Language } from '../common/i18n/language.js';
import { renderMarkdown } from '../common/markdown.js';
import { withAutoDirection } from './auto-direction.js';
import { pageRequest, pageView } from '../common/pagination.js';
import { optionalChoiceFilter, optionalIdFilter, optionalTextFilter } from '../common/query-filters.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Sql } from '../database/sql.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { checkSubmissionFile, SubmissionFileStore, type UploadedSubmissionFile } from '../progress/submission-files.js';
import type { EntryDto, FeedbackDto } from './dto/portfolio.dto.js';
import { type AuthorReaders, canPortfolio, type PortfolioAction, type PortfolioFacts, readersStatement, VISIBILITIES } from './portfolio.policy.js';
import { type EntryFields, type EntryRow, type FeedbackRow, PortfolioRepository, prefixQuery } from './portfolio.repository.js';

const STATES = ['draft', 'published'] as const;

/** The radio choices of the form, each saying who would read the entry (SPEC §4: the author sees it as they choose). */
function visibilityChoices(readers: AuthorReaders, chosen: string | undefined) {
  return VISIBILITIES.map((v) => ({
    value: v,
    labelKey: `portfolio.visibility.${v}`,
    readers: readersStatement('entry', { visibility: v, published: true, isAuthor: true }, readers),
    checked: (chosen ?? 'private') === v,
  }));
}

/** Feedback as a thread: each first message with every answer under it, in order. */
function threads(rows: FeedbackRow[], viewerId: string) {
  const rootOf = new Map<string, string>();
  const roots: (FeedbackRow & { mine: boolean; replies: (FeedbackRow & { mine: boolean })[] })[] = [];
  for (const row of rows) {
    const root = row.parentId ? (rootOf.get(row.parentId) ?? row.parentId) : row.id;
    rootOf.set(row.id, root);
    const item = { ...row, mine: row.authorId === viewerId };
    if (root === row.id) roots.push({ ...item, replies: [] });
    else roots.find((r) => r.id === root)?.replies.push(item);
  }
  return roots;
}

@Injectable()
export class PortfolioService {
  private readonly files: SubmissionFileStore;

  constructor(
    private readonly sql: Sql,
    private readonly portfolio: PortfolioRepository,
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.files = new SubmissionFileStore(config.dataDir);
  }

  /** The entry, when the actor may do `action` to it; otherwise a 404 that says nothing about whether it exists. */
  private async entryFor(actor: Actor, id: string, action: PortfolioAction, language: Language): Promise<EntryRow> {
    const entry = await this.portfolio.findForViewer(id, actor.id, language);
    if (!entry || !canPortfolio(actor, action, this.facts(entry))) throw new NotFoundError();
    return entry;
  }

  private facts(entry: Pick<EntryRow, 'authorId' | 'visibility' | 'publishedAt' | 'viewerIsMentor' | 'viewerIsCohortMate'>): PortfolioFacts {
    return {
      authorId: entry.authorId,
      visibility: entry.visibility,
      published: entry.publishedAt !== null,
      viewerIsMentor: entry.viewerIsMentor,
      viewerIsCohortMate: entry.viewerIsCohortMate,
    };
  }

  async list(actor: Actor, query: Record<string, unknown>, language: Language) {
    const request = pageRequest(query.page, 25);
    const search = optionalTextFilter(query.q);
    const filters = {
      moduleId: optionalIdFilter(query.module) ?? null,
      goalId: optionalIdFilter(query.goal) ?? null,
      visibility: optionalChoiceFilter(query.visibility, VISIBILITIES) ?? null,
      state: optionalChoiceFilter(query.state, STATES) ?? null,
      query: prefixQuery(search),
    };
    const [{ items, total }, readers, modules, goals] = await Promise.all([
      this.portfolio.listOwn(actor.id, filters, request, language),
      this.portfolio.readers(actor.id),
      this.portfolio.moduleOptions(actor.id, language),
      this.portfolio.goalOptions(actor.id),
    ]);
    const filtered = Boolean(search || filters.moduleId || filters.goalId || filters.visibility || filters.state);
    const rows = items.map((e) => ({
      ...e,
      draft: e.publishedAt === null,
      readers: readersStatement('entry', { visibility: e.visibility, published: e.publishedAt !== null, isAuthor: true }, readers),
    }));
    const queryParams = {
      q: search,
      module: filters.moduleId ?? undefined,
      goal: filters.goalId ?? undefined,
      visibility: filters.visibility ?? undefined,
      state: filters.state ?? undefined,
    };
    return {
      items: rows,
      page: pageView(rows, total, request, '/portfolio', queryParams),
      isEmpty: total === 0,
      filtered,
      filters: { ...queryParams },
      moduleOptions: modules.map((m) => ({ ...m, selected: m.id === filters.moduleId })),
      goalOptions: goals.map((g) => ({ ...g, selected: g.id === filters.goalId })),
      visibilityOptions: VISIBILITIES.map((v) => ({ value: v, labelKey: `portfolio.visibility.${v}`, selected: v === filters.visibility })),
      stateOptions: STATES.map((s) => ({ value: s, labelKey: `portfolio.state.${s}`, selected: s === filters.state })),
    };
  }

  /** What the entry form needs besides what was typed: links to choose and who would read it. */
  async formModel(actor: Actor, language: Language, values: Record<string, unknown>, entryId?: string) {
    const [readers, modules, goals] = await Promise.all([
      this.portfolio.readers(actor.id),
      this.portfolio.moduleOptions(actor.id, language),
      this.portfolio.goalOptions(actor.id),
    ]);
    const entry = entryId ? await this.entryFor(actor, entryId, 'editEntry', language) : undefined;
    return {
      isNew: !entry,
      entry,
      action: entry ? `/portfolio/${entry.id}/edit` : '/portfolio',
      published: entry ? entry.publishedAt !== null : false,
      visibilityChoices: visibilityChoices(readers, typeof values.visibility === 'string' ? values.visibility : undefined),
      moduleOptions: modules.map((m) => ({ ...m, selected: m.id === values.module })),
      goalOptions: goals.map((g) => ({ ...g, selected: g.id === values.goal })),
    };
  }

  async newForm(actor: Actor, rawModule: unknown, rawGoal: unknown, language: Language) {
    const values = { visibility: 'private', module: optionalIdFilter(rawModule) ?? '', goal: optionalIdFilter(rawGoal) ?? '', title: '', body: '' };
    return { ...(await this.formModel(actor, language, values)), values };
  }

  async editForm(actor: Actor, id: string, language: Language) {
    const entry = await this.entryFor(actor, id, 'editEntry', language);
    const values = { title: entry.title, body: entry.bodyMd, visibility: entry.visibility, module: entry.moduleId ?? '', goal: entry.goalId ?? '' };
    return { ...(await this.formModel(actor, language, values, id)), values, files: await this.portfolio.filesOf(id) };
  }

  /** Checks what was sent against what the author may link to; the file by its content. Nothing is stored before this passes. */
  private async checkedFields(actor: Actor, dto: EntryDto, file: UploadedSubmissionFile | undefined, language: Language): Promise<EntryFields> {
    if (file) {
      const problem = checkSubmissionFile(file);
      if (problem) throw FormValidationException.field('file', `progress.errors.${problem}`);
    }
    const [modules, goals] = await Promise.all([this.portfolio.moduleOptions(actor.id, language), this.portfolio.goalOptions(actor.id)]);
    if (dto.module && !modules.some((m) => m.id === dto.module)) throw FormValidationException.field('module', 'portfolio.errors.module');
    if (dto.goal && !goals.some((g) => g.id === dto.goal)) throw FormValidationException.field('goal', 'portfolio.errors.goal');
    return {
      title: dto.title,
      bodyMd: dto.body ?? '',
      visibility: dto.visibility,
      moduleId: dto.module ?? null,
      goalId: dto.goal ?? null,
      publish: dto.intent !== 'draft',
    };
  }

  /** Saves the entry and its file together: a file whose row fails to land is removed again. */
  private async withFile<T>(file: UploadedSubmissionFile | undefined, write: (stored?: { key: string; name: string; type: string; size: number }) => Promise<T>) {
    const stored = file ? await this.files.save(file) : undefined;
    try {
      return await this.sql.transaction(() => write(stored));
    } catch (error) {
      await this.files.remove(stored?.key);
      throw error;
    }
  }

  async create(actor: Actor, dto: EntryDto, file: UploadedSubmissionFile | undefined, language: Language): Promise<string> {
    const fields = await this.checkedFields(actor, dto, file, language);
    return this.withFile(file, async (stored) => {
      const id = await this.portfolio.insert(actor.id, fields);
      if (stored) await this.portfolio.insertFile(id, stored);
      return id;
    });
  }

  async update(actor: Actor, id: string, dto: EntryDto, file: UploadedSubmissionFile | undefined, language: Language): Promise<void> {
    await this.entryFor(actor, id, 'editEntry', language);
    const fields = await this.checkedFields(actor, dto, file, language);
    await this.withFile(file, async (stored) => {
      if (!(await this.portfolio.update(id, actor.id, fields))) throw new NotFoundError();
      if (stored) await this.portfolio.insertFile(id, stored);
    });
  }

  async show(actor: Actor, id: string, language: Language) {
    const entry = await this.entryFor(actor, id, 'readEntry', language);
    const facts = this.facts(entry);
    const own = entry.authorId === actor.id;
    const mayReadFeedback = canPortfolio(actor, 'readFeedback', facts);
    const [readers, files, versions, feedback] = await Promise.all([
      this.portfolio.readers(entry.authorId),
      this.portfolio.filesOf(id),
      this.portfolio.versionsOf(id),
      mayReadFeedback ? this.portfolio.feedbackOf(id) : Promise.resolve([]),
    ]);
    return {
      entry,
      own,
      draft: entry.publishedAt === null,
      bodyHtml: withAutoDirection(renderMarkdown(entry.bodyMd)),
      readers: readersStatement('entry', { visibility: entry.visibility, published: entry.publishedAt !== null, isAuthor: own }, readers),
      feedbackReaders: readersStatement('feedback', { isAuthor: own }, readers),
      files,
      versions,
      mayReadFeedback,
      mayGiveFeedback: canPortfolio(actor, 'giveFeedback', facts),
      threads: threads(feedback, actor.id),
      mayWithdraw: own && entry.visibility === 'cohort' && entry.publishedAt !== null,
    };
  }

  async version(actor: Actor, id: string, rawVersion: string, language: Language) {
    const entry = await this.entryFor(actor, id, 'readEntry', language);
    const number = /^\d{1,9}$/.test(rawVersion) ? Number(rawVersion) : NaN;
    const version = Number.isFinite(number) ? await this.portfolio.version(id, number) : undefined;
    if (!version) throw new NotFoundError();
    return { entry, version, bodyHtml: withAutoDirection(renderMarkdown(version.bodyMd)) };
  }

  async file(actor: Actor, fileId: string) {
    const file = await this.portfolio.fileForViewer(fileId, actor.id);
    if (
      !file ||
      !canPortfolio(actor, 'readEntry', {
        authorId: file.authorId,
        visibility: file.visibility,
        published: file.published,
        viewerIsMentor: file.viewerIsMentor,
        viewerIsCohortMate: file.viewerIsCohortMate,
      })
    )
      throw new NotFoundError();
    // A row whose file is gone from the store (a restored database without its uploads) is a 404, never a 500.
    if (!(await this.files.exists(file.fileKey))) throw new NotFoundError();
    return { path: this.files.path(file.fileKey), fileName: file.fileName, fileType: file.fileType };
  }

  /** A message in the entry's thread (the mentor's feedback, or an answer); the other side is told. */
  async addFeedback(actor: Actor, id: string, dto: FeedbackDto, language: Language): Promise<void> {
    const entry = await this.entryFor(actor, id, 'readEntry', language);
    if (!canPortfolio(actor, 'giveFeedback', this.facts(entry))) throw new NotFoundError();
    await this.sql.transaction(async () => {
      if (!(await this.portfolio.insertFeedback(id, actor.id, dto.parent ?? null, dto.body))) throw FormValidationException.field('body', 'portfolio.errors.parent');
      const own = entry.authorId === actor.id;
      const recipients = own
        ? [...new Set((await this.portfolio.feedbackOf(id)).filter((f) => f.authorId !== actor.id).map((f) => f.authorId))]
        : [entry.authorId];
      await this.notifications.notify(
        ...recipients.map((recipientId) => ({
          recipientId,
          kind: own ? 'portfolio.reply' : 'portfolio.feedback',
          vars: { name: actor.displayName, title: entry.title },
          link: `/portfolio/${id}`,
        })),
      );
    });
  }

  async feedbackFormModel(actor: Actor, id: string, language: Language) {
    return this.show(actor, id, language);
  }

  async withdraw(actor: Actor, id: string, language: Language): Promise<void> {
    await this.entryFor(actor, id, 'withdrawEntry', language);
    await this.portfolio.withdraw(id, actor.id);
  }

  /** Entries others shared with the actor: as their mentor, or in their cohort (`cohort`: the cohort showcase only). */
  async shared(actor: Actor, rawPage: unknown, cohortOnly: boolean, language: Language) {
    const request = pageRequest(rawPage, 25);
    const { items, total } = await this.portfolio.listShared(actor.id, cohortOnly, request, language);
    const path = cohortOnly ? '/portfolio/showcase' : '/portfolio/shared';
    return { items, page: pageView(items, total, request, path), isEmpty: total === 0, cohortOnly };
  }
}
