import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../api/src/database/data-source-options';
import { prepareDatabase } from '../../api/src/database/prepare-database';
import { databaseUrl, dropSuiteDatabase, serverUrl, withClient } from './support/test-database';

/** What every start does to a database: migrations, regions and demo data, each once. */
describe('preparing a database', () => {
  const created: string[] = [];

  async function emptyDatabase(): Promise<DataSource> {
    const name = `lingyan_prepare_${Date.now().toString(36)}_${created.length}`;
    await withClient(serverUrl(), (c) => c.query(`CREATE DATABASE "${name}"`));
    created.push(name);
    const dataSource = new DataSource(
      dataSourceOptions({ url: databaseUrl(name), connectTimeoutMs: 5000, statementTimeoutMs: 60_000, poolSize: 4 }),
    );
    return dataSource.initialize();
  }

  afterAll(async () => {
    for (const name of created) await dropSuiteDatabase(name);
  });

  const counts = async (ds: DataSource) => {
    const [row] = await ds.query(
      `SELECT (SELECT count(*) FROM region)::int AS regions, (SELECT count(*) FROM app_user)::int AS users,
              (SELECT count(*) FROM seed_run)::int AS seeds, (SELECT count(*) FROM module)::int AS modules`,
    );
    return row as { regions: number; users: number; seeds: number; modules: number };
  };

  it('loads regions and demo accounts on the first start and nothing on the second', async () => {
    const ds = await emptyDatabase();
    await prepareDatabase(ds, { demoData: true });
    expect(await counts(ds)).toEqual({ regions: 27036, users: 7, seeds: 7, modules: 18 });
    await prepareDatabase(ds, { demoData: true });
    expect(await counts(ds)).toEqual({ regions: 27036, users: 7, seeds: 7, modules: 18 });
    await ds.destroy();
  });

  it('loads no demo accounts when demo data is off, and creates the bootstrap admin once', async () => {
    const ds = await emptyDatabase();
    const bootstrapAdmin = { username: 'zj-root', password: 'Strong#Pass1' };
    await prepareDatabase(ds, { demoData: false, bootstrapAdmin });
    await prepareDatabase(ds, { demoData: false, bootstrapAdmin });
    expect(await counts(ds)).toEqual({ regions: 27036, users: 1, seeds: 1, modules: 0 });
    const [admin] = await ds.query(`SELECT username, roles, region_code FROM app_user`);
    expect(admin).toEqual({ username: 'zj-root', roles: ['admin'], region_code: '33' });
    await ds.destroy();
  });

  it('is safe when two API processes start at once', async () => {
    const first = await emptyDatabase();
    const second = new DataSource({ ...first.options });
    await second.initialize();
    await Promise.all([prepareDatabase(first, { demoData: true }), prepareDatabase(second, { demoData: true })]);
    expect(await counts(first)).toEqual({ regions: 27036, users: 7, seeds: 7, modules: 18 });
    await Promise.all([first.destroy(), second.destroy()]);
  });

  it('can revert every migration and apply them again', async () => {
    const ds = await emptyDatabase();
    const applied = await ds.runMigrations();
    for (let i = 0; i < applied.length; i++) await ds.undoLastMigration();
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    expect(n).toBe(0);
    expect((await ds.runMigrations()).length).toBe(applied.length);
    await ds.destroy();
  });
});

describe('the demo program', () => {
  it('is published with its courses, 16 articles and both demo trainees enrolled', async () => {
    const name = `lingyan_demo_${Date.now().toString(36)}`;
    await withClient(serverUrl(), (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE lingyan_test_template`));
    try {
      const summary = await withClient(databaseUrl(name), async (c) => {
        const program = (await c.query(`SELECT id, title, status, required_credits::float AS credits FROM program`))
          .rows;
        const courses = (
          await c.query(
            `SELECT c.title, pc.required, c.status, count(m.id)::int AS modules, sum(m.credits)::float AS credits
               FROM program_course pc JOIN course c ON c.id = pc.course_id LEFT JOIN module m ON m.course_id = c.id
              GROUP BY c.title, pc.required, c.status, pc.position ORDER BY pc.position`,
          )
        ).rows;
        const enrolled = (
          await c.query(
            `SELECT u.username FROM program_enrolment e JOIN app_user u ON u.id = e.user_id ORDER BY u.username`,
          )
        ).rows.map((r: { username: string }) => r.username);
        return { program, courses, enrolled };
      });
      expect(summary.program).toEqual([
        expect.objectContaining({ title: '2026年度村社书记全员轮训', status: 'published', credits: 8 }),
      ]);
      expect(summary.courses.length).toBeGreaterThanOrEqual(4);
      expect(
        summary.courses.every((c: { status: string; modules: number }) => c.status === 'published' && c.modules >= 2),
      ).toBe(true);
      const total = summary.courses.reduce((sum: number, c: { credits: number }) => sum + c.credits, 0);
      expect(total).toBeGreaterThanOrEqual(8); // the requirement can be met
      expect(summary.enrolled).toEqual(['trainee', 'trainee2']);
    } finally {
      await dropSuiteDatabase(name);
    }
  });
});
