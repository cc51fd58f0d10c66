/**
 * Where the province-scale data lives: the database of DATABASE_URL, or else an embedded PostgreSQL in
 * its own data folder (SCALE_DATA_DIR, default `.data/scale`; the cluster is in `<dir>/pg`, database
 * `lingyan`, laid out like the API's own, so `DATA_DIR=.data/scale npm run serve` shows the data in the
 * web app). Either way the schema is migrated and the regions and demo accounts are loaded first.
 */
import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { EmbeddedPostgres } from '../../api/src/database/embedded-postgres';
import { dataSourceOptions } from '../../api/src/database/data-source-options';
import { prepareDatabase } from '../../api/src/database/prepare-database';

export interface ScaleTarget {
  url: string;
  /** Where the data is, for messages. */
  description: string;
  /** The embedded server's main process (its backends are its children); null for DATABASE_URL. */
  postgresPid: number | null;
  /** Stops the embedded server, if this process started one. */
  stop(): Promise<void>;
}

export interface ScaleTargetOptions {
  /** Turn off fsync for the embedded server: for the bulk load only, never for measurements. */
  fast: boolean;
  log: (message: string) => void;
}

export const DEFAULT_SCALE_DATA_DIR = '.data/scale';
export const DEFAULT_SCALE_PG_PORT = 54339;

export async function openScaleTarget(options: ScaleTargetOptions): Promise<ScaleTarget> {
  const external = process.env['DATABASE_URL'];
  let target: ScaleTarget;
  if (external) {
    target = { url: external, description: redact(external), postgresPid: null, stop: async () => undefined };
  } else {
    const dataDir = resolve(process.env['SCALE_DATA_DIR'] || DEFAULT_SCALE_DATA_DIR);
    const port = Number(process.env['SCALE_PG_PORT'] || DEFAULT_SCALE_PG_PORT);
    mkdirSync(dataDir, { recursive: true });
    chmodSync(dataDir, 0o755); // as root the server runs as the postgres user
    const server = new EmbeddedPostgres({
      dataDir: join(dataDir, 'pg'),
      port,
      fast: options.fast,
      // A server sized for the data, as a deployment would configure it: the scale data (about 1.8 GB)
      // does not fit the default 128 MB of shared buffers, and a progress write then reads its index
      // pages from the kernel's cache.
      settings: {
        shared_buffers: '1GB',
        ...(process.env['BENCH_PG_STATEMENTS'] === '1'
          ? { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track_planning': 'on' }
          : {}),
      },
      log: (line) => {
        if (/ERROR|FATAL|PANIC/.test(line)) options.log(`postgres: ${line}`);
      },
    });
    await server.start();
    await server.ensureDatabase('lingyan');
    target = {
      url: server.url('lingyan'),
      description: `embedded PostgreSQL in ${join(dataDir, 'pg')} on port ${port}${options.fast ? ' (fsync off)' : ''}`,
      postgresPid: Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]),
      stop: () => server.stop(),
    };
  }

  const dataSource = new DataSource(
    dataSourceOptions({ url: target.url, connectTimeoutMs: 10_000, statementTimeoutMs: 600_000, poolSize: 2 }),
  );
  try {
    await dataSource.initialize();
    await prepareDatabase(dataSource, { demoData: true, log: options.log });
  } catch (error) {
    await target.stop();
    throw error;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
  return target;
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}
