import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DepartmentKpisReply, KpisRequest, MAX_KPI_MONTHS } from '@district/contracts';
import { ProblemException } from '@district/service-kit';
import { TechnologyClock } from '../common/clock';
import { TechnologyEnv } from '../config';
import { districtFigures, emptyFigures, kpiValues, lastDayOf, MonthFigures, monthsBetween } from './domain/technology-kpis';

/**
 * `technology.kpis.get`: every KPI of TECHNOLOGY_KPIS per month, district-wide and per school, from the
 * maintained aggregates only (monthly_figures, fleet_cohorts, ticket_resolution_minutes, bandwidth_contracts):
 * four grouped reads whatever the number of schools or months.
 */
@Injectable()
export class TechnologyKpisService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: TechnologyClock,
    private readonly env: TechnologyEnv,
  ) {}

  async kpis(req: KpisRequest): Promise<DepartmentKpisReply> {
    const months = monthsBetween(req.from, req.to, MAX_KPI_MONTHS);
    if (!months) throw new ProblemException(400, `from must not be after to, and the range at most ${MAX_KPI_MONTHS} months`);
    const first = `${months[0]}-01`;
    const last = `${months[months.length - 1]}-01`;
    const MONTHS = `SELECT to_char(m, 'YYYY-MM') AS period, m::date AS start, (m + interval '1 month')::date AS next
                    FROM generate_series($1::date, $2::date, interval '1 month') m`;
    const [stocks, cohorts, minutes, contracts] = [
      await this.ds.query(
        `WITH months AS (${MONTHS})
         SELECT m.period, f.school_id AS "schoolId",
                sum(f.enrolled_delta)::int AS enrolled, sum(f.student_devices_delta)::int AS "studentDevices",
                (sum(f.repairs_opened) FILTER (WHERE f.month >= m.start))::int AS "repairsOpened",
                (sum(f.devices_lost) FILTER (WHERE f.month >= m.start))::int AS "devicesLost",
                (sum(f.tickets_resolved) FILTER (WHERE f.month >= m.start))::int AS "ticketsResolved",
                (sum(f.tickets_first_contact) FILTER (WHERE f.month >= m.start))::int AS "ticketsFirstContact"
         FROM months m JOIN monthly_figures f ON f.month < m.next GROUP BY m.period, f.school_id`,
        [first, last],
      ),
      await this.ds.query(
        `WITH months AS (${MONTHS})
         SELECT m.period, c.school_id AS "schoolId", to_char(c.purchase_date, 'YYYY-MM-DD') AS "purchaseDate",
                CASE WHEN c.aue_date = 'infinity' THEN NULL ELSE to_char(c.aue_date, 'YYYY-MM-DD') END AS "autoUpdateExpiration", sum(c.delta)::int AS devices
         FROM months m JOIN fleet_cohorts c ON c.month < m.next GROUP BY 1, 2, 3, 4 HAVING sum(c.delta) <> 0`,
        [first, last],
      ),
      await this.ds.query(
        `SELECT to_char(month, 'YYYY-MM') AS period, school_id AS "schoolId", minutes, n FROM ticket_resolution_minutes WHERE month BETWEEN $1::date AND $2::date`,
        [first, last],
      ),
      await this.ds.query(
        `WITH months AS (${MONTHS})
         SELECT DISTINCT ON (m.period, b.school_id) m.period, b.school_id AS "schoolId", b.kbps
         FROM months m JOIN bandwidth_contracts b ON b.effective_from < m.next ORDER BY m.period, b.school_id, b.effective_from DESC`,
        [first, last],
      ),
    ] as [
      ({ period: string; schoolId: string } & Pick<MonthFigures, 'enrolled' | 'studentDevices' | 'repairsOpened' | 'devicesLost' | 'ticketsResolved' | 'ticketsFirstContact'>)[],
      { period: string; schoolId: string; purchaseDate: string; autoUpdateExpiration: string | null; devices: number }[],
      { period: string; schoolId: string; minutes: number; n: number }[],
      { period: string; schoolId: string; kbps: number }[],
    ];

    const figures = new Map<string, Map<string, MonthFigures>>(months.map((p) => [p, new Map()]));
    const of = (period: string, schoolId: string) => {
      const bySchool = figures.get(period)!;
      let f = bySchool.get(schoolId);
      if (!f) bySchool.set(schoolId, (f = emptyFigures()));
      return f;
    };
    for (const s of stocks) Object.assign(of(s.period, s.schoolId), {
      enrolled: s.enrolled, studentDevices: s.studentDevices, repairsOpened: s.repairsOpened ?? 0, devicesLost: s.devicesLost ?? 0,
      ticketsResolved: s.ticketsResolved ?? 0, ticketsFirstContact: s.ticketsFirstContact ?? 0,
    });
    for (const c of cohorts) of(c.period, c.schoolId).cohorts.push({ purchaseDate: c.purchaseDate, autoUpdateExpiration: c.autoUpdateExpiration, devices: c.devices });
    for (const m of minutes) of(m.period, m.schoolId).resolutionMinutes.set(m.minutes, m.n);
    for (const b of contracts) of(b.period, b.schoolId).kbps = b.kbps;

    const today = this.clock.today();
    const cycle = this.env.REFRESH_CYCLE_YEARS;
    const asOf = (period: string) => (lastDayOf(period) < today ? lastDayOf(period) : today);
    const reply: DepartmentKpisReply = {
      department: 'technology',
      periods: months.map((period) => ({ period, values: kpiValues(districtFigures([...figures.get(period)!.values()]), asOf(period), cycle) })),
    };
    if (req.bySchool) {
      reply.schools = months.flatMap((period) =>
        [...figures.get(period)!.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([schoolId, f]) => ({ period, schoolId, values: kpiValues(f, asOf(period), cycle) })),
      );
    }
    return reply;
  }
}
