import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DepartmentKpisReply, KpisRequest, monthBounds, monthRange } from '@district/contracts';
import { ChoiceRound } from '../choice/choice.entities';
import { asKpiValues, districtKpis, figuresByMonth, MonthlyRow, SchoolFigures, schoolKpis } from './domain/enrollment-kpis';

/** Enrollment's KPIs for a range of months, from maintained aggregates only (enrollment_monthly, round summaries, capacities). */
@Injectable()
export class EnrollmentKpisService {
  constructor(private readonly ds: DataSource) {}

  async kpis(req: KpisRequest): Promise<DepartmentKpisReply> {
    const months = monthRange(req.from, req.to);
    const schools: { id: string; capacity: number | null }[] = await this.ds.query(
      `SELECT id, (SELECT sum(value::int) FROM jsonb_each_text(capacity))::int AS capacity FROM schools ORDER BY code`,
    );
    // the maintained monthly aggregate up to the end of the range: schools × months of history, never students
    const monthly: MonthlyRow[] = await this.ds.query(
      `SELECT school_id AS "schoolId", to_char(month, 'YYYY-MM') AS period, (entries - exits)::int AS net, withdrawals::int AS withdrawals
       FROM enrollment_monthly WHERE month < $1::date ORDER BY month`,
      [monthBounds(req.to).next],
    );
    const byMonth = figuresByMonth(schools, monthly, months);
    const rounds = await this.ds
      .getRepository(ChoiceRound)
      .createQueryBuilder('r')
      .where(`r.status = 'completed' AND r.run_at < :next`, { next: monthBounds(req.to).next })
      .orderBy('r.run_at', 'DESC')
      .getMany();
    const reply: DepartmentKpisReply = { department: 'enrollment', periods: [], schools: req.bySchool ? [] : undefined };
    for (const period of months) {
      // the latest round run by the end of the month
      const round = rounds.find((r) => r.runAt! < new Date(`${monthBounds(period).next}T00:00:00Z`));
      const figures: SchoolFigures[] = byMonth.get(period)!.map((f) => ({ ...f, choice: round?.summary?.bySchool[f.schoolId] }));
      reply.periods.push({ period, values: asKpiValues(districtKpis(figures, round?.summary ?? null)) });
      if (reply.schools) for (const f of figures) reply.schools.push({ period, schoolId: f.schoolId, values: asKpiValues(schoolKpis(f)) });
    }
    return reply;
  }
}
