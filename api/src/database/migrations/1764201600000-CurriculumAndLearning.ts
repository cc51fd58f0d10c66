import { MigrationInterface, QueryRunner } from 'typeorm';

/** Programs, courses and modules; enrolment in programs; progress events, module progress and the credit ledger. */
export class CurriculumAndLearning1764201600000 implements MigrationInterface {
  name = 'CurriculumAndLearning1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE program (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        title varchar(200) NOT NULL,
        year smallint NOT NULL,
        kind varchar(32) NOT NULL,
        required_credits numeric(6,2) NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'draft',
        credit_table jsonb,
        owner_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_program PRIMARY KEY (id),
        CONSTRAINT fk_program_owner FOREIGN KEY (owner_id) REFERENCES app_user (id),
        CONSTRAINT ck_program_kind CHECK (kind IN ('rotation', 'provincial_class', 'county_class', 'special_topic')),
        CONSTRAINT ck_program_status CHECK (status IN ('draft', 'published', 'archived')),
        CONSTRAINT ck_program_dates CHECK (ends_on >= starts_on),
        CONSTRAINT ck_program_credits CHECK (required_credits >= 0)
      )`);

    await q.query(`
      CREATE TABLE course (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        title varchar(200) NOT NULL,
        summary text NOT NULL DEFAULT '',
        category varchar(32) NOT NULL,
        sequential boolean NOT NULL DEFAULT false,
        status varchar(16) NOT NULL DEFAULT 'draft',
        owner_id uuid NOT NULL,
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_course PRIMARY KEY (id),
        CONSTRAINT fk_course_owner FOREIGN KEY (owner_id) REFERENCES app_user (id),
        CONSTRAINT ck_course_category CHECK (category IN
          ('party_building', 'industry', 'governance', 'rural_construction', 'common_prosperity', 'digital_reform')),
        CONSTRAINT ck_course_status CHECK (status IN ('draft', 'published', 'archived'))
      )`);
    await q.query(`CREATE INDEX ix_course_owner ON course (owner_id)`);
    await q.query(`CREATE INDEX ix_course_status ON course (status, category)`);

    // Trainers who edit a course together with its owner.
    await q.query(`
      CREATE TABLE course_owner (
        course_id uuid NOT NULL,
        user_id uuid NOT NULL,
        CONSTRAINT pk_course_owner PRIMARY KEY (course_id, user_id),
        CONSTRAINT fk_course_owner_course FOREIGN KEY (course_id) REFERENCES course (id) ON DELETE CASCADE,
        CONSTRAINT fk_course_owner_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_course_owner_user ON course_owner (user_id)`);

    await q.query(`
      CREATE TABLE program_course (
        program_id uuid NOT NULL,
        course_id uuid NOT NULL,
        required boolean NOT NULL DEFAULT true,
        position integer NOT NULL,
        CONSTRAINT pk_program_course PRIMARY KEY (program_id, course_id),
        CONSTRAINT fk_program_course_program FOREIGN KEY (program_id) REFERENCES program (id) ON DELETE CASCADE,
        CONSTRAINT fk_program_course_course FOREIGN KEY (course_id) REFERENCES course (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_program_course_course ON program_course (course_id)`);

    await q.query(`
      CREATE TABLE module (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL,
        position integer NOT NULL,
        kind varchar(16) NOT NULL,
        title varchar(200) NOT NULL,
        body text,
        estimated_minutes integer NOT NULL,
        credits numeric(5,2) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_module PRIMARY KEY (id),
        CONSTRAINT fk_module_course FOREIGN KEY (course_id) REFERENCES course (id) ON DELETE CASCADE,
        CONSTRAINT ck_module_kind CHECK (kind IN ('article', 'video', 'document')),
        CONSTRAINT ck_module_minutes CHECK (estimated_minutes BETWEEN 1 AND 600),
        CONSTRAINT ck_module_credits CHECK (credits >= 0)
      )`);
    await q.query(`CREATE INDEX ix_module_course ON module (course_id, position)`);

    await q.query(`
      CREATE TABLE program_enrolment (
        program_id uuid NOT NULL,
        user_id uuid NOT NULL,
        enrolled_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_program_enrolment PRIMARY KEY (program_id, user_id),
        CONSTRAINT fk_program_enrolment_program FOREIGN KEY (program_id) REFERENCES program (id) ON DELETE CASCADE,
        CONSTRAINT fk_program_enrolment_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_program_enrolment_user ON program_enrolment (user_id)`);

    // When the server first gave a user a module: activity cannot be reported from before it.
    await q.query(`
      CREATE TABLE module_open (
        user_id uuid NOT NULL,
        module_id uuid NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_module_open PRIMARY KEY (user_id, module_id),
        CONSTRAINT fk_module_open_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT fk_module_open_module FOREIGN KEY (module_id) REFERENCES module (id) ON DELETE CASCADE
      )`);

    // Every report of activity, kept as received: the audit trail behind progress and credits.
    await q.query(`
      CREATE TABLE progress_event (
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        module_id uuid NOT NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz NOT NULL,
        reached_end boolean NOT NULL DEFAULT false,
        position real,
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_progress_event PRIMARY KEY (id),
        CONSTRAINT fk_progress_event_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT fk_progress_event_module FOREIGN KEY (module_id) REFERENCES module (id) ON DELETE CASCADE,
        CONSTRAINT ck_progress_event_window CHECK (ended_at > started_at)
      )`);
    await q.query(`CREATE INDEX ix_progress_event_user_module ON progress_event (user_id, module_id)`);

    // Derived from the events of (user, module); rebuilt from them on every new event.
    await q.query(`
      CREATE TABLE module_progress (
        user_id uuid NOT NULL,
        module_id uuid NOT NULL,
        status varchar(16) NOT NULL,
        active_seconds integer NOT NULL,
        reached_end boolean NOT NULL,
        last_position real,
        last_activity_at timestamptz NOT NULL,
        completed_at timestamptz,
        CONSTRAINT pk_module_progress PRIMARY KEY (user_id, module_id),
        CONSTRAINT fk_module_progress_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT fk_module_progress_module FOREIGN KEY (module_id) REFERENCES module (id) ON DELETE CASCADE,
        CONSTRAINT ck_module_progress_status CHECK (status IN ('not_started', 'in_progress', 'complete'))
      )`);
    await q.query(`CREATE INDEX ix_module_progress_recent ON module_progress (user_id, last_activity_at DESC)`);

    // The credit-hour ledger (学时台账): append-only, one entry per (user, module, rule).
    await q.query(`
      CREATE TABLE credit_ledger (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        module_id uuid NOT NULL,
        course_id uuid NOT NULL,
        credits numeric(5,2) NOT NULL,
        rule varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_credit_ledger PRIMARY KEY (id),
        CONSTRAINT uq_credit_ledger_award UNIQUE (user_id, module_id, rule),
        CONSTRAINT fk_credit_ledger_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT fk_credit_ledger_module FOREIGN KEY (module_id) REFERENCES module (id),
        CONSTRAINT fk_credit_ledger_course FOREIGN KEY (course_id) REFERENCES course (id)
      )`);
    await q.query(`CREATE INDEX ix_credit_ledger_user ON credit_ledger (user_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'credit_ledger',
      'module_progress',
      'progress_event',
      'module_open',
      'program_enrolment',
      'module',
      'program_course',
      'course_owner',
      'course',
      'program',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
