/**
 * `npm run bench`: throughput of the API's main read paths on a real PostgreSQL, printed beside a
 * floor measured in the same run (bare node:http + pg answering `SELECT 1`), so the figures mean
 * something on whatever machine runs them.
 */
import '../api/support/register-paths';
import 'reflect-metadata';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../api/src/config/config';
import { closeApp, createApp } from '../../api/src/create-app';
import { prepareDatabase } from '../../api/src/database/prepare-database';
import { startThrowawayServer } from '../api/support/test-database';

const DURATION = Number(process.env['BENCH_SECONDS'] ?? 8);
const CONNECTIONS = 32;

interface Result {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(name: string, url: string, headers: Record<string, string> = {}): Promise<Result> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  const bad = result.non2xx + result.errors + result.timeouts;
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: bad };
}

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
  // Give the province 2,000 more users so the admin list pages through a real table.
  await app.get(DataSource).query(
    `INSERT INTO app_user (username, name, password_hash, roles, position, region_code)
     SELECT 'bench-' || g, '干部' || g, 'x', ARRAY['trainee'], 'member', v.code
       FROM generate_series(1, 2000) g
       JOIN LATERAL (SELECT code FROM region WHERE level = 'village' ORDER BY code OFFSET (g * 7) % 25000 LIMIT 1) v ON true`,
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'zj-admin', password: 'Lingyan@2026' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const auth = { authorization: `Bearer ${accessToken}` };

  const results: Result[] = [];
  results.push(await measure('floor: node:http + pg, SELECT 1', `http://127.0.0.1:${(floor.address() as AddressInfo).port}/`));
  results.push(await measure('GET /api/health', `${base}/api/health`));
  results.push(await measure('GET /api/me (JWT + user)', `${base}/api/me`, auth));
  results.push(await measure('GET /api/users?limit=20 (province)', `${base}/api/users?limit=20`, auth));
  results.push(await measure('GET /api/regions/330127/children', `${base}/api/regions/330127/children`, auth));
  results.push(await measure('GET /api/regions?q=下姜', `${base}/api/regions?q=${encodeURIComponent('下姜')}`, auth));

  const floorRps = results[0].rps;
  console.log(`\n${CONNECTIONS} connections, ${DURATION} s each, one machine\n`);
  console.log('endpoint'.padEnd(42) + 'req/s'.padStart(9) + '  % floor' + '   p50 ms' + '   p99 ms' + '  errors');
  for (const r of results) {
    console.log(
      r.name.padEnd(42) +
        r.rps.toFixed(0).padStart(9) +
        `${((100 * r.rps) / floorRps).toFixed(0)}%`.padStart(9) +
        String(r.p50).padStart(9) +
        String(r.p99).padStart(9) +
        String(r.errors).padStart(8),
    );
  }

  await closeApp(app);
  floor.close();
  await pool.end();
  await pg.stop();
  if (results.some((r) => r.errors > 0)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
