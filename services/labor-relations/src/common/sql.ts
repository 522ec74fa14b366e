import { EntityManager } from 'typeorm';

/** Multi-row INSERT with numbered parameters, in chunks (PostgreSQL allows 65,535 parameters per statement). */
export async function insertRows(manager: EntityManager, table: string, columns: string[], rows: unknown[][], suffix = ''): Promise<void> {
  const perChunk = Math.max(1, Math.floor(60_000 / columns.length));
  for (let i = 0; i < rows.length; i += perChunk) {
    const params: unknown[] = [];
    const values = rows.slice(i, i + perChunk).map((row) => `(${row.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`);
    await manager.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')} ${suffix}`, params);
  }
}
