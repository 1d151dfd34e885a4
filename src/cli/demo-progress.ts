import type { Sql } from '../database/sql.js';
import type { DemoIds } from './demo-data.js';
import { BAT_YAM_FIRST_COHORT, RUNNING_COHORT_NAMES } from './demo-programmes.js';

/**
 * Progress in the demo cohorts (made by seedDemoProgrammes). The running cohorts are spread the way
 * a real cohort ten months in looks: most teachers keep up, a few are behind by one module, a few
 * are at risk, and submissions wait in mentors' queues; nobody has completed, as the cohort is less
 * than half way through its two years. In Bat Yam's first cohort, which has ended, the second demo
 * teacher and two colleagues completed every module and one stopped early on.
 *
 * Every row carries a dated history (start, submission, review), all in the past, and what the
 * teachers and mentors wrote is in their own language. Idempotent: a cohort that already has
 * progress is left alone; without the demo cohorts it does nothing.
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
const RUNNING_PROFILES: Record<keyof DemoIds['cities'], (keyof typeof PROFILES)[]> = {
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
  hadera: [
    'keepingUp',
    'waitingForReview',
    'keepingUp',
    'wentQuiet',
    'keepingUp',
    'missedWorkshop',
    'keepingUp',
    'waitingForReview',
    'missedWorkshop',
    'keepingUp',
  ],
};

/** Bat Yam's first cohort: the second demo teacher, then the graduates among the demo people. */
const FIRST_COHORT_PROFILES: (keyof typeof PROFILES)[] = ['keepingUp', 'keepingUp', 'keepingUp', 'wentQuiet'];

/** What teachers hand in and mentors answer, in the language each of them works in. */
const SUBMISSIONS: Record<'he' | 'ar', string[]> = {
  he: [
    'קיימתי בכל שבוע שיחה קצרה עם שלושה תלמידים שהכרתי הכי פחות. אחת מהן, תלמידה שקטה מהשורה האחרונה, מציירת קומיקס על השכונה שלנו; ביקשתי ממנה לאייר את יחידת ההיסטוריה שלנו, ועכשיו היא משתתפת בשיעורים.',
    'היומן שלנו מהביקור: שלושה רעיונות שנוכל להביא איתנו – „שעה אישית” שבועית במערכת, אסיפות הורים שהתלמידים מובילים, ולוח משותף בחדר המורים למה שאנחנו לומדים על כל תלמיד. מצורפת תוכנית קטנה לרעיון הראשון.',
    'העברנו שיעור במוזיאון העיר עם דייג בדימוס כשותף. התלמידים ראיינו אותו על איך העיר השתנתה; הרפלקציות שלהם למטה, ורובם כתבו שזו הפעם הראשונה שלמדו ממישהו מחוץ לבית הספר.',
  ],
  ar: [
    'أجريت كل أسبوع محادثة قصيرة مع ثلاثة طلاب كنت أعرفهم أقل من غيرهم. تبيّن أن إحداهم، وهي طالبة هادئة من الصف الأخير، ترسم قصصًا مصوّرة عن حيّنا؛ طلبت منها أن ترسم لوحدة التاريخ، وصارت تشارك في الدروس.',
    'دفترنا من الزيارة: ثلاث أفكار يمكننا نقلها – «ساعة شخصية» أسبوعية في البرنامج، واجتماعات أهالٍ يقودها الطلاب، ولوح مشترك في غرفة المعلمين لما نتعلّمه عن كل طالب. أرفقت خطة صغيرة للفكرة الأولى.',
    'نفّذنا درسًا في متحف المدينة مع صيّاد متقاعد شريكًا لنا. أجرى الطلاب مقابلة معه عن تغيّر المدينة؛ تأمّلاتهم أدناه، وكتب معظمهم أنها المرة الأولى التي يتعلّمون فيها من شخص خارج المدرسة.',
  ],
};

const RETURN_COMMENTS: Record<'he' | 'ar', string> = {
  he: 'התחלה טובה. הוסיפו בבקשה דוגמה מוחשית אחת לשינוי שעשיתם בכיתה בעקבות מה שלמדתם, ומה התלמיד אמר על כך.',
  ar: 'بداية جيدة. يُرجى إضافة مثال ملموس واحد على تغيير أجريتموه في الصف بسبب ما تعلّمتموه، وعلى ما قاله الطالب عنه.',
};

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

/** The history that leads to an outcome, dated within the module's window; a returned piece carries the mentor's comment. */
function stepsFor(module: DueModule, outcome: Outcome, now: number, returnComment: string): Step[] {
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
  if (outcome === 'returned') return [start, submit, { from: 'submitted', to: 'returned', by: 'mentor', when: beforeDue(5), comment: returnComment }];
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
  const members: { teacherId: string; mentorId: string | null; teacherLanguage: string | null; mentorLanguage: string | null }[] = await m.query(
    `SELECT mem.user_id AS "teacherId", g.mentor_id AS "mentorId", t.preferred_language AS "teacherLanguage", mt.preferred_language AS "mentorLanguage"
       FROM cohort_member mem
       JOIN app_user t ON t.id = mem.user_id
       LEFT JOIN mentor_group g ON g.id = mem.mentor_group_id
       LEFT JOIN app_user mt ON mt.id = g.mentor_id
      WHERE mem.cohort_id = $1 AND mem.role = 'teacher' AND mem.user_id = ANY($2::uuid[])`,
    [cohortId, teacherIds],
  );
  const byTeacher = new Map(members.map((row) => [row.teacherId, row]));
  for (const [index, teacherId] of teacherIds.entries()) {
    const member = byTeacher.get(teacherId);
    if (!member) continue;
    const outcomes = PROFILES[profiles[index % profiles.length]](due);
    const submissions = SUBMISSIONS[member.teacherLanguage === 'ar' ? 'ar' : 'he'];
    const returnComment = RETURN_COMMENTS[member.mentorLanguage === 'ar' ? 'ar' : 'he'];
    for (const [i, module] of due.entries()) {
      const steps = stepsFor(module, outcomes[i], now, returnComment);
      if (steps.length === 0) continue;
      const mentorId = member.mentorId;
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
          submitted ? submissions[(index + i) % submissions.length] : null,
          last.to === 'returned' ? returnComment : null,
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
  const batYam = ids.cities.batyam;
  const plans = [
    ...(Object.keys(ids.cities) as (keyof DemoIds['cities'])[]).map((key) => ({
      municipalityId: ids.cities[key].municipalityId,
      name: RUNNING_COHORT_NAMES[key],
      teacherIds: ids.cities[key].teacherIds,
      profiles: RUNNING_PROFILES[key],
    })),
    {
      municipalityId: batYam.municipalityId,
      name: BAT_YAM_FIRST_COHORT,
      teacherIds: [batYam.teacherIds[1], ...batYam.graduateIds],
      profiles: FIRST_COHORT_PROFILES,
    },
  ];
  for (const plan of plans) {
    const [cohort] = await m.query('SELECT id FROM cohort WHERE municipality_id = $1 AND name = $2', [plan.municipalityId, plan.name]);
    if (!cohort) continue;
    const [{ seeded }] = await m.query('SELECT EXISTS (SELECT 1 FROM module_progress WHERE cohort_id = $1) AS seeded', [cohort.id]);
    if (seeded) continue;
    await seedCohortProgress(m, cohort.id, plan.teacherIds, plan.profiles);
  }
}
