import type { Sql } from '../database/sql.js';
import { hashPassword } from '../auth/passwords.js';
import type { Language } from '../common/i18n/language.js';
import { DEFAULT_QUIET_HOURS } from '../municipalities/quiet-hours.js';
import { DEMO_PASSWORD } from './demo-accounts.js';
import { seedDemoProgrammes } from './demo-programmes.js';
import { seedDemoProgress } from './demo-progress.js';
import { seedDemoWorkshops } from './demo-workshops.js';
import { seedDemoMentoring } from './demo-mentoring.js';
import { seedDemoPortfolio } from './demo-portfolio.js';
import { seedDemoReminders } from './demo-reminders.js';
import { seedDemoSnapshots } from './demo-snapshots.js';

interface DemoPerson {
  email: string;
  name: string;
  /** Index of their school in the city's list; none for department staff. */
  school?: number;
  language: Language | null;
}

interface DemoTeacher extends DemoPerson {
  /** Index of their mentor among the city's mentors: whose mentoring circle they are in. */
  mentor: number;
}

interface DemoCity {
  key: 'batyam' | 'hadera';
  nameHe: string;
  nameAr: string;
  nameEn: string;
  /** Names written once, in the language each school works in. */
  schools: string[];
  admin: DemoPerson;
  mentors: DemoPerson[];
  /** The city's teachers in the running cohort, the named demo logins first. */
  teachers: DemoTeacher[];
  /** Teachers of an earlier cohort only, who have since finished. */
  graduates: DemoPerson[];
}

/**
 * The people of the demo (SPEC §8): the demo logins keep their e-mails, roles and mentors; everyone
 * has a real-looking name, Hebrew for the Hebrew-speaking schools and Arabic for the people of the
 * Arab community school in Hadera, who read the app and the programme in Arabic.
 */
const CITIES: DemoCity[] = [
  {
    key: 'batyam',
    nameHe: 'בת ים',
    nameAr: 'بات يام',
    nameEn: 'Bat Yam',
    schools: ['בית ספר יסודי בן גוריון', 'חטיבת ביניים רמב״ם', 'בית ספר יסודי הים', 'בית ספר קריית האמנים'],
    admin: { email: 'dept.batyam@demo.test', name: 'אורלי שמעוני', language: 'he' },
    mentors: [
      { email: 'mentor.batyam@demo.test', name: 'מיכל לוי', school: 0, language: 'he' },
      { email: 'mentor2.batyam@demo.test', name: 'אבי בן חיים', school: 1, language: 'he' },
    ],
    teachers: [
      { email: 'teacher.batyam@demo.test', name: 'שרה אלמוג', school: 0, language: null, mentor: 0 },
      { email: 'teacher2.batyam@demo.test', name: 'דוד פרץ', school: 1, language: null, mentor: 1 },
      { email: 'noa.levi@batyam.demo.test', name: 'נועה לוי', school: 0, language: null, mentor: 0 },
      { email: 'yossi.mizrahi@batyam.demo.test', name: 'יוסי מזרחי', school: 1, language: null, mentor: 1 },
      { email: 'rivka.ben.david@batyam.demo.test', name: 'רבקה בן דוד', school: 2, language: null, mentor: 0 },
      { email: 'amir.haddad@batyam.demo.test', name: 'אמיר חדאד', school: 3, language: null, mentor: 1 },
      { email: 'tamar.shapiro@batyam.demo.test', name: 'תמר שפירא', school: 0, language: null, mentor: 0 },
      { email: 'dana.avraham@batyam.demo.test', name: 'דנה אברהם', school: 1, language: null, mentor: 1 },
      { email: 'eitan.cohen@batyam.demo.test', name: 'איתן כהן', school: 2, language: null, mentor: 0 },
      { email: 'maya.peretz@batyam.demo.test', name: 'מאיה פרץ', school: 3, language: null, mentor: 1 },
    ],
    graduates: [
      { email: 'inbal.rosen@batyam.demo.test', name: 'ענבל רוזן', school: 2, language: null },
      { email: 'galit.malka@batyam.demo.test', name: 'גלית מלכה', school: 3, language: null },
      { email: 'ronen.ashkenazi@batyam.demo.test', name: 'רונן אשכנזי', school: 0, language: null },
    ],
  },
  {
    key: 'hadera',
    nameHe: 'חדרה',
    nameAr: 'الخضيرة',
    nameEn: 'Hadera',
    schools: ['בית ספר יסודי פארק חדרה', 'חטיבת ביניים גבעת אולגה', 'בית ספר נחל חדרה', 'مدرسة الأمل الابتدائية'],
    admin: { email: 'dept.hadera@demo.test', name: 'משה אברהמי', language: 'he' },
    mentors: [
      { email: 'mentor.hadera@demo.test', name: 'הילה גולדברג', school: 0, language: 'he' },
      { email: 'mentor2.hadera@demo.test', name: 'منى زحالقة', school: 3, language: 'ar' },
    ],
    teachers: [
      { email: 'teacher.hadera@demo.test', name: 'יונתן שושן', school: 0, language: null, mentor: 0 },
      { email: 'lior.friedman@hadera.demo.test', name: 'ליאור פרידמן', school: 1, language: null, mentor: 0 },
      { email: 'yael.katz@hadera.demo.test', name: 'יעל כץ', school: 2, language: null, mentor: 0 },
      { email: 'omer.biton@hadera.demo.test', name: 'עומר ביטון', school: 0, language: null, mentor: 0 },
      { email: 'shira.golan@hadera.demo.test', name: 'שירה גולן', school: 1, language: null, mentor: 0 },
      { email: 'nadav.azoulay@hadera.demo.test', name: 'נדב אזולאי', school: 2, language: null, mentor: 0 },
      { email: 'sanaa.masalha@hadera.demo.test', name: 'سناء مصالحة', school: 3, language: 'ar', mentor: 1 },
      { email: 'mohammad.jabareen@hadera.demo.test', name: 'محمد جبارين', school: 3, language: 'ar', mentor: 1 },
      { email: 'rana.abu.hussein@hadera.demo.test', name: 'رنا أبو حسين', school: 3, language: 'ar', mentor: 1 },
      { email: 'khaled.athamneh@hadera.demo.test', name: 'خالد عثامنة', school: 3, language: 'ar', mentor: 1 },
    ],
    graduates: [],
  },
];

async function upsertUser(
  m: Sql,
  email: string,
  displayName: string,
  municipalityId: string | null,
  schoolId: string | null,
  passwordHash: string,
  language: string | null,
): Promise<string> {
  const rows = await m.query(
    `INSERT INTO app_user (email, display_name, municipality_id, school_id, password_hash, preferred_language)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email
     RETURNING id`,
    [email, displayName, municipalityId, schoolId, passwordHash, language],
  );
  return rows[0].id;
}

async function grant(m: Sql, userId: string, role: string, municipalityId: string | null, cohortId: string | null = null): Promise<void> {
  await m.query(`INSERT INTO role_grant (user_id, role, municipality_id, cohort_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
    userId,
    role,
    municipalityId,
    cohortId,
  ]);
}

export interface DemoCityIds {
  municipalityId: string;
  schoolIds: string[];
  deptAdminId: string;
  mentorIds: string[];
  /** The running cohort's teachers, in the order of the city's list (the named demo teachers first). */
  teacherIds: string[];
  /** For each of those teachers, the index of their mentor in mentorIds. */
  teacherMentors: number[];
  /** Teachers of an earlier cohort only. */
  graduateIds: string[];
}

export interface DemoIds {
  networkId: string;
  cities: Record<DemoCity['key'], DemoCityIds>;
}

/**
 * The demo network of SPEC §8. Idempotent: every row is found by its natural key (names, e-mails)
 * and created only when missing. With onlyIfEmpty it does nothing on a database that has data.
 * Returns whether it wrote anything.
 */
export async function seedDemoData(db: Sql, options: { onlyIfEmpty?: boolean } = {}): Promise<boolean> {
  if (options.onlyIfEmpty) {
    const [{ count }] = await db.query('SELECT count(*)::int AS count FROM municipality');
    if (count > 0) return false;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async () => {
    await db.query('SELECT pg_advisory_xact_lock(727275)');
    const ids = await seedPeople(db, passwordHash);
    for (const extend of DEMO_EXTENSIONS) await extend(db, ids);
  });
  return true;
}

async function seedPeople(m: Sql, passwordHash: string): Promise<DemoIds> {
  const existingNetwork = await m.query(`SELECT id FROM network WHERE name = 'Education Cities Network'`);
  const networkId: string = existingNetwork[0]?.id ?? (await m.query(`INSERT INTO network (name) VALUES ('Education Cities Network') RETURNING id`))[0].id;

  const networkAdmin = await upsertUser(m, 'network@demo.test', 'רות ברגמן', null, null, passwordHash, 'en');
  await grant(m, networkAdmin, 'network_admin', null);

  const cities = {} as DemoIds['cities'];
  for (const city of CITIES) {
    const municipalityId: string = (
      await m.query(
        `INSERT INTO municipality (network_id, name_he, name_ar, name_en, time_zone, locale, quiet_hours)
         VALUES ($1, $2, $3, $4, 'Asia/Jerusalem', 'he', $5)
         ON CONFLICT (lower(name_en)) DO UPDATE SET name_en = EXCLUDED.name_en RETURNING id`,
        [networkId, city.nameHe, city.nameAr, city.nameEn, JSON.stringify(DEFAULT_QUIET_HOURS)],
      )
    )[0].id;
    const schoolIds: string[] = [];
    for (const school of city.schools) {
      const rows = await m.query(
        `INSERT INTO school (municipality_id, name) VALUES ($1, $2)
         ON CONFLICT (municipality_id, lower(name)) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
        [municipalityId, school],
      );
      schoolIds.push(rows[0].id);
    }
    const person = (p: DemoPerson) =>
      upsertUser(m, p.email, p.name, municipalityId, p.school === undefined ? null : schoolIds[p.school], passwordHash, p.language);

    const deptAdminId = await person(city.admin);
    await grant(m, deptAdminId, 'department_admin', municipalityId);
    const mentorIds: string[] = [];
    for (const mentor of city.mentors) mentorIds.push(await person(mentor));
    const teacherIds: string[] = [];
    for (const teacher of city.teachers) teacherIds.push(await person(teacher));
    const graduateIds: string[] = [];
    for (const graduate of city.graduates) graduateIds.push(await person(graduate));
    for (const id of mentorIds) await grant(m, id, 'mentor', municipalityId);
    for (const id of [...teacherIds, ...graduateIds]) await grant(m, id, 'teacher', municipalityId);
    cities[city.key] = {
      municipalityId,
      schoolIds,
      deptAdminId,
      mentorIds,
      teacherIds,
      teacherMentors: city.teachers.map((t) => t.mentor),
      graduateIds,
    };
  }
  // Two-factor sign-in is off in the demo network and cities: SPEC §8's logins sign in with the password alone.
  await m.query(
    'WITH n AS (UPDATE network SET require_two_factor = false WHERE id = $1) UPDATE municipality SET require_two_factor = false WHERE id = ANY($2)',
    [networkId, Object.values(cities).map((c) => c.municipalityId)],
  );
  return { networkId, cities };
}

/**
 * Features add their demo data here (programmes, cohorts, progress...), each given the ids above,
 * inside the same transaction.
 */
export const DEMO_EXTENSIONS: ((m: Sql, ids: DemoIds) => Promise<void>)[] = [
  seedDemoProgrammes,
  seedDemoProgress,
  seedDemoWorkshops,
  seedDemoMentoring,
  seedDemoPortfolio,
  seedDemoReminders,
  seedDemoSnapshots,
];
