import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Certificates (结业证书): one per trainee and program while it stands, with a human-readable serial
 * from a sequence and an unguessable public verification code. The holder's name, the program's title
 * and the period of study are kept as issued, so a later rename changes no certificate. A revoked
 * certificate stays (the verification page says it was revoked, and why).
 */
export class Certificates1764720000000 implements MigrationInterface {
  name = 'Certificates1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE certificate_serial_seq AS bigint START 1`);
    await q.query(`
      CREATE TABLE certificate (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        serial varchar(32) NOT NULL,
        code varchar(32) NOT NULL,
        user_id uuid NOT NULL,
        program_id uuid NOT NULL,
        cohort_id uuid NOT NULL,
        holder_name varchar(64) NOT NULL,
        program_title varchar(200) NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        issued_by uuid,
        revoked_at timestamptz,
        revoked_by uuid,
        revoke_reason varchar(200),
        CONSTRAINT pk_certificate PRIMARY KEY (id),
        CONSTRAINT uq_certificate_serial UNIQUE (serial),
        CONSTRAINT uq_certificate_code UNIQUE (code),
        CONSTRAINT fk_certificate_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT fk_certificate_program FOREIGN KEY (program_id) REFERENCES program (id),
        CONSTRAINT fk_certificate_cohort FOREIGN KEY (cohort_id) REFERENCES cohort (id),
        CONSTRAINT fk_certificate_issued_by FOREIGN KEY (issued_by) REFERENCES app_user (id) ON DELETE SET NULL,
        CONSTRAINT fk_certificate_revoked_by FOREIGN KEY (revoked_by) REFERENCES app_user (id) ON DELETE SET NULL,
        CONSTRAINT ck_certificate_code CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{20}$'),
        CONSTRAINT ck_certificate_period CHECK (ends_on >= starts_on),
        CONSTRAINT ck_certificate_revoked CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL)),
        CONSTRAINT ck_certificate_reason CHECK (revoke_reason IS NULL OR char_length(revoke_reason) BETWEEN 2 AND 200)
      )`);
    // One certificate in force per trainee and program; revoked ones stay beside it.
    await q.query(
      `CREATE UNIQUE INDEX uq_certificate_live ON certificate (user_id, program_id) WHERE revoked_at IS NULL`,
    );
    await q.query(`CREATE INDEX ix_certificate_user ON certificate (user_id, program_id)`);
    await q.query(`CREATE INDEX ix_certificate_cohort ON certificate (cohort_id, issued_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE certificate`);
    await q.query(`DROP SEQUENCE certificate_serial_seq`);
  }
}
