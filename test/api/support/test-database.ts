import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgres, freePort } from '../../../api/src/database/embedded-postgres';

export const TEMPLATE_DB = 'lingyan_test_template';

/** Where the test run's PostgreSQL server is: its maintenance database URL, set by the global setup. */
export function serverUrl(): string {
  const url = process.env['LINGYAN_TEST_SERVER_URL'];
  if (!url) throw new Error('LINGYAN_TEST_SERVER_URL is not set: run the API tests through their jest config');
  return url;
}

export function databaseUrl(database: string): string {
  const url = new URL(serverUrl());
  url.pathname = '/' + database;
  return url.toString();
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database for one suite, copied from the migrated and seeded template in ~100 ms. */
export async function createSuiteDatabase(): Promise<string> {
  const name = `lingyan_test_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  await withClient(serverUrl(), (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`));
  return name;
}

export async function dropSuiteDatabase(name: string): Promise<void> {
  await withClient(serverUrl(), (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** A throwaway embedded PostgreSQL on a free port (fsync off). */
export async function startThrowawayServer(): Promise<EmbeddedPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'lingyan-test-pg-'));
  chmodSync(dir, 0o755); // the server runs as the postgres user when the tests run as root
  const server = new EmbeddedPostgres({
    dataDir: join(dir, 'pg'),
    port: await freePort(),
    fast: true,
  });
  await server.start();
  return server;
}
