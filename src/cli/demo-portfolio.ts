import type { Sql } from '../database/sql.js';
import type { DemoIds } from './demo-data.js';

/**
 * Goals, check-ins and reflections of the demo teachers, in their own language (Hebrew, and Arabic
 * at the Arab community school in Hadera), spread as in life ten months into a cohort: some
 * teachers write often and share with their mentor or cohort, some keep most to themselves, one
 * has a draft waiting, a few wrote nothing yet. Mentors answered some of what was shared with them.
 * Idempotent: a teacher who already has a goal or an entry is left alone.
 */

interface DemoEntry {
  title: string;
  body: string;
  visibility: 'private' | 'mentor' | 'cohort';
  daysAgo: number | null;
  /** Link it to the first module of the teacher's programme that asks for a reflection. */
  onModule?: boolean;
  onGoal?: number;
  feedback?: { text: string; reply?: string };
}

interface DemoGoal {
  frame: 'me' | 'you' | 'us';
  what: string;
  why: string;
  evidence: string;
  targetInDays: number;
  setDaysAgo: number;
  every: number;
  status?: 'achieved' | 'dropped';
  statusNote?: string;
  checkIns: { daysAgo: number; note: string; rating: number }[];
  mentorComment?: string;
}

interface DemoTeacher {
  email: string;
  goals: DemoGoal[];
  entries: DemoEntry[];
}

const TEACHERS: DemoTeacher[] = [
  {
    email: 'teacher.batyam@demo.test',
    goals: [
      {
        frame: 'you',
        what: 'לשוחח שיחה אישית קצרה עם כל תלמיד/ה בכיתה עד סוף המחצית',
        why: 'יש תלמידים שאני כמעט לא שומעת את קולם בשיעור, ואני רוצה להכיר מה מייחד כל אחד מהם.',
        evidence: 'רשימת שיחות במחברת, ולפחות שלושה תלמידים שמשתתפים יותר בדיונים.',
        targetInDays: 60,
        setDaysAgo: 70,
        every: 14,
        checkIns: [
          { daysAgo: 56, note: 'התחלתי: שש שיחות בשבוע הראשון, בהפסקות.', rating: 2 },
          { daysAgo: 40, note: 'שיחה עם נועם הפתיעה אותי – הוא מצייר קומיקס בבית. הבאתי את זה לשיעור.', rating: 3 },
          { daysAgo: 20, note: '21 מתוך 32. קשה למצוא זמן בשבועות של מבחנים.', rating: 3 },
        ],
        mentorComment: 'איזה יופי עם נועם. אולי כדאי לתעד גם מה השתנה אצלך אחרי השיחות?',
      },
      {
        frame: 'me',
        what: 'לכתוב רפלקציה קצרה אחרי כל סדנה',
        why: 'כשאני כותבת אני מבינה מה באמת למדתי.',
        evidence: 'רפלקציה בתלקיט אחרי כל סדנה של התוכנית.',
        targetInDays: 200,
        setDaysAgo: 90,
        every: 30,
        checkIns: [{ daysAgo: 45, note: 'כתבתי אחרי שתי סדנאות מתוך שלוש.', rating: 4 }],
      },
    ],
    entries: [
      {
        title: 'מה למדתי מהשיחה עם נועם',
        body: 'היום הבנתי שתלמיד **שקט** הוא לא תלמיד שאין לו מה לומר.\n\n- הוא מצייר קומיקס\n- הוא מכיר כל דמות בספר שקראנו\n\nבשבוע הבא אנסה לתת לו להציג.',
        visibility: 'mentor',
        daysAgo: 39,
        onGoal: 0,
        onModule: true,
        feedback: { text: 'רפלקציה חזקה. מה עזר לך לפתוח את השיחה?', reply: 'שאלתי על הציור שעל המחברת שלו.' },
      },
      {
        title: 'הסדנה על הקשבה',
        body: 'התרגיל בזוגות היה לא נוח בהתחלה. אחרי עשר דקות הרגשתי שמקשיבים לי באמת.',
        visibility: 'cohort',
        daysAgo: 30,
        onGoal: 1,
      },
      { title: 'יום קשה', body: 'לא הכול הצליח היום, ואני רוצה לזכור את זה בלי לשפוט את עצמי.', visibility: 'private', daysAgo: 12 },
      { title: 'טיוטה: תוכנית לשבוע הבא', body: 'רעיונות לפעילות בקבוצות קטנות…', visibility: 'mentor', daysAgo: null },
    ],
  },
  {
    email: 'teacher2.batyam@demo.test',
    goals: [
      {
        frame: 'us',
        what: 'לבנות עם שתי מורות משכבה ו׳ פרויקט משותף על העיר',
        why: 'תלמידים לומדים יותר כשהם יוצרים יחד עם כיתות אחרות.',
        evidence: 'תערוכה משותפת בסוף השנה.',
        targetInDays: 150,
        setDaysAgo: 50,
        every: 21,
        checkIns: [{ daysAgo: 25, note: 'נפגשנו פעמיים ובחרנו נושא: הים של בת ים.', rating: 2 }],
      },
    ],
    entries: [
      {
        title: 'הים של בת ים – איך התחלנו',
        body: 'בפגישה הראשונה כל אחת הביאה רעיון אחר. **הסכמנו** לתת לתלמידים לבחור.',
        visibility: 'cohort',
        daysAgo: 24,
        onGoal: 0,
      },
      { title: 'על שיחת החונכות', body: 'השיחה עזרה לי לראות שאני לא חייב לעשות הכול לבד.', visibility: 'mentor', daysAgo: 9 },
    ],
  },
  {
    email: 'teacher.hadera@demo.test',
    goals: [
      {
        frame: 'me',
        what: 'למצוא דרך להביא את אהבת המוזיקה שלי לשיעורי המתמטיקה',
        why: 'אני מרגיש שאני מלמד כמו שלימדו אותי, ולא כמו שאני.',
        evidence: 'לפחות שלושה שיעורים עם קצב, שירים או כלים.',
        targetInDays: 90,
        setDaysAgo: 35,
        every: 14,
        checkIns: [],
      },
    ],
    entries: [{ title: 'שיעור השברים עם התופים', body: 'חילקנו מקצב לחלקים שווים. התלמידים ביקשו עוד.', visibility: 'mentor', daysAgo: 6, onGoal: 0 }],
  },
  {
    email: 'sanaa.masalha@hadera.demo.test',
    goals: [
      {
        frame: 'you',
        what: 'أن أتعرّف على موهبة خاصة لدى كل طالبة في صفّي',
        why: 'بعض الطالبات لا يظهرن في الدرس، وأريد أن أرى ما يميّز كل واحدة منهن.',
        evidence: 'دفتر ملاحظات لكل طالبة، ونشاط تعرض فيه كل طالبة موهبتها.',
        targetInDays: 80,
        setDaysAgo: 60,
        every: 14,
        checkIns: [
          { daysAgo: 45, note: 'بدأت بمحادثات قصيرة في الاستراحة. ثماني طالبات حتى الآن.', rating: 2 },
          { daysAgo: 28, note: 'اكتشفت أن ليان تكتب الشعر. طلبت منها أن تقرأ قصيدة في الصف.', rating: 4 },
        ],
        mentorComment: 'خطوة جميلة مع ليان. كيف كان ردّ فعل الصف؟',
      },
    ],
    entries: [
      {
        title: 'ليان والقصيدة',
        body: 'قرأت ليان قصيدتها أمام الصف، وصفّق الجميع. **لم أرها تبتسم هكذا من قبل.**\n\n- سأخصّص وقتًا كل أسبوع لعرض موهبة\n- سأسأل الطالبات ماذا يردن أن يعرضن',
        visibility: 'mentor',
        daysAgo: 27,
        onGoal: 0,
        onModule: true,
        feedback: { text: 'هذا بالضبط ما نقصده بالتربية الشخصية. شاركي الفوج بهذا إن أردتِ.' },
      },
      { title: 'ورشة الإصغاء', body: 'تعلّمت أن أصمت أكثر وأن أنتظر قبل أن أجيب.', visibility: 'cohort', daysAgo: 15 },
    ],
  },
  {
    email: 'mohammad.jabareen@hadera.demo.test',
    goals: [
      {
        frame: 'us',
        what: 'أن ننظّم مع أهالي الطلاب يومًا تعليميًا في الحيّ',
        why: 'المدرسة جزء من المدينة، والأهل شركاء.',
        evidence: 'يوم تعليمي يشارك فيه عشرة أهالٍ على الأقل.',
        targetInDays: 120,
        setDaysAgo: 80,
        every: 30,
        status: 'dropped',
        statusNote: 'أجّلناه إلى السنة القادمة بسبب الامتحانات.',
        checkIns: [{ daysAgo: 50, note: 'تحدثت مع المديرة ومع لجنة الأهالي.', rating: 2 }],
      },
    ],
    entries: [{ title: 'لماذا أجّلنا اليوم التعليمي', body: 'لم يكن الوقت مناسبًا. تعلّمت أن أبدأ التخطيط مبكرًا.', visibility: 'private', daysAgo: 20, onGoal: 0 }],
  },
];

export async function seedDemoPortfolio(m: Sql, _ids: DemoIds): Promise<void> {
  for (const teacher of TEACHERS) {
    const [person] = await m.query(
      `SELECT u.id,
              (SELECT mg.mentor_id FROM cohort_member cm JOIN mentor_group mg ON mg.id = cm.mentor_group_id
                WHERE cm.user_id = u.id AND cm.role = 'teacher' AND cm.status = 'active' LIMIT 1) AS "mentorId",
              (SELECT mo.id FROM cohort_member cm JOIN cohort c ON c.id = cm.cohort_id
                 JOIN curriculum_module mo ON mo.programme_id = c.programme_id
                 JOIN programme_phase ph ON ph.id = mo.phase_id
                WHERE cm.user_id = u.id AND cm.role = 'teacher' AND mo.reflection_prompt <> ''
                ORDER BY c.archived, c.starts_on DESC, ph.position, mo.position LIMIT 1) AS "moduleId",
              EXISTS (SELECT 1 FROM goal WHERE owner_id = u.id) OR EXISTS (SELECT 1 FROM portfolio_entry WHERE author_id = u.id) AS seeded
         FROM app_user u WHERE u.email = $1`,
      [teacher.email],
    );
    if (!person || person.seeded) continue;
    const goalIds: string[] = [];
    for (const g of teacher.goals) {
      const [goal] = await m.query(
        `INSERT INTO goal (owner_id, frame, what, why, evidence, target_on, check_in_every_days, status, status_note, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, (now() AT TIME ZONE 'Asia/Jerusalem')::date + $6::int, $7, $8, $9, now() - make_interval(days => $10), now() - make_interval(days => $10))
         RETURNING id`,
        [person.id, g.frame, g.what, g.why, g.evidence, g.targetInDays - g.setDaysAgo, g.every, g.status ?? 'active', g.statusNote ?? null, g.setDaysAgo],
      );
      goalIds.push(goal.id);
      for (const c of g.checkIns)
        await m.query(
          `INSERT INTO goal_check_in (goal_id, checked_on, note, rating, created_at)
           VALUES ($1, (now() AT TIME ZONE 'Asia/Jerusalem')::date - $2::int, $3, $4, now() - make_interval(days => $2))`,
          [goal.id, c.daysAgo, c.note, c.rating],
        );
      if (g.mentorComment && person.mentorId)
        await m.query(`INSERT INTO goal_comment (goal_id, author_id, body, created_at) VALUES ($1, $2, $3, now() - interval '10 days')`, [
          goal.id,
          person.mentorId,
          g.mentorComment,
        ]);
    }
    for (const e of teacher.entries) {
      const at = e.daysAgo ?? 2;
      const [entry] = await m.query(
        `INSERT INTO portfolio_entry (author_id, title, body_md, visibility, published_at, module_id, goal_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, CASE WHEN $5::boolean THEN now() - make_interval(days => $6) END, $7, $8, now() - make_interval(days => $6), now() - make_interval(days => $6))
         RETURNING id`,
        [person.id, e.title, e.body, e.visibility, e.daysAgo !== null, at, e.onModule ? person.moduleId : null, e.onGoal !== undefined ? goalIds[e.onGoal] : null],
      );
      if (e.feedback && person.mentorId) {
        const [root] = await m.query(
          `INSERT INTO portfolio_feedback (entry_id, author_id, body, created_at) VALUES ($1, $2, $3, now() - make_interval(days => $4)) RETURNING id`,
          [entry.id, person.mentorId, e.feedback.text, Math.max(at - 1, 0)],
        );
        if (e.feedback.reply)
          await m.query(`INSERT INTO portfolio_feedback (entry_id, author_id, parent_id, body, created_at) VALUES ($1, $2, $3, $4, now() - make_interval(days => $5))`, [
            entry.id,
            person.id,
            root.id,
            e.feedback.reply,
            Math.max(at - 2, 0),
          ]);
      }
    }
  }
}
