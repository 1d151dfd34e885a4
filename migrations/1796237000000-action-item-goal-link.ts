import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mentoring landed before goals: an action item's goal_id had no foreign key. Now that the goal
 * table exists, link them (a goal that is deleted leaves the item, unlinked), and index the link
 * for a goal's timeline.
 */
export class ActionItemGoalLink1796237000000 implements MigrationInterface {
  name = 'ActionItemGoalLink1796237000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE mentoring_action_item ai SET goal_id = NULL WHERE goal_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM goal g WHERE g.id = ai.goal_id)`);
    await q.query(`ALTER TABLE mentoring_action_item ADD CONSTRAINT mentoring_action_item_goal_fk FOREIGN KEY (goal_id) REFERENCES goal (id) ON DELETE SET NULL`);
    await q.query(`CREATE INDEX mentoring_action_item_goal_idx ON mentoring_action_item (goal_id) WHERE goal_id IS NOT NULL`);
    await q.query(`COMMENT ON COLUMN mentoring_action_item.goal_id IS 'The goal it serves: one of the owner''s own.'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX mentoring_action_item_goal_idx`);
    await q.query(`ALTER TABLE mentoring_action_item DROP CONSTRAINT mentoring_action_item_goal_fk`);
  }
}
