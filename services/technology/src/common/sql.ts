import type { EntityManager } from 'typeorm';

export const BATCH = 1000;

/** Multi-row INSERT with numbered parameters, in chunks of BATCH rows. */
export async function insertRows(manager: EntityManager, table: string, columns: string[], rows: unknown[][], suffix = ''): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const params: unknown[] = [];
    const values = rows.slice(i, i + BATCH).map((row) => `(${row.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`);
    await manager.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')} ${suffix}`, params);
  }
}

/** Rows of an UPDATE or DELETE … RETURNING (TypeORM answers those with [rows, affected] instead of rows). */
export async function queryReturning<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result = await manager.query(sql, params);
  return Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : result;
}
