import type { DataSource, EntityManager } from 'typeorm';
import { moduleCompletionCredits } from '@lingyan/domain';
import { hashPassword } from '../auth/passwords';
import { DEMO_PROGRAM } from './seed/demo-curriculum';
import { seedDemoAssignment, seedDemoQuiz } from './seed/demo-quiz';
import { seedDemoMentor } from './seed/demo-mentor';
import type { MediaStorage } from '../media/storage';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/demo-data';
import { seedDemoCohort } from './seed/demo-cohort';
import { seedDemoMedia } from './seed/demo-media';
import { readRegions } from './seed/regions-data';

const LOCK_KEY = 7_302_026; // one advisory lock: API instances starting together prepare the database once
const BATCH = 2000;

export interface PrepareOptions {
  demoData: boolean;
  /** Creates this province administrator when the database has no administrator yet. */
  bootstrapAdmin?: { username: string; password: string } | null;
  /** Where the demo video and PDF are stored; without it they are not loaded. */
  storage?: MediaStorage;
  /** With demo data: a few hundred fictional cadres with progress in the demo cohort, for the dashboard. */
  demoCrowd?: boolean;
  log?: (message: string) => void;
}

/**
 * Brings a database up to date: runs pending migrations, loads the region tree if it is missing
 * and, outside production, the demo accounts once. Safe to run on every start and from several
 * processes at once.
 */
export async function prepareDatabase(dataSource: DataSource, options: PrepareOptions): Promise<void> {
  const log = options.log ?? (() => undefined);
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    const migrations = await dataSource.runMigrations({ transaction: 'each' });
    if (migrations.length > 0) log(`applied migrations: ${migrations.map((m) => m.name).join(', ')}`);

    if (!(await seeded(dataSource, 'regions'))) {
      const regions = readRegions();
      await dataSource.transaction(async (tx) => {
        for (let start = 0; start < regions.length; start += BATCH) {
          const batch = regions.slice(start, start + BATCH);
          const values: unknown[] = [];
          const rows = batch.map((r, i) => {
            values.push(r.code, r.name, r.officialName, r.level, r.parentCode, r.path);
            const o = i * 6;
            return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6}::ltree)`;
          });
          await tx.query(
            `INSERT INTO region (code, name, official_name, level, parent_code, path) VALUES ${rows.join(', ')}
             ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, official_name = EXCLUDED.official_name`,
            values,
          );
        }
        await tx.query(`INSERT INTO seed_run (name) VALUES ('regions')`);
      });
      log(`loaded ${regions.length} regions of Zhejiang`);
    }

    if (options.demoData && !(await seeded(dataSource, 'demo'))) {
      const hash = await hashPassword(DEMO_PASSWORD);
      await dataSource.transaction(async (tx) => {
        for (const account of DEMO_ACCOUNTS) {
          await tx.query(
            `INSERT INTO app_user (username, name, phone, password_hash, roles, position, region_code)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT ((lower(username))) DO NOTHING`,
            [account.username, account.name, account.phone, hash, account.roles, account.position, account.regionCode],
          );
        }
        await tx.query(`INSERT INTO seed_run (name) VALUES ('demo')`);
      });
      log(`loaded ${DEMO_ACCOUNTS.length} demo accounts (password ${DEMO_PASSWORD})`);
    }

    if (options.demoData && !(await seeded(dataSource, 'demo-curriculum'))) {
      await dataSource.transaction((tx) => seedDemoCurriculum(tx));
      log(`loaded the demo program “${DEMO_PROGRAM.title}”`);
    }

    const storage = options.storage;
    if (options.demoData && storage && !(await seeded(dataSource, 'demo-media'))) {
      await dataSource.transaction(async (tx) => {
        if (await seedDemoMedia(tx, storage)) {
          await tx.query(`INSERT INTO seed_run (name) VALUES ('demo-media')`);
          log('loaded the demo video and PDF');
        }
      });
    }

    if (options.demoData && !(await seeded(dataSource, 'demo-quiz'))) {
      await dataSource.transaction(async (tx) => {
        if (await seedDemoQuiz(tx)) {
          await tx.query(`INSERT INTO seed_run (name) VALUES ('demo-quiz')`);
          log('loaded the demo quiz and its question bank');
        }
      });
    }

    if (options.demoData && !(await seeded(dataSource, 'demo-assignment'))) {
      await dataSource.transaction(async (tx) => {
        if (await seedDemoAssignment(tx)) {
          await tx.query(`INSERT INTO seed_run (name) VALUES ('demo-assignment')`);
          log('loaded the demo assignment');
        }
      });
    }

    if (options.demoData && !(await seeded(dataSource, 'demo-mentor'))) {
      await dataSource.transaction(async (tx) => {
        if (await seedDemoMentor(tx)) {
          await tx.query(`INSERT INTO seed_run (name) VALUES ('demo-mentor')`);
          log('loaded the demo mentor profile');
        }
      });
    }

    if (options.demoData && !(await seeded(dataSource, 'demo-cohort'))) {
      const hash = await hashPassword(DEMO_PASSWORD);
      await dataSource.transaction(async (tx) => {
        if (await seedDemoCohort(tx, options.demoCrowd ?? false, hash)) {
          await tx.query(`INSERT INTO seed_run (name) VALUES ('demo-cohort')`);
          log('loaded the demo cohort');
        }
      });
    }

    if (options.bootstrapAdmin) {
      const admins: unknown[] = await dataSource.query(`SELECT 1 FROM app_user WHERE 'admin' = ANY(roles) LIMIT 1`);
      if (admins.length === 0) {
        const { username, password } = options.bootstrapAdmin;
        await dataSource.query(
          `INSERT INTO app_user (username, name, password_hash, roles, region_code)
           VALUES ($1, $2, $3, ARRAY['admin'], '33')`,
          [username, '省级管理员', await hashPassword(password)],
        );
        log(`created the first province administrator ${username}`);
      }
    }
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

/** The demo program, published by the demo trainer, with the demo trainees enrolled. */
async function seedDemoCurriculum(tx: EntityManager): Promise<void> {
  const [trainer] = await tx.query<Array<{ id: string }>>(`SELECT id FROM app_user WHERE username = 'trainer'`);
  if (!trainer) return;
  const p = DEMO_PROGRAM;
  const [program] = await tx.query<Array<{ id: string }>>(
    `INSERT INTO program (title, year, kind, required_credits, starts_on, ends_on, status, owner_id)
     VALUES ($1, $2, $3, $4, $5, $6, 'published', $7) RETURNING id`,
    [p.title, p.year, p.kind, p.requiredCredits, p.startsOn, p.endsOn, trainer.id],
  );
  for (const [coursePosition, course] of p.courses.entries()) {
    const [row] = await tx.query<Array<{ id: string }>>(
      `INSERT INTO course (title, summary, category, sequential, status, owner_id, published_at)
       VALUES ($1, $2, $3, $4, 'published', $5, now()) RETURNING id`,
      [course.title, course.summary, course.category, course.sequential, trainer.id],
    );
    await tx.query(`INSERT INTO program_course (program_id, course_id, required, position) VALUES ($1, $2, $3, $4)`, [
      program.id,
      row.id,
      course.required,
      coursePosition,
    ]);
    for (const [position, module] of course.modules.entries()) {
      await tx.query(
        `INSERT INTO module (course_id, position, kind, title, body, estimated_minutes, credits)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          row.id,
          position,
          module.kind,
          module.title,
          module.body,
          module.estimatedMinutes,
          moduleCompletionCredits(module.estimatedMinutes).credits,
        ],
      );
    }
  }
  await tx.query(
    `INSERT INTO program_enrolment (program_id, user_id)
     SELECT $1, id FROM app_user WHERE username IN ('trainee', 'trainee2')`,
    [program.id],
  );
  await tx.query(`INSERT INTO seed_run (name) VALUES ('demo-curriculum')`);
}

async function seeded(dataSource: DataSource, name: string): Promise<boolean> {
  const rows: unknown[] = await dataSource.query('SELECT 1 FROM seed_run WHERE name = $1', [name]);
  return rows.length > 0;
}
