import type { Sql } from '../database/sql.js';
import { hashPassword } from '../auth/passwords.js';
import { DEFAULT_QUIET_HOURS } from '../municipalities/quiet-hours.js';
import { DEMO_PASSWORD } from './demo-accounts.js';
import { seedDemoProgrammes } from './demo-programmes.js';
import { seedDemoProgress } from './demo-progress.js';

interface DemoCity {
  key: 'batyam' | 'hadera';
  nameHe: string;
  nameAr: string;
  nameEn: string;
  schools: string[];
}

const CITIES: DemoCity[] = [
  {
    key: 'batyam',
    nameHe: 'בת ים',
    nameAr: 'بات يام',
    nameEn: 'Bat Yam',
    schools: ['Ben Gurion Primary School', 'Rambam Middle School', 'HaYam Primary School', 'Kiryat Ha-Omanim School'],
  },
  {
    key: 'hadera',
    nameHe: 'חדרה',
    nameAr: 'الخضيرة',
    nameEn: 'Hadera',
    schools: ['Hadera Park Primary School', 'Givat Olga Middle School', 'Nahal Hadera School'],
  },
];

/** People of each city besides the named demo accounts, so lists and figures look lived-in. */
const EXTRA_TEACHERS: Record<DemoCity['key'], string[]> = {
  batyam: ['Noa Levi', 'Yossi Mizrahi', 'Rivka Ben-David', 'Amir Haddad', 'Tamar Shapiro', 'Dana Avraham', 'Eitan Cohen', 'Maya Peretz'],
  hadera: ['Lior Friedman', 'Yael Katz', 'Omer Biton', 'Shira Golan', 'Nadav Azoulay'],
};

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

export interface DemoIds {
  networkId: string;
  cities: Record<DemoCity['key'], { municipalityId: string; schoolIds: string[]; deptAdminId: string; teacherIds: string[]; mentorIds: string[] }>;
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

  const networkAdmin = await upsertUser(m, 'network@demo.test', 'Ruth Network', null, null, passwordHash, 'en');
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
    const deptAdminId = await upsertUser(
      m,
      `dept.${city.key}@demo.test`,
      city.key === 'batyam' ? 'Orly Department (Bat Yam)' : 'Moshe Department (Hadera)',
      municipalityId,
      null,
      passwordHash,
      'he',
    );
    await grant(m, deptAdminId, 'department_admin', municipalityId);

    const mentorIds: string[] = [];
    const teacherIds: string[] = [];
    if (city.key === 'batyam') {
      mentorIds.push(await upsertUser(m, 'mentor.batyam@demo.test', 'Michal Mentor', municipalityId, schoolIds[0], passwordHash, 'he'));
      mentorIds.push(await upsertUser(m, 'mentor2.batyam@demo.test', 'Avi Mentor', municipalityId, schoolIds[1], passwordHash, 'he'));
      teacherIds.push(await upsertUser(m, 'teacher.batyam@demo.test', 'Sarah Teacher', municipalityId, schoolIds[0], passwordHash, null));
      teacherIds.push(await upsertUser(m, 'teacher2.batyam@demo.test', 'David Teacher', municipalityId, schoolIds[1], passwordHash, null));
    } else {
      mentorIds.push(await upsertUser(m, 'mentor.hadera@demo.test', 'Hila Mentor', municipalityId, schoolIds[0], passwordHash, 'he'));
      teacherIds.push(await upsertUser(m, 'teacher.hadera@demo.test', 'Yonatan Teacher', municipalityId, schoolIds[0], passwordHash, null));
    }
    for (const [index, name] of EXTRA_TEACHERS[city.key].entries()) {
      const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${city.key}.demo.test`;
      teacherIds.push(await upsertUser(m, email, name, municipalityId, schoolIds[index % schoolIds.length], passwordHash, null));
    }
    for (const id of mentorIds) await grant(m, id, 'mentor', municipalityId);
    for (const id of teacherIds) await grant(m, id, 'teacher', municipalityId);
    cities[city.key] = { municipalityId, schoolIds, deptAdminId, teacherIds, mentorIds };
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
export const DEMO_EXTENSIONS: ((m: Sql, ids: DemoIds) => Promise<void>)[] = [seedDemoProgrammes, seedDemoProgress];
