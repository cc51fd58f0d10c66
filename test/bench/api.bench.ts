/**
 * `npm run bench`: throughput of the API's main read paths on a real PostgreSQL, printed beside a
 * floor measured in the same run (bare node:http + pg answering `SELECT 1`), so the figures mean
 * something on whatever machine runs them. The server runs in a child process (bench-server.ts).
 *
 * Then the province-scale figures of issue 4 (scale.bench.ts): dashboard latency, progress writes
 * and a 126,000-row import on the data of `npm run seed:scale`. That data is kept in .data/scale
 * (or DATABASE_URL) and loaded on the first run only (a few minutes); each run works on a throwaway
 * copy of it. BENCH_SCALE=0 skips the scale part, BENCH_SCALE=only runs nothing else.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { runScaleBench } from './scale.bench';

const DURATION = Number(process.env['BENCH_SECONDS'] ?? 8);
const CONNECTIONS = 32;

interface Result {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(
  name: string,
  url: string,
  headers: Record<string, string> = {},
  requests?: autocannon.Request[],
): Promise<Result> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers, requests });
  const bad = result.non2xx + result.errors + result.timeouts;
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: bad };
}

async function main(): Promise<void> {
  const scale = process.env['BENCH_SCALE'] ?? '1';
  if (scale !== 'only') await quickBench();
  if (scale !== '0' && !(await runScaleBench())) process.exitCode = 1;
}

async function quickBench(): Promise<void> {
  const server = spawn(process.execPath, ['-r', 'ts-node/register', join(__dirname, 'bench-server.ts')], {
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', TS_NODE_PROJECT: join(__dirname, '../api/tsconfig.json') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: server.stdout }).once('line', resolve);
    server.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const { api, floor } = JSON.parse(first) as { api: string; floor: string };

  try {
    const login = await fetch(`${api}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'zj-admin', password: 'Lingyan@2026' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };

    // A trainee with every open module of the demo program opened, for the learning endpoints.
    const traineeLogin = await fetch(`${api}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'trainee', password: 'Lingyan@2026' }),
    });
    const traineeAuth = {
      authorization: `Bearer ${((await traineeLogin.json()) as { accessToken: string }).accessToken}`,
    };
    const programs = (await (await fetch(`${api}/api/learning/programs`, { headers: traineeAuth })).json()) as Array<{
      courses: Array<{ id: string }>;
    }>;
    const moduleIds: string[] = [];
    for (const course of programs[0].courses) {
      const detail = (await (
        await fetch(`${api}/api/learning/courses/${course.id}`, { headers: traineeAuth })
      ).json()) as {
        modules: Array<{ id: string; locked: boolean }>;
      };
      for (const module of detail.modules.filter((m) => !m.locked)) {
        await fetch(`${api}/api/learning/modules/${module.id}`, { headers: traineeAuth });
        moduleIds.push(module.id);
      }
    }
    let sent = 0;
    const progressRequest: autocannon.Request = {
      method: 'POST',
      path: '/api/progress',
      headers: { ...traineeAuth, 'content-type': 'application/json' },
      setupRequest: (req) => {
        const now = Date.now();
        const moduleId = moduleIds[sent++ % moduleIds.length];
        const body = {
          eventId: randomUUID(),
          moduleId,
          startedAt: new Date(now - 15_000).toISOString(),
          endedAt: new Date(now).toISOString(),
          position: 0.5,
        };
        return { ...req, body: JSON.stringify(body) };
      },
    };

    const results: Result[] = [];
    results.push(await measure('floor: node:http + pg, SELECT 1', `${floor}/`));
    results.push(await measure('GET /api/health', `${api}/api/health`));
    results.push(await measure('GET /api/me (JWT + user)', `${api}/api/me`, auth));
    results.push(await measure('GET /api/users?limit=20 (20,007 users)', `${api}/api/users?limit=20`, auth));
    results.push(
      await measure('GET /api/users?regionCode=330127', `${api}/api/users?limit=20&regionCode=330127`, auth),
    );
    results.push(await measure('GET /api/regions/330127/children', `${api}/api/regions/330127/children`, auth));
    results.push(await measure('GET /api/regions?q=下姜', `${api}/api/regions?q=${encodeURIComponent('下姜')}`, auth));
    results.push(await measure('GET /api/learning/programs (trainee)', `${api}/api/learning/programs`, traineeAuth));
    results.push(await measure(`POST /api/progress (${moduleIds.length} modules)`, api, {}, [progressRequest]));
    // search and the feed over 50,000 shared posts
    for (const q of ['白茶', '共富工坊', '茶', '村', '下姜村集体经济']) {
      results.push(
        await measure(
          `GET /api/sharing/search?q=${q} (50,000 posts)`,
          `${api}/api/sharing/search?q=${encodeURIComponent(q)}`,
          traineeAuth,
        ),
      );
    }
    results.push(await measure('GET /api/sharing/feed (50,000 posts)', `${api}/api/sharing/feed`, traineeAuth));

    const floorRps = results[0].rps;
    console.log(`\n${CONNECTIONS} connections, ${DURATION} s each; the server in one process, the load in another\n`);
    console.log('endpoint'.padEnd(52) + 'req/s'.padStart(9) + '  % floor' + '   p50 ms' + '   p99 ms' + '  errors');
    for (const r of results) {
      console.log(
        r.name.padEnd(52) +
          r.rps.toFixed(0).padStart(9) +
          `${((100 * r.rps) / floorRps).toFixed(0)}%`.padStart(9) +
          String(r.p50).padStart(9) +
          String(r.p99).padStart(9) +
          String(r.errors).padStart(8),
      );
    }
    if (results.some((r) => r.errors > 0)) process.exitCode = 1;
  } finally {
    server.kill('SIGTERM');
    await exited;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
