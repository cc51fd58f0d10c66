import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Course ratings (评训): a trainee who completed a course rates its usefulness for village work and
 * the clarity of its teaching (1–5 each), with an optional comment; one rating per course and trainee,
 * which rating again replaces. The rating keeps the course's trainer (its owner) and the trainee's
 * cohort at rating time, so satisfaction can be told per trainer and per cohort.
 */
export class CourseRatings1764892800000 implements MigrationInterface {
  name = 'CourseRatings1764892800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE course_rating (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL,
        user_id uuid NOT NULL,
        trainer_id uuid NOT NULL,
        cohort_id uuid,
        usefulness smallint NOT NULL,
        clarity smallint NOT NULL,
        comment text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_course_rating PRIMARY KEY (id),
        CONSTRAINT uq_course_rating UNIQUE (course_id, user_id),
        CONSTRAINT fk_course_rating_course FOREIGN KEY (course_id) REFERENCES course (id) ON DELETE CASCADE,
        CONSTRAINT fk_course_rating_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT fk_course_rating_trainer FOREIGN KEY (trainer_id) REFERENCES app_user (id),
        CONSTRAINT fk_course_rating_cohort FOREIGN KEY (cohort_id) REFERENCES cohort (id) ON DELETE SET NULL,
        CONSTRAINT ck_course_rating_usefulness CHECK (usefulness BETWEEN 1 AND 5),
        CONSTRAINT ck_course_rating_clarity CHECK (clarity BETWEEN 1 AND 5),
        CONSTRAINT ck_course_rating_comment CHECK (char_length(comment) <= 500)
      )`);
    // Reports by trainer and by cohort; by course the unique index serves.
    await q.query(`CREATE INDEX ix_course_rating_trainer ON course_rating (trainer_id)`);
    await q.query(`CREATE INDEX ix_course_rating_cohort ON course_rating (cohort_id) WHERE cohort_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_course_rating_user ON course_rating (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE course_rating`);
  }
}
