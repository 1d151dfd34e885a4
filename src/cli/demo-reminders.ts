import type { Sql } from '../database/sql.js';
import type { DemoIds } from './demo-data.js';

/**
 * The coming year's school holidays as the demo cities' quiet days (the migration seeds only the
 * cities that existed when it ran). Named in Hebrew, as the demo's department admins write; the
 * Muslim dates are the expected ones.
 */
const HOLIDAYS_2027: [string, string, string][] = [
  ['2027-03-09', 'עיד אל-פיטר', 'muslim'],
  ['2027-03-10', 'עיד אל-פיטר', 'muslim'],
  ['2027-04-22', 'פסח', 'jewish'],
  ['2027-04-28', 'שביעי של פסח', 'jewish'],
  ['2027-05-12', 'יום העצמאות', 'all'],
  ['2027-05-16', 'עיד אל-אדחא', 'muslim'],
  ['2027-05-17', 'עיד אל-אדחא', 'muslim'],
  ['2027-05-18', 'עיד אל-אדחא', 'muslim'],
  ['2027-06-11', 'שבועות', 'jewish'],
  ['2027-10-02', 'ראש השנה', 'jewish'],
  ['2027-10-03', 'ראש השנה', 'jewish'],
  ['2027-10-11', 'יום כיפור', 'jewish'],
  ['2027-10-16', 'סוכות', 'jewish'],
  ['2027-10-23', 'שמיני עצרת', 'jewish'],
];

export async function seedDemoReminders(m: Sql, ids: DemoIds): Promise<void> {
  const cities = Object.values(ids.cities).map((c) => c.municipalityId);
  await m.query(
    `INSERT INTO municipality_holiday (municipality_id, day, name, community)
     SELECT c, h.day, h.name, h.community
       FROM unnest($1::uuid[]) AS c
      CROSS JOIN unnest($2::date[], $3::text[], $4::text[]) AS h(day, name, community)
     ON CONFLICT ON CONSTRAINT municipality_holiday_day_key DO NOTHING`,
    [cities, HOLIDAYS_2027.map((h) => h[0]), HOLIDAYS_2027.map((h) => h[1]), HOLIDAYS_2027.map((h) => h[2])],
  );
}
