import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Experience sharing (书记讲给书记听). A post keeps its Markdown source and the HTML the server made
 * safe from it; `search` holds its Chinese search tokens (Han characters alone and in pairs, Latin
 * words; see `indexTokens` in libs/domain) as a 'simple' tsvector, title weighted above body, with a
 * GIN index. `region_path` is the author's region when the post was published, for "my county / my
 * city" feeds. Reactions and bookmarks are one row per person (primary keys). Comments have one level
 * of replies.
 */
export class Sharing1765152000000 implements MigrationInterface {
  name = 'Sharing1765152000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE post (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        author_id uuid NOT NULL,
        status varchar(12) NOT NULL DEFAULT 'draft',
        title varchar(80) NOT NULL DEFAULT '',
        body text NOT NULL DEFAULT '',
        body_html text NOT NULL DEFAULT '',
        excerpt varchar(200) NOT NULL DEFAULT '',
        tags text[] NOT NULL DEFAULT '{}',
        course_id uuid,
        module_id uuid,
        region_path ltree,
        search tsvector NOT NULL DEFAULT ''::tsvector,
        useful_count int NOT NULL DEFAULT 0,
        comment_count int NOT NULL DEFAULT 0,
        featured_at timestamptz,
        featured_by uuid,
        hidden_at timestamptz,
        hidden_by uuid,
        hidden_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        CONSTRAINT pk_post PRIMARY KEY (id),
        CONSTRAINT fk_post_author FOREIGN KEY (author_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT fk_post_course FOREIGN KEY (course_id) REFERENCES course (id) ON DELETE SET NULL,
        CONSTRAINT fk_post_module FOREIGN KEY (module_id) REFERENCES module (id) ON DELETE SET NULL,
        CONSTRAINT fk_post_featured_by FOREIGN KEY (featured_by) REFERENCES app_user (id) ON DELETE SET NULL,
        CONSTRAINT fk_post_hidden_by FOREIGN KEY (hidden_by) REFERENCES app_user (id) ON DELETE SET NULL,
        CONSTRAINT ck_post_status CHECK (status IN ('draft', 'published')),
        CONSTRAINT ck_post_published CHECK (status = 'draft' OR (published_at IS NOT NULL AND region_path IS NOT NULL))
      )`);
    // The feed reads published, visible posts newest first: one index range per page.
    await q.query(
      `CREATE INDEX ix_post_feed ON post (published_at DESC, id DESC)
         WHERE status = 'published' AND hidden_at IS NULL`,
    );
    await q.query(`CREATE INDEX ix_post_search ON post USING gin (search)`);
    await q.query(`CREATE INDEX ix_post_region ON post USING gist (region_path)`);
    await q.query(`CREATE INDEX ix_post_author ON post (author_id, updated_at DESC)`);
    await q.query(`CREATE INDEX ix_post_course ON post (course_id) WHERE course_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_post_tags ON post USING gin (tags)`);

    await q.query(`
      CREATE TABLE post_comment (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        post_id uuid NOT NULL,
        author_id uuid NOT NULL,
        parent_id uuid,
        body text NOT NULL,
        hidden_at timestamptz,
        hidden_by uuid,
        hidden_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_post_comment PRIMARY KEY (id),
        CONSTRAINT fk_post_comment_post FOREIGN KEY (post_id) REFERENCES post (id) ON DELETE CASCADE,
        CONSTRAINT fk_post_comment_author FOREIGN KEY (author_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT fk_post_comment_parent FOREIGN KEY (parent_id) REFERENCES post_comment (id) ON DELETE CASCADE,
        CONSTRAINT fk_post_comment_hidden_by FOREIGN KEY (hidden_by) REFERENCES app_user (id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX ix_post_comment_post ON post_comment (post_id, created_at)`);

    await q.query(`
      CREATE TABLE post_reaction (
        post_id uuid NOT NULL,
        user_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_post_reaction PRIMARY KEY (post_id, user_id),
        CONSTRAINT fk_post_reaction_post FOREIGN KEY (post_id) REFERENCES post (id) ON DELETE CASCADE,
        CONSTRAINT fk_post_reaction_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE post_bookmark (
        post_id uuid NOT NULL,
        user_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_post_bookmark PRIMARY KEY (user_id, post_id),
        CONSTRAINT fk_post_bookmark_post FOREIGN KEY (post_id) REFERENCES post (id) ON DELETE CASCADE,
        CONSTRAINT fk_post_bookmark_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
      )`);

    await q.query(`
      ALTER TABLE notification DROP CONSTRAINT ck_notification_kind,
        ADD CONSTRAINT ck_notification_kind
          CHECK (kind IN ('reminder', 'enrolled', 'job_finished', 'assessment', 'mentoring', 'sharing'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notification WHERE kind = 'sharing'`);
    await q.query(`
      ALTER TABLE notification DROP CONSTRAINT ck_notification_kind,
        ADD CONSTRAINT ck_notification_kind
          CHECK (kind IN ('reminder', 'enrolled', 'job_finished', 'assessment', 'mentoring'))`);
    await q.query(`DROP TABLE post_bookmark`);
    await q.query(`DROP TABLE post_reaction`);
    await q.query(`DROP TABLE post_comment`);
    await q.query(`DROP TABLE post`);
  }
}
