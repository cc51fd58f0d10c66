import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Progress writes rewrite `module_progress.last_activity_at` on every event. An index on it made every
 * one of those updates a new index entry in both of the table's indexes (no heap-only update), and
 * nothing reads through it: a user's rows are found by the primary key (user_id, module_id), and there
 * are a few dozen of them.
 */
export class ProgressWritePath1764460800000 implements MigrationInterface {
  name = 'ProgressWritePath1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_module_progress_recent`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_module_progress_recent ON module_progress (user_id, last_activity_at DESC)`);
  }
}
