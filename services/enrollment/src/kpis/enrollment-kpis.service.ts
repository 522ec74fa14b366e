import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EnrollmentKpis, EnrollmentKpisRequest } from '@district/contracts';
import { ProblemException } from '@district/service-kit';
import { ChoiceRound } from '../choice/choice.entities';
import { districtKpis, periodBounds, SchoolFigures, schoolKpis } from './domain/enrollment-kpis';

/** Enrollment's KPIs for a month, from maintained aggregates only (enrollment_monthly, round summaries, capacities). */
@Injectable()
export class EnrollmentKpisService {
  constructor(private readonly ds: DataSource) {}

  async kpis(req: EnrollmentKpisRequest): Promise<EnrollmentKpis> {
    // the handler's DTO has checked the shape; the domain still owns what a period means
    const bounds = periodBounds(req.period);
    if (!bounds) throw new ProblemException(400, 'period must be YYYY-MM');
    const only = req.schoolId ? [req.schoolId] : null;
    const rows: { schoolId: string; enrolled: number; withdrawals: number; capacity: number | null }[] = await this.ds.query(
      `SELECT s.id AS "schoolId",
              coalesce((SELECT sum(entries - exits) FROM enrollment_monthly m WHERE m.school_id = s.id AND m.month <= $1::date), 0)::int AS enrolled,
              coalesce((SELECT withdrawals FROM enrollment_monthly m WHERE m.school_id = s.id AND m.month = $1::date), 0)::int AS withdrawals,
              (SELECT sum(value::int) FROM jsonb_each_text(s.capacity))::int AS capacity
       FROM schools s WHERE ($2::uuid[] IS NULL OR s.id = ANY($2::uuid[])) ORDER BY s.code`,
      [bounds.start, only],
    );
    if (only && rows.length === 0) throw new ProblemException(404, 'no such school');
    const round = await this.ds
      .getRepository(ChoiceRound)
      .createQueryBuilder('r')
      .where(`r.status = 'completed' AND r.run_at < :next`, { next: bounds.next })
      .orderBy('r.run_at', 'DESC')
      .getOne();
    const figures: SchoolFigures[] = rows.map((r) => ({ ...r, choice: round?.summary?.bySchool[r.schoolId] }));
    const summary = round?.summary ?? null;
    return {
      period: req.period,
      district: districtKpis(figures, only ? null : summary),
      choiceRound: round ? { id: round.id, name: round.name, schoolYear: round.schoolYear, runAt: round.runAt!.toISOString() } : null,
      schools: figures.map(schoolKpis),
    };
  }
}
