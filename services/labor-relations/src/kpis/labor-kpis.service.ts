import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DepartmentKpisReply, KpiValues, MAX_KPI_MONTHS } from '@district/contracts';
import { ProblemException, DistrictClock } from '@district/service-kit';
import { monthBounds, monthsBetween } from '../calendar/domain/dates';
import type { ContractDates, UnitWorkforce } from '../contracts/domain/contract-status';
import { CloseDays, emptyKpis, grievanceKpis, MonthFigures, NO_FIGURES, OpenCohort, workforceKpis } from './domain/labor-kpis';
import { LaborKpisRequestDto } from './dto/labor-queries.request';

interface Month {
  period: string;
  first: string;
  asOf: string;
}

/** The month key of a school (null = grievances without a school) inside maps. */
const key = (period: string, schoolId: string | null) => `${period}|${schoolId ?? ''}`;

/**
 * Labor relations' KPIs for a range of months, from the maintained aggregates only (grievance_cohorts,
 * grievance_monthly, grievance_close_days) and the few contract and unit rows: four queries whatever the
 * number of months or schools (ADR 0021).
 */
@Injectable()
export class LaborKpisService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: DistrictClock,
  ) {}

  async kpis(req: LaborKpisRequestDto): Promise<DepartmentKpisReply> {
    const periods = monthsBetween(req.from, req.to);
    if (!periods) throw new ProblemException(400, 'from and to must be months YYYY-MM with from <= to');
    if (periods.length > MAX_KPI_MONTHS) throw new ProblemException(400, `at most ${MAX_KPI_MONTHS} months at once`);
    const unitId = req.unitId ?? null;
    if (unitId && !(await this.ds.query(`SELECT 1 FROM bargaining_units WHERE id = $1`, [unitId])).length) throw new ProblemException(404, 'no such bargaining unit');
    const today = this.clock.today();
    const months: Month[] = periods.map((period) => {
      const b = monthBounds(period)!;
      return { period, first: b.first, asOf: b.last < today ? b.last : today };
    });
    const known = months.filter((m) => m.first <= today);
    if (known.length === 0) return { department: 'labor-relations', periods: periods.map((period) => ({ period, values: emptyKpis() })), ...(req.bySchool ? { schools: [] } : {}) };

    const cohortRows: (OpenCohort & { period: string; schoolId: string | null })[] = await this.ds.query(
      `SELECT m.period, c.school_id AS "schoolId", c.filed_on::text AS "filedOn", sum(c.grievances)::int AS grievances
       FROM unnest($1::text[], $2::date[], $3::date[]) AS m(period, first, as_of)
       JOIN grievance_cohorts c ON c.filed_on <= m.as_of AND (c.closed_month IS NULL OR c.closed_month > m.first) AND ($4::uuid IS NULL OR c.unit_id = $4::uuid)
       GROUP BY m.period, c.school_id, c.filed_on HAVING sum(c.grievances) <> 0`,
      [known.map((m) => m.period), known.map((m) => m.first), known.map((m) => m.asOf), unitId],
    );
    const firstMonth = known[0].first;
    const lastMonth = known[known.length - 1].first;
    const monthlyRows: (MonthFigures & { month: string; schoolId: string | null })[] = await this.ds.query(
      `SELECT to_char(month, 'YYYY-MM') AS month, school_id AS "schoolId", sum(filed)::int AS filed, sum(closed)::int AS closed,
              sum(closed_at_step1)::int AS "closedAtStep1", sum(answers_on_time)::int AS "answersOnTime", sum(answers_late)::int AS "answersLate"
       FROM grievance_monthly WHERE month BETWEEN ($1::date - interval '11 months') AND $2::date AND ($3::uuid IS NULL OR unit_id = $3::uuid)
       GROUP BY month, school_id`,
      [firstMonth, lastMonth, unitId],
    );
    const closeRows: (CloseDays & { month: string; schoolId: string | null })[] = await this.ds.query(
      `SELECT to_char(month, 'YYYY-MM') AS month, school_id AS "schoolId", days, sum(grievances)::int AS grievances
       FROM grievance_close_days WHERE month BETWEEN $1::date AND $2::date AND ($3::uuid IS NULL OR unit_id = $3::uuid)
       GROUP BY month, school_id, days HAVING sum(grievances) <> 0`,
      [firstMonth, lastMonth, unitId],
    );
    const units: UnitWorkforce[] = await this.ds.query(
      `SELECT id, employee_count AS "employeeCount" FROM bargaining_units WHERE $1::uuid IS NULL OR id = $1::uuid`, [unitId]);
    const contracts: ContractDates[] = await this.ds.query(
      `SELECT id, unit_id AS "unitId", status, effective_on::text AS "effectiveOn", expires_on::text AS "expiresOn", ratified_on::text AS "ratifiedOn"
       FROM contracts WHERE $1::uuid IS NULL OR unit_id = $1::uuid`, [unitId]);

    const cohorts = groupBy(cohortRows, (r) => key(r.period, r.schoolId));
    const monthly = new Map(monthlyRows.map((r) => [key(r.month, r.schoolId), r]));
    const closes = groupBy(closeRows, (r) => key(r.month, r.schoolId));
    const schools = new Set<string>([...cohortRows, ...monthlyRows, ...closeRows].map((r) => r.schoolId).filter((s): s is string => !!s));
    const sum = (rows: MonthFigures[]): MonthFigures =>
      rows.reduce((a, r) => ({ filed: a.filed + r.filed, closed: a.closed + r.closed, closedAtStep1: a.closedAtStep1 + r.closedAtStep1,
        answersOnTime: a.answersOnTime + r.answersOnTime, answersLate: a.answersLate + r.answersLate }), NO_FIGURES);
    const byMonth = groupBy(monthlyRows, (r) => r.month);
    const byMonthCohorts = groupBy(cohortRows, (r) => r.period);
    const byMonthCloses = groupBy(closeRows, (r) => r.month);

    const trailingFiled = (period: string) => {
      const from = shiftMonth(period, -11);
      return monthlyRows.filter((r) => r.month >= from && r.month <= period).reduce((s, r) => s + r.filed, 0);
    };

    const out: DepartmentKpisReply = { department: 'labor-relations', periods: [] };
    const perSchool: { period: string; schoolId: string; values: KpiValues }[] = [];
    for (const p of periods) {
      const m = known.find((k) => k.period === p);
      if (!m) {
        out.periods.push({ period: p, values: emptyKpis() });
        continue;
      }
      out.periods.push({
        period: p,
        values: {
          ...grievanceKpis({ cohorts: byMonthCohorts.get(p) ?? [], asOf: m.asOf, month: sum(byMonth.get(p) ?? []), closeDays: mergeBins(byMonthCloses.get(p) ?? []) }),
          ...workforceKpis({ units, contracts, asOf: m.asOf, filedTrailingYear: trailingFiled(p) }),
        },
      });
      if (req.bySchool) {
        for (const schoolId of [...schools].sort()) {
          const k = key(p, schoolId);
          const cs = cohorts.get(k) ?? [];
          const mf = monthly.get(k);
          const cd = closes.get(k) ?? [];
          if (!cs.length && !mf && !cd.length) continue;
          perSchool.push({ period: p, schoolId, values: grievanceKpis({ cohorts: cs, asOf: m.asOf, month: mf ?? NO_FIGURES, closeDays: cd }) });
        }
      }
    }
    if (req.bySchool) out.schools = perSchool;
    return out;
  }
}

function groupBy<T>(rows: T[], k: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const key = k(r);
    const list = m.get(key);
    if (list) list.push(r);
    else m.set(key, [r]);
  }
  return m;
}

function mergeBins(rows: CloseDays[]): CloseDays[] {
  const m = new Map<number, number>();
  for (const r of rows) m.set(r.days, (m.get(r.days) ?? 0) + r.grievances);
  return [...m].map(([days, grievances]) => ({ days, grievances }));
}

function shiftMonth(period: string, delta: number): string {
  const [y, mo] = period.split('-').map(Number);
  const idx = y * 12 + (mo - 1) + delta;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}
