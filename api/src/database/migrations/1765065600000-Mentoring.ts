import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mentoring (导师帮带). `mentor_profile` holds a mentor's title, expertise, home region, capacity and
 * bio; `mentoring_needs` what a trainee says they need help with. `mentorship` (from the evaluation
 * migration) gains who paired it, in which cohort, when it was accepted and when each side agreed the
 * plan; a trainee has at most one open (proposed or active) pairing per program. A pairing keeps a
 * plan of goals, a meeting log with the trainee's reflections, and a message thread.
 */
export class Mentoring1765065600000 implements MigrationInterface {
  name = 'Mentoring1765065600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mentor_profile (
        user_id uuid NOT NULL,
        title varchar(16),
        expertise text[] NOT NULL DEFAULT '{}',
        region_code varchar(12) NOT NULL,
        capacity int NOT NULL DEFAULT 5,
        bio text NOT NULL DEFAULT '',
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_mentor_profile PRIMARY KEY (user_id),
        CONSTRAINT fk_mentor_profile_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT fk_mentor_profile_region FOREIGN KEY (region_code) REFERENCES region (code),
        CONSTRAINT ck_mentor_profile_title CHECK (title IS NULL OR title IN ('province', 'city', 'county')),
        CONSTRAINT ck_mentor_profile_capacity CHECK (capacity BETWEEN 1 AND 30)
      )`);
    await q.query(`
      CREATE TABLE mentoring_needs (
        user_id uuid NOT NULL,
        areas text[] NOT NULL DEFAULT '{}',
        note text NOT NULL DEFAULT '',
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_mentoring_needs PRIMARY KEY (user_id),
        CONSTRAINT fk_mentoring_needs_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
      )`);

    await q.query(`
      ALTER TABLE mentorship
        ADD COLUMN cohort_id uuid,
        ADD COLUMN created_by uuid,
        ADD COLUMN accepted_at timestamptz,
        ADD COLUMN plan_agreed_mentor_at timestamptz,
        ADD COLUMN plan_agreed_trainee_at timestamptz,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD CONSTRAINT fk_mentorship_cohort FOREIGN KEY (cohort_id) REFERENCES cohort (id) ON DELETE SET NULL,
        ADD CONSTRAINT fk_mentorship_created_by FOREIGN KEY (created_by) REFERENCES app_user (id) ON DELETE SET NULL,
        ADD CONSTRAINT ck_mentorship_end_reason CHECK (status <> 'ended' OR end_reason IS NOT NULL)`);
    // One open pairing (proposed or active) per trainee and program.
    await q.query(`DROP INDEX uq_mentorship_active`);
    await q.query(
      `CREATE UNIQUE INDEX uq_mentorship_open ON mentorship (trainee_id, program_id)
         WHERE status IN ('proposed', 'active')`,
    );
    await q.query(`CREATE INDEX ix_mentorship_trainee ON mentorship (trainee_id, status)`);
    await q.query(`CREATE INDEX ix_mentorship_program ON mentorship (program_id, status)`);

    await q.query(`
      CREATE TABLE mentoring_goal (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        mentorship_id uuid NOT NULL,
        title varchar(200) NOT NULL,
        due_on date,
        status varchar(12) NOT NULL DEFAULT 'open',
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_mentoring_goal PRIMARY KEY (id),
        CONSTRAINT fk_mentoring_goal_mentorship FOREIGN KEY (mentorship_id) REFERENCES mentorship (id) ON DELETE CASCADE,
        CONSTRAINT fk_mentoring_goal_author FOREIGN KEY (created_by) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT ck_mentoring_goal_status CHECK (status IN ('open', 'done', 'dropped'))
      )`);
    await q.query(`CREATE INDEX ix_mentoring_goal_mentorship ON mentoring_goal (mentorship_id, created_at)`);

    await q.query(`
      CREATE TABLE mentoring_log (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        mentorship_id uuid NOT NULL,
        author_id uuid NOT NULL,
        met_on date NOT NULL,
        mode varchar(8) NOT NULL,
        topic varchar(200) NOT NULL,
        notes text NOT NULL DEFAULT '',
        follow_up text NOT NULL DEFAULT '',
        reflection text,
        reflection_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_mentoring_log PRIMARY KEY (id),
        CONSTRAINT fk_mentoring_log_mentorship FOREIGN KEY (mentorship_id) REFERENCES mentorship (id) ON DELETE CASCADE,
        CONSTRAINT fk_mentoring_log_author FOREIGN KEY (author_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT ck_mentoring_log_mode CHECK (mode IN ('visit', 'phone', 'online'))
      )`);
    await q.query(`CREATE INDEX ix_mentoring_log_mentorship ON mentoring_log (mentorship_id, met_on DESC)`);

    await q.query(`
      CREATE TABLE mentoring_message (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        mentorship_id uuid NOT NULL,
        author_id uuid NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CONSTRAINT pk_mentoring_message PRIMARY KEY (id),
        CONSTRAINT fk_mentoring_message_mentorship FOREIGN KEY (mentorship_id) REFERENCES mentorship (id) ON DELETE CASCADE,
        CONSTRAINT fk_mentoring_message_author FOREIGN KEY (author_id) REFERENCES app_user (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_mentoring_message_mentorship ON mentoring_message (mentorship_id, created_at DESC)`);

    await q.query(`
      ALTER TABLE notification DROP CONSTRAINT ck_notification_kind,
        ADD CONSTRAINT ck_notification_kind
          CHECK (kind IN ('reminder', 'enrolled', 'job_finished', 'assessment', 'mentoring'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notification WHERE kind = 'mentoring'`);
    await q.query(`
      ALTER TABLE notification DROP CONSTRAINT ck_notification_kind,
        ADD CONSTRAINT ck_notification_kind CHECK (kind IN ('reminder', 'enrolled', 'job_finished', 'assessment'))`);
    await q.query(`DROP TABLE mentoring_message`);
    await q.query(`DROP TABLE mentoring_log`);
    await q.query(`DROP TABLE mentoring_goal`);
    await q.query(`DROP INDEX ix_mentorship_program`);
    await q.query(`DROP INDEX ix_mentorship_trainee`);
    await q.query(`DROP INDEX uq_mentorship_open`);
    await q.query(`DELETE FROM mentorship WHERE status = 'proposed'`);
    await q.query(
      `CREATE UNIQUE INDEX uq_mentorship_active ON mentorship (trainee_id, program_id) WHERE status = 'active'`,
    );
    await q.query(`
      ALTER TABLE mentorship
        DROP CONSTRAINT ck_mentorship_end_reason,
        DROP COLUMN updated_at,
        DROP COLUMN plan_agreed_trainee_at,
        DROP COLUMN plan_agreed_mentor_at,
        DROP COLUMN accepted_at,
        DROP COLUMN created_by,
        DROP COLUMN cohort_id`);
    await q.query(`DROP TABLE mentoring_needs`);
    await q.query(`DROP TABLE mentor_profile`);
  }
}
