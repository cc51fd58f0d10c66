/**
 * Bulk loading without index maintenance: a table's indexes (and the primary-key and unique
 * constraints no foreign key depends on) are dropped, the rows loaded, and everything rebuilt from the
 * definitions PostgreSQL reports — a sorted build instead of a million random inserts, 3–4 times faster
 * here. Inside the caller's transaction: other sessions wait on the tables meanwhile, and a duplicate
 * key fails the rebuild and so the whole load.
 */
import type { Client } from 'pg';

interface Definition {
  table: string;
  name: string;
  constraint: boolean;
  ddl: string;
}

/** Drops the tables' indexes; the returned function recreates them (constraints first). */
export async function dropIndexes(client: Client, tables: readonly string[]): Promise<() => Promise<number>> {
  const { rows } = await client.query<Definition>(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name, true AS constraint,
            format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname,
                   pg_get_constraintdef(c.oid)) AS ddl
       FROM pg_constraint c
      WHERE c.conrelid = ANY($1::regclass[]) AND c.contype IN ('p', 'u')
        AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = c.conindid)
     UNION ALL
     SELECT i.indrelid::regclass::text, x.relname, false, pg_get_indexdef(i.indexrelid)
       FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
      WHERE i.indrelid = ANY($1::regclass[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = i.indexrelid)`,
    [tables],
  );
  for (const d of rows) {
    await client.query(d.constraint ? `ALTER TABLE ${d.table} DROP CONSTRAINT "${d.name}"` : `DROP INDEX "${d.name}"`);
  }
  return async () => {
    for (const d of [...rows].sort((a, b) => Number(b.constraint) - Number(a.constraint))) await client.query(d.ddl);
    return rows.length;
  };
}
