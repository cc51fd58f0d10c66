import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cohorts (班次) of programs and the trainees enrolled in them; completion counts per cohort and region
 * kept by statement triggers as enrolments change; weekly completions for the trend; the annual
 * credit-hour requirement and each user's credits per year; a PostgreSQL-backed job queue for imports
 * and rule enrolments; in-app notifications.
 */
export class CohortsAndCompletion1764374400000 implements MigrationInterface {
  name = 'CohortsAndCompletion1764374400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cohort (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL,
        name varchar(200) NOT NULL,
        region_code varchar(12) NOT NULL,
        region_path ltree NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        enrol_until date NOT NULL,
        due_on date NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_cohort PRIMARY KEY (id),
        CONSTRAINT fk_cohort_program FOREIGN KEY (program_id) REFERENCES program (id),
        CONSTRAINT fk_cohort_region FOREIGN KEY (region_code) REFERENCES region (code),
        CONSTRAINT fk_cohort_created_by FOREIGN KEY (created_by) REFERENCES app_user (id),
        CONSTRAINT ck_cohort_dates CHECK (ends_on >= starts_on AND due_on >= starts_on AND enrol_until <= due_on)
      )`);
    await q.query(`CREATE INDEX ix_cohort_program ON cohort (program_id)`);
    await q.query(`CREATE INDEX ix_cohort_region_path ON cohort USING gist (region_path)`);
    await q.query(`
      CREATE TRIGGER tg_cohort_region_path BEFORE INSERT OR UPDATE OF region_code ON cohort
      FOR EACH ROW EXECUTE FUNCTION app_user_set_region_path()`);

    await q.query(`
      CREATE TABLE cohort_admin (
        cohort_id uuid NOT NULL,
        user_id uuid NOT NULL,
        CONSTRAINT pk_cohort_admin PRIMARY KEY (cohort_id, user_id),
        CONSTRAINT fk_cohort_admin_cohort FOREIGN KEY (cohort_id) REFERENCES cohort (id) ON DELETE CASCADE,
        CONSTRAINT fk_cohort_admin_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_cohort_admin_user ON cohort_admin (user_id)`);

    // One trainee in one cohort. region_* copy the trainee's village (kept by a trigger on app_user), so
    // the counts move with a trainee who moves. status is what the trainee did; overdue is derived.
    await q.query(`
      CREATE TABLE enrolment (
        cohort_id uuid NOT NULL,
        user_id uuid NOT NULL,
        region_code varchar(12) NOT NULL,
        region_path ltree NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'not_started',
        earned_credits numeric(7,2) NOT NULL DEFAULT 0,
        last_activity_at timestamptz,
        completed_at timestamptz,
        source varchar(16) NOT NULL,
        enrolled_by uuid,
        enrolled_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz,
        withdrawn_reason varchar(500),
        reminded_at timestamptz,
        CONSTRAINT pk_enrolment PRIMARY KEY (cohort_id, user_id),
        CONSTRAINT fk_enrolment_cohort FOREIGN KEY (cohort_id) REFERENCES cohort (id) ON DELETE CASCADE,
        CONSTRAINT fk_enrolment_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT fk_enrolment_region FOREIGN KEY (region_code) REFERENCES region (code),
        CONSTRAINT ck_enrolment_status CHECK (status IN ('not_started', 'in_progress', 'completed')),
        CONSTRAINT ck_enrolment_completed CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
        CONSTRAINT ck_enrolment_source CHECK (source IN ('individual', 'rule', 'import', 'transfer', 'seed'))
      )`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(
      `CREATE INDEX ix_enrolment_cohort_path ON enrolment USING gist (cohort_id, region_path) WHERE withdrawn_at IS NULL`,
    );
    await q.query(`CREATE INDEX ix_enrolment_user ON enrolment (user_id)`);
    await q.query(`CREATE INDEX ix_enrolment_cohort_region ON enrolment (cohort_id, region_code)`);
    await q.query(`
      CREATE TRIGGER tg_enrolment_region_path BEFORE INSERT OR UPDATE OF region_code ON enrolment
      FOR EACH ROW EXECUTE FUNCTION app_user_set_region_path()`);

    // A trainee who moves to another village takes their enrolments along.
    await q.query(`
      CREATE FUNCTION app_user_move_enrolments() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE enrolment SET region_code = NEW.region_code WHERE user_id = NEW.id AND region_code <> NEW.region_code;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tg_app_user_move_enrolments AFTER UPDATE OF region_code ON app_user
      FOR EACH ROW WHEN (OLD.region_code IS DISTINCT FROM NEW.region_code)
      EXECUTE FUNCTION app_user_move_enrolments()`);

    // Completion counts of each cohort in each region's subtree (every level, from the village up).
    await q.query(`
      CREATE TABLE completion_count (
        cohort_id uuid NOT NULL,
        region_code varchar(12) NOT NULL,
        enrolled integer NOT NULL DEFAULT 0,
        not_started integer NOT NULL DEFAULT 0,
        in_progress integer NOT NULL DEFAULT 0,
        completed integer NOT NULL DEFAULT 0,
        CONSTRAINT pk_completion_count PRIMARY KEY (cohort_id, region_code),
        CONSTRAINT fk_completion_count_cohort FOREIGN KEY (cohort_id) REFERENCES cohort (id) ON DELETE CASCADE,
        CONSTRAINT fk_completion_count_region FOREIGN KEY (region_code) REFERENCES region (code)
      )`);
    // Completions per week (Monday, UTC) for the trend line, by the same regions.
    await q.query(`
      CREATE TABLE completion_week (
        cohort_id uuid NOT NULL,
        region_code varchar(12) NOT NULL,
        week date NOT NULL,
        completed integer NOT NULL DEFAULT 0,
        CONSTRAINT pk_completion_week PRIMARY KEY (cohort_id, region_code, week),
        CONSTRAINT fk_completion_week_cohort FOREIGN KEY (cohort_id) REFERENCES cohort (id) ON DELETE CASCADE
      )`);

    // The statement triggers: the rows a statement inserted, changed or deleted are summed per cohort and
    // per region at every level of their path, and added to the counts in one upsert per statement (so a
    // 2,000-row import chunk is one upsert, not 10,000). Rows are taken in key order so that concurrent
    // statements lock count rows in the same order.
    await q.query(`
      CREATE TYPE enrolment_delta AS (cohort_id uuid, region_path ltree, status varchar(16), completed_at timestamptz,
                                      sign integer)`);
    await q.query(`
      CREATE FUNCTION enrolment_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        deltas enrolment_delta[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(ROW(cohort_id, region_path, status, completed_at, 1)::enrolment_delta) INTO deltas
            FROM new_rows WHERE withdrawn_at IS NULL;
        ELSIF TG_OP = 'DELETE' THEN
          SELECT array_agg(ROW(cohort_id, region_path, status, completed_at, -1)::enrolment_delta) INTO deltas
            FROM old_rows WHERE withdrawn_at IS NULL;
        ELSE
          -- Only rows whose counted facts changed (most updates touch last_activity_at or reminded_at).
          SELECT array_agg(d) INTO deltas FROM (
            SELECT ROW(n.cohort_id, n.region_path, n.status, n.completed_at, 1)::enrolment_delta AS d
              FROM new_rows n
             WHERE n.withdrawn_at IS NULL AND NOT EXISTS (
                   SELECT 1 FROM old_rows o
                    WHERE o.user_id = n.user_id AND o.cohort_id = n.cohort_id AND o.withdrawn_at IS NULL
                      AND o.region_path = n.region_path AND o.status = n.status
                      AND o.completed_at IS NOT DISTINCT FROM n.completed_at)
            UNION ALL
            SELECT ROW(o.cohort_id, o.region_path, o.status, o.completed_at, -1)::enrolment_delta
              FROM old_rows o
             WHERE o.withdrawn_at IS NULL AND NOT EXISTS (
                   SELECT 1 FROM new_rows n
                    WHERE o.user_id = n.user_id AND o.cohort_id = n.cohort_id AND n.withdrawn_at IS NULL
                      AND o.region_path = n.region_path AND o.status = n.status
                      AND o.completed_at IS NOT DISTINCT FROM n.completed_at)) changed;
        END IF;
        IF deltas IS NULL THEN
          RETURN NULL;
        END IF;

        INSERT INTO completion_count AS cc (cohort_id, region_code, enrolled, not_started, in_progress, completed)
        SELECT cohort_id, region_code, sum(sign),
               coalesce(sum(sign) FILTER (WHERE status = 'not_started'), 0),
               coalesce(sum(sign) FILTER (WHERE status = 'in_progress'), 0),
               coalesce(sum(sign) FILTER (WHERE status = 'completed'), 0)
          FROM (SELECT d.cohort_id, subpath(d.region_path, l - 1, 1)::text AS region_code, d.status, d.sign
                  FROM unnest(deltas) d, generate_series(1, nlevel(d.region_path)) l) x
         GROUP BY cohort_id, region_code
        HAVING sum(sign) <> 0 OR coalesce(sum(sign) FILTER (WHERE status = 'not_started'), 0) <> 0
            OR coalesce(sum(sign) FILTER (WHERE status = 'in_progress'), 0) <> 0
            OR coalesce(sum(sign) FILTER (WHERE status = 'completed'), 0) <> 0
         ORDER BY cohort_id, region_code
        ON CONFLICT (cohort_id, region_code) DO UPDATE SET
          enrolled = cc.enrolled + EXCLUDED.enrolled,
          not_started = cc.not_started + EXCLUDED.not_started,
          in_progress = cc.in_progress + EXCLUDED.in_progress,
          completed = cc.completed + EXCLUDED.completed;

        INSERT INTO completion_week AS cw (cohort_id, region_code, week, completed)
        SELECT cohort_id, region_code, week, sum(sign)
          FROM (SELECT d.cohort_id, subpath(d.region_path, l - 1, 1)::text AS region_code,
                       date_trunc('week', d.completed_at AT TIME ZONE 'UTC')::date AS week, d.sign
                  FROM unnest(deltas) d, generate_series(1, nlevel(d.region_path)) l
                 WHERE d.status = 'completed') x
         GROUP BY cohort_id, region_code, week
        HAVING sum(sign) <> 0
         ORDER BY cohort_id, region_code, week
        ON CONFLICT (cohort_id, region_code, week) DO UPDATE SET completed = cw.completed + EXCLUDED.completed;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tg_enrolment_counts_insert AFTER INSERT ON enrolment
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION enrolment_counts_apply()`);
    await q.query(`
      CREATE TRIGGER tg_enrolment_counts_update AFTER UPDATE ON enrolment
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION enrolment_counts_apply()`);
    await q.query(`
      CREATE TRIGGER tg_enrolment_counts_delete AFTER DELETE ON enrolment
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION enrolment_counts_apply()`);

    // The annual requirement per province and year, and each user's credits per calendar year
    // (Asia/Shanghai), kept from the ledger by a trigger.
    await q.query(`
      CREATE TABLE annual_requirement (
        region_code varchar(12) NOT NULL,
        year smallint NOT NULL,
        credit_hours numeric(6,2) NOT NULL,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_annual_requirement PRIMARY KEY (region_code, year),
        CONSTRAINT fk_annual_requirement_region FOREIGN KEY (region_code) REFERENCES region (code),
        CONSTRAINT ck_annual_requirement_hours CHECK (credit_hours >= 0)
      )`);
    await q.query(`
      CREATE TABLE user_year_credits (
        user_id uuid NOT NULL,
        year smallint NOT NULL,
        credits numeric(8,2) NOT NULL DEFAULT 0,
        CONSTRAINT pk_user_year_credits PRIMARY KEY (user_id, year),
        CONSTRAINT fk_user_year_credits_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE FUNCTION credit_ledger_year_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO user_year_credits AS y (user_id, year, credits)
        SELECT user_id, extract(year FROM created_at AT TIME ZONE 'Asia/Shanghai')::smallint, sum(credits)
          FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (user_id, year) DO UPDATE SET credits = y.credits + EXCLUDED.credits;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tg_credit_ledger_year AFTER INSERT ON credit_ledger
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION credit_ledger_year_apply()`);
    await q.query(`
      INSERT INTO user_year_credits (user_id, year, credits)
      SELECT user_id, extract(year FROM created_at AT TIME ZONE 'Asia/Shanghai')::smallint, sum(credits)
        FROM credit_ledger GROUP BY 1, 2`);

    // Background jobs, claimed with FOR UPDATE SKIP LOCKED by any API process. A running job whose
    // heartbeat stops (its process died) is claimed again and resumes from \`processed\`.
    await q.query(`
      CREATE TABLE job (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        kind varchar(16) NOT NULL,
        status varchar(16) NOT NULL,
        cohort_id uuid,
        created_by uuid NOT NULL,
        params jsonb NOT NULL DEFAULT '{}',
        file_key varchar(255),
        file_name varchar(255),
        total integer,
        processed integer NOT NULL DEFAULT 0,
        preview jsonb,
        result jsonb,
        error text,
        attempts integer NOT NULL DEFAULT 0,
        heartbeat_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CONSTRAINT pk_job PRIMARY KEY (id),
        CONSTRAINT fk_job_cohort FOREIGN KEY (cohort_id) REFERENCES cohort (id) ON DELETE CASCADE,
        CONSTRAINT fk_job_created_by FOREIGN KEY (created_by) REFERENCES app_user (id),
        CONSTRAINT ck_job_kind CHECK (kind IN ('import', 'enrol_rule', 'reconcile')),
        CONSTRAINT ck_job_status CHECK (status IN
          ('validating', 'ready', 'queued', 'running', 'succeeded', 'failed', 'cancelled'))
      )`);
    await q.query(
      `CREATE INDEX ix_job_pending ON job (created_at) WHERE status IN ('validating', 'queued', 'running')`,
    );
    await q.query(`CREATE INDEX ix_job_cohort ON job (cohort_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE job_row_error (
        job_id uuid NOT NULL,
        row_number integer NOT NULL,
        code varchar(32) NOT NULL,
        field varchar(16) NOT NULL,
        value varchar(300) NOT NULL,
        CONSTRAINT pk_job_row_error PRIMARY KEY (job_id, row_number, code),
        CONSTRAINT fk_job_row_error_job FOREIGN KEY (job_id) REFERENCES job (id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE notification (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        kind varchar(16) NOT NULL,
        title varchar(200) NOT NULL,
        body text NOT NULL DEFAULT '',
        link varchar(500),
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CONSTRAINT pk_notification PRIMARY KEY (id),
        CONSTRAINT fk_notification_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT ck_notification_kind CHECK (kind IN ('reminder', 'enrolled', 'job_finished'))
      )`);
    await q.query(`CREATE INDEX ix_notification_user ON notification (user_id, created_at DESC, id)`);
    await q.query(`CREATE INDEX ix_notification_unread ON notification (user_id) WHERE read_at IS NULL`);

    // Cadres on the trainee list are found by phone as well as by name.
    await q.query(`CREATE INDEX ix_app_user_phone ON app_user (phone) WHERE phone IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_app_user_phone`);
    await q.query(`DROP TABLE notification`);
    await q.query(`DROP TABLE job_row_error`);
    await q.query(`DROP TABLE job`);
    await q.query(`DROP TRIGGER tg_credit_ledger_year ON credit_ledger`);
    await q.query(`DROP FUNCTION credit_ledger_year_apply()`);
    await q.query(`DROP TABLE user_year_credits`);
    await q.query(`DROP TABLE annual_requirement`);
    await q.query(`DROP TRIGGER tg_app_user_move_enrolments ON app_user`);
    await q.query(`DROP FUNCTION app_user_move_enrolments()`);
    await q.query(`DROP TABLE completion_week`);
    await q.query(`DROP TABLE completion_count`);
    await q.query(`DROP TABLE enrolment`);
    await q.query(`DROP FUNCTION enrolment_counts_apply()`);
    await q.query(`DROP TYPE enrolment_delta`);
    await q.query(`DROP TABLE cohort_admin`);
    await q.query(`DROP TABLE cohort`);
  }
}
