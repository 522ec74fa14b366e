import { EntityManager } from 'typeorm';

/** Multi-row INSERT with numbered parameters (one statement per call; callers chunk large sets). */
export async function insertRows(manager: EntityManager, table: string, columns: string[], rows: unknown[][], suffix = ''): Promise<unknown[]> {
  if (rows.length === 0) return [];
  const params: unknown[] = [];
  const values = rows.map((row) => `(${row.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`);
  return manager.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')} ${suffix}`, params);
}

/** Splits rows so no statement has more than ~30,000 parameters. */
export function chunks<T>(rows: T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(30_000 / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Builds `WHERE a AND b` from optional conditions, numbering parameters as it goes. */
export class Where {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];

  /** `sql` uses `?` for the one parameter it takes */
  add(sql: string, value?: unknown): this {
    if (value === undefined) this.parts.push(sql);
    else this.parts.push(sql.replace('?', `$${this.params.push(value)}`));
    return this;
  }

  param(value: unknown): string {
    return `$${this.params.push(value)}`;
  }

  get clause(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

/** numeric columns come back from pg as strings */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
