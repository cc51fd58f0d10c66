import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DatabaseSettings {
  url: string;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  poolSize: number;
}

/** TypeORM options shared by the API, the migration CLI and the tests. Schema changes only by migrations. */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    connectTimeoutMS: settings.connectTimeoutMs,
    poolSize: settings.poolSize,
    extra: {
      statement_timeout: settings.statementTimeoutMs,
      query_timeout: settings.statementTimeoutMs + 1000,
      idle_in_transaction_session_timeout: 60_000,
      application_name: 'lingyan-api',
    },
  };
}
