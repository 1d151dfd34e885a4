import type { Sql } from '../database/sql.js';
import type { DemoIds } from './demo-data.js';

/**
 * Progress in the demo cohorts (made by seedDemoProgrammes), spread the way a real cohort ten
 * months in looks: most teachers keep up, a few are behind by one module, a few are at risk, and
 * submissions wait in mentors' queues. Nobody has completed: the cohort is less than half way
 * through its two years, and completion also needs mentoring sessions, which are not recorded yet.
 *
 * Every row carries a dated history (start, submission, review), all in the past. Idempotent: a
 * cohort that already has progress is left alone; without the demo cohorts it does nothing.
 */

interface DueModule {
  id: string;
  title: string;
  method: 'self' | 'approval' | 'attendance';
  opensOn: Date;
  dueOn: Date;
}

type Outcome = 'approved' | 'submitted' | 'returned' | 'in_progress' | 'none';

/** How one teacher has got on with the modules already due, oldest first. */
type Profile = (due: DueModule[]) => Outcome[];

const lastIndexOf = (due: DueModule[], method: DueModule['method']) => due.map((d) => d.method).lastIndexOf(method);

const PROFILES: Record<string, Profile> = {
  /** Everything due is done. */
  keepingUp: (due) => due.map(() => 'approved'),
  /** Submitted the latest piece of work on time; it waits for the mentor (one module overdue: behind). */
  waitingForReview: (due) => due.map((_, i) => (i === lastIndexOf(due, 'approval') ? 'submitted' : 'approved')),
  /** Missed the latest workshop (one module overdue: behind). */
  missedWorkshop: (due) => due.map((_, i) => (i === lastIndexOf(due, 'attendance') ? 'none' : 'approved')),
  /** Work returned for revision and not resubmitted, and stopped after it (at risk). */
  stuckAfterReturn: (due) => {
    const returned = due.findIndex((d, i) => d.method === 'approval' && i >= Math.floor(due.length / 2));
    return due.map((_, i) => (i < returned ? 'approved' : i === returned ? 'returned' : i === returned + 1 ? 'in_progress' : 'none'));
  },
  /** Started well, then went quiet months ago (at risk: overdue, low attendance, inactive). */
  wentQuiet: (due) => due.map((_, i) => (i < 3 ? 'approved' : 'none')),
  /** Missed two workshops (at risk: overdue and attendance below the minimum). */
  missedTwoWorkshops: (due) => {
    const workshops = due
      .map((d, i) => (d.method === 'attendance' ? i : -1))
      .filter((i) => i >= 0)
      .slice(-2);
    return due.map((_, i) => (workshops.includes(i) ? 'none' : 'approved'));
  },
};

/** By the order of each city's teachers in the demo people (the named demo teachers first). */
const CITY_PROFILES: Record<keyof DemoIds['cities'], (keyof typeof PROFILES)[]> = {
  batyam: [
    'keepingUp',
    'waitingForReview',
    'waitingForReview',
    'stuckAfterReturn',
    'waitingForReview',
    'wentQuiet',
    'keepingUp',
    'missedWorkshop',
    'keepingUp',
    'missedTwoWorkshops',
  ],
  hadera: ['keepingUp', 'waitingForReview', 'keepingUp', 'wentQuiet', 'keepingUp', 'missedWorkshop'],
};

const SUBMISSIONS = [
  'I held a short conversation every week with three students I knew least. One of them, a quiet girl in the back row, turned out to draw comics about our neighbourhood; I asked her to illustrate our history unit, and she now talks in class.',
  'Our journal from the visit: three ideas we could bring back — a weekly "personal hour" in the timetable, student-led parent meetings, and a shared staff-room board for what we learn about each student. Attached is a small plan for the first one.',
  'We ran a lesson at the port museum with a retired fisherman as our partner. Students interviewed him about how the city changed; their reflections are below, and most said it was the first time they learned from someone outside school.',
];

const RETURN_COMMENT =
  'A good start. Please add one concrete example of a change you made in class because of what you learned, and what the student said about it.';

const DAY = 24 * 3600 * 1000;

/** A moment `days` after a calendar day at 09:00 in Israel, never later than yesterday. */
function at(day: Date, days: number, now: number): Date {
  return new Date(Math.min(day.getTime() + 6 * 3600 * 1000 + days * DAY, now - DAY));
}

interface Step {
  from: Outcome | 'not_started';
  to: Outcome;
  by: 'teacher' | 'mentor';
  when: Date;
  comment?: string;
}

/** The history that leads to an outcome, dated within the module's window. */
function stepsFor(module: DueModule, outcome: Outcome, now: number): Step[] {
  const opened = (days: number) => at(module.opensOn, days, now);
  const beforeDue = (days: number) => at(module.dueOn, -days, now);
  if (outcome === 'none') return [];
  if (module.method === 'attendance') {
    return outcome === 'approved' ? [{ from: 'not_started', to: 'approved', by: 'mentor', when: opened(1) }] : [];
  }
  const start: Step = { from: 'not_started', to: 'in_progress', by: 'teacher', when: opened(2) };
  if (outcome === 'in_progress') return [start];
  if (module.method === 'self') return outcome === 'approved' ? [start, { from: 'in_progress', to: 'approved', by: 'teacher', when: beforeDue(4) }] : [start];
  const submit: Step = { from: 'in_progress', to: 'submitted', by: 'teacher', when: beforeDue(8) };
  if (outcome === 'submitted') return [start, { ...submit, when: beforeDue(2) }];
  if (outcome === 'returned') return [start, submit, { from: 'submitted', to: 'returned', by: 'mentor', when: beforeDue(5), comment: RETURN_COMMENT }];
  return [start, submit, { from: 'submitted', to: 'approved', by: 'mentor', when: beforeDue(4) }];
}

async function seedCohortProgress(m: Sql, cohortId: string, teacherIds: string[], profiles: (keyof typeof PROFILES)[]): Promise<void> {
  const now = Date.now();
  const due: DueModule[] = await m.query(
    `SELECT cm.id, cm.title, cm.completion_method AS method, w.opens_on::timestamp AS "opensOn", w.due_on::timestamp AS "dueOn"
       FROM cohort c
       JOIN municipality mu ON mu.id = c.municipality_id
       JOIN module_window w ON w.cohort_id = c.id
       JOIN curriculum_module cm ON cm.id = w.module_id
       JOIN programme_phase ph ON ph.id = cm.phase_id
      WHERE c.id = $1 AND w.due_on < (now() AT TIME ZONE mu.time_zone)::date
      ORDER BY w.due_on, ph.position, cm.position`,
    [cohortId],
  );
  const mentors: { teacherId: string; mentorId: string | null }[] = await m.query(
    `SELECT mem.user_id AS "teacherId", g.mentor_id AS "mentorId"
       FROM cohort_member mem LEFT JOIN mentor_group g ON g.id = mem.mentor_group_id
      WHERE mem.cohort_id = $1 AND mem.role = 'teacher' AND mem.user_id = ANY($2::uuid[])`,
    [cohortId, teacherIds],
  );
  const mentorOf = new Map(mentors.map((row) => [row.teacherId, row.mentorId]));
  for (const [index, teacherId] of teacherIds.entries()) {
    if (!mentorOf.has(teacherId)) continue;
    const outcomes = PROFILES[profiles[index % profiles.length]](due);
    for (const [i, module] of due.entries()) {
      const steps = stepsFor(module, outcomes[i], now);
      if (steps.length === 0) continue;
      const mentorId = mentorOf.get(teacherId) ?? null;
      const last = steps[steps.length - 1];
      const submitted = steps.find((s) => s.to === 'submitted');
      const reviewed = steps.find((s) => s.by === 'mentor');
      const [row] = await m.query(
        `INSERT INTO module_progress (cohort_id, module_id, teacher_id, status, submission_text, mentor_comment, started_at, submitted_at, reviewed_at, reviewed_by, completed_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (cohort_id, teacher_id, module_id) DO NOTHING RETURNING id`,
        [
          cohortId,
          module.id,
          teacherId,
          last.to,
          submitted ? SUBMISSIONS[(index + i) % SUBMISSIONS.length] : null,
          last.to === 'returned' ? RETURN_COMMENT : null,
          steps.find((s) => s.to === 'in_progress')?.when ?? null,
          submitted?.when ?? null,
          reviewed?.when ?? null,
          reviewed ? mentorId : null,
          last.to === 'approved' ? last.when : null,
          last.when,
        ],
      );
      if (!row) continue;
      for (const step of steps) {
        await m.query(`INSERT INTO progress_event (progress_id, from_status, to_status, actor_id, comment, occurred_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
          row.id,
          step.from,
          step.to,
          step.by === 'teacher' ? teacherId : mentorId,
          step.comment ?? null,
          step.when,
        ]);
      }
    }
  }
}

export async function seedDemoProgress(m: Sql, ids: DemoIds): Promise<void> {
  for (const key of Object.keys(ids.cities) as (keyof DemoIds['cities'])[]) {
    const city = ids.cities[key];
    // The cohort seedDemoProgrammes made: the city's first.
    const [cohort] = await m.query('SELECT id FROM cohort WHERE municipality_id = $1 ORDER BY created_at, id LIMIT 1', [city.municipalityId]);
    if (!cohort) continue;
    const [{ seeded }] = await m.query('SELECT EXISTS (SELECT 1 FROM module_progress WHERE cohort_id = $1) AS seeded', [cohort.id]);
    if (seeded) continue;
    await seedCohortProgress(m, cohort.id, city.teacherIds, CITY_PROFILES[key]);
  }
}
