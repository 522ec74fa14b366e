import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MealCategory } from '@district/contracts';
import { buildSegments, Determination, Segment, Spell } from './domain/timeline';

/**
 * Keeps `eligibility_segments` (each student's spells cut by category) in step with spells and
 * determinations; statement-level triggers turn segment changes into the census the KPIs, CEP and
 * claim edit checks read. Callers pass the students they changed, in their own transaction.
 */
@Injectable()
export class TimelineService {
  async recompute(manager: EntityManager, studentIds: string[]): Promise<void> {
    const ids = [...new Set(studentIds)];
    if (!ids.length) return;
    const spells: (Spell & { studentId: string })[] = await manager.query(
      `SELECT student_id AS "studentId", school_id AS "schoolId", from_date::text AS "from", to_date::text AS "to" FROM account_spells WHERE student_id = ANY($1::uuid[])`,
      [ids],
    );
    const dets: (Determination & { studentId: string })[] = await manager.query(
      `SELECT student_id AS "studentId", category, identified, effective_from::text AS "from", effective_to::text AS "to"
       FROM eligibility_determinations WHERE student_id = ANY($1::uuid[]) AND superseded_at IS NULL`,
      [ids],
    );
    const group = <T extends { studentId: string }>(rows: T[]) => {
      const m = new Map<string, T[]>();
      for (const r of rows) m.set(r.studentId, [...(m.get(r.studentId) ?? []), r]);
      return m;
    };
    const spellsBy = group(spells);
    const detsBy = group(dets);
    const cols: { student: string[]; school: string[]; category: MealCategory[]; identified: boolean[]; from: string[]; to: (string | null)[] } = { student: [], school: [], category: [], identified: [], from: [], to: [] };
    for (const id of ids) {
      const segments: Segment[] = buildSegments(spellsBy.get(id) ?? [], detsBy.get(id) ?? []);
      for (const s of segments) {
        cols.student.push(id);
        cols.school.push(s.schoolId);
        cols.category.push(s.category);
        cols.identified.push(s.identified);
        cols.from.push(s.from);
        cols.to.push(s.to);
      }
    }
    await manager.query('DELETE FROM eligibility_segments WHERE student_id = ANY($1::uuid[])', [ids]);
    if (cols.student.length) {
      await manager.query(
        `INSERT INTO eligibility_segments (student_id, school_id, category, identified, from_date, to_date)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::boolean[], $5::date[], $6::date[])`,
        [cols.student, cols.school, cols.category, cols.identified, cols.from, cols.to],
      );
    }
  }
}
