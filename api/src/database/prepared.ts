import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a named prepared statement: PostgreSQL parses and plans it once per connection instead of on
 * every call. For the few statements on hot paths (progress writes, the signed-in user's lookup),
 * where planning costs as much as running. Inside a transaction, pass its manager: the statement then
 * runs on the transaction's connection. Given a connection, the statement is sent before this function
 * first waits, so whatever the caller sends next on that connection (a COMMIT) is queued behind it.
 * Statements are named by the caller and must keep one text per name.
 */
export async function prepared<T extends QueryResultRow>(
  on: DataSource | EntityManager | PoolClient,
  name: string,
  text: string,
  values: readonly unknown[],
): Promise<T[]> {
  const config = { name, text, values: [...values] };
  if (!(on instanceof DataSource) && !(on instanceof EntityManager)) return (await on.query<T>(config)).rows;
  const runner = on instanceof EntityManager ? on.queryRunner : undefined;
  if (runner && !runner.isReleased) {
    const client = (await runner.connect()) as PoolClient;
    return (await client.query<T>(config)).rows;
  }
  const source = on instanceof DataSource ? on : on.connection;
  const pool = (source.driver as unknown as { master: Pool }).master;
  return (await pool.query<T>(config)).rows;
}
