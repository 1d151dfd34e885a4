import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A mentor reads only the work a teacher handed in while that mentor was theirs (README, "Privacy").
 * `mentor_since` is when the teacher's current mentor of record became so (or when they were left
 * without one): set when the teacher changes group, and when their group's mentor withdraws or is
 * re-admitted. Existing memberships take the last of those moments the history shows — the
 * teacher's last group change (else their enrolment) and the last withdrawal or re-admission of
 * their group's mentor — so work handed in earlier waits for the teacher to hand it in again.
 */
export class MentorSince1796225125096 implements MigrationInterface {
  name = 'MentorSince1796225125096';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cohort_member ADD COLUMN mentor_since timestamptz`);
    await q.query(`UPDATE cohort_member m SET mentor_since = greatest(
      coalesce((SELECT max(e.occurred_at) FROM cohort_member_event e WHERE e.cohort_member_id = m.id AND e.action = 'group_changed'), m.joined_at),
      (SELECT max(e.occurred_at)
         FROM mentor_group g
         JOIN cohort_member lead ON lead.cohort_id = g.cohort_id AND lead.user_id = g.mentor_id AND lead.role = 'mentor'
         JOIN cohort_member_event e ON e.cohort_member_id = lead.id AND e.action IN ('withdrawn', 'readmitted')
        WHERE g.id = m.mentor_group_id))`);
    await q.query(`ALTER TABLE cohort_member ALTER COLUMN mentor_since SET DEFAULT now(), ALTER COLUMN mentor_since SET NOT NULL`);
    await q.query(
      `COMMENT ON COLUMN cohort_member.mentor_since IS 'A teacher''s membership: since when their current mentor of record is so (or since when they have none). Their mentor reads only work submitted at or after it.'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cohort_member DROP COLUMN mentor_since`);
  }
}
