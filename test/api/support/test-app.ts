import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { LoginResponse } from '@lingyan/contracts';
import { loadConfig, type AppConfig } from '../../../api/src/config/config';
import { createApp } from '../../../api/src/create-app';
import { createSuiteDatabase, databaseUrl, dropSuiteDatabase } from './test-database';

export const DEMO_PASSWORD = 'Lingyan@2026';

export interface TestApp {
  app: NestFastifyApplication;
  /** The HTTP server to give supertest. */
  http: ReturnType<NestFastifyApplication['getHttpServer']>;
  config: AppConfig;
  database: string;
  databaseUrl: string;
  close(): Promise<void>;
}

/** The real application on a database of its own, copied from the seeded template. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createSuiteDatabase();
  const url = databaseUrl(database);
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'lingyan-test-data-')),
    WEB_ROOT: join(tmpdir(), 'lingyan-no-web'),
    DB_CONNECT_TIMEOUT_MS: '2000',
    ...(process.env['LINGYAN_TEST_MEDIA_DIR'] ? { MEDIA_DIR: process.env['LINGYAN_TEST_MEDIA_DIR'] } : {}),
    ...env,
  });
  const app = await createApp(config, url, { logger: process.env['TEST_LOG'] ? ['error', 'warn'] : false });
  return {
    app,
    http: app.getHttpServer(),
    config,
    database,
    databaseUrl: url,
    async close() {
      await app.close();
      await dropSuiteDatabase(database);
    },
  };
}

export async function login(t: TestApp, username: string, password = DEMO_PASSWORD): Promise<LoginResponse> {
  const response = await request(t.http).post('/api/auth/login').send({ username, password });
  if (response.status !== 200) {
    throw new Error(`login ${username} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body as LoginResponse;
}

export async function bearer(t: TestApp, username: string): Promise<string> {
  return `Bearer ${(await login(t, username)).accessToken}`;
}
