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
