-- 200,000 teachers in 50 cities, 100 running cohorts of 2,000, for EXPLAIN of the dashboards.
SET synchronous_commit = off;
INSERT INTO network (name) SELECT 'Scale network' WHERE NOT EXISTS (SELECT 1 FROM network);
INSERT INTO municipality (network_id, name_he, name_ar, name_en, locale, time_zone, quiet_hours)
SELECT (SELECT id FROM network LIMIT 1), 'עיר ' || i, 'مدينة ' || i, 'City ' || i, 'he', 'Asia/Jerusalem', '{"nightFrom":"22:00","nightTo":"07:00","weekly":[{"fromDay":5,"fromTime":"14:00","toDay":6,"toTime":"20:00"}]}' FROM generate_series(1, 50) i;
INSERT INTO school (municipality_id, name) SELECT mu.id, 'School ' || mu.name_en || ' ' || j FROM municipality mu, generate_series(1, 10) j;
INSERT INTO programme (municipality_id, title, original_language) SELECT NULL, 'Template', 'he';
INSERT INTO programme (municipality_id, origin_programme_id, title, original_language)
SELECT mu.id, (SELECT id FROM programme WHERE municipality_id IS NULL LIMIT 1), 'Programme ' || mu.name_en, 'he' FROM municipality mu;
INSERT INTO programme_phase (programme_id, position, title, original_language) SELECT p.id, 0, 'Phase', 'he' FROM programme p WHERE p.municipality_id IS NOT NULL;
INSERT INTO curriculum_module (programme_id, phase_id, position, title, kind, completion_method, required, original_language)
SELECT ph.programme_id, ph.id, k, 'Module ' || k, 'online', 'approval', true, 'he' FROM programme_phase ph, generate_series(0, 13) k;
INSERT INTO cohort (municipality_id, programme_id, name, starts_on, ends_on)
SELECT p.municipality_id, p.id, 'Cohort ' || j, current_date - 200, current_date + 500 FROM programme p, generate_series(1, 2) j WHERE p.municipality_id IS NOT NULL;
INSERT INTO module_window (cohort_id, module_id, opens_on, due_on)
SELECT c.id, cm.id, c.starts_on + cm.position * 40, c.starts_on + cm.position * 40 + 30 FROM cohort c JOIN curriculum_module cm ON cm.programme_id = c.programme_id;
-- mentors: 10 per cohort
INSERT INTO app_user (email, display_name, municipality_id, active)
SELECT 'mentor-' || c.id || '-' || j || '@scale.test', 'Mentor ' || j, c.municipality_id, true FROM cohort c, generate_series(1, 10) j;
INSERT INTO cohort_member (cohort_id, user_id, role, status, joined_at)
SELECT c.id, u.id, 'mentor', 'active', now() - interval '200 days' FROM cohort c JOIN app_user u ON u.email LIKE 'mentor-' || c.id || '-%';
INSERT INTO mentor_group (cohort_id, mentor_id, name)
SELECT m.cohort_id, m.user_id, 'Group' FROM cohort_member m WHERE m.role = 'mentor';
-- teachers: 2,000 per cohort
INSERT INTO app_user (email, display_name, municipality_id, school_id, active)
SELECT 'teacher-' || c.id || '-' || j || '@scale.test', 'Teacher ' || j, c.municipality_id,
       (SELECT s.id FROM school s WHERE s.municipality_id = c.municipality_id ORDER BY s.id OFFSET (j % 10) LIMIT 1), true
  FROM cohort c, generate_series(1, 2000) j;
INSERT INTO cohort_member (cohort_id, user_id, role, status, joined_at, mentor_group_id)
SELECT c.id, u.id, 'teacher', CASE WHEN random() < 0.03 THEN 'withdrawn' ELSE 'active' END, now() - interval '200 days',
       (SELECT g.id FROM mentor_group g WHERE g.cohort_id = c.id ORDER BY g.id OFFSET (abs(hashtext(u.email)) % 10) LIMIT 1)
  FROM cohort c JOIN app_user u ON u.email LIKE 'teacher-' || c.id || '-%';
-- progress: each teacher approved the first N modules (N 0..5), the next one submitted
INSERT INTO module_progress (cohort_id, teacher_id, module_id, status, submitted_at, completed_at, updated_at)
SELECT m.cohort_id, m.user_id, cm.id,
       CASE WHEN cm.position < n.n THEN 'approved' ELSE 'submitted' END,
       now() - (200 - cm.position * 30) * interval '1 day', CASE WHEN cm.position < n.n THEN now() - (190 - cm.position * 30) * interval '1 day' END, now()
  FROM cohort_member m JOIN cohort c ON c.id = m.cohort_id JOIN curriculum_module cm ON cm.programme_id = c.programme_id
  CROSS JOIN LATERAL (SELECT abs(hashtext(m.user_id::text)) % 6 AS n) n
 WHERE m.role = 'teacher' AND cm.position <= n.n;
INSERT INTO progress_event (progress_id, from_status, to_status, actor_id, occurred_at)
SELECT p.id, 'submitted', p.status, p.teacher_id, coalesce(p.completed_at, p.submitted_at) FROM module_progress p;
-- one attended session per teacher in the last 60 days (groups of 10)
INSERT INTO mentoring_session (municipality_id, cohort_id, mentor_id, starts_at, ends_at, created_by)
SELECT c.municipality_id, g.cohort_id, g.mentor_id, now() - (k % 60) * interval '1 day', now() - (k % 60) * interval '1 day' + interval '1 hour', g.mentor_id
  FROM mentor_group g JOIN cohort c ON c.id = g.cohort_id, generate_series(1, 20) k;
INSERT INTO mentoring_participant (session_id, teacher_id, attended)
SELECT DISTINCT ON (m.user_id) s.id, m.user_id, true
  FROM cohort_member m JOIN mentor_group g ON g.id = m.mentor_group_id JOIN mentoring_session s ON s.mentor_id = g.mentor_id AND s.cohort_id = g.cohort_id
 WHERE m.role = 'teacher' ORDER BY m.user_id, abs(hashtext(m.user_id::text || s.id::text));
-- a goal and a check-in each; a published reflection for half
INSERT INTO goal (owner_id, frame, what) SELECT m.user_id, (ARRAY['me','you','us'])[1 + abs(hashtext(m.user_id::text)) % 3], 'Goal' FROM cohort_member m WHERE m.role = 'teacher';
INSERT INTO goal_check_in (goal_id, checked_on, note, rating) SELECT g.id, current_date - abs(hashtext(g.id::text)) % 60, 'note', 3 FROM goal g;
INSERT INTO portfolio_entry (author_id, title, body_md, visibility, published_at)
SELECT m.user_id, 'Reflection', 'text', 'mentor', now() - abs(hashtext(m.user_id::text)) % 90 * interval '1 day' FROM cohort_member m WHERE m.role = 'teacher' AND abs(hashtext(m.user_id::text)) % 2 = 0;
ANALYZE;
