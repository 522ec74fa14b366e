import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WorkOrderPriority } from '@district/contracts';
import { UnitOfWork } from '@district/messaging';
import { mulberry32 } from '@district/seed-data';
import { ClosuresService } from '../closures/closures.service';
import { addDays, localDate, startOfLocalDay } from '../common/domain/dates';
import { FacilitiesSettings } from '../common/settings';
import { insertRows } from '@district/persistence';
import { nextDueAfter, occurrence, PmUnit } from '../pm/domain/pm-schedule';
import { targetAt } from '../work-orders/domain/work-order-rules';
import { parseReferenceBuildings, referenceFor, targetFci } from './domain/reference-buildings';

export function readReferenceBuildingsCsv(): string {
  return readFileSync(path.join(__dirname, 'data', 'baltimore-city-school-buildings-sy2122.csv'), 'utf8');
}

export interface SeedOptions {
  /** the district's today: data runs from `start` to it */
  today: string;
  start: string;
  seed: number;
}

export const DEMO_SEED: SeedOptions = { today: '2026-11-23', start: '2026-08-01', seed: 2026 };

interface SeedSchool {
  id: string;
  code: string;
  name: string;
  grades: string[];
  buildingId: string | null;
}

const HOUR = 3_600_000;
const TRADES = ['hvac', 'plumbing', 'electrical', 'carpentry', 'roofing', 'painting', 'locksmith', 'grounds'];
const CREWS: Record<string, string[]> = {
  hvac: ['HVAC crew 1', 'HVAC crew 2', 'Cambridge Mechanical (contractor)'], plumbing: ['Plumbing crew 1', 'Plumbing crew 2'],
  electrical: ['Electrical crew 1', 'Sparks Electric (contractor)'], carpentry: ['Carpentry crew'], roofing: ['Roof crew', 'Northeast Roofing (contractor)'],
  painting: ['Paint crew'], locksmith: ['Locksmith'], grounds: ['Grounds crew'],
};
const PROBLEMS: Record<string, string[]> = {
  hvac: ['No heat in room %', 'Unit ventilator noisy in room %', 'Thermostat not responding, room %', 'Boiler low-water alarm'],
  plumbing: ['Leaking faucet, restroom %', 'Clogged toilet, restroom %', 'Water fountain not working near room %', 'Pipe leak above room %'],
  electrical: ['Lights out in room %', 'Outlet not working in room %', 'Exit sign out, corridor %', 'Breaker tripping, kitchen'],
  carpentry: ['Door does not latch, room %', 'Broken ceiling tile, room %', 'Loose handrail, stair %', 'Window will not close, room %'],
  roofing: ['Roof leak over room %', 'Gutter detached at entrance %', 'Skylight leaking, room %'],
  painting: ['Graffiti at entrance %', 'Peeling paint, corridor %'], locksmith: ['Lock broken, room %', 'Key needed for room %'],
  grounds: ['Fallen branch at entrance %', 'Broken fence section %', 'Pothole in the bus loop'],
};
/** (kind, name, expected life, replacement cost per sq ft) */
const ASSETS: [string, string, number, number][] = [
  ['boiler', 'Boiler 1', 30, 3.2], ['boiler', 'Boiler 2', 30, 3.2], ['roof', 'Roof', 25, 14], ['hvac', 'Air handling unit', 25, 6],
  ['kitchen-equipment', 'Walk-in cooler', 15, 0.6], ['kitchen-equipment', 'Kitchen hood and fire suppression', 20, 0.5],
  ['electrical', 'Main switchgear', 40, 2.5], ['fire-safety', 'Fire alarm system', 20, 2.2],
];
/** (asset name, title, trade, every, unit) */
const PM_PLANS: [string, string, string, number, PmUnit][] = [
  ['Boiler 1', 'Boiler inspection and cleaning', 'hvac', 3, 'months'],
  ['Air handling unit', 'Replace filters, check belts', 'hvac', 30, 'days'],
  ['Kitchen hood and fire suppression', 'Hood cleaning and suppression test', 'hvac', 6, 'months'],
  ['Fire alarm system', 'Fire alarm test', 'electrical', 2, 'months'],
  ['Roof', 'Roof and drain inspection', 'roofing', 6, 'months'],
];

/**
 * The demo facilities data (npm run seed): every projected school gets a building sized from the real
 * Baltimore inventory, assets, PM schedules, four months of work orders, deficiencies, staffing, utility
 * bills, capital projects and two closures, so every KPI has values for each month. Deterministic, batched,
 * through the same tables (and triggers) as the API.
 */
@Injectable()
export class FacilitiesSeeder {
  private readonly log = new Logger('FacilitiesSeeder');

  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly settings: FacilitiesSettings,
    private readonly closures: ClosuresService,
  ) {}

  async isEmpty(): Promise<boolean> {
    const [{ n }] = await this.ds.query('SELECT (SELECT count(*) FROM work_orders) + (SELECT count(*) FROM assets) AS n');
    return Number(n) === 0;
  }



  async seed(opts: SeedOptions = DEMO_SEED, now = new Date()): Promise<{ buildings: number; workOrders: number }> {
    if (!(await this.isEmpty())) {
      this.log.log('facilities has data already: not seeding');
      return { buildings: 0, workOrders: 0 };
    }
    const tz = this.settings.timeZone;
    const random = mulberry32(opts.seed);
    const between = (a: number, b: number) => a + random() * (b - a);
    const int = (a: number, b: number) => Math.floor(between(a, b + 1));
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    // the seed's "now": the real moment when it is today, else late afternoon of today
    const seedNow = localDate(now, tz) === opts.today ? now : new Date(startOfLocalDay(opts.today, tz).getTime() + 16 * HOUR);
    const refs = parseReferenceBuildings(readReferenceBuildingsCsv());

    const schools: SeedSchool[] = await this.ds.query(
      `SELECT s.id, s.code, s.name, s.grades, b.id AS "buildingId" FROM schools s LEFT JOIN buildings b ON b.school_id = s.id AND b.is_primary ORDER BY s.code`,
    );
    // buildings: real sizes and ages, replacement value, target FCI
    const buildings = schools.map((s) => {
      const { ref, how } = referenceFor(s, refs, random);
      const squareFeet = ref.squareFeet;
      return {
        id: s.buildingId ?? randomUUID(), school: s, squareFeet, yearBuilt: ref.yearBuilt, crv: Math.round(squareFeet * between(420, 560)),
        fci: targetFci(ref.condition, random), source: `seed:${how}:baltimore-bldg-${ref.buildingNumber}`,
      };
    });
    await this.uow.run(async (tx) => {
      const missing = buildings.filter((b) => !b.school.buildingId);
      await insertRows(tx.manager, 'buildings', ['id', 'school_id', 'is_primary', 'name', 'source'], missing.map((b) => [b.id, b.school.id, true, b.school.name, 'seed']));
      await tx.manager.query(
        `UPDATE buildings b SET square_feet = v.sqft, year_built = v.year, replacement_value = v.crv, source = v.source, updated_at = now()
         FROM unnest($1::uuid[], $2::int[], $3::int[], $4::numeric[], $5::text[]) AS v(id, sqft, year, crv, source) WHERE b.id = v.id`,
        [buildings.map((b) => b.id), buildings.map((b) => b.squareFeet), buildings.map((b) => b.yearBuilt), buildings.map((b) => b.crv), buildings.map((b) => b.source)],
      );
    });

    // assets, PM schedules, deficiencies, staffing, utilities
    const assets: unknown[][] = [];
    const schedules: { id: string; assetId: string; buildingId: string; schoolId: string; title: string; trade: string; every: number; unit: PmUnit; anchor: string }[] = [];
    const deficiencies: unknown[][] = [];
    const staffing: unknown[][] = [];
    const bills: unknown[][] = [];
    const months = ['2026-08', '2026-09', '2026-10', '2026-11'];
    const heatingShare: Record<string, number> = { '2026-08': 0.04, '2026-09': 0.08, '2026-10': 0.2, '2026-11': 0.34 };
    for (const b of buildings) {
      const assetIds = new Map<string, string>();
      for (const [kind, name, life, costPerSqft] of ASSETS) {
        const id = randomUUID();
        assetIds.set(name, id);
        const installYear = Math.max(b.yearBuilt, int(1985, 2022));
        assets.push([id, b.id, kind, name, installYear, life, Math.round(b.squareFeet * costPerSqft)]);
      }
      for (const [assetName, title, trade, every, unit] of PM_PLANS) {
        const anchor = addDays('2026-07-01', int(0, 44));
        schedules.push({ id: randomUUID(), assetId: assetIds.get(assetName)!, buildingId: b.id, schoolId: b.school.id, title, trade, every, unit, anchor });
      }
      // deficiencies adding up to the target FCI: most identified before the period, some in it, a few corrected in it
      let remaining = (b.crv * b.fci) / 100;
      const categories = ['roof', 'envelope', 'hvac', 'plumbing', 'electrical', 'fire-safety', 'accessibility', 'interior', 'site'];
      while (remaining > 1000) {
        const cost = Math.min(remaining, Math.round(between(0.04, 0.35) * (b.crv * b.fci) / 100) + 5000);
        remaining -= cost;
        const inPeriod = random() < 0.2;
        const identifiedOn = inPeriod ? addDays(opts.start, int(0, 100)) : addDays('2025-01-15', int(0, 500));
        deficiencies.push([randomUUID(), b.id, pick(categories), 'Condition assessment finding', Math.round(cost), identifiedOn, null]);
      }
      for (let k = 0; k < 2; k++) {
        // corrected in the period: identified earlier, so the FCI moves between months
        deficiencies.push([randomUUID(), b.id, pick(categories), 'Corrected finding', Math.round(between(5000, 60000)), addDays('2026-03-01', int(0, 120)), addDays(opts.start, int(10, 110))]);
      }
      staffing.push([b.id, '2026-07-01', Math.max(1, Math.round((b.squareFeet / between(22_000, 32_000)) * 2) / 2)]);
      for (const m of months) {
        const base = b.squareFeet * between(0.085, 0.12);
        bills.push([randomUUID(), b.id, 'electricity', `${m}-01`, round2(base * 0.6), Math.round(base * 0.6 / 0.19), 'kWh']);
        bills.push([randomUUID(), b.id, 'heating-fuel', `${m}-01`, round2(b.squareFeet * heatingShare[m] * between(0.35, 0.5)), null, null]);
        bills.push([randomUUID(), b.id, 'water', `${m}-01`, round2(base * 0.12), null, null]);
        bills.push([randomUUID(), b.id, 'sewer', `${m}-01`, round2(base * 0.1), null, null]);
      }
    }
    await this.uow.run(async (tx) => {
      await insertRows(tx.manager, 'assets', ['id', 'building_id', 'kind', 'name', 'install_year', 'expected_life_years', 'replacement_cost'], assets);
      await insertRows(tx.manager, 'deficiencies', ['id', 'building_id', 'category', 'description', 'estimated_cost', 'identified_on', 'corrected_on'], deficiencies);
      await insertRows(tx.manager, 'custodial_staffing', ['building_id', 'effective_from', 'ftes'], staffing);
      await insertRows(tx.manager, 'utility_bills', ['id', 'building_id', 'utility', 'month', 'amount', 'usage', 'usage_unit'], bills);
    });

    // work orders with their history: preventive maintenance from the schedules, and corrective requests
    interface Wo { row: unknown[]; history: unknown[][] }
    const orders: Wo[] = [];
    const finish = (
      id: string, priority: WorkOrderPriority, requestedAt: Date, durationMs: number, trade: string, hours: number,
    ): { status: string; assignee: string; completedAt: Date | null; history: unknown[][]; lastChange: Date; costs: number[] } => {
      const assignee = pick(CREWS[trade] ?? ['Maintenance crew']);
      const assignedAt = new Date(requestedAt.getTime() + Math.min(durationMs * 0.2, 2 * HOUR));
      const startedAt = new Date(requestedAt.getTime() + durationMs * 0.5);
      const doneAt = new Date(requestedAt.getTime() + durationMs);
      const history: unknown[][] = [[id, requestedAt, 'open', priority, null, 'requested', 'seed']];
      let status = 'open';
      let lastChange = requestedAt;
      if (assignedAt <= seedNow) { history.push([id, assignedAt, 'assigned', priority, assignee, null, 'seed']); status = 'assigned'; lastChange = assignedAt; }
      if (startedAt <= seedNow && status === 'assigned') { history.push([id, startedAt, 'in-progress', priority, assignee, null, 'seed']); status = 'in-progress'; lastChange = startedAt; }
      const completedAt = doneAt <= seedNow ? doneAt : null;
      if (completedAt) { history.push([id, completedAt, 'completed', priority, assignee, null, 'seed']); status = 'completed'; lastChange = completedAt; }
      const contractor = assignee.includes('contractor') ? round2(hours * between(95, 160)) : 0;
      const costs = completedAt ? [hours, round2(hours * 68), round2(between(20, 600)), contractor] : [0, 0, 0, 0];
      return { status, assignee: status === 'open' ? '' : assignee, completedAt, history, lastChange, costs };
    };
    const pushOrder = (o: {
      buildingId: string; schoolId: string; assetId: string | null; pmScheduleId: string | null; dueDate: string | null; title: string;
      priority: WorkOrderPriority; trade: string; requestedAt: Date; durationMs: number; hours: number;
    }) => {
      const id = randomUUID();
      const target = targetAt(o.priority, o.requestedAt, o.dueDate, this.settings.targets, tz);
      const f = finish(id, o.priority, o.requestedAt, o.durationMs, o.trade, o.hours);
      orders.push({
        row: [id, o.buildingId, o.schoolId, o.assetId, o.pmScheduleId, o.dueDate, o.title, o.priority, f.status, o.trade, f.assignee || null,
          f.assignee ? (f.assignee.includes('contractor') ? 'contractor' : 'district') : null, o.requestedAt, localDate(o.requestedAt, tz), target,
          f.completedAt, f.completedAt ? localDate(f.completedAt, tz) : null, f.lastChange, ...f.costs],
        history: f.history,
      });
    };
    const lead = this.settings.pmLeadDays;
    const nextDue = new Map<string, string>();
    for (const s of schedules) {
      let k = 0;
      for (let due = occurrence({ anchorDate: s.anchor, every: s.every, unit: s.unit }, k); due <= addDays(opts.today, lead); due = occurrence({ anchorDate: s.anchor, every: s.every, unit: s.unit }, ++k)) {
        if (due < opts.start) continue;
        const requestedAt = new Date(startOfLocalDay(addDays(due, -lead), tz).getTime() + 6 * HOUR);
        if (requestedAt > seedNow) continue;
        const dueEnd = targetAt('scheduled', requestedAt, due, this.settings.targets, tz).getTime();
        // most PM is done on time; some slips past the due date
        const durationMs = random() < 0.85 ? between(0.3, 0.95) * (dueEnd - requestedAt.getTime()) : (dueEnd - requestedAt.getTime()) + between(1, 12) * 24 * HOUR;
        pushOrder({ buildingId: s.buildingId, schoolId: s.schoolId, assetId: s.assetId, pmScheduleId: s.id, dueDate: due, title: s.title, priority: 'scheduled', trade: s.trade, requestedAt, durationMs, hours: between(1, 5) });
      }
      nextDue.set(s.id, nextDueAfter({ anchorDate: s.anchor, every: s.every, unit: s.unit }, addDays(opts.today, lead)));
    }
    const days: string[] = [];
    for (let d = opts.start; d <= opts.today; d = addDays(d, 1)) if (![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay())) days.push(d);
    for (const b of buildings) {
      const perMonth = b.squareFeet / 12_000;
      const count = Math.max(4, Math.round(perMonth * (days.length / 21) * between(0.8, 1.2)));
      for (let i = 0; i < count; i++) {
        const day = pick(days);
        const requestedAt = new Date(startOfLocalDay(day, tz).getTime() + between(6.5, 16) * HOUR);
        if (requestedAt > seedNow) continue;
        const r = random();
        const priority: WorkOrderPriority = r < 0.05 ? 'emergency' : r < 0.25 ? 'urgent' : 'routine';
        const trade = pick(TRADES);
        const targetMs = priority === 'emergency' ? this.settings.targets.emergencyHours * HOUR : priority === 'urgent' ? this.settings.targets.urgentHours * HOUR : this.settings.targets.routineDays * 24 * HOUR;
        // completion spread around the target: about 70-85 % within it
        const durationMs = targetMs * (random() < 0.78 ? between(0.15, 0.98) : between(1.05, 3.5));
        const title = pick(PROBLEMS[trade]).replace('%', String(int(100, 340)));
        pushOrder({ buildingId: b.id, schoolId: b.school.id, assetId: null, pmScheduleId: null, dueDate: null, title, priority, trade, requestedAt, durationMs, hours: priority === 'routine' ? between(0.5, 6) : between(1, 10) });
      }
    }
    // a backlog: stalled routine jobs past their target (parts on order, contractor not yet scheduled)
    buildings.forEach((b, i) => {
      if (i % 3 !== 0) return;
      const trade = pick(TRADES);
      pushOrder({ buildingId: b.id, schoolId: b.school.id, assetId: null, pmScheduleId: null, dueDate: null, title: pick(PROBLEMS[trade]).replace('%', String(int(100, 340))),
        priority: 'routine', trade, requestedAt: new Date(seedNow.getTime() - between(9, 20) * 24 * HOUR), durationMs: 60 * 24 * HOUR, hours: 4 });
    });
    // two emergencies open this morning, one of them closing its school
    const [first, second] = [...buildings].sort((a, b) => b.fci - a.fci);
    pushOrder({ buildingId: first.id, schoolId: first.school.id, assetId: null, pmScheduleId: null, dueDate: null, title: 'No heat: boiler failure', priority: 'emergency', trade: 'hvac',
      requestedAt: new Date(seedNow.getTime() - 2.5 * HOUR), durationMs: 48 * HOUR, hours: 8 });
    const emergencyWo = orders[orders.length - 1].row[0] as string;
    pushOrder({ buildingId: second.id, schoolId: second.school.id, assetId: null, pmScheduleId: null, dueDate: null, title: 'Water main break at the service entrance', priority: 'emergency', trade: 'plumbing',
      requestedAt: new Date(seedNow.getTime() - 1.5 * HOUR), durationMs: 30 * HOUR, hours: 6 });

    await this.uow.run(async (tx) => {
      await insertRows(tx.manager, 'pm_schedules', ['id', 'asset_id', 'building_id', 'title', 'trade', 'every', 'unit', 'anchor_date', 'next_due'],
        schedules.map((s) => [s.id, s.assetId, s.buildingId, s.title, s.trade, s.every, s.unit, s.anchor, nextDue.get(s.id)]));
    });
    const woColumns = ['id', 'building_id', 'school_id', 'asset_id', 'pm_schedule_id', 'due_date', 'title', 'priority', 'status', 'trade', 'assignee', 'assignee_kind',
      'requested_at', 'requested_on', 'target_at', 'completed_at', 'completed_on', 'last_change_at', 'labor_hours', 'labor_cost', 'material_cost', 'contractor_cost'];
    for (let i = 0; i < orders.length; i += 1000) {
      const batch = orders.slice(i, i + 1000);
      await this.uow.run(async (tx) => {
        await insertRows(tx.manager, 'work_orders', woColumns, batch.map((o) => o.row));
        await insertRows(tx.manager, 'work_order_history', ['work_order_id', 'at', 'status', 'priority', 'assignee', 'note', 'actor'], batch.flatMap((o) => o.history));
      });
    }

    // capital projects: the buildings in the worst condition
    const worst = [...buildings].sort((a, b) => b.fci - a.fci).slice(0, Math.min(buildings.length, int(3, 6)));
    const projectNames = ['Roof replacement', 'Boiler replacement', 'Window replacement', 'Fire alarm upgrade', 'Accessibility upgrades', 'HVAC modernization'];
    await this.uow.run(async (tx) => {
      const projects: unknown[][] = [];
      const milestones: unknown[][] = [];
      worst.forEach((b, i) => {
        const id = randomUUID();
        const budget = Math.round(between(0.6, 5.5) * 1e6 / 1000) * 1000;
        const overBudget = i % 3 === 2;
        const start = addDays('2026-03-02', int(0, 120));
        const plannedEnd = addDays(start, int(240, 420));
        projects.push([id, b.id, b.school.id, projectNames[i % projectNames.length], 'construction', budget, Math.round(budget * (overBudget ? 1.08 : between(0.7, 0.98))),
          Math.round(budget * between(0.25, 0.6)), start, plannedEnd]);
        const late = i % 2 === 1;
        [['Design complete', 30], ['Contract awarded', 75], ['Construction start', 110], ['Substantial completion', 230]].forEach(([name, offset]) => {
          const planned = addDays(start, offset as number);
          const actual = planned <= opts.today ? addDays(planned, late && name === 'Construction start' ? int(5, 20) : -int(0, 5)) : null;
          milestones.push([randomUUID(), id, name, planned, actual && actual <= opts.today ? actual : null]);
        });
      });
      await insertRows(tx.manager, 'capital_projects', ['id', 'building_id', 'school_id', 'name', 'status', 'budget', 'committed', 'spent', 'start_date', 'planned_end'], projects);
      await insertRows(tx.manager, 'capital_milestones', ['id', 'project_id', 'name', 'planned_date', 'actual_date'], milestones);
    });

    // closures around today: the emergency opened with the boiler failure, and a planned one elsewhere (events through the outbox)
    await this.uow.run(async (tx) => {
      await this.closures.declareInTx(tx, { buildingId: first.id, kind: 'emergency', from: opts.today, to: addDays(opts.today, 1), reason: 'No heat: boiler failure', workOrderId: emergencyWo }, null);
      const planned = buildings.find((b) => b !== first && b !== second) ?? second;
      await this.closures.declareInTx(tx, { buildingId: planned.id, kind: 'planned', from: opts.today, to: addDays(opts.today, 2), reason: 'Electrical service upgrade (planned shutdown)' }, null);
    });
    this.log.log(`seeded ${buildings.length} buildings, ${orders.length} work orders, ${schedules.length} PM schedules, ${worst.length} capital projects`);
    return { buildings: buildings.length, workOrders: orders.length };
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;
