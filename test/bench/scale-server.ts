/**
 * The server side of the scale part of `npm run bench` (scale.bench.ts), in its own process so the
 * load generator does not share its event loop. It opens the scale database (seed-scale.ts; seeding it
 * first when it is missing), copies it to a throwaway database — the bench writes progress and imports
 * 126,000 cadres, and the seeded data must stay as it was for the next run — and serves the API on the
 * copy, plus the floor (bare node:http + pg answering one primary-key read). PostgreSQL runs with its
 * normal durability (fsync and synchronous commit on). Prints one JSON line when ready; on SIGTERM
 * stops everything and drops the copy.
 */
import '../api/support/register-paths';
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { loadConfig } from '../../api/src/config/config';
import { closeApp, createApp } from '../../api/src/create-app';
import { findScaleData, printScaleCounts, seedScale } from './seed-scale';
import { openScaleTarget } from './scale-target';

export const BENCH_DATABASE = 'lingyan_scale_bench';

export interface ScaleServerInfo {
  api: string;
  floor: string;
  /** The throwaway copy the API runs on. */
  databaseUrl: string;
  cohortId: string;
  programId: string;
  settings: string;
  /** For CPU time per request: this process (the API) and the PostgreSQL server (null when external). */
  apiPid: number;
  postgresPid: number | null;
}

const log = (message: string) => console.error(message);
/** Undoes what was started so far: runs on SIGTERM and when start-up fails. */
const cleanups: Array<() => Promise<unknown>> = [];
async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => log(`bench: ${String(error)}`));
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function query<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'scale-bench' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  // From the start, so a bench stopped while this is still starting leaves no PostgreSQL behind.
  process.once('SIGTERM', () => void cleanUp().then(() => process.exit(0)));
  let target = await openScaleTarget({ fast: false, log });
  cleanups.push(() => target.stop());
  let data = await query(target.url, findScaleData);
  if (!data) {
    // The first run seeds (a few minutes), with fsync off like `npm run seed:scale`, then restarts durable.
    log('bench: no scale data yet; loading it first (npm run seed:scale)');
    await target.stop();
    const loading = await openScaleTarget({ fast: true, log });
    try {
      await query(loading.url, async (client) => {
        const seeded = await seedScale(client, { trainees: 126_000, log });
        await client.query(`VACUUM (ANALYZE)`);
        await printScaleCounts(client, seeded, log);
      });
    } finally {
      await loading.stop();
    }
    target = await openScaleTarget({ fast: false, log });
    data = await query(target.url, findScaleData);
    if (!data) throw new Error('the scale seed did not complete');
  }
  const scale = data;

  // A copy of the seeded database for this run (a file copy: seconds).
  const maintenance = withDatabase(target.url, 'postgres');
  const sourceName = new URL(target.url).pathname.slice(1);
  const started = performance.now();
  await query(maintenance, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${BENCH_DATABASE} TEMPLATE "${sourceName}" STRATEGY FILE_COPY`);
  });
  cleanups.push(() =>
    query(maintenance, (client) => client.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`)),
  );
  log(`bench: copied the scale database in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const url = withDatabase(target.url, BENCH_DATABASE);
  const settings = await query(url, async (client) => {
    const rows = await client.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings
        WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'server_version') ORDER BY name`,
    );
    return rows.rows.map((r) => `${r.name}=${r.setting}${r.unit === '8kB' ? '×8kB' : (r.unit ?? '')}`).join(', ');
  });

  // The floor: one primary-key read per request, with nothing else around it.
  const pool = new Pool({ connectionString: url, max: 10 });
  pool.on('error', () => undefined);
  cleanups.push(() => pool.end());
  const [admin] = (await pool.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'zj-admin'`)).rows;
  const floor = createServer((_, res) => {
    pool.query('SELECT id, username, name, region_code FROM app_user WHERE id = $1', [admin.id]).then(
      (result) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result.rows[0])),
      () => res.writeHead(503).end(),
    );
  });
  await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => floor.close());

  const dataDir = mkdtempSync(join(tmpdir(), 'lingyan-scale-bench-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const secret = process.env['BENCH_JWT_SECRET'];
  if (!secret) throw new Error('BENCH_JWT_SECRET is not set');
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: secret,
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    DATA_DIR: dataDir,
    WEB_ROOT: '/tmp/lingyan-no-web',
    RATE_LIMIT_PER_MINUTE: '0',
  });
  const app = await createApp(config, url, { logger: ['error'] });
  cleanups.push(() => closeApp(app));
  await app.listen({ port: 0, host: '127.0.0.1' });

  const port = (server: { address(): AddressInfo | string | null }) => (server.address() as AddressInfo).port;
  const info: ScaleServerInfo = {
    api: `http://127.0.0.1:${port(app.getHttpServer())}`,
    floor: `http://127.0.0.1:${port(floor)}`,
    databaseUrl: url,
    cohortId: scale.cohortId,
    programId: scale.programId,
    settings: `${settings}, API pool ${config.dbPoolSize}`,
    apiPid: process.pid,
    postgresPid: target.postgresPid,
  };
  console.log(JSON.stringify(info));
}

main().catch(async (error: unknown) => {
  console.error(error);
  await cleanUp();
  process.exit(1);
});
