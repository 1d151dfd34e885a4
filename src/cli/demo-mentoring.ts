import type { Sql } from '../database/sql.js';
import type { DemoIds } from './demo-data.js';

/**
 * Mentoring in the demo's running cohorts: a session history per teacher that makes the completion
 * rule (8 sessions) met by some and missed by others — a third of each group met every three weeks
 * up to last week, a third not met for six weeks and more, a third met twice, long ago (and missed
 * the last one) —, shared notes, a private note on the latest session, open action items carried
 * forward, one upcoming session each for the well-met teachers, and each mentor's weekly
 * availability slots. Written in the mentor's language (Hebrew; Arabic for Arabic-reading mentors).
 * Only the demo people's cohorts (their mentors' e-mails end in demo.test). Idempotent: does nothing
 * once a demo mentor has a session.
 */
export async function seedDemoMentoring(m: Sql, _ids: DemoIds): Promise<void> {
  const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM mentoring_session ms JOIN app_user u ON u.id = ms.mentor_id WHERE u.email LIKE '%demo.test'`);
  if (n > 0) return;
  await m.query(`
    WITH teachers AS (
      SELECT tm.cohort_id, c.municipality_id, g.mentor_id, tm.user_id, mu.time_zone, c.starts_on,
             (now() AT TIME ZONE mu.time_zone)::date AS today,
             coalesce(mentor.preferred_language, 'he') = 'ar' AS arabic,
             row_number() OVER (PARTITION BY g.id ORDER BY u.email) AS n
        FROM cohort_member tm
        JOIN mentor_group g ON g.id = tm.mentor_group_id
        JOIN app_user mentor ON mentor.id = g.mentor_id AND mentor.email LIKE '%demo.test'
        JOIN app_user u ON u.id = tm.user_id
        JOIN cohort c ON c.id = tm.cohort_id AND NOT c.archived
        JOIN municipality mu ON mu.id = c.municipality_id
       WHERE tm.role = 'teacher' AND tm.status = 'active' AND c.starts_on < (now() AT TIME ZONE mu.time_zone)::date
    ),
    plan AS MATERIALIZED (
      SELECT gen_random_uuid() AS id, t.*, k,
             t.today - CASE t.n % 3 WHEN 1 THEN 7 + 21 * (k - 1) WHEN 2 THEN 45 + 21 * (k - 1) ELSE 80 + 30 * (k - 1) END AS day,
             k = 1 AS latest,
             NOT (t.n % 3 = 0 AND k = 1) AS attended
        FROM teachers t
        CROSS JOIN LATERAL generate_series(1, CASE t.n % 3 WHEN 1 THEN 9 WHEN 2 THEN 4 ELSE 2 END) AS k
    ),
    kept AS (SELECT * FROM plan WHERE day >= starts_on),
    sessions AS (
      INSERT INTO mentoring_session (id, municipality_id, cohort_id, mentor_id, starts_at, ends_at, place, agenda, shared_notes, created_by, created_at)
      SELECT id, municipality_id, cohort_id, mentor_id,
             (day + time '16:00') AT TIME ZONE time_zone, (day + time '16:45') AT TIME ZONE time_zone,
             CASE WHEN arabic THEN 'غرفة المعلمين' ELSE 'חדר המורים' END,
             CASE WHEN arabic THEN '- مراجعة ما جرّبناه في الصف' || chr(10) || '- التخطيط للأسبوعين القادمين'
                  ELSE '- מה ניסינו בכיתה מאז הפגישה הקודמת' || chr(10) || '- תכנון השבועיים הקרובים' END,
             CASE WHEN NOT attended THEN ''
                  WHEN arabic THEN 'تحدثنا عن إدارة الوقت في الحصة واتفقنا على تجربة بطاقة الخروج.'
                  ELSE 'דיברנו על ניהול זמן בשיעור וסיכמנו לנסות כרטיס יציאה בסוף כל שיעור.' END,
             mentor_id, (day + time '18:00') AT TIME ZONE time_zone
        FROM kept
      RETURNING id
    ),
    participants AS (
      INSERT INTO mentoring_participant (session_id, teacher_id, attended)
      SELECT k.id, k.user_id, k.attended FROM kept k JOIN sessions s ON s.id = k.id
    ),
    private_notes AS (
      INSERT INTO mentoring_private_note (session_id, mentor_id, body)
      SELECT k.id, k.mentor_id,
             CASE WHEN k.arabic THEN 'تبدو متعبة هذا الشهر؛ أن أسأل في المرة القادمة عن العبء في المدرسة.'
                  ELSE 'נראית עייפה החודש; לשאול בפעם הבאה על העומס בבית הספר.' END
        FROM kept k JOIN sessions s ON s.id = k.id
       WHERE k.latest AND k.attended
    )
    INSERT INTO mentoring_action_item (session_id, owner_id, title, due_on, created_by, created_at)
    SELECT k.id, k.user_id,
           CASE WHEN k.arabic THEN 'تجربة بطاقة الخروج في ثلاث حصص' ELSE 'לנסות כרטיס יציאה בשלושה שיעורים' END,
           k.day + 14, k.mentor_id, (k.day + time '18:00') AT TIME ZONE k.time_zone
      FROM kept k JOIN sessions s ON s.id = k.id
     WHERE k.latest AND k.attended AND k.n % 3 <> 0`);

  // The well-met teachers' next session, and each mentor's weekly slots from the coming days.
  await m.query(`
    WITH upcoming AS MATERIALIZED (
      SELECT gen_random_uuid() AS id, c.municipality_id, tm.cohort_id, g.mentor_id, tm.user_id, mu.time_zone,
             (now() AT TIME ZONE mu.time_zone)::date + 5 AS day,
             coalesce(mentor.preferred_language, 'he') = 'ar' AS arabic,
             row_number() OVER (PARTITION BY g.id ORDER BY u.email) AS n
        FROM cohort_member tm
        JOIN mentor_group g ON g.id = tm.mentor_group_id
        JOIN app_user mentor ON mentor.id = g.mentor_id AND mentor.email LIKE '%demo.test'
        JOIN app_user u ON u.id = tm.user_id
        JOIN cohort c ON c.id = tm.cohort_id AND NOT c.archived
        JOIN municipality mu ON mu.id = c.municipality_id
       WHERE tm.role = 'teacher' AND tm.status = 'active' AND c.starts_on < (now() AT TIME ZONE mu.time_zone)::date
    ),
    sessions AS (
      INSERT INTO mentoring_session (id, municipality_id, cohort_id, mentor_id, starts_at, ends_at, place, agenda, created_by)
      SELECT id, municipality_id, cohort_id, mentor_id,
             (day + time '16:00') AT TIME ZONE time_zone + make_interval(mins => 60 * (n::int / 3)),
             (day + time '16:45') AT TIME ZONE time_zone + make_interval(mins => 60 * (n::int / 3)),
             CASE WHEN arabic THEN 'غرفة المعلمين' ELSE 'חדר המורים' END,
             CASE WHEN arabic THEN '- بطاقة الخروج: ماذا تعلمنا؟' ELSE '- כרטיס יציאה: מה למדנו?' END,
             mentor_id
        FROM upcoming WHERE n % 3 = 1
      RETURNING id
    )
    INSERT INTO mentoring_participant (session_id, teacher_id)
    SELECT u.id, u.user_id FROM upcoming u JOIN sessions s ON s.id = u.id`);

  await m.query(`
    INSERT INTO availability_slot (municipality_id, mentor_id, starts_on, start_time, duration_minutes, weeks, cancel_cutoff_hours, place)
    SELECT DISTINCT ON (g.mentor_id) c.municipality_id, g.mentor_id, (now() AT TIME ZONE mu.time_zone)::date + 3, time '17:00', 45, 6, 24,
           CASE WHEN coalesce(mentor.preferred_language, 'he') = 'ar' THEN 'غرفة المعلمين' ELSE 'חדר המורים' END
      FROM mentor_group g
      JOIN app_user mentor ON mentor.id = g.mentor_id AND mentor.email LIKE '%demo.test'
      JOIN cohort c ON c.id = g.cohort_id AND NOT c.archived
      JOIN municipality mu ON mu.id = c.municipality_id
     WHERE c.starts_on < (now() AT TIME ZONE mu.time_zone)::date
     ORDER BY g.mentor_id, c.starts_on DESC`);
}
