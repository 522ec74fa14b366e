import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DepartmentKpisReply, KpiValues, MAX_KPI_MONTHS } from '@district/contracts';
import { ProblemException } from '@district/service-kit';
import { monthEnd, monthsBetween, monthStart } from '../common/domain/dates';
import { TRANSPORTATION_SETTINGS, TransportationSettings } from '../common/settings';
import { CoverageFigures, districtKpis, EMPTY_OPERATIONS, OperationsFigures, schoolKpis } from './domain/transportation-kpis';
import { KpisRequestDto } from '@district/service-kit';

type OpsRow = OperationsFigures & { period: string; schoolId: string | null };

/**
 * Transportation's KPIs per month (and per school), from maintained aggregates only: run_daily (per run and
 * day), school_monthly (distinct riders), fleet_monthly (miles, accidents), coverage_snapshots, and the small
 * vehicles and contractor_costs tables. One query per source for the whole range, never per month or school.
 */
@Injectable()
export class TransportationKpisService {
  constructor(
    private readonly ds: DataSource,
    @Inject(TRANSPORTATION_SETTINGS) private readonly settings: TransportationSettings,
  ) {}

  async kpis(req: KpisRequestDto): Promise<DepartmentKpisReply> {
    if (req.to < req.from) throw new ProblemException(400, 'to is before from');
    const months = monthsBetween(req.from, req.to);
    if (months.length > MAX_KPI_MONTHS) throw new ProblemException(400, `at most ${MAX_KPI_MONTHS} months per request`);
    const first = monthStart(req.from);
    const lastStart = monthStart(req.to);
    const last = monthEnd(req.to);
    const { earliestMinutesBeforeBell: earliest, latestMinutesBeforeBell: latest } = this.settings.onTime;
    const period = `to_char(service_date, 'YYYY-MM')`;
    const grouping = req.bySchool ? `GROUPING SETS ((${period}), (${period}, school_id))` : period;
    const [ops, fleet, costs, riders, ages, coverage]: [
      OpsRow[], { period: string; miles: number; accidents: number }[], { period: string; cost: number }[], { period: string; riders: number }[],
      { period: string; age: number }[], (CoverageFigures & { period: string; schoolId: string })[],
    ] = await Promise.all([
      this.ds.query(
        `SELECT ${period} AS period, ${req.bySchool ? 'CASE WHEN GROUPING(school_id) = 0 THEN school_id END' : 'NULL'} AS "schoolId",
           count(*) FILTER (WHERE session = 'AM' AND actual_arrival IS NOT NULL)::int AS "amArrived",
           count(*) FILTER (WHERE session = 'AM' AND actual_arrival IS NOT NULL AND extract(epoch FROM bell_time - actual_arrival) / 60 BETWEEN $3 AND $4)::int AS "amOnTime",
           coalesce(sum(riders), 0)::int AS boardings, coalesce(sum(seats), 0)::int AS seats,
           coalesce(sum(ride_minutes) FILTER (WHERE session = 'AM'), 0)::float8 AS "amRideMinutes",
           coalesce(sum(riders) FILTER (WHERE session = 'AM' AND ride_minutes IS NOT NULL), 0)::int AS "amRideRiders",
           coalesce(sum(ride_minutes) FILTER (WHERE session = 'PM'), 0)::float8 AS "pmRideMinutes",
           coalesce(sum(riders) FILTER (WHERE session = 'PM' AND ride_minutes IS NOT NULL), 0)::int AS "pmRideRiders",
           count(*) FILTER (WHERE actual_arrival IS NOT NULL)::int AS "runsOperated",
           count(DISTINCT (vehicle_id, service_date)) FILTER (WHERE actual_arrival IS NOT NULL)::int AS "vehicleDays"
         FROM run_daily WHERE service_date BETWEEN $1 AND $2 GROUP BY ${grouping}`,
        [first, last, latest, earliest],
      ),
      this.ds.query(`SELECT to_char(month, 'YYYY-MM') AS period, miles::float8 AS miles, accidents FROM fleet_monthly WHERE month BETWEEN $1 AND $2`, [first, lastStart]),
      this.ds.query(`SELECT to_char(month, 'YYYY-MM') AS period, sum(amount)::float8 AS cost FROM contractor_costs WHERE month BETWEEN $1 AND $2 GROUP BY month`, [first, lastStart]),
      this.ds.query(`SELECT to_char(month, 'YYYY-MM') AS period, sum(riders)::int AS riders FROM school_monthly WHERE month BETWEEN $1 AND $2 GROUP BY month`, [first, lastStart]),
      this.ds.query(
        `SELECT to_char(m.start, 'YYYY-MM') AS period, avg((m.last - v.in_service_date) / 365.25)::float8 AS age
         FROM (SELECT s::date AS start, (s + interval '1 month' - interval '1 day')::date AS last FROM generate_series($1::date, $2::date, interval '1 month') s) m
         JOIN vehicles v ON v.in_service_date <= m.last AND (v.retired_on IS NULL OR v.retired_on > m.last)
         GROUP BY m.start`,
        [first, lastStart],
      ),
      this.ds.query(
        `SELECT to_char(m, 'YYYY-MM') AS period, c.school_id AS "schoolId", c.eligible, c.riders
         FROM generate_series($1::date, $2::date, interval '1 month') m
         CROSS JOIN LATERAL (SELECT DISTINCT ON (school_id) school_id, eligible, riders FROM coverage_snapshots WHERE month <= m ORDER BY school_id, month DESC) c`,
        [first, lastStart],
      ),
    ]);
    const byPeriod = <T extends { period: string }>(rows: T[]) => new Map(rows.map((r) => [r.period, r]));
    const districtOps = byPeriod(ops.filter((r) => r.schoolId === null));
    const fleetBy = byPeriod(fleet);
    const costBy = byPeriod(costs);
    const ridersBy = byPeriod(riders);
    const ageBy = byPeriod(ages);
    const coverageBy = new Map<string, CoverageFigures>();
    for (const c of coverage) {
      const sum = coverageBy.get(c.period) ?? { eligible: 0, riders: 0 };
      coverageBy.set(c.period, { eligible: sum.eligible + c.eligible, riders: sum.riders + c.riders });
    }
    const periods = months.map((p) => {
      const values: KpiValues = districtKpis({
        ...EMPTY_OPERATIONS,
        ...strip(districtOps.get(p)),
        cost: costBy.get(p)?.cost ?? null,
        distinctRiders: ridersBy.get(p)?.riders ?? 0,
        miles: fleetBy.get(p)?.miles ?? 0,
        accidents: fleetBy.get(p)?.accidents ?? 0,
        fleetAge: ageBy.get(p)?.age ?? null,
        coverage: coverageBy.get(p) ?? null,
      });
      return { period: p, values };
    });
    const reply: DepartmentKpisReply = { department: 'transportation', periods };
    if (req.bySchool) {
      const opsBy = new Map(ops.filter((r) => r.schoolId !== null).map((r) => [`${r.period}|${r.schoolId}`, r]));
      const covBy = new Map(coverage.map((c) => [`${c.period}|${c.schoolId}`, c]));
      const keys = [...new Set([...opsBy.keys(), ...covBy.keys()])].sort();
      reply.schools = keys.map((k) => {
        const [p, schoolId] = k.split('|');
        const c = covBy.get(k);
        return { period: p, schoolId, values: schoolKpis({ ...EMPTY_OPERATIONS, ...strip(opsBy.get(k)) }, c ? { eligible: c.eligible, riders: c.riders } : null) };
      });
    }
    return reply;
  }
}

function strip(row: OpsRow | undefined): Partial<OperationsFigures> {
  if (!row) return {};
  const { period: _p, schoolId: _s, ...figures } = row;
  return figures;
}
