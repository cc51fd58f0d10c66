import 'reflect-metadata';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from './config/config';
import { closeApp, createApp } from './create-app';
import { EmbeddedPostgres } from './database/embedded-postgres';
import { MEDIA_STORAGE, type MediaStorage } from './media/storage';
import { prepareDatabase } from './database/prepare-database';

const logger = new Logger('Lingyan');
let embedded: EmbeddedPostgres | null = null;

async function main(): Promise<void> {
  const config = loadConfig();
  let app: NestFastifyApplication | null = null;
  let stopping = false;

  const shutdown = async (signal: string) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    logger.log(`${signal}: finishing requests in flight, then stopping`);
    try {
      if (app) await closeApp(app);
      if (embedded) await embedded.stop();
      logger.log('stopped');
      process.exit(0);
    } catch (error) {
      logger.error(error);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const dataDir = join(config.dataDir, 'pg');
    logger.log(`no DATABASE_URL: starting the embedded PostgreSQL in ${dataDir} on port ${config.embeddedPgPort}`);
    embedded = new EmbeddedPostgres({
      dataDir,
      port: config.embeddedPgPort,
      log: (line) => {
        if (/ERROR|FATAL|PANIC/.test(line)) logger.warn(line, 'PostgreSQL');
      },
    });
    await embedded.start();
    await embedded.ensureDatabase('lingyan');
    databaseUrl = embedded.url('lingyan');
  }

  app = await createApp(config, databaseUrl);
  await prepareDatabase(app.get(DataSource), {
    demoData: config.demoData,
    bootstrapAdmin: config.bootstrapAdmin,
    storage: app.get<MediaStorage>(MEDIA_STORAGE),
    demoCrowd: config.demoData,
    log: (m) => logger.log(m),
  });
  await app.listen({ port: config.port, host: config.host });
  const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
  logger.log(`Lingyan is ready at http://${shown}:${config.port} (API under /api, docs at /api/docs)`);
  if (config.demoData)
    logger.log('demo accounts: zj-admin, chunan-admin, anji-admin, trainer, mentor, trainee, trainee2');

  // Keep PostgreSQL hiccups from taking the process down; requests answer 503 until it is back.
  process.on('unhandledRejection', (reason) => logger.error(`unhandled rejection: ${String(reason)}`));
}

main().catch(async (error: unknown) => {
  if (error instanceof ConfigError) logger.error(error.message);
  else logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  await embedded?.stop().catch(() => undefined);
  process.exit(1);
});
