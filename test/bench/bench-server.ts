/**
 * The server side of `npm run bench`, in its own process so the load generator does not share its
 * event loop: a real PostgreSQL, the API on it, and the floor (bare node:http + pg). Prints one
 * JSON line with the addresses when ready; stops everything on SIGTERM.
 */
import '../api/support/register-paths';
import 'reflect-metadata';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../api/src/config/config';
import { closeApp, createApp } from '../../api/src/create-app';
import { prepareDatabase } from '../../api/src/database/prepare-database';
import { startThrowawayServer } from '../api/support/test-database';
import { seedPosts } from './seed-posts';

async function main(): Promise<void> {
  const pg = await startThrowawayServer();
  await pg.ensureDatabase('bench');
  const url = pg.url('bench');

  // The floor: the least any HTTP endpoint that touches PostgreSQL can cost here.
  const pool = new Pool({ connectionString: url, max: 10 });
  pool.on('error', () => undefined);
  const floor = createServer((_, res) => {
    pool.query('SELECT 1').then(
      () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'),
      () => res.writeHead(503).end(),
    );
  });
  await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve));

  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256-signing',
    DATA_DIR: '/tmp/lingyan-bench',
    WEB_ROOT: '/tmp/lingyan-no-web',
    RATE_LIMIT_PER_MINUTE: '0',
  });
  const app = await createApp(config, url, { logger: ['error'] });
  await prepareDatabase(app.get(DataSource), { demoData: true });
  // Give the province 20,000 more users so the admin list pages through a real table.
  await app.get(DataSource).query(
    `INSERT INTO app_user (username, name, password_hash, roles, position, region_code)
     SELECT 'bench-' || g, '干部' || g, 'x', ARRAY['trainee'], 'member', v.code
       FROM generate_series(1, 20000) g
       JOIN (SELECT code, row_number() OVER (ORDER BY code) AS n FROM region WHERE level = 'village') v
         ON v.n = 1 + (g * 7) % 25547`,
  );
  // 50,000 shared posts for the search (书记讲给书记听)
  await seedPosts(app.get(DataSource));
  await app.get(DataSource).query('ANALYZE');
  await app.listen({ port: 0, host: '127.0.0.1' });

  const port = (server: { address(): AddressInfo | string | null }) => (server.address() as AddressInfo).port;
  console.log(
    JSON.stringify({ api: `http://127.0.0.1:${port(app.getHttpServer())}`, floor: `http://127.0.0.1:${port(floor)}` }),
  );

  process.once('SIGTERM', () => {
    void (async () => {
      await closeApp(app);
      floor.close();
      await pool.end();
      await pg.stop();
      process.exit(0);
    })();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
