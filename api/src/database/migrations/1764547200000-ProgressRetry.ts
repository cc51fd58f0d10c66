import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `progress_retry(reason)` fails the statement that calls it with a serialization failure (40001), the
 * error that means "try again": a progress write that finds the data changed under it by another API
 * process calls it, so that its transaction ends with nothing written and the reports are written
 * again.
 */
export class ProgressRetry1764547200000 implements MigrationInterface {
  name = 'ProgressRetry1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION progress_retry(reason text) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        RAISE EXCEPTION USING ERRCODE = 'serialization_failure', MESSAGE = 'progress write must be retried: ' || reason;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION progress_retry(text)`);
  }
}
