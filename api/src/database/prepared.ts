import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a named prepared statement: PostgreSQL parses and plans it once per connection instead of on
 * every call. For the few statements on hot paths (progress writes, the signed-in user's lookup),
 * where planning costs as much as running. Inside a transaction, pass its manager: the statement then
 * runs on the transaction's connection. Statements are named by the caller and must keep one text per
 * name.
 */
export async function prepared<T extends QueryResultRow>(
  manager: DataSource | EntityManager,
  name: string,
  text: string,
  values: readonly unknown[],
): Promise<T[]> {
  const config = { name, text, values: [...values] };
  const runner = 'queryRunner' in manager ? manager.queryRunner : undefined;
  if (runner && !runner.isReleased) {
    const client = (await runner.connect()) as PoolClient;
    return (await client.query<T>(config)).rows;
  }
  const source = 'driver' in manager ? manager : manager.connection;
  const pool = (source.driver as unknown as { master: Pool }).master;
  return (await pool.query<T>(config)).rows;
}
