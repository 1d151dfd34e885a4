import { Injectable } from '@nestjs/common';
import type { Language } from '../common/i18n/language.js';
import { Sql, sqlStatement } from '../database/sql.js';
import { localizedText } from '../programmes/localized-text.js';
import { type AuthorReaders, entryReadableSql, viewerFactsSql, type Visibility } from './portfolio.policy.js';

export interface EntryRow {
  id: string;
  authorId: string;
  authorName: string;
  title: string;
  bodyMd: string;
  visibility: Visibility;
  publishedAt: Date | null;
  moduleId: string | null;
  moduleTitle: string | null;
  moduleLanguage: Language | null;
  goalId: string | null;
  goalWhat: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  viewerIsMentor: boolean;
  viewerIsCohortMate: boolean;
}

export interface EntryListRow {
  id: string;
  authorId: string;
  authorName: string;
  title: string;
  visibility: Visibility;
  publishedAt: Date | null;
  updatedAt: Date;
  moduleTitle: string | null;
  moduleLanguage: Language | null;
  goalWhat: string | null;
  viewerIsMentor: boolean;
}

export interface EntryFileRow {
  id: string;
  entryId: string;
  fileKey: string;
  fileName: string;
  fileType: string;
  fileSize: number;
  uploadedAt: Date;
}

export interface FeedbackRow {
  id: string;
  parentId: string | null;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: Date;
}

export interface VersionRow {
  version: number;
  title: string;
  bodyMd: string;
  visibility: Visibility;
  savedAt: Date;
}

export interface OwnFilters {
  moduleId: string | null;
  goalId: string | null;
  visibility: Visibility | null;
  state: 'draft' | 'published' | null;
  /** A to_tsquery text built by `prefixQuery`, or null. */
  query: string | null;
}

export interface EntryFields {
  title: string;
  bodyMd: string;
  visibility: Visibility;
  moduleId: string | null;
  goalId: string | null;
  publish: boolean;
}

export interface ModuleOption {
  id: string;
  title: string;
  textLanguage: Language;
}

/**
 * A search typed by a person as a `simple`-configuration prefix query: each word (letters and
 * digits of any script, so Hebrew and Arabic too) must match the start of a word of the entry.
 * Everything else is dropped, so no typed text is ever tsquery syntax.
 */
export function prefixQuery(text: string | undefined): string | null {
  const words = (text ?? '').toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  return words.length ? words.slice(0, 10).map((w) => `${w}:*`).join(' & ') : null;
}

const moduleText = localizedText('module', 'cm', '$3');
const ENTRY_COLUMNS = `e.id, e.author_id AS "authorId", au.display_name AS "authorName", e.title, e.body_md AS "bodyMd", e.visibility,
          e.published_at AS "publishedAt", e.module_id AS "moduleId", ${moduleText.text('title')} AS "moduleTitle",
          CASE WHEN cm.id IS NOT NULL THEN ${moduleText.language} END AS "moduleLanguage", e.goal_id AS "goalId", g.what AS "goalWhat",
          e.version, e.created_at AS "createdAt", e.updated_at AS "updatedAt"`;
const ENTRY_JOINS = `JOIN app_user au ON au.id = e.author_id
     LEFT JOIN curriculum_module cm ON cm.id = e.module_id
     ${moduleText.join}
     LEFT JOIN goal g ON g.id = e.goal_id`;

/** $1 entry, $2 viewer, $3 language. Found for anyone; the service asks the policy with the facts. */
const ENTRY_FOR_VIEWER = sqlStatement(
  'portfolio.entryForViewer',
  `SELECT ${ENTRY_COLUMNS}, ${viewerFactsSql('e.author_id', '$2::uuid')}
     FROM portfolio_entry e
     ${ENTRY_JOINS}
    WHERE e.id = $1`,
);

const READERS = sqlStatement(
  'portfolio.readers',
  `SELECT u.display_name AS "authorName",
          coalesce((SELECT array_agg(DISTINCT mg.mentor_id)
                      FROM cohort_member am
                      JOIN mentor_group mg ON mg.id = am.mentor_group_id
                      JOIN cohort_member lead ON lead.cohort_id = mg.cohort_id AND lead.user_id = mg.mentor_id AND lead.role = 'mentor' AND lead.status = 'active'
                     WHERE am.user_id = u.id AND am.role = 'teacher' AND am.status = 'active'), '{}') AS "mentorIds",
          coalesce((SELECT array_agg(DISTINCT mentor.display_name ORDER BY mentor.display_name)
                      FROM cohort_member am
                      JOIN mentor_group mg ON mg.id = am.mentor_group_id
                      JOIN cohort_member lead ON lead.cohort_id = mg.cohort_id AND lead.user_id = mg.mentor_id AND lead.role = 'mentor' AND lead.status = 'active'
                      JOIN app_user mentor ON mentor.id = mg.mentor_id
                     WHERE am.user_id = u.id AND am.role = 'teacher' AND am.status = 'active'), '{}') AS "mentorNames",
          (SELECT count(DISTINCT vm.user_id)
             FROM cohort_member am
             JOIN cohort_member vm ON vm.cohort_id = am.cohort_id AND vm.status = 'active' AND vm.user_id <> am.user_id
            WHERE am.user_id = u.id AND am.role = 'teacher' AND am.status = 'active')::int AS "cohortSize"
     FROM app_user u
    WHERE u.id = $1`,
);

const listColumns = (language: string) => {
  const text = localizedText('module', 'cm', language);
  return {
    columns: `e.id, e.author_id AS "authorId", au.display_name AS "authorName", e.title, e.visibility, e.published_at AS "publishedAt",
          e.updated_at AS "updatedAt", ${text.text('title')} AS "moduleTitle",
          CASE WHEN cm.id IS NOT NULL THEN ${text.language} END AS "moduleLanguage", g.what AS "goalWhat"`,
    joins: `JOIN app_user au ON au.id = e.author_id
     LEFT JOIN curriculum_module cm ON cm.id = e.module_id
     ${text.join}
     LEFT JOIN goal g ON g.id = e.goal_id`,
  };
};
const ownList = listColumns('$9');
const sharedList = listColumns('$5');

/** $1 author, $2 module, $3 goal, $4 visibility, $5 state, $6 prefix query, $7 limit, $8 offset, $9 language. */
const LIST_OWN = sqlStatement(
  'portfolio.listOwn',
  `SELECT ${ownList.columns}, false AS "viewerIsMentor", count(*) OVER ()::int AS total
     FROM portfolio_entry e
     ${ownList.joins}
    WHERE e.author_id = $1
      AND ($2::uuid IS NULL OR e.module_id = $2)
      AND ($3::uuid IS NULL OR e.goal_id = $3)
      AND ($4::text IS NULL OR e.visibility = $4)
      AND ($5::text IS NULL OR ($5 = 'draft') = (e.published_at IS NULL))
      AND ($6::text IS NULL OR e.search @@ to_tsquery('simple', $6))
    ORDER BY e.updated_at DESC, e.id
    LIMIT $7 OFFSET $8`,
);

/** $1 viewer, $2 cohort feed only, $3 limit, $4 offset, $5 language: published entries of others the viewer may read. */
const LIST_SHARED = sqlStatement(
  'portfolio.listShared',
  `SELECT ${sharedList.columns}, ${viewerFactsSql('e.author_id', '$1::uuid')}, count(*) OVER ()::int AS total
     FROM portfolio_entry e
     ${sharedList.joins}
    WHERE e.author_id <> $1 AND e.published_at IS NOT NULL AND e.visibility IN ('mentor', 'cohort')
      AND (NOT $2::boolean OR e.visibility = 'cohort')
      AND ${entryReadableSql('e', '$1::uuid')}
    ORDER BY e.published_at DESC, e.id
    LIMIT $3 OFFSET $4`,
);

const INSERT_ENTRY = sqlStatement(
  'portfolio.insertEntry',
  `INSERT INTO portfolio_entry (author_id, title, body_md, visibility, module_id, goal_id, published_at)
   VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7::boolean THEN now() END)
   RETURNING id`,
);

/**
 * Saves the author's change; a published entry whose title or text changes keeps what it said
 * before as a version. A draft is saved over (nobody else has read it).
 */
const UPDATE_ENTRY = sqlStatement(
  'portfolio.updateEntry',
  `WITH old AS (SELECT * FROM portfolio_entry WHERE id = $1 AND author_id = $2 FOR UPDATE),
   saved AS (
     INSERT INTO portfolio_entry_version (entry_id, version, title, body_md, visibility, saved_at)
     SELECT id, version, title, body_md, visibility, updated_at FROM old
      WHERE old.published_at IS NOT NULL AND (old.title <> $3 OR old.body_md <> $4)
     RETURNING version)
   UPDATE portfolio_entry e
      SET title = $3, body_md = $4, visibility = $5, module_id = $6, goal_id = $7,
          published_at = CASE WHEN $8::boolean THEN coalesce(e.published_at, now()) ELSE e.published_at END,
          version = e.version + (SELECT count(*) FROM saved)::int, updated_at = now()
     FROM old WHERE e.id = old.id
   RETURNING e.id`,
);

const WITHDRAW = sqlStatement(
  'portfolio.withdraw',
  `UPDATE portfolio_entry SET visibility = 'mentor', updated_at = now() WHERE id = $1 AND author_id = $2 AND visibility = 'cohort'`,
);

const INSERT_FILE = sqlStatement(
  'portfolio.insertFile',
  `INSERT INTO portfolio_file (entry_id, file_key, file_name, file_type, file_size) VALUES ($1, $2, $3, $4, $5)`,
);

const FILE_COLUMNS = `f.id, f.entry_id AS "entryId", f.file_key AS "fileKey", f.file_name AS "fileName", f.file_type AS "fileType",
          f.file_size AS "fileSize", f.uploaded_at AS "uploadedAt"`;

const FILES_OF = sqlStatement('portfolio.filesOf', `SELECT ${FILE_COLUMNS} FROM portfolio_file f WHERE f.entry_id = $1 ORDER BY f.uploaded_at, f.id`);

/** $1 file, $2 viewer: the file with its entry's facts. */
const FILE_FOR_VIEWER = sqlStatement(
  'portfolio.fileForViewer',
  `SELECT ${FILE_COLUMNS}, e.author_id AS "authorId", e.visibility, e.published_at IS NOT NULL AS published, ${viewerFactsSql('e.author_id', '$2::uuid')}
     FROM portfolio_file f
     JOIN portfolio_entry e ON e.id = f.entry_id
    WHERE f.id = $1`,
);

const FEEDBACK_OF = sqlStatement(
  'portfolio.feedbackOf',
  `SELECT fb.id, fb.parent_id AS "parentId", fb.author_id AS "authorId", u.display_name AS "authorName", fb.body, fb.created_at AS "createdAt"
     FROM portfolio_feedback fb
     JOIN app_user u ON u.id = fb.author_id
    WHERE fb.entry_id = $1
    ORDER BY fb.created_at, fb.id`,
);

/** A reply must answer a message of the same entry. */
const INSERT_FEEDBACK = sqlStatement(
  'portfolio.insertFeedback',
  `INSERT INTO portfolio_feedback (entry_id, author_id, parent_id, body)
   SELECT $1, $2, $3, $4
    WHERE $3::uuid IS NULL OR EXISTS (SELECT 1 FROM portfolio_feedback p WHERE p.id = $3 AND p.entry_id = $1)
   RETURNING id`,
);

const VERSIONS_OF = sqlStatement(
  'portfolio.versionsOf',
  `SELECT version, title, body_md AS "bodyMd", visibility, saved_at AS "savedAt" FROM portfolio_entry_version WHERE entry_id = $1 ORDER BY version DESC`,
);

const VERSION = sqlStatement(
  'portfolio.version',
  `SELECT version, title, body_md AS "bodyMd", visibility, saved_at AS "savedAt" FROM portfolio_entry_version WHERE entry_id = $1 AND version = $2`,
);

const optionText = localizedText('module', 'cm', '$2');
/** Modules of the programmes of the person's cohorts, to link an entry to. */
const MODULE_OPTIONS = sqlStatement(
  'portfolio.moduleOptions',
  `SELECT DISTINCT ON (cm.id) cm.id, ${optionText.text('title')} AS title, ${optionText.language} AS "textLanguage", ph.position, cm.position AS "modulePosition"
     FROM cohort_member mem
     JOIN cohort c ON c.id = mem.cohort_id
     JOIN curriculum_module cm ON cm.programme_id = c.programme_id
     JOIN programme_phase ph ON ph.id = cm.phase_id
     ${optionText.join}
    WHERE mem.user_id = $1 AND mem.role = 'teacher'
    ORDER BY cm.id`,
);

const GOAL_OPTIONS = sqlStatement(
  'portfolio.goalOptions',
  `SELECT id, what FROM goal WHERE owner_id = $1 ORDER BY status = 'active' DESC, created_at DESC LIMIT 200`,
);

const exportModuleText = localizedText('module', 'cm', '$2');
/** Everything the author wrote, for their export: $1 author, $2 language. */
const EXPORT_ENTRIES = sqlStatement(
  'portfolio.exportEntries',
  `SELECT e.id, e.title, e.body_md AS "bodyMd", e.visibility, e.published_at AS "publishedAt", e.created_at AS "createdAt", e.updated_at AS "updatedAt",
          e.version, ${exportModuleText.text('title')} AS "moduleTitle", e.goal_id AS "goalId", g.what AS "goalWhat",
          coalesce((SELECT json_agg(json_build_object('id', f.id, 'fileKey', f.file_key, 'fileName', f.file_name, 'fileType', f.file_type, 'fileSize', f.file_size) ORDER BY f.uploaded_at, f.id)
                      FROM portfolio_file f WHERE f.entry_id = e.id), '[]') AS files,
          coalesce((SELECT json_agg(json_build_object('version', v.version, 'title', v.title, 'bodyMd', v.body_md, 'savedAt', v.saved_at) ORDER BY v.version)
                      FROM portfolio_entry_version v WHERE v.entry_id = e.id), '[]') AS versions,
          coalesce((SELECT json_agg(json_build_object('author', u.display_name, 'body', fb.body, 'createdAt', fb.created_at) ORDER BY fb.created_at, fb.id)
                      FROM portfolio_feedback fb JOIN app_user u ON u.id = fb.author_id WHERE fb.entry_id = e.id), '[]') AS feedback
     FROM portfolio_entry e
     LEFT JOIN curriculum_module cm ON cm.id = e.module_id
     ${exportModuleText.join}
     LEFT JOIN goal g ON g.id = e.goal_id
    WHERE e.author_id = $1
    ORDER BY e.created_at, e.id`,
);

export interface ExportEntry {
  id: string;
  title: string;
  bodyMd: string;
  visibility: Visibility;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  moduleTitle: string | null;
  goalId: string | null;
  goalWhat: string | null;
  files: { id: string; fileKey: string; fileName: string; fileType: string; fileSize: number }[];
  versions: { version: number; title: string; bodyMd: string; savedAt: string }[];
  feedback: { author: string; body: string; createdAt: string }[];
}

@Injectable()
export class PortfolioRepository {
  constructor(private readonly sql: Sql) {}

  findForViewer(entryId: string, viewerId: string, language: Language): Promise<EntryRow | undefined> {
    return this.sql.one<EntryRow>(ENTRY_FOR_VIEWER, [entryId, viewerId, language]);
  }

  async readers(authorId: string): Promise<AuthorReaders> {
    return (await this.sql.one<AuthorReaders>(READERS, [authorId])) ?? { authorName: '', mentorIds: [], mentorNames: [], cohortSize: 0 };
  }

  async listOwn(authorId: string, f: OwnFilters, page: { size: number; offset: number }, language: Language) {
    const rows = await this.sql.query<EntryListRow & { total: number }>(LIST_OWN, [
      authorId,
      f.moduleId,
      f.goalId,
      f.visibility,
      f.state,
      f.query,
      page.size,
      page.offset,
      language,
    ]);
    return { items: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
  }

  async listShared(viewerId: string, cohortOnly: boolean, page: { size: number; offset: number }, language: Language) {
    const rows = await this.sql.query<EntryListRow & { total: number }>(LIST_SHARED, [
      viewerId,
      cohortOnly,
      page.size,
      page.offset,
      language,
    ]);
    return { items: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
  }

  async insert(authorId: string, f: EntryFields): Promise<string> {
    const row = await this.sql.one<{ id: string }>(INSERT_ENTRY, [authorId, f.title, f.bodyMd, f.visibility, f.moduleId, f.goalId, f.publish]);
    return row!.id;
  }

  async update(entryId: string, authorId: string, f: EntryFields): Promise<boolean> {
    return (await this.sql.execute(UPDATE_ENTRY, [entryId, authorId, f.title, f.bodyMd, f.visibility, f.moduleId, f.goalId, f.publish])) > 0;
  }

  async withdraw(entryId: string, authorId: string): Promise<boolean> {
    return (await this.sql.execute(WITHDRAW, [entryId, authorId])) > 0;
  }

  async insertFile(entryId: string, file: { key: string; name: string; type: string; size: number }): Promise<void> {
    await this.sql.execute(INSERT_FILE, [entryId, file.key, file.name, file.type, file.size]);
  }

  filesOf(entryId: string): Promise<EntryFileRow[]> {
    return this.sql.query<EntryFileRow>(FILES_OF, [entryId]);
  }

  fileForViewer(fileId: string, viewerId: string) {
    return this.sql.one<EntryFileRow & { authorId: string; visibility: Visibility; published: boolean; viewerIsMentor: boolean; viewerIsCohortMate: boolean }>(
      FILE_FOR_VIEWER,
      [fileId, viewerId],
    );
  }

  feedbackOf(entryId: string): Promise<FeedbackRow[]> {
    return this.sql.query<FeedbackRow>(FEEDBACK_OF, [entryId]);
  }

  async insertFeedback(entryId: string, authorId: string, parentId: string | null, body: string): Promise<boolean> {
    return Boolean(await this.sql.one(INSERT_FEEDBACK, [entryId, authorId, parentId, body]));
  }

  versionsOf(entryId: string): Promise<VersionRow[]> {
    return this.sql.query<VersionRow>(VERSIONS_OF, [entryId]);
  }

  version(entryId: string, version: number): Promise<VersionRow | undefined> {
    return this.sql.one<VersionRow>(VERSION, [entryId, version]);
  }

  async moduleOptions(userId: string, language: Language): Promise<ModuleOption[]> {
    const rows = await this.sql.query<ModuleOption & { position: number; modulePosition: number }>(MODULE_OPTIONS, [userId, language]);
    return rows.sort((a, b) => a.position - b.position || a.modulePosition - b.modulePosition).map(({ id, title, textLanguage }) => ({ id, title, textLanguage }));
  }

  goalOptions(userId: string): Promise<{ id: string; what: string }[]> {
    return this.sql.query<{ id: string; what: string }>(GOAL_OPTIONS, [userId]);
  }

  exportEntries(authorId: string, language: Language): Promise<ExportEntry[]> {
    return this.sql.query<ExportEntry>(EXPORT_ENTRIES, [authorId, language]);
  }
}
