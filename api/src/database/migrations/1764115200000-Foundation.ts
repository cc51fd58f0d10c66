import { MigrationInterface, QueryRunner } from 'typeorm';

/** Regions, users, refresh-token families, login throttling and the seed ledger. */
export class Foundation1764115200000 implements MigrationInterface {
  name = 'Foundation1764115200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS ltree`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await q.query(`
      CREATE TABLE region (
        code varchar(12) NOT NULL,
        name varchar(64) NOT NULL,
        official_name varchar(128) NOT NULL,
        level varchar(16) NOT NULL,
        parent_code varchar(12),
        path ltree NOT NULL,
        CONSTRAINT pk_region PRIMARY KEY (code),
        CONSTRAINT fk_region_parent FOREIGN KEY (parent_code) REFERENCES region (code),
        CONSTRAINT ck_region_level CHECK (level IN ('province', 'city', 'county', 'township', 'village')),
        CONSTRAINT ck_region_code CHECK (code ~ '^[0-9]+$')
      )`);
    await q.query(`CREATE INDEX ix_region_parent ON region (parent_code, code)`);
    await q.query(`CREATE INDEX ix_region_path ON region USING gist (path)`);
    await q.query(`CREATE INDEX ix_region_name_trgm ON region USING gin (name gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE app_user (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        username varchar(64) NOT NULL,
        name varchar(64) NOT NULL,
        phone varchar(20),
        password_hash text NOT NULL,
        roles text[] NOT NULL,
        position varchar(16),
        region_code varchar(12) NOT NULL,
        region_path ltree NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_app_user PRIMARY KEY (id),
        CONSTRAINT fk_app_user_region FOREIGN KEY (region_code) REFERENCES region (code),
        CONSTRAINT ck_app_user_roles CHECK (
          cardinality(roles) > 0 AND roles <@ ARRAY['trainee', 'trainer', 'mentor', 'admin']::text[]),
        CONSTRAINT ck_app_user_position CHECK (
          position IS NULL OR position IN ('secretary', 'director', 'member', 'reserve'))
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_app_user_username ON app_user (lower(username))`);
    await q.query(`CREATE INDEX ix_app_user_region ON app_user (region_code)`);
    await q.query(`CREATE INDEX ix_app_user_region_path ON app_user USING gist (region_path)`);
    await q.query(`CREATE INDEX ix_app_user_created ON app_user (created_at DESC, id)`);
    // The home region's path, copied onto the user so subtree queries need no join.
    await q.query(`
      CREATE FUNCTION app_user_set_region_path() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT path INTO NEW.region_path FROM region WHERE code = NEW.region_code;
        IF NEW.region_path IS NULL THEN
          RAISE foreign_key_violation USING MESSAGE = 'unknown region ' || NEW.region_code;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER tg_app_user_region_path BEFORE INSERT OR UPDATE OF region_code ON app_user
      FOR EACH ROW EXECUTE FUNCTION app_user_set_region_path()`);
    await q.query(`CREATE INDEX ix_app_user_roles ON app_user USING gin (roles)`);
    await q.query(`CREATE INDEX ix_app_user_name ON app_user (name)`);

    await q.query(`
      CREATE TABLE refresh_token (
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        family_id uuid NOT NULL,
        secret_hash varchar(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_refresh_token PRIMARY KEY (id),
        CONSTRAINT fk_refresh_token_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_refresh_token_user ON refresh_token (user_id)`);
    await q.query(`CREATE INDEX ix_refresh_token_family ON refresh_token (family_id)`);

    await q.query(`
      CREATE TABLE login_failure (
        key varchar(200) NOT NULL,
        window_start timestamptz NOT NULL,
        failures integer NOT NULL,
        CONSTRAINT pk_login_failure PRIMARY KEY (key)
      )`);

    await q.query(`
      CREATE TABLE seed_run (
        name varchar(64) NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_seed_run PRIMARY KEY (name)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE seed_run`);
    await q.query(`DROP TABLE login_failure`);
    await q.query(`DROP TABLE refresh_token`);
    await q.query(`DROP TABLE app_user`);
    await q.query(`DROP FUNCTION app_user_set_region_path()`);
    await q.query(`DROP TABLE region`);
  }
}
