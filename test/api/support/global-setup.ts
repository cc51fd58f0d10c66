import './register-paths';
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../../api/src/database/data-source-options';
import { prepareDatabase } from '../../../api/src/database/prepare-database';
import type { EmbeddedPostgres } from '../../../api/src/database/embedded-postgres';
import { DiskStorage } from '../../../api/src/media/disk-storage';
import { startThrowawayServer, TEMPLATE_DB, withClient } from './test-database';

declare global {
  var __LINGYAN_TEST_PG__: EmbeddedPostgres | undefined;
}

/**
 * Starts one real PostgreSQL for the run (or uses TEST_DATABASE_URL's server), and builds a
 * template database with the migrations applied and the regions and demo accounts loaded.
 * Each suite then copies the template into a database of its own.
 */
export default async function globalSetup(): Promise<void> {
  let server = process.env['TEST_DATABASE_URL'];
  if (!server) {
    const pg = await startThrowawayServer();
    globalThis.__LINGYAN_TEST_PG__ = pg;
    server = pg.url('postgres');
  }
  process.env['LINGYAN_TEST_SERVER_URL'] = server;

  await withClient(server, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${TEMPLATE_DB}"`);
  });
  const url = new URL(server);
  url.pathname = '/' + TEMPLATE_DB;
  const dataSource = new DataSource(
    dataSourceOptions({ url: url.toString(), connectTimeoutMs: 10_000, statementTimeoutMs: 120_000, poolSize: 2 }),
  );
  await dataSource.initialize();
  // The template's demo video and PDF live here; every test app reads media from this folder.
  const mediaDir = mkdtempSync(join(tmpdir(), 'lingyan-test-media-'));
  process.env['LINGYAN_TEST_MEDIA_DIR'] = mediaDir;
  await prepareDatabase(dataSource, { demoData: true, storage: new DiskStorage(mediaDir) });
  await dataSource.destroy();
}
