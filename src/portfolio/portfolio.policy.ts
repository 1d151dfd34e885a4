import type { Actor } from '../auth/actor.js';

/**
 * Who may read and do what with a teacher's reflective work: portfolio entries (with their files,
 * versions and feedback) and personal-education goals (with check-ins and comments). SPEC §4: the
 * work belongs to its author; a `private` entry and every draft are the author's alone; `mentor`
 * adds the author's current mentor of record; `cohort` adds, besides, everyone active in a cohort
 * the author is an active teacher of. Goals are read by their owner and their current mentor.
 * Department and network admins never read any of it (they see counts, through completion):
 * being an admin gives no relation here, and nobody can make themselves someone's mentor
 * (CohortsService.mayAppoint). This file is the one place these rules live: the pure function
 * decides one record, and the SQL fragments below decide the same for lists and lookups.
 */
export type Visibility = 'private' | 'mentor' | 'cohort';
export const VISIBILITIES: readonly Visibility[] = ['private', 'mentor', 'cohort'];

export type PortfolioAction =
  | 'readEntry'
  | 'editEntry'
  | 'withdrawEntry'
  | 'readFeedback'
  | 'giveFeedback'
  | 'readGoal'
  | 'editGoal'
  | 'commentGoal';

/** The facts about one entry or goal and the viewer that access depends on, as its scoped lookup found them. */
export interface PortfolioFacts {
  authorId: string;
  /** Goals have none: they are read by their owner and current mentor. */
  visibility?: Visibility;
  /** Goals are always "published". */
  published?: boolean;
  /** The viewer is the author's current mentor of record (leads the author's group in a cohort both are active in). */
  viewerIsMentor: boolean;
  /** The viewer is active in a cohort the author is an active teacher of. */
  viewerIsCohortMate: boolean;
}

export function canPortfolio(actor: Actor, action: PortfolioAction, f: PortfolioFacts): boolean {
  const own = f.authorId === actor.id;
  const published = f.published !== false;
  const sharedWithMentor = published && (f.visibility === 'mentor' || f.visibility === 'cohort');
  switch (action) {
    case 'readEntry':
      return own || (sharedWithMentor && f.viewerIsMentor) || (published && f.visibility === 'cohort' && f.viewerIsCohortMate);
    case 'editEntry':
    case 'withdrawEntry':
    case 'editGoal':
      return own;
    case 'readFeedback':
    case 'giveFeedback':
      // The thread is between the author and their mentor, about an entry shared with the mentor.
      return sharedWithMentor && (own || f.viewerIsMentor);
    case 'readGoal':
    case 'commentGoal':
      return own || f.viewerIsMentor;
  }
}

/**
 * SQL: `viewer` (a parameter or column) is the current mentor of record of `author`: they lead the
 * mentor group of one of the author's active teacher memberships, and are still an active mentor
 * of that cohort (the same rule as submitted work's mentor of record).
 */
export const viewerIsMentorSql = (author: string, viewer: string) =>
  `EXISTS (SELECT 1 FROM cohort_member am
             JOIN mentor_group mg ON mg.id = am.mentor_group_id
             JOIN cohort_member lead ON lead.cohort_id = mg.cohort_id AND lead.user_id = mg.mentor_id AND lead.role = 'mentor' AND lead.status = 'active'
            WHERE am.user_id = ${author} AND am.role = 'teacher' AND am.status = 'active' AND mg.mentor_id = ${viewer})`;

/** SQL: `viewer` is active (teacher or mentor) in a cohort `author` is an active teacher of. */
export const viewerIsCohortMateSql = (author: string, viewer: string) =>
  `EXISTS (SELECT 1 FROM cohort_member am
             JOIN cohort_member vm ON vm.cohort_id = am.cohort_id AND vm.user_id = ${viewer} AND vm.status = 'active'
            WHERE am.user_id = ${author} AND am.role = 'teacher' AND am.status = 'active' AND ${viewer} <> ${author})`;

/** SQL columns giving the facts above for an entry or goal row. */
export const viewerFactsSql = (author: string, viewer: string) =>
  `${viewerIsMentorSql(author, viewer)} AS "viewerIsMentor", ${viewerIsCohortMateSql(author, viewer)} AS "viewerIsCohortMate"`;

/** SQL condition: `viewer` may read entry `e` (canPortfolio 'readEntry', for lists). */
export const entryReadableSql = (e: string, viewer: string) =>
  `(${e}.author_id = ${viewer}
    OR (${e}.published_at IS NOT NULL AND ${e}.visibility IN ('mentor', 'cohort') AND ${viewerIsMentorSql(`${e}.author_id`, viewer)})
    OR (${e}.published_at IS NOT NULL AND ${e}.visibility = 'cohort' AND ${viewerIsCohortMateSql(`${e}.author_id`, viewer)}))`;

/** Who besides the author may read their shared work now: their mentors of record and the size of their cohorts. */
export interface AuthorReaders {
  authorName: string;
  mentorIds: string[];
  mentorNames: string[];
  /** Everyone active in the author's cohorts (teachers and mentors), the author excluded. */
  cohortSize: number;
}

export interface ReadersStatement {
  key: string;
  vars: Record<string, string | number>;
}

/**
 * "Who can read this", in words, for the author or for another reader, as the policy decides it
 * (the same rules as canPortfolio): beside every entry, goal, check-in and note, and in the form.
 */
export function readersStatement(
  subject: 'entry' | 'goal' | 'feedback',
  f: { visibility?: Visibility; published?: boolean; isAuthor: boolean },
  readers: AuthorReaders,
): ReadersStatement {
  const mentors = readers.mentorNames.join(', ');
  const who = f.isAuthor ? 'author' : 'other';
  const vars = { mentor: mentors, count: readers.cohortSize, author: readers.authorName };
  if (subject === 'goal' || subject === 'feedback') return { key: `portfolio.readers.${who}.${mentors ? 'mentor' : 'mentorNone'}`, vars };
  if (f.published === false) return { key: 'portfolio.readers.author.draft', vars };
  if (f.visibility === 'private') return { key: 'portfolio.readers.author.private', vars };
  if (f.visibility === 'mentor') return { key: `portfolio.readers.${who}.${mentors ? 'mentor' : 'mentorNone'}`, vars };
  return { key: `portfolio.readers.${who}.${mentors ? 'cohort' : 'cohortNoMentor'}`, vars };
}
