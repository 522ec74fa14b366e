import type { EntityManager } from 'typeorm';

/** Parameters per statement, well under PostgreSQL's 65,535. */
const MAX_PARAMS = 30_000;

/**
 * Multi-row INSERT with numbered parameters, split into as few statements as the parameter limit allows (bulk
 * paths write thousands of rows in a handful of round trips, never one statement per row). `suffix` is appended
 * to each statement (e.g. `ON CONFLICT DO NOTHING RETURNING id`); the rows it returns are concatenated.
 */
export async function insertRows<R = unknown>(manager: EntityManager, table: string, columns: string[], rows: unknown[][], suffix = ''): Promise<R[]> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const params: unknown[] = [];
    const values = rows.slice(i, i + perStatement).map((row) => `(${row.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`);
    const result = await manager.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')} ${suffix}`, params);
    if (Array.isArray(result)) out.push(...(result as R[]));
  }
  return out;
}

/** Rows of an UPDATE or DELETE … RETURNING (TypeORM answers those with [rows, affected] instead of rows). */
export async function queryReturning<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result = await manager.query(sql, params);
  return Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : result;
}
