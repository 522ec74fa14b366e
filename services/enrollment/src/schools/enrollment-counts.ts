import { EntityManager } from 'typeorm';
import type { Grade } from '@district/contracts';

export interface CountChange {
  schoolId: string;
  grade: Grade;
  delta: number;
}

/**
 * Applies enrollment count changes in the caller's transaction, so seat utilisation and enrollment KPIs
 * read a maintained aggregate instead of counting students per request.
 */
export async function applyCountChanges(manager: EntityManager, changes: CountChange[]): Promise<void> {
  const merged = new Map<string, CountChange>();
  for (const c of changes) {
    const key = `${c.schoolId}|${c.grade}`;
    const prev = merged.get(key);
    merged.set(key, { ...c, delta: (prev?.delta ?? 0) + c.delta });
  }
  const rows = [...merged.values()].filter((c) => c.delta !== 0);
  if (!rows.length) return;
  // update the rows that exist first: a CHECK (enrolled >= 0) is tested on an INSERT's row before ON CONFLICT
  // TypeORM answers an UPDATE with [rows, rowCount]
  const [updated]: [{ school_id: string; grade: string }[], number] = await manager.query(
    `UPDATE enrollment_counts c SET enrolled = c.enrolled + t.d FROM unnest($1::uuid[], $2::text[], $3::int[]) AS t(s, g, d)
     WHERE c.school_id = t.s AND c.grade = t.g RETURNING c.school_id, c.grade`,
    [rows.map((r) => r.schoolId), rows.map((r) => r.grade), rows.map((r) => r.delta)],
  );
  const done = new Set(updated.map((u) => `${u.school_id}|${u.grade}`));
  const missing = rows.filter((r) => !done.has(`${r.schoolId}|${r.grade}`));
  if (!missing.length) return;
  await manager.query(
    `INSERT INTO enrollment_counts (school_id, grade, enrolled)
     SELECT s, g, d FROM unnest($1::uuid[], $2::text[], $3::int[]) AS t(s, g, d)
     ON CONFLICT (school_id, grade) DO UPDATE SET enrolled = enrollment_counts.enrolled + EXCLUDED.enrolled`,
    [missing.map((r) => r.schoolId), missing.map((r) => r.grade), missing.map((r) => r.delta)],
  );
}
