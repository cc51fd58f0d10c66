import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploaded media (videos, PDFs, images) and the modules and covers that use them; draft revisions of
 * published courses; open electives that trainees join; per-program credit tables in the ledger; and
 * progress kept incrementally as unions of time windows and watched video segments.
 */
export class MediaRevisionsPrograms1764288000000 implements MigrationInterface {
  name = 'MediaRevisionsPrograms1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE media (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        owner_id uuid NOT NULL,
        kind varchar(16) NOT NULL,
        content_type varchar(100) NOT NULL,
        size_bytes bigint NOT NULL,
        original_name varchar(255) NOT NULL,
        storage_key varchar(255) NOT NULL,
        sha256 char(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_media PRIMARY KEY (id),
        CONSTRAINT uq_media_storage_key UNIQUE (storage_key),
        CONSTRAINT fk_media_owner FOREIGN KEY (owner_id) REFERENCES app_user (id),
        CONSTRAINT ck_media_kind CHECK (kind IN ('video', 'document', 'image')),
        CONSTRAINT ck_media_size CHECK (size_bytes > 0)
      )`);
    await q.query(`CREATE INDEX ix_media_owner ON media (owner_id, created_at DESC)`);

    await q.query(`
      ALTER TABLE course
        ADD COLUMN revision_of uuid,
        ADD COLUMN open_elective boolean NOT NULL DEFAULT false,
        ADD COLUMN cover_media_id uuid,
        ADD CONSTRAINT fk_course_revision_of FOREIGN KEY (revision_of) REFERENCES course (id) ON DELETE CASCADE,
        ADD CONSTRAINT uq_course_revision_of UNIQUE (revision_of),
        ADD CONSTRAINT fk_course_cover FOREIGN KEY (cover_media_id) REFERENCES media (id),
        ADD CONSTRAINT ck_course_revision_is_draft CHECK (revision_of IS NULL OR status = 'draft')`);
    await q.query(
      `CREATE INDEX ix_course_catalog ON course (category, title) WHERE status = 'published' AND open_elective`,
    );

    // origin_id: in a draft revision, the live module a copy stands for. retired_at: a live module that a
    // published revision dropped; kept (progress and ledger entries point at it) but no longer shown.
    await q.query(`
      ALTER TABLE module
        ADD COLUMN media_id uuid,
        ADD COLUMN external_url varchar(2000),
        ADD COLUMN duration_seconds integer,
        ADD COLUMN origin_id uuid,
        ADD COLUMN retired_at timestamptz,
        ADD CONSTRAINT fk_module_media FOREIGN KEY (media_id) REFERENCES media (id),
        ADD CONSTRAINT ck_module_duration CHECK (duration_seconds BETWEEN 1 AND 36000),
        ADD CONSTRAINT ck_module_external_url CHECK (external_url ~ '^https://')`);

    await q.query(`ALTER TABLE program ADD COLUMN description text NOT NULL DEFAULT ''`);

    // Open electives a trainee joined from the catalog.
    await q.query(`
      CREATE TABLE course_enrolment (
        course_id uuid NOT NULL,
        user_id uuid NOT NULL,
        joined_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_course_enrolment PRIMARY KEY (course_id, user_id),
        CONSTRAINT fk_course_enrolment_course FOREIGN KEY (course_id) REFERENCES course (id) ON DELETE CASCADE,
        CONSTRAINT fk_course_enrolment_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_course_enrolment_user ON course_enrolment (user_id, joined_at DESC)`);

    await q.query(`
      ALTER TABLE progress_event
        ADD COLUMN segment_start real,
        ADD COLUMN segment_end real,
        ADD CONSTRAINT ck_progress_event_segment CHECK (
          (segment_start IS NULL AND segment_end IS NULL) OR (segment_start >= 0 AND segment_end >= segment_start))`);

    // Progress becomes incremental: the union of activity windows and of watched video segments is kept
    // as multiranges, so a new event is one union, not a re-read of every event.
    await q.query(`
      ALTER TABLE module_progress
        ADD COLUMN active_windows tstzmultirange NOT NULL DEFAULT '{}',
        ADD COLUMN watched nummultirange NOT NULL DEFAULT '{}',
        ADD COLUMN watched_seconds integer NOT NULL DEFAULT 0,
        ADD COLUMN furthest_position real NOT NULL DEFAULT 0,
        ADD COLUMN last_position_at timestamptz`);
    await q.query(`
      UPDATE module_progress mp SET active_windows = e.windows, last_position_at = e.positioned
        FROM (SELECT user_id, module_id, range_agg(tstzrange(started_at, ended_at)) AS windows,
                     max(ended_at) FILTER (WHERE position IS NOT NULL) AS positioned
                FROM progress_event GROUP BY user_id, module_id) e
       WHERE mp.user_id = e.user_id AND mp.module_id = e.module_id`);

    // Which program's credit table granted an entry (null: the default table).
    await q.query(`
      ALTER TABLE credit_ledger
        ADD COLUMN program_id uuid,
        ADD CONSTRAINT fk_credit_ledger_program FOREIGN KEY (program_id) REFERENCES program (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credit_ledger DROP COLUMN program_id`);
    await q.query(`
      ALTER TABLE module_progress DROP COLUMN active_windows, DROP COLUMN watched, DROP COLUMN watched_seconds,
        DROP COLUMN furthest_position, DROP COLUMN last_position_at`);
    await q.query(`ALTER TABLE progress_event DROP COLUMN segment_start, DROP COLUMN segment_end`);
    await q.query(`DROP TABLE course_enrolment`);
    await q.query(`ALTER TABLE program DROP COLUMN description`);
    await q.query(`DELETE FROM module WHERE retired_at IS NOT NULL OR origin_id IS NOT NULL`);
    await q.query(`
      ALTER TABLE module DROP COLUMN media_id, DROP COLUMN external_url, DROP COLUMN duration_seconds,
        DROP COLUMN origin_id, DROP COLUMN retired_at`);
    await q.query(`DELETE FROM course WHERE revision_of IS NOT NULL`);
    await q.query(`ALTER TABLE course DROP COLUMN revision_of, DROP COLUMN open_elective, DROP COLUMN cover_media_id`);
    await q.query(`DROP TABLE media`);
  }
}
