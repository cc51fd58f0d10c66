import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../api/src/config/config';
import { createApp } from '../../api/src/create-app';
import type { EmbeddedPostgres } from '../../api/src/database/embedded-postgres';
import { prepareDatabase } from '../../api/src/database/prepare-database';
import { startThrowawayServer } from './support/test-database';

/** The API outlives a PostgreSQL restart: 503 while it is gone, back by itself when it returns. */
describe('when PostgreSQL restarts under load', () => {
  let pg: EmbeddedPostgres;
  let app: Awaited<ReturnType<typeof createApp>>;

  beforeAll(async () => {
    pg = await startThrowawayServer();
    await pg.ensureDatabase('lingyan');
    const config = loadConfig({
      NODE_ENV: 'test',
      JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'lingyan-test-data-')),
      WEB_ROOT: join(tmpdir(), 'lingyan-no-web'),
      DB_CONNECT_TIMEOUT_MS: '1000',
      DB_STATEMENT_TIMEOUT_MS: '3000',
    });
    app = await createApp(config, pg.url('lingyan'), { logger: false });
    await prepareDatabase(app.get(DataSource), { demoData: true });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await pg?.stop();
  });

  async function waitFor(status: number, withinMs: number): Promise<number> {
    const started = Date.now();
    for (;;) {
      const response = await request(app.getHttpServer()).get('/api/health');
      if (response.status === status) return Date.now() - started;
      if (Date.now() - started > withinMs) throw new Error(`health still ${response.status} after ${withinMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('answers 503 while the database is down and recovers within seconds', async () => {
    const http = app.getHttpServer();
    const login = () => request(http).post('/api/auth/login').send({ username: 'trainee', password: 'Lingyan@2026' });
    const first = await login();
    expect(first.status).toBe(200);
    const token = `Bearer ${first.body.accessToken as string}`;

    // Keep traffic flowing through the whole outage.
    const statuses: number[] = [];
    let running = true;
    const load = (async () => {
      while (running) {
        const responses = await Promise.all(
          Array.from({ length: 8 }, () => request(http).get('/api/me').set('Authorization', token)),
        );
        const health = await request(http).get('/api/health');
        statuses.push(health.status, ...responses.map((r) => r.status));
      }
    })();

    await pg.stop();
    const down = await request(http).get('/api/health');
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: 'error', database: 'down' });
    const failedLogin = await login();
    expect(failedLogin.status).toBe(503);
    expect(failedLogin.body.error).toBe('DATABASE_UNAVAILABLE');

    await new Promise((resolve) => setTimeout(resolve, 1500));
    await pg.start();
    const recoveredInMs = await waitFor(200, 10_000);
    running = false;
    await load;

    expect(recoveredInMs).toBeLessThan(10_000);
    expect((await login()).status).toBe(200);
    // Nothing but 200 and 503: no 500s, no hung requests.
    expect(statuses.filter((s) => ![200, 503].includes(s))).toEqual([]);
    expect(statuses).toContain(503);
  }, 60_000);
});
