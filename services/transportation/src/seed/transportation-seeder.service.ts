import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '@district/messaging';
import { mulberry32 } from '@district/seed-data';
import { StopAssignmentsService } from '../assignments/stop-assignments.service';
import { CancellationsService } from '../closures/cancellations.service';
import { TransportationClock } from '../common/district-clock';
import { datesBetween, instantAt, isWeekend, monthOf } from '../common/domain/dates';
import { ContractorCostsService } from '../costs/contractor-costs.service';
import { IngestionService } from '../ingestion/ingestion.service';
import { IncidentsService } from '../safety/incidents.service';
import { PlanSchool, planDemoFleet } from './demo-plan';

export interface SeedOptions {
  /** first day of operations (inclusive) */
  from: string;
  /** the district's today: operations up to its morning */
  today: string;
  seed?: number;
}

export interface SeedResult {
  seeded: boolean;
  vehicles: number;
  runs: number;
  stops: number;
  assigned: number;
  scans: number;
  arrivals: number;
}

/** No school that day (Labor Day, Indigenous Peoples' Day, Veterans Day 2026). */
const HOLIDAYS = new Set(['2026-09-07', '2026-10-12', '2026-11-11']);
/** items per ingestion request: under the 10,000 limit by more than one run's riders, as a run's scans are added at once */
const BATCH = 9_900;
const BOARDING_RATE = 0.86;
const COST_PER_BUS_DAY: Record<string, number> = { contractor: 465, district: 395 };

type RunRow = { id: string; code: string; session: 'AM' | 'PM'; schoolId: string; vehicleId: string; bell: number; arrival: number };
type Rider = { studentId: string; stopId: string; stopMinutes: number };

/**
 * The demo transportation district (`seed.main.ts`): a fleet sized to the eligible riders, AM and PM runs per
 * school with stops near its eligible students, automatic stop assignment, then daily operations from `from` to
 * `today` through the real ingestion paths in batches (arrivals, boarding scans, mileage), a few cancellations,
 * incidents and accidents, and monthly contractor costs, so every KPI has values. Does nothing when vehicles exist.
 */
@Injectable()
export class TransportationSeeder {
  private readonly log = new Logger('TransportationSeeder');

  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: TransportationClock,
    private readonly assignments: StopAssignmentsService,
    private readonly cancellations: CancellationsService,
    private readonly ingestion: IngestionService,
    private readonly incidents: IncidentsService,
    private readonly costs: ContractorCostsService,
  ) {}

  async isEmpty(): Promise<boolean> {
    const [{ n }] = await this.ds.query('SELECT count(*)::int AS n FROM vehicles');
    return n === 0;
  }

  async seed(opts: SeedOptions): Promise<SeedResult> {
    const empty: SeedResult = { seeded: false, vehicles: 0, runs: 0, stops: 0, assigned: 0, scans: 0, arrivals: 0 };
    if (!(await this.isEmpty())) return empty;
    const random = mulberry32(opts.seed ?? 2026);
    const schools: PlanSchool[] = await this.ds.query(
      `SELECT sc.id, sc.code, sc.latitude, sc.longitude,
              coalesce((SELECT json_agg(json_build_object('id', s.id, 'latitude', s.latitude, 'longitude', s.longitude) ORDER BY s.local_id)
                        FROM eligibility e JOIN students s ON s.id = e.student_id
                        WHERE e.school_id = sc.id AND e.status = 'yellow-bus' AND s.status = 'enrolled' AND s.school_id = sc.id), '[]') AS students
       FROM schools sc ORDER BY sc.code`,
    );
    const plan = planDemoFleet(schools, opts.seed ?? 2026);
    const endOfToday = instantAt(opts.today, 24 * 60 - 1, this.clock.formatter);

    // fleet, routes (one per bus), runs and stops, then every eligible student placed, in one transaction
    const assigned = await this.uow.run(async (tx) => {
      const vehicleIds: string[] = (await tx.manager.query(
        `INSERT INTO vehicles (number, capacity, type, operator, contractor, fuel, in_service_date, status)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::text[]) RETURNING id`,
        [...(['number', 'capacity', 'type', 'operator', 'contractor', 'fuel', 'inServiceDate', 'status'] as const).map((k) => plan.vehicles.map((v) => v[k]))],
      )).map((r: { id: string }) => r.id);
      const routeIds: string[] = (await tx.manager.query(
        `INSERT INTO routes (code, name) SELECT * FROM unnest($1::text[], $2::text[]) RETURNING id`,
        [plan.vehicles.map((v) => `RT-${v.number.slice(2)}`), plan.vehicles.map((v) => `Route of bus ${v.number}`)],
      )).map((r: { id: string }) => r.id);
      const runIds: string[] = (await tx.manager.query(
        `INSERT INTO runs (code, route_id, school_id, session, bell_time, scheduled_arrival, vehicle_id)
         SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::time[], $6::time[], $7::uuid[]) RETURNING id`,
        [
          plan.runs.map((r) => r.code), plan.runs.map((r) => routeIds[r.vehicle]), plan.runs.map((r) => r.schoolId), plan.runs.map((r) => r.session),
          plan.runs.map((r) => r.bellTime), plan.runs.map((r) => r.scheduledArrival), plan.runs.map((r) => vehicleIds[r.vehicle]),
        ],
      )).map((r: { id: string }) => r.id);
      const stops = plan.runs.flatMap((r, i) => r.stops.map((s, j) => ({ ...s, runId: runIds[i], sequence: j + 1 })));
      await tx.manager.query(
        `INSERT INTO stops (run_id, sequence, name, latitude, longitude, scheduled_time)
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::float8[], $5::float8[], $6::time[])`,
        [stops.map((s) => s.runId), stops.map((s) => s.sequence), stops.map((s) => s.name), stops.map((s) => s.latitude), stops.map((s) => s.longitude), stops.map((s) => s.scheduledTime)],
      );
      const ids = schools.map((s) => s.id);
      const { placed } = await this.assignments.placeAtSchools(tx, ids, null);
      // coverage as at the start of operations and now: "eligible without a stop" for every month
      await this.assignments.recordCoverage(tx, ids, opts.from);
      await this.assignments.recordCoverage(tx, ids, opts.today);
      return placed.length;
    });

    const runs: RunRow[] = await this.ds.query(
      `SELECT id, code, session, school_id AS "schoolId", vehicle_id AS "vehicleId",
              extract(epoch FROM bell_time) / 60 AS bell, extract(epoch FROM scheduled_arrival) / 60 AS arrival FROM runs ORDER BY code`,
    );
    for (const r of runs) Object.assign(r, { bell: Number(r.bell), arrival: Number(r.arrival) });
    const riders = new Map<string, Rider[]>();
    for (const a of (await this.ds.query(
      `SELECT a.run_id AS "runId", a.student_id AS "studentId", a.stop_id AS "stopId", extract(epoch FROM st.scheduled_time) / 60 AS "stopMinutes"
       FROM stop_assignments a JOIN stops st ON st.id = a.stop_id ORDER BY a.run_id, a.student_id`,
    )) as (Rider & { runId: string })[]) {
      riders.set(a.runId, [...(riders.get(a.runId) ?? []), { studentId: a.studentId, stopId: a.stopId, stopMinutes: Number(a.stopMinutes) }]);
    }
    const days = datesBetween(opts.from, opts.today).filter((d) => !isWeekend(d) && !HOLIDAYS.has(d));

    // a few run-days cancelled (no driver, breakdown), two of them this morning: through the use case, with its events
    const cancelled = new Set<string>();
    for (const d of days) {
      const todays = d === opts.today;
      const picks = todays ? [runs[Math.floor(random() * runs.length)], runs[Math.floor(random() * runs.length)]] : runs.filter(() => random() < 0.004);
      for (const r of picks) {
        if (!r || cancelled.has(`${r.id}|${d}`)) continue;
        cancelled.add(`${r.id}|${d}`);
        await this.cancellations.cancel(r.id, d, random() < 0.6 ? 'no driver available' : 'vehicle breakdown');
      }
    }

    // daily operations through the ingestion endpoints' service, in batches
    let scans: unknown[] = [];
    let arrivals: unknown[] = [];
    let mileage: unknown[] = [];
    let scanCount = 0;
    let arrivalCount = 0;
    const flush = async (force: boolean) => {
      if (scans.length && (force || scans.length >= BATCH)) {
        scanCount += (await this.ingestion.scans(scans, undefined, endOfToday)).accepted;
        scans = [];
      }
      if (arrivals.length && (force || arrivals.length >= BATCH)) {
        arrivalCount += (await this.ingestion.arrivals(arrivals, endOfToday)).accepted;
        arrivals = [];
      }
      if (mileage.length && (force || mileage.length >= BATCH)) {
        await this.ingestion.mileage(mileage, endOfToday);
        mileage = [];
      }
    };
    const busDays = new Map<string, Map<string, number>>(); // month → vehicle → days
    for (const d of days) {
      const runsOfVehicle = new Map<string, number>();
      for (const r of runs) {
        if (cancelled.has(`${r.id}|${d}`)) continue;
        if (d === opts.today && r.session === 'PM') continue; // this afternoon has not happened yet
        runsOfVehicle.set(r.vehicleId, (runsOfVehicle.get(r.vehicleId) ?? 0) + 1);
        const draw = random();
        // AM: mostly within the window before the bell, some late, a few far too early; PM: around schedule
        const delay = r.session === 'AM' ? (draw < 0.88 ? -10 + random() * 22 : draw < 0.97 ? 16 + random() * 14 : -17 - random() * 8) : -5 + random() * 20;
        const actual = Math.min(r.arrival + delay, 23 * 60);
        arrivals.push({ runId: r.id, date: d, actualArrival: hms(actual) });
        for (const rider of riders.get(r.id) ?? []) {
          if (random() > BOARDING_RATE) continue;
          const board = r.session === 'AM' ? Math.min(rider.stopMinutes + delay * 0.6 + (random() * 3 - 1), actual - 1) : r.bell + 3 + random() * 6;
          scans.push({ studentId: rider.studentId, runId: r.id, stopId: rider.stopId, scannedAt: instantAt(d, board, this.clock.formatter).toISOString() });
        }
        await flush(false);
      }
      for (const [vehicleId, n] of runsOfVehicle) {
        mileage.push({ vehicleId, date: d, miles: Math.round((n * (11 + random() * 9) + 6 + random() * 8) * 10) / 10 });
        const perMonth = busDays.get(monthOf(d)) ?? new Map<string, number>();
        perMonth.set(vehicleId, (perMonth.get(vehicleId) ?? 0) + 1);
        busDays.set(monthOf(d), perMonth);
      }
    }
    await flush(true);

    // incidents and accidents: a few each month, on days and buses that ran
    const vehicles: { id: string; operator: string; contractor: string | null }[] = await this.ds.query('SELECT id, operator, contractor FROM vehicles ORDER BY number');
    for (const [month, perVehicle] of busDays) {
      const monthDays = days.filter((d) => monthOf(d) === month);
      const used = [...perVehicle.keys()];
      const accidents = 1 + Math.floor(random() * 2);
      const others = 2 + Math.floor(random() * 3);
      for (let i = 0; i < accidents + others; i++) {
        const accident = i < accidents;
        await this.incidents.create({
          vehicleId: used[Math.floor(random() * used.length)],
          date: monthDays[Math.floor(random() * monthDays.length)],
          type: accident ? 'accident' : 'incident',
          description: accident ? 'Minor collision while pulling out from a stop; no injuries' : 'Student behaviour incident reported by the driver',
          ...(accident ? { preventable: random() < 0.4 } : {}),
        }, endOfToday);
      }
      // what each contractor (and the district fleet) costs that month: bus-days at a daily rate
      const byVendor = new Map<string, number>();
      for (const [vehicleId, n] of perVehicle) {
        const v = vehicles.find((x) => x.id === vehicleId)!;
        const vendor = v.contractor ?? 'district';
        byVendor.set(vendor, (byVendor.get(vendor) ?? 0) + n * COST_PER_BUS_DAY[v.operator]);
      }
      for (const [contractor, amount] of [...byVendor].sort()) {
        await this.costs.create({ month, contractor, amount: Math.round(amount * 100) / 100, notes: month === monthOf(opts.today) ? `accrued through ${opts.today}` : undefined });
      }
    }
    const result: SeedResult = { seeded: true, vehicles: plan.vehicles.length, runs: plan.runs.length, stops: plan.runs.reduce((n, r) => n + r.stops.length, 0), assigned, scans: scanCount, arrivals: arrivalCount };
    this.log.log(`seeded ${JSON.stringify(result)} for ${days.length} service days to ${opts.today}`);
    return result;
  }
}

const hms = (minutes: number) => {
  const s = Math.round(minutes * 60);
  return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};
