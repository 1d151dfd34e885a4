import { Injectable } from '@nestjs/common';
import { Sql, sqlStatement } from '../database/sql.js';
import { GOAL_CHECK_IN_DUE_ON, GOAL_LAST_CHECK_IN } from './check-in-due.js';
import { entryReadableSql, viewerFactsSql, viewerIsMentorSql } from '../portfolio/portfolio.policy.js';

export type GoalFrame = 'me' | 'you' | 'us';
export const GOAL_FRAMES: readonly GoalFrame[] = ['me', 'you', 'us'];
export type GoalStatus = 'active' | 'achieved' | 'dropped';

export interface GoalRow {
  id: string;
  ownerId: string;
  ownerName: string;
  frame: GoalFrame;
  what: string;
  why: string;
  evidence: string;
  targetOn: string | null;
  checkInEveryDays: number;
  status: GoalStatus;
  statusNote: string | null;
  createdAt: Date;
  updatedAt: Date;
  viewerIsMentor: boolean;
  viewerIsCohortMate: boolean;
}

export interface GoalListRow {
  id: string;
  ownerId: string;
  ownerName: string;
  frame: GoalFrame;
  what: string;
  targetOn: string | null;
  status: GoalStatus;
  lastCheckIn: string | null;
  lastRating: number | null;
  dueOn: string | null;
}

export interface GoalFields {
  frame: GoalFrame;
  what: string;
  why: string;
  evidence: string;
  targetOn: string | null;
  checkInEveryDays: number;
}

/** One event of a goal's timeline: a check-in, a linked portfolio entry the viewer may read, a comment. */
export interface TimelineRow {
  kind: 'check_in' | 'entry' | 'comment' | 'action_item';
  id: string;
  at: Date;
  day: string | null;
  text: string | null;
  rating: number | null;
  title: string | null;
  authorName: string | null;
  /** For an action item: the mentoring session it came from, and whether it is done. */
  sessionId: string | null;
  done: boolean | null;
}

export interface DueGoal {
  id: string;
  ownerId: string;
  what: string;
  frame: GoalFrame;
  lastCheckIn: string | null;
  dueOn: string;
}

const OWNER_TODAY = `(now() AT TIME ZONE coalesce(omu.time_zone, 'Asia/Jerusalem'))::date`;
const OWNER_CITY = `JOIN app_user owner ON owner.id = g.owner_id LEFT JOIN municipality omu ON omu.id = owner.municipality_id`;

const GOAL_COLUMNS = `g.id, g.owner_id AS "ownerId", owner.display_name AS "ownerName", g.frame, g.what, g.why, g.evidence, to_char(g.target_on, 'YYYY-MM-DD') AS "targetOn",
          g.check_in_every_days AS "checkInEveryDays", g.status, g.status_note AS "statusNote", g.created_at AS "createdAt", g.updated_at AS "updatedAt"`;

const FOR_VIEWER = sqlStatement(
  'goals.forViewer',
  `SELECT ${GOAL_COLUMNS}, ${viewerFactsSql('g.owner_id', '$2::uuid')}
     FROM goal g ${OWNER_CITY}
    WHERE g.id = $1`,
);

const LIST_COLUMNS = `g.id, g.owner_id AS "ownerId", owner.display_name AS "ownerName", g.frame, g.what, to_char(g.target_on, 'YYYY-MM-DD') AS "targetOn", g.status,
          to_char(last.checked_on, 'YYYY-MM-DD') AS "lastCheckIn", last.rating AS "lastRating",
          CASE WHEN g.status = 'active' THEN to_char(${GOAL_CHECK_IN_DUE_ON}, 'YYYY-MM-DD') END AS "dueOn"`;

const LIST_OWN = sqlStatement(
  'goals.listOwn',
  `SELECT ${LIST_COLUMNS}, count(*) OVER ()::int AS total
     FROM goal g ${OWNER_CITY} ${GOAL_LAST_CHECK_IN}
    WHERE g.owner_id = $1
    ORDER BY g.status = 'active' DESC, g.created_at DESC, g.id
    LIMIT $2 OFFSET $3`,
);

/** The goals of the teachers the viewer is the current mentor of record of. */
const LIST_MENTEES = sqlStatement(
  'goals.listMentees',
  `SELECT ${LIST_COLUMNS}, count(*) OVER ()::int AS total
     FROM goal g ${OWNER_CITY} ${GOAL_LAST_CHECK_IN}
    WHERE g.owner_id IN (SELECT am.user_id
                           FROM mentor_group mg
                           JOIN cohort_member lead ON lead.cohort_id = mg.cohort_id AND lead.user_id = mg.mentor_id AND lead.role = 'mentor' AND lead.status = 'active'
                           JOIN cohort_member am ON am.mentor_group_id = mg.id AND am.role = 'teacher' AND am.status = 'active'
                          WHERE mg.mentor_id = $1)
    ORDER BY owner.display_name, g.status = 'active' DESC, g.created_at DESC, g.id
    LIMIT $2 OFFSET $3`,
);

const INSERT = sqlStatement(
  'goals.insert',
  `INSERT INTO goal (owner_id, frame, what, why, evidence, target_on, check_in_every_days) VALUES ($1, $2, $3, $4, $5, $6::date, $7) RETURNING id`,
);

const UPDATE = sqlStatement(
  'goals.update',
  `UPDATE goal SET frame = $3, what = $4, why = $5, evidence = $6, target_on = $7::date, check_in_every_days = $8, updated_at = now()
    WHERE id = $1 AND owner_id = $2`,
);

const SET_STATUS = sqlStatement(
  'goals.setStatus',
  `UPDATE goal SET status = $3, status_note = $4, updated_at = now() WHERE id = $1 AND owner_id = $2`,
);

const INSERT_CHECK_IN = sqlStatement(
  'goals.insertCheckIn',
  `INSERT INTO goal_check_in (goal_id, checked_on, note, rating) VALUES ($1, $2::date, $3, $4)`,
);

const INSERT_COMMENT = sqlStatement('goals.insertComment', `INSERT INTO goal_comment (goal_id, author_id, body) VALUES ($1, $2, $3)`);

/**
 * The goal's timeline as one statement: a UNION of its sources, newest first. Linked portfolio
 * entries appear only where the viewer may read them ($2). Mentoring sessions and action items
 * join here as further branches once they record a goal.
 */
const TIMELINE = sqlStatement(
  'goals.timeline',
  `SELECT 'check_in' AS kind, ci.id, ci.created_at AS at, to_char(ci.checked_on, 'YYYY-MM-DD') AS day, ci.note AS text, ci.rating::int AS rating,
          NULL::text AS title, NULL::text AS "authorName", NULL::uuid AS "sessionId", NULL::boolean AS done
     FROM goal_check_in ci WHERE ci.goal_id = $1
   UNION ALL
   SELECT 'entry', e.id, coalesce(e.published_at, e.updated_at), NULL, NULL, NULL, e.title, NULL, NULL, NULL
     FROM portfolio_entry e WHERE e.goal_id = $1 AND ${entryReadableSql('e', '$2::uuid')}
   UNION ALL
   SELECT 'comment', c.id, c.created_at, NULL, c.body, NULL, NULL, u.display_name, NULL, NULL
     FROM goal_comment c JOIN app_user u ON u.id = c.author_id WHERE c.goal_id = $1
   UNION ALL
   -- Action items of mentoring sessions that serve the goal, for a viewer who reads that session
   -- (its mentor or a participant): the session is linked, its notes stay on its own page.
   SELECT 'action_item', ai.id, ms.starts_at, NULL, NULL, NULL, ai.title, NULL, ms.id, ai.done_at IS NOT NULL
     FROM mentoring_action_item ai JOIN mentoring_session ms ON ms.id = ai.session_id
    WHERE ai.goal_id = $1
      AND (ms.mentor_id = $2::uuid OR EXISTS (SELECT 1 FROM mentoring_participant mp WHERE mp.session_id = ms.id AND mp.teacher_id = $2::uuid))
   ORDER BY at DESC, id
   LIMIT 200`,
);

/** The owner's active goals, for their mentor of record to link an action item to (nothing for anyone else). */
const LINKABLE = sqlStatement(
  'goals.linkable',
  `SELECT g.id, g.what FROM goal g
    WHERE g.owner_id = $1 AND g.status = 'active' AND ${viewerIsMentorSql('g.owner_id', '$2::uuid')}
    ORDER BY g.created_at, g.id
    LIMIT 50`,
);

/** Active goals of these people whose check-in is due, in each owner's city calendar (home page, the mentoring agenda). */
const DUE_FOR_CHECK_IN = sqlStatement(
  'goals.dueForCheckIn',
  `SELECT g.id, g.owner_id AS "ownerId", g.what, g.frame, to_char(last.checked_on, 'YYYY-MM-DD') AS "lastCheckIn", to_char(${GOAL_CHECK_IN_DUE_ON}, 'YYYY-MM-DD') AS "dueOn"
     FROM goal g ${OWNER_CITY} ${GOAL_LAST_CHECK_IN}
    WHERE g.owner_id = ANY($1::uuid[]) AND g.status = 'active' AND ${GOAL_CHECK_IN_DUE_ON} <= ${OWNER_TODAY}
    ORDER BY ${GOAL_CHECK_IN_DUE_ON}, g.id`,
);

/** Every goal of the owner with its check-ins and comments, for their export. */
const EXPORT = sqlStatement(
  'goals.export',
  `SELECT g.id, g.frame, g.what, g.why, g.evidence, to_char(g.target_on, 'YYYY-MM-DD') AS "targetOn", g.status, g.status_note AS "statusNote", g.created_at AS "createdAt",
          coalesce((SELECT json_agg(json_build_object('day', to_char(ci.checked_on, 'YYYY-MM-DD'), 'note', ci.note, 'rating', ci.rating) ORDER BY ci.checked_on, ci.created_at)
                      FROM goal_check_in ci WHERE ci.goal_id = g.id), '[]') AS "checkIns",
          coalesce((SELECT json_agg(json_build_object('author', u.display_name, 'body', c.body, 'createdAt', c.created_at) ORDER BY c.created_at)
                      FROM goal_comment c JOIN app_user u ON u.id = c.author_id WHERE c.goal_id = g.id), '[]') AS comments
     FROM goal g
    WHERE g.owner_id = $1
    ORDER BY g.created_at, g.id`,
);

export interface ExportGoal {
  id: string;
  frame: GoalFrame;
  what: string;
  why: string;
  evidence: string;
  targetOn: string | null;
  status: GoalStatus;
  statusNote: string | null;
  createdAt: Date;
  checkIns: { day: string; note: string; rating: number }[];
  comments: { author: string; body: string; createdAt: string }[];
}

@Injectable()
export class GoalsRepository {
  constructor(private readonly sql: Sql) {}

  findForViewer(id: string, viewerId: string): Promise<GoalRow | undefined> {
    return this.sql.one<GoalRow>(FOR_VIEWER, [id, viewerId]);
  }

  async listOwn(ownerId: string, page: { size: number; offset: number }) {
    const rows = await this.sql.query<GoalListRow & { total: number }>(LIST_OWN, [ownerId, page.size, page.offset]);
    return { items: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
  }

  async listMentees(mentorId: string, page: { size: number; offset: number }) {
    const rows = await this.sql.query<GoalListRow & { total: number }>(LIST_MENTEES, [mentorId, page.size, page.offset]);
    return { items: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
  }

  async insert(ownerId: string, f: GoalFields): Promise<string> {
    const row = await this.sql.one<{ id: string }>(INSERT, [ownerId, f.frame, f.what, f.why, f.evidence, f.targetOn, f.checkInEveryDays]);
    return row!.id;
  }

  async update(id: string, ownerId: string, f: GoalFields): Promise<boolean> {
    return (await this.sql.execute(UPDATE, [id, ownerId, f.frame, f.what, f.why, f.evidence, f.targetOn, f.checkInEveryDays])) > 0;
  }

  async setStatus(id: string, ownerId: string, status: GoalStatus, note: string | null): Promise<boolean> {
    return (await this.sql.execute(SET_STATUS, [id, ownerId, status, note])) > 0;
  }

  async insertCheckIn(goalId: string, day: string, note: string, rating: number): Promise<void> {
    await this.sql.execute(INSERT_CHECK_IN, [goalId, day, note, rating]);
  }

  async insertComment(goalId: string, authorId: string, body: string): Promise<void> {
    await this.sql.execute(INSERT_COMMENT, [goalId, authorId, body]);
  }

  linkable(ownerId: string, mentorId: string): Promise<{ id: string; what: string }[]> {
    return this.sql.query<{ id: string; what: string }>(LINKABLE, [ownerId, mentorId]);
  }

  timeline(goalId: string, viewerId: string): Promise<TimelineRow[]> {
    return this.sql.query<TimelineRow>(TIMELINE, [goalId, viewerId]);
  }

  /** One statement for any number of people: the seam the mentoring agenda and the teacher's home use. */
  dueForCheckIn(userIds: string[]): Promise<DueGoal[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.sql.query<DueGoal>(DUE_FOR_CHECK_IN, [userIds]);
  }

  exportGoals(ownerId: string): Promise<ExportGoal[]> {
    return this.sql.query<ExportGoal>(EXPORT, [ownerId]);
  }
}
