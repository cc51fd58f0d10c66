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
              (SELECT count(*) FROM seed_run)::int AS seeds`,
    );
    return row as { regions: number; users: number; seeds: number };
  };

  it('loads regions and demo accounts on the first start and nothing on the second', async () => {
    const ds = await emptyDatabase();
    await prepareDatabase(ds, { demoData: true });
    expect(await counts(ds)).toEqual({ regions: 27036, users: 7, seeds: 2 });
    await prepareDatabase(ds, { demoData: true });
    expect(await counts(ds)).toEqual({ regions: 27036, users: 7, seeds: 2 });
    await ds.destroy();
  });

  it('loads no demo accounts when demo data is off, and creates the bootstrap admin once', async () => {
    const ds = await emptyDatabase();
    const bootstrapAdmin = { username: 'zj-root', password: 'Strong#Pass1' };
    await prepareDatabase(ds, { demoData: false, bootstrapAdmin });
    await prepareDatabase(ds, { demoData: false, bootstrapAdmin });
    expect(await counts(ds)).toEqual({ regions: 27036, users: 1, seeds: 1 });
    const [admin] = await ds.query(`SELECT username, roles, region_code FROM app_user`);
    expect(admin).toEqual({ username: 'zj-root', roles: ['admin'], region_code: '33' });
    await ds.destroy();
  });

  it('is safe when two API processes start at once', async () => {
    const first = await emptyDatabase();
    const second = new DataSource({ ...first.options });
    await second.initialize();
    await Promise.all([prepareDatabase(first, { demoData: true }), prepareDatabase(second, { demoData: true })]);
    expect(await counts(first)).toEqual({ regions: 27036, users: 7, seeds: 2 });
    await Promise.all([first.destroy(), second.destroy()]);
  });

  it('can revert the migration and apply it again', async () => {
    const ds = await emptyDatabase();
    await ds.runMigrations();
    await ds.undoLastMigration();
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'app_user'`,
    );
    expect(n).toBe(0);
    await ds.runMigrations();
    await ds.destroy();
  });
});
