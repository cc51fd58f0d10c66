import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Question banks (题库) per course, quizzes as a module kind, and quiz attempts. An attempt keeps a
 * copy of the questions it drew (with their keys, which never leave the server before submission), so
 * editing the bank does not change an attempt under way or a grade already given.
 */
export class QuizzesAndQuestionBanks1764633600000 implements MigrationInterface {
  name = 'QuizzesAndQuestionBanks1764633600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE module
        DROP CONSTRAINT ck_module_kind,
        ADD CONSTRAINT ck_module_kind CHECK (kind IN ('article', 'video', 'document', 'quiz')),
        ADD COLUMN quiz jsonb,
        ADD CONSTRAINT ck_module_quiz CHECK ((kind = 'quiz') = (quiz IS NOT NULL))`);

    await q.query(`
      CREATE TABLE question (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL,
        kind varchar(16) NOT NULL,
        stem text NOT NULL,
        options jsonb NOT NULL DEFAULT '[]',
        key jsonb NOT NULL,
        explanation text NOT NULL DEFAULT '',
        tags text[] NOT NULL DEFAULT '{}',
        difficulty varchar(8) NOT NULL DEFAULT 'medium',
        points numeric(5,2) NOT NULL,
        created_by uuid,
        retired_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_question PRIMARY KEY (id),
        CONSTRAINT fk_question_course FOREIGN KEY (course_id) REFERENCES course (id) ON DELETE CASCADE,
        CONSTRAINT fk_question_created_by FOREIGN KEY (created_by) REFERENCES app_user (id) ON DELETE SET NULL,
        CONSTRAINT ck_question_kind CHECK (kind IN ('single', 'multiple', 'true_false', 'fill_blank', 'short_answer')),
        CONSTRAINT ck_question_difficulty CHECK (difficulty IN ('easy', 'medium', 'hard')),
        CONSTRAINT ck_question_points CHECK (points > 0 AND points <= 100)
      )`);
    await q.query(`CREATE INDEX ix_question_course ON question (course_id, created_at) WHERE retired_at IS NULL`);

    await q.query(`
      CREATE TABLE quiz_attempt (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        module_id uuid NOT NULL,
        course_id uuid NOT NULL,
        number integer NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        deadline timestamptz,
        questions jsonb NOT NULL,
        answers jsonb NOT NULL DEFAULT '{}',
        answers_saved_at timestamptz,
        submitted_at timestamptz,
        expired boolean NOT NULL DEFAULT false,
        results jsonb,
        score numeric(7,2),
        max_score numeric(7,2) NOT NULL,
        percent numeric(4,1),
        passed boolean,
        graded_at timestamptz,
        CONSTRAINT pk_quiz_attempt PRIMARY KEY (id),
        CONSTRAINT fk_quiz_attempt_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT fk_quiz_attempt_module FOREIGN KEY (module_id) REFERENCES module (id) ON DELETE CASCADE,
        CONSTRAINT fk_quiz_attempt_course FOREIGN KEY (course_id) REFERENCES course (id) ON DELETE CASCADE,
        CONSTRAINT uq_quiz_attempt_number UNIQUE (user_id, module_id, number),
        CONSTRAINT ck_quiz_attempt_graded CHECK (percent IS NULL OR submitted_at IS NOT NULL)
      )`);
    // At most one attempt under way per trainee and quiz: two taps on "start" resume the same one.
    await q.query(
      `CREATE UNIQUE INDEX uq_quiz_attempt_open ON quiz_attempt (user_id, module_id) WHERE submitted_at IS NULL`,
    );
    // The grading queue: submitted attempts with a short answer still to grade.
    await q.query(
      `CREATE INDEX ix_quiz_attempt_to_grade ON quiz_attempt (course_id, submitted_at)
        WHERE submitted_at IS NOT NULL AND graded_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE quiz_attempt`);
    await q.query(`DROP TABLE question`);
    await q.query(`DELETE FROM module WHERE kind = 'quiz'`);
    await q.query(`
      ALTER TABLE module
        DROP CONSTRAINT ck_module_quiz,
        DROP COLUMN quiz,
        DROP CONSTRAINT ck_module_kind,
        ADD CONSTRAINT ck_module_kind CHECK (kind IN ('article', 'video', 'document'))`);
  }
}
