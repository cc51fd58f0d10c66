import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mentor and trainer evaluations of trainees, by the rubric of each program, and the program's result
 * formula. `mentorship` pairs a mentor with a trainee in a program (its lifecycle: proposed, active,
 * completed, or ended early with a reason); a mentor evaluates only their mentees.
 */
export class EvaluationsAndResults1764979200000 implements MigrationInterface {
  name = 'EvaluationsAndResults1764979200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE program ADD COLUMN evaluation jsonb`);
    await q.query(`
      CREATE TABLE mentorship (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        mentor_id uuid NOT NULL,
        trainee_id uuid NOT NULL,
        program_id uuid NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'active',
        started_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        end_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_mentorship PRIMARY KEY (id),
        CONSTRAINT fk_mentorship_mentor FOREIGN KEY (mentor_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT fk_mentorship_trainee FOREIGN KEY (trainee_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT fk_mentorship_program FOREIGN KEY (program_id) REFERENCES program (id) ON DELETE CASCADE,
        CONSTRAINT ck_mentorship_status CHECK (status IN ('proposed', 'active', 'completed', 'ended'))
      )`);
    // A trainee has at most one active mentor per program.
    await q.query(
      `CREATE UNIQUE INDEX uq_mentorship_active ON mentorship (trainee_id, program_id) WHERE status = 'active'`,
    );
    await q.query(`CREATE INDEX ix_mentorship_mentor ON mentorship (mentor_id, status)`);
    await q.query(`
      CREATE TABLE trainee_evaluation (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL,
        trainee_id uuid NOT NULL,
        evaluator_id uuid NOT NULL,
        role varchar(8) NOT NULL,
        selection jsonb NOT NULL,
        points numeric(8,2) NOT NULL,
        max_points numeric(8,2) NOT NULL,
        percent numeric(4,1) NOT NULL,
        comment text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_trainee_evaluation PRIMARY KEY (id),
        CONSTRAINT uq_trainee_evaluation UNIQUE (program_id, trainee_id, role, evaluator_id),
        CONSTRAINT fk_trainee_evaluation_program FOREIGN KEY (program_id) REFERENCES program (id) ON DELETE CASCADE,
        CONSTRAINT fk_trainee_evaluation_trainee FOREIGN KEY (trainee_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT fk_trainee_evaluation_evaluator FOREIGN KEY (evaluator_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT ck_trainee_evaluation_role CHECK (role IN ('mentor', 'trainer'))
      )`);
    await q.query(`CREATE INDEX ix_trainee_evaluation_trainee ON trainee_evaluation (trainee_id, program_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE trainee_evaluation`);
    await q.query(`DROP TABLE mentorship`);
    await q.query(`ALTER TABLE program DROP COLUMN evaluation`);
  }
}
