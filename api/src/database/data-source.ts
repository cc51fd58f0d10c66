/**
 * The data source of the TypeORM CLI (`npm run migration:run`, `migration:revert`,
 * `migration:generate`). It needs DATABASE_URL.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

const url = process.env['DATABASE_URL'];
if (!url) throw new Error('Set DATABASE_URL to run migrations from the command line.');

export default new DataSource(
  dataSourceOptions({ url, connectTimeoutMs: 10_000, statementTimeoutMs: 600_000, poolSize: 2 }),
);
