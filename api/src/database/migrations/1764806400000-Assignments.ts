import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Practical work (实践作业) as a module kind: the task is the module's Markdown body, its rubric, due
 * date and pass mark are settings. A trainee has one submission per assignment, which a trainer grades
 * with the rubric or returns for revision; every review is kept in the submission's history.
 */
export class Assignments1764806400000 implements MigrationInterface {
  name = 'Assignments1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE module
        DROP CONSTRAINT ck_module_kind,
        ADD CONSTRAINT ck_module_kind CHECK (kind IN ('article', 'video', 'document', 'quiz', 'assignment')),
        ADD COLUMN assignment jsonb,
        ADD CONSTRAINT ck_module_assignment CHECK ((kind = 'assignment') = (assignment IS NOT NULL))`);
    await q.query(`
      CREATE TABLE assignment_submission (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        module_id uuid NOT NULL,
        course_id uuid NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'draft',
        text text NOT NULL DEFAULT '',
        media_ids uuid[] NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 0,
        submitted_at timestamptz,
        late boolean NOT NULL DEFAULT false,
        reviews jsonb NOT NULL DEFAULT '[]',
        percent numeric(4,1),
        passed boolean,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_assignment_submission PRIMARY KEY (id),
        CONSTRAINT uq_assignment_submission UNIQUE (user_id, module_id),
        CONSTRAINT fk_assignment_submission_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT fk_assignment_submission_module FOREIGN KEY (module_id) REFERENCES module (id) ON DELETE CASCADE,
        CONSTRAINT fk_assignment_submission_course FOREIGN KEY (course_id) REFERENCES course (id) ON DELETE CASCADE,
        CONSTRAINT ck_assignment_submission_status CHECK (status IN ('draft', 'submitted', 'returned', 'graded'))
      )`);
    await q.query(`
      ALTER TABLE notification DROP CONSTRAINT ck_notification_kind,
        ADD CONSTRAINT ck_notification_kind CHECK (kind IN ('reminder', 'enrolled', 'job_finished', 'assessment'))`);
    // The grading queue: a course's submissions by status, oldest first.
    await q.query(
      `CREATE INDEX ix_assignment_submission_queue ON assignment_submission (course_id, status, submitted_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE assignment_submission`);
    await q.query(`DELETE FROM notification WHERE kind = 'assessment'`);
    await q.query(`
      ALTER TABLE notification DROP CONSTRAINT ck_notification_kind,
        ADD CONSTRAINT ck_notification_kind CHECK (kind IN ('reminder', 'enrolled', 'job_finished'))`);
    await q.query(`DELETE FROM module WHERE kind = 'assignment'`);
    await q.query(`
      ALTER TABLE module
        DROP CONSTRAINT ck_module_assignment,
        DROP COLUMN assignment,
        DROP CONSTRAINT ck_module_kind,
        ADD CONSTRAINT ck_module_kind CHECK (kind IN ('article', 'video', 'document', 'quiz'))`);
  }
}
