import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Moderation of shared posts and turning them into course material. `post_report` holds reports of a
 * post or a comment with a reason (one open report per person and thing), resolved by a moderator who
 * hides the content (with a reason the author is told) or dismisses the report. A module made from a
 * post keeps the post it came from (`module.source_post_id`), to credit its author.
 */
export class SharingModeration1765238400000 implements MigrationInterface {
  name = 'SharingModeration1765238400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE post_report (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        post_id uuid NOT NULL,
        comment_id uuid,
        reporter_id uuid NOT NULL,
        reason text NOT NULL,
        status varchar(12) NOT NULL DEFAULT 'open',
        resolved_by uuid,
        resolved_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_post_report PRIMARY KEY (id),
        CONSTRAINT fk_post_report_post FOREIGN KEY (post_id) REFERENCES post (id) ON DELETE CASCADE,
        CONSTRAINT fk_post_report_comment FOREIGN KEY (comment_id) REFERENCES post_comment (id) ON DELETE CASCADE,
        CONSTRAINT fk_post_report_reporter FOREIGN KEY (reporter_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT fk_post_report_resolver FOREIGN KEY (resolved_by) REFERENCES app_user (id) ON DELETE SET NULL,
        CONSTRAINT ck_post_report_status CHECK (status IN ('open', 'hidden', 'dismissed'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_post_report_open ON post_report
         (reporter_id, post_id, COALESCE(comment_id, '00000000-0000-0000-0000-000000000000'::uuid))
         WHERE status = 'open'`,
    );
    await q.query(`CREATE INDEX ix_post_report_open ON post_report (created_at) WHERE status = 'open'`);
    await q.query(`ALTER TABLE module ADD COLUMN source_post_id uuid`);
    await q.query(
      `ALTER TABLE module ADD CONSTRAINT fk_module_source_post FOREIGN KEY (source_post_id) REFERENCES post (id)
         ON DELETE SET NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE module DROP CONSTRAINT fk_module_source_post`);
    await q.query(`ALTER TABLE module DROP COLUMN source_post_id`);
    await q.query(`DROP TABLE post_report`);
  }
}
