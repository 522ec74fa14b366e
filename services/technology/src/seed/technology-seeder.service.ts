import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeviceType, GRADES } from '@district/contracts';
import { Tx, UnitOfWork } from '@district/messaging';
import { mulberry32 } from '@district/seed-data';
import { addDays, localDate } from '../common/dates';
import { BATCH } from '../common/sql';
import { TechnologyEnv } from '../config';
import { Actor, DeviceLedger } from '../devices/device-ledger';
import { CATEGORIES, dueTimes, PRIORITIES, SlaTarget } from '../help-desk/domain/sla';
import { OneToOneService } from '../one-to-one/one-to-one.service';

type Random = () => number;

/** The demo's calendar: the school year starts on the enrollment seed's entry date; "today" is the demo's today. */
export const DEMO = { fleetRecordedOn: '2026-08-01', schoolStart: '2026-09-02', today: '2026-11-23', ticketsFrom: '2026-08-03' } as const;
const ONE_TO_ONE_GRADES = ['3', '4', '5', '6', '7', '8', '9', '10', '11', '12'];
/** purchase cohorts: date, auto-update expiration (Chromebooks), share of a school's 1:1 fleet */
const COHORTS = [
  { purchase: '2020-08-10', aue: '2025-06-01', share: 0.12 },
  { purchase: '2022-08-15', aue: '2026-06-01', share: 0.18 },
  { purchase: '2023-08-14', aue: '2029-06-01', share: 0.25 },
  { purchase: '2024-08-12', aue: '2031-06-01', share: 0.25 },
  { purchase: '2026-07-20', aue: '2034-06-01', share: 0.2 },
] as const;
const MODELS: Record<string, string> = {
  '2020-08-10': 'Lenovo 100e Chromebook Gen 2', '2022-08-15': 'Dell Chromebook 3100', '2023-08-14': 'HP Chromebook 11 G9',
  '2024-08-12': 'Dell Chromebook 3110', '2026-07-20': 'Lenovo 100e Chromebook Gen 4',
};
const REQUESTERS = ['Main office', 'Library', 'Room 101 teacher', 'Room 204 teacher', 'Science lab', 'Principal', 'Counseling office', 'Gym', 'Room 310 teacher', 'Cafeteria'];
const SUBJECTS: Record<string, string[]> = {
  hardware: ['Chromebook will not power on', 'Cracked screen', 'Projector shows no signal', 'Keyboard keys missing'],
  software: ['App will not install', 'Browser keeps crashing', 'Testing app will not launch'],
  account: ['Student cannot sign in', 'Password reset', 'Teacher account locked'],
  network: ['Wi-Fi drops in classroom', 'No internet in library', 'Slow network in lab'],
  printing: ['Printer offline', 'Printer jam', 'Cannot add printer'],
  other: ['Smartboard calibration', 'Phone extension not working'],
};

const pick = <T>(r: Random, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const weighted = <T>(r: Random, items: readonly [T, number][]): T => {
  let x = r() * items.reduce((a, [, w]) => a + w, 0);
  for (const [v, w] of items) if ((x -= w) < 0) return v;
  return items[items.length - 1][0];
};
const between = (r: Random, min: number, max: number) => Math.floor(min + r() * (max - min + 1));
const dayIn = (r: Random, from: string, to: string) => addDays(from, between(r, 0, Math.max(0, (Date.parse(to) - Date.parse(from)) / 86_400_000)));

interface SeedSchool {
  id: string;
  code: string;
  grades: string[];
  counts: Record<string, number>;
}

export interface SeedResult {
  schools: number;
  devices: number;
  assigned: number;
  queued: number;
  tickets: number;
  repairs: number;
  losses: number;
}

/**
 * The demo fleet (issue 7): 1:1 in grades 3-12, a fleet of several purchase cohorts (some past the refresh
 * cycle or their update expiration) a little short of need at some schools so queues exist, loaner pools,
 * bandwidth contracts, and August–November 2026 of losses, repairs and help-desk tickets, so every KPI has
 * values for 2026-09..2026-11 and the brief has items on 2026-11-23. Assignments go through the same
 * 1:1 code as enrollment's events (configuring the grades queues the enrolled students and serves the
 * queue from stock). Deterministic for a given projection (mulberry32).
 */
@Injectable()
export class TechnologySeeder {
  private readonly log = new Logger('TechnologySeeder');

  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly ledger: DeviceLedger,
    private readonly oneToOne: OneToOneService,
    private readonly env: TechnologyEnv,
  ) {}

  async isEmpty(): Promise<boolean> {
    const [{ n }] = await this.ds.query('SELECT (SELECT count(*) FROM devices) + (SELECT count(*) FROM tickets) AS n');
    return Number(n) === 0;
  }

  async seed(seed = 2026): Promise<SeedResult | null> {
    if (!(await this.isEmpty())) return null;
    const r = mulberry32(seed);
    const schools: SeedSchool[] = await this.ds.query(
      `SELECT s.id, s.code, s.grades, coalesce(json_object_agg(c.grade, c.n) FILTER (WHERE c.grade IS NOT NULL), '{}') AS counts
       FROM schools s LEFT JOIN student_counts c ON c.school_id = s.id GROUP BY s.id ORDER BY s.code`,
    );
    const setup = await this.uow.run((tx) => this.fleet(tx, schools, r));
    const incidents = await this.incidents(r);
    const tickets = await this.tickets(schools, r);
    const result = { schools: schools.length, ...setup, ...incidents, tickets };
    this.log.log(`seeded ${JSON.stringify(result)}`);
    return result;
  }

  /** Devices, loaner pools, bandwidth contracts and the 1:1 configuration (which assigns the fleet). */
  private async fleet(tx: Tx, schools: SeedSchool[], r: Random): Promise<{ devices: number; assigned: number; queued: number }> {
    const devices: { id: string; serial: string; model: string; type: DeviceType; purchase: string; aue: string | null; schoolId: string; loaner: boolean }[] = [];
    const configs: { schoolId: string; grades: string[] }[] = [];
    const contracts: unknown[][] = [];
    schools.forEach((s, i) => {
      const grades = ONE_TO_ONE_GRADES.filter((g) => s.grades.includes(g as (typeof GRADES)[number]));
      const need = grades.reduce((a, g) => a + (s.counts[g] ?? 0), 0);
      const enrolled = Object.values(s.counts).reduce((a, n) => a + n, 0);
      // every fifth 1:1 school is short of stock (its students queue); the rest have a few spares
      const fleet = grades.length ? (i % 5 === 2 ? Math.max(0, need - between(r, 2, 5)) : need + between(r, 1, 4)) : 0;
      if (grades.length) configs.push({ schoolId: s.id, grades });
      let n = 0;
      const add = (count: number, c: (typeof COHORTS)[number] | null, type: DeviceType, loaner: boolean) => {
        for (let k = 0; k < count; k++) {
          n++;
          devices.push({
            id: randomUUID(), serial: `${s.code}-${type.slice(0, 2).toUpperCase()}${String(n).padStart(4, '0')}`, model: c ? MODELS[c.purchase] : 'Apple iPad 10th gen',
            type, purchase: c?.purchase ?? '2025-08-11', aue: type === 'chromebook' && c ? c.aue : null, schoolId: s.id, loaner,
          });
        }
      };
      let left = fleet;
      COHORTS.forEach((c, ci) => {
        const count = ci === COHORTS.length - 1 ? left : Math.round(fleet * c.share);
        add(Math.min(count, left), c, 'chromebook', false);
        left -= Math.min(count, left);
      });
      add(between(r, 2, 4), COHORTS[3], 'chromebook', true); // loaner pool
      if (s.grades.some((g) => ['PK', 'K', '1', '2'].includes(g))) add(between(r, 8, 16), null, 'tablet', false); // early-grades carts
      const kbps = Math.max(100_000, Math.ceil((enrolled * between(r, 300, 1200)) / 50_000) * 50_000);
      contracts.push([s.id, '2026-07-01', kbps, pick(r, ['City fiber', 'E-Rate consortium', 'Regional ISP'])]);
    });
    for (let i = 0; i < devices.length; i += BATCH) {
      const chunk = devices.slice(i, i + BATCH);
      await tx.manager.query(
        `INSERT INTO devices (id, serial, model, device_type, purchase_date, warranty_end, auto_update_expiration, school_id, status, status_date, loaner_pool)
         SELECT id, serial, model, t, p, (p + interval '3 years')::date, aue, s, 'in-stock', $9::date, lp
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[], $7::uuid[], $8::boolean[]) AS x(id, serial, model, t, p, aue, s, lp)`,
        [chunk.map((d) => d.id), chunk.map((d) => d.serial), chunk.map((d) => d.model), chunk.map((d) => d.type), chunk.map((d) => d.purchase),
          chunk.map((d) => d.aue), chunk.map((d) => d.schoolId), chunk.map((d) => d.loaner), DEMO.fleetRecordedOn],
      );
      await tx.manager.query(
        `INSERT INTO device_status_history (device_id, from_status, to_status, school_id, effective_date, changed_at, changed_by, reason)
         SELECT id, NULL, 'in-stock', s, $3::date, $3::date + time '14:00', 'seed', 'inventory' FROM unnest($1::uuid[], $2::uuid[]) AS x(id, s)`,
        [chunk.map((d) => d.id), chunk.map((d) => d.schoolId), DEMO.fleetRecordedOn],
      );
    }
    const params: unknown[] = [];
    await tx.manager.query(
      `INSERT INTO bandwidth_contracts (school_id, effective_from, kbps, provider) VALUES ${contracts.map((c) => `(${c.map((v) => `$${params.push(v)}`).join(', ')})`).join(', ')}`,
      params,
    );
    // the 1:1 program starts with the school year: enrolled students in 1:1 grades queue, and the queue is served from stock
    const { queued, assigned } = await this.oneToOne.configure(tx, configs, { by: 'seed', date: DEMO.schoolStart });
    return { devices: devices.length, assigned, queued };
  }

  /** Month by month: devices lost or stolen, repairs (most back within two weeks, a few unrepairable), loaners out. */
  private async incidents(r: Random): Promise<{ repairs: number; losses: number }> {
    let repairs = 0;
    let losses = 0;
    for (const [from, to] of [['2026-09-03', '2026-09-30'], ['2026-10-01', '2026-10-31'], ['2026-11-01', DEMO.today]] as const) {
      await this.uow.run(async (tx) => {
        const held: { id: string; schoolId: string; serial: string }[] = await tx.manager.query(
          `SELECT id, school_id AS "schoolId", serial FROM devices WHERE status = 'assigned' ORDER BY serial`,
        );
        if (!held.length) return;
        const chosen = new Set<number>();
        const take = (count: number) => {
          const out: typeof held = [];
          const wanted = Math.min(count, held.length - chosen.size);
          while (out.length < wanted) {
            const k = Math.floor(r() * held.length);
            if (!chosen.has(k)) (chosen.add(k), out.push(held[k]));
          }
          return out;
        };
        // losses: about 0.3 % of held devices a month, at least two
        for (const d of take(Math.max(2, Math.round(held.length * 0.003)))) {
          const actor: Actor = { by: 'seed', date: dayIn(r, from, to) };
          const kind = r() < 0.3 ? 'stolen' : 'lost';
          await this.ledger.setStatus(tx, [{ deviceId: d.id, to: 'lost' }], kind, actor);
          await tx.manager.query('UPDATE devices SET lost_kind = $2 WHERE id = $1', [d.id, kind]);
          const open: { id: string }[] = await tx.manager.query('SELECT id FROM device_assignments WHERE device_id = $1 AND ended_on IS NULL', [d.id]);
          await this.oneToOne.replaceDevices(tx, await this.ledger.endAssignments(tx, open.map((a) => a.id), kind, actor), actor);
          losses++;
        }
        // repairs: about 1.5 % a month, at least three
        for (const d of take(Math.max(3, Math.round(held.length * 0.015)))) {
          const opened = dayIn(r, from, to);
          const closed = addDays(opened, between(r, 3, 14));
          await tx.manager.query(
            `INSERT INTO repairs (id, device_id, school_id, problem, vendor, opened_on, opened_at, opened_by) VALUES ($1, $2, $3, $4, $5, $6, $6::date + time '15:00', 'seed')`,
            [randomUUID(), d.id, d.schoolId, pick(r, ['cracked screen', 'keyboard', 'battery', 'charging port', 'liquid damage']), pick(r, ['Dell depot', 'in-house', 'Lenovo depot']), opened],
          );
          await this.ledger.setStatus(tx, [{ deviceId: d.id, to: 'in-repair' }], 'repair', { by: 'seed', date: opened });
          repairs++;
          if (closed > DEMO.today) continue; // still out
          const unrepairable = r() < 0.1;
          const actor: Actor = { by: 'seed', date: closed };
          await tx.manager.query(`UPDATE repairs SET closed_on = $2, outcome = $3, cost_usd = $4 WHERE device_id = $1 AND closed_on IS NULL`,
            [d.id, closed, unrepairable ? 'unrepairable' : 'repaired', unrepairable ? null : between(r, 40, 180)]);
          if (unrepairable) {
            const open: { id: string }[] = await tx.manager.query('SELECT id FROM device_assignments WHERE device_id = $1 AND ended_on IS NULL', [d.id]);
            const ended = await this.ledger.endAssignments(tx, open.map((a) => a.id), 'unrepairable', actor);
            await this.ledger.setStatus(tx, [{ deviceId: d.id, to: 'retired' }], 'unrepairable', actor);
            await this.oneToOne.replaceDevices(tx, ended, actor);
          } else {
            await this.ledger.setStatus(tx, [{ deviceId: d.id, to: 'assigned' }], 'repaired', actor);
          }
        }
      });
    }
    // a few loaners out to staff, one of them overdue
    await this.uow.run(async (tx) => {
      const pool = await tx.manager.query(
        `SELECT id AS "deviceId", serial, model, device_type AS "deviceType", school_id AS "schoolId" FROM devices WHERE loaner_pool AND status = 'in-stock' ORDER BY serial LIMIT 6`,
      );
      for (const [i, device] of pool.entries()) {
        const on = i === 0 ? '2026-10-26' : dayIn(r, '2026-11-10', DEMO.today);
        await this.ledger.assign(tx, [{ device, studentId: null, assignee: pick(r, REQUESTERS), kind: 'loaner', dueOn: addDays(on, this.env.LOANER_DAYS), deviceStatus: 'loaner' }], 'loaner checkout', { by: 'seed', date: on });
      }
    });
    return { repairs, losses };
  }

  /** Help-desk tickets from August to the demo's today: resolution times by priority, about a third solved on first contact, the most recent still open. */
  private async tickets(schools: SeedSchool[], r: Random): Promise<number> {
    const targets = new Map<string, SlaTarget>(
      (await this.ds.query('SELECT priority, first_response_minutes AS "firstResponseMinutes", resolution_minutes AS "resolutionMinutes" FROM sla_targets')).map((t: SlaTarget) => [t.priority, t]),
    );
    const cutoff = new Date(Math.min(Date.now(), Date.parse(`${DEMO.today}T17:00:00Z`)));
    const rows: unknown[][] = [];
    for (const s of schools) {
      const size = Object.values(s.counts).reduce((a, n) => a + n, 0);
      const count = Math.max(6, Math.round((size / 40) * (0.8 + r())));
      for (let k = 0; k < count; k++) rows.push(this.ticket(s.id, dayIn(r, DEMO.ticketsFrom, DEMO.today), r, targets, cutoff, k === 0 && r() < 0.25));
    }
    for (let i = 0; i < rows.length; i += BATCH) {
      const chunk = rows.slice(i, i + BATCH);
      const col = (j: number) => chunk.map((row) => row[j]);
      await this.ds.query(
        `INSERT INTO tickets (id, school_id, requester, category, priority, subject, opened_at, opened_on, response_due_at, resolution_due_at,
           first_response_at, resolved_at, resolved_on, resolved_on_first_contact, resolution, opened_by)
         SELECT *, 'seed' FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::date[], $9::timestamptz[],
           $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::date[], $14::boolean[], $15::text[])`,
        Array.from({ length: 15 }, (_, j) => col(j)),
      );
    }
    return rows.length;
  }

  private ticket(schoolId: string, day: string, r: Random, targets: Map<string, SlaTarget>, cutoff: Date, forceOverdue: boolean): unknown[] {
    const priority = forceOverdue ? 'high' : weighted(r, [['critical', 5], ['high', 20], ['medium', 50], ['low', 25]] as [(typeof PRIORITIES)[number], number][]);
    const category = weighted(r, CATEGORIES.map((c, i) => [c, [30, 20, 20, 15, 10, 5][i]] as [string, number]));
    let openedAt = new Date(Date.parse(`${forceOverdue ? '2026-11-19' : day}T12:00:00Z`) + between(r, 0, 8 * 60) * 60_000);
    if (openedAt > cutoff) openedAt = new Date(cutoff.getTime() - between(r, 10, 120) * 60_000);
    const target = targets.get(priority)!;
    const due = dueTimes(openedAt, target);
    const firstContact = !forceOverdue && r() < 0.35;
    const minutes = firstContact ? between(r, 5, 45) : Math.round(target.resolutionMinutes * (0.15 + r() * r() * 1.5));
    const resolvedAt = forceOverdue ? null : new Date(openedAt.getTime() + minutes * 60_000);
    const resolved = resolvedAt && resolvedAt <= cutoff ? resolvedAt : null;
    const responseAt = new Date(openedAt.getTime() + Math.min(minutes, between(r, 3, Math.round(target.firstResponseMinutes * 1.2))) * 60_000);
    const tz = this.env.DISTRICT_TIMEZONE;
    return [
      randomUUID(), schoolId, pick(r, REQUESTERS), category, priority, pick(r, SUBJECTS[category]), openedAt, localDate(openedAt, tz), due.responseDueAt, due.resolutionDueAt,
      responseAt <= cutoff && !forceOverdue ? responseAt : null, resolved, resolved ? localDate(resolved, tz) : null, resolved ? firstContact : null,
      resolved ? (firstContact ? 'solved on the call' : 'fixed') : null,
    ];
  }
}
