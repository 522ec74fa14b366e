import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  BriefItem, BriefReply, CountByPriority, DepartmentKpisReply, FacilitiesSchoolSummary, KpisRequest, MAX_KPI_MONTHS, SchoolSummariesReply,
  WorkOrderPriority,
} from '@district/contracts';
import { ProblemException } from '@district/service-kit';
import { DEFICIENCY_COST } from '../buildings/buildings.service';
import { onBudget, onSchedule } from '../capital/domain/capital-flags';
import { CLOSED_ON } from '../closures/closures.service';
import { endOfLocalDay, monthBounds, monthsBetween } from '../common/domain/dates';
import { FacilitiesSettings } from '../common/settings';
import { num, numOrNull } from '../common/sql';
import { fciBand, fciPercent } from '../condition/domain/fci';
import { OPEN_STATUSES } from '../work-orders/domain/work-order-rules';
import { BuildingMonth, facilitiesKpis, ProjectFlags } from './domain/facilities-kpis';

const OPEN_SQL = `(${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;
const zeroCounts = (): CountByPriority => ({ emergency: 0, urgent: 0, routine: 0, scheduled: 0, total: 0 });

interface ProjectRow {
  schoolId: string | null;
  status: string;
  budget: number;
  committed: number;
  spent: number;
  startDate: string;
  completedOn: string | null;
  milestones: { plannedDate: string; actualDate: string | null }[];
}

/**
 * The gateway's department queries (libs/contracts department-queries.ts): school summaries, KPIs and the
 * daily brief. KPIs read facility_monthly (maintained by triggers) and the small building, staffing and
 * project tables; summaries and the brief read the open work orders through their partial index.
 */
@Injectable()
export class FacilitiesQueriesService {
  constructor(
    private readonly ds: DataSource,
    private readonly settings: FacilitiesSettings,
  ) {}

  /** "Now" for a request about `date`: the present moment when it is today, else the end of that day. */
  private asOf(date: string, now = new Date()): Date {
    return date === this.settings.today(now) ? now : endOfLocalDay(date, this.settings.timeZone);
  }

  async schoolSummaries(schoolIds: string[], date: string, now = new Date()): Promise<SchoolSummariesReply<FacilitiesSchoolSummary>> {
    const ids = [...new Set(schoolIds)];
    const [buildings, workOrders, closures, projects] = await Promise.all([
      this.ds.query(
        `SELECT b.id, b.school_id AS "schoolId", b.square_feet AS "squareFeet", b.vacant, b.replacement_value AS "replacementValue", ${DEFICIENCY_COST('b')} AS "deficiencyCost"
         FROM buildings b WHERE b.school_id = ANY($1::uuid[]) ORDER BY b.is_primary DESC, b.name`,
        [ids],
      ) as Promise<{ id: string; schoolId: string; squareFeet: number | null; vacant: boolean; replacementValue: string | null; deficiencyCost: string }[]>,
      this.ds.query(
        `SELECT school_id AS "schoolId", priority, count(*)::int AS open, (count(*) FILTER (WHERE target_at < $2))::int AS overdue
         FROM work_orders WHERE status IN ${OPEN_SQL} AND school_id = ANY($1::uuid[]) GROUP BY school_id, priority`,
        [ids, this.asOf(date, now)],
      ) as Promise<{ schoolId: string; priority: WorkOrderPriority; open: number; overdue: number }[]>,
      this.ds.query(
        `SELECT DISTINCT ON (c.school_id) c.school_id AS "schoolId", c.id AS "closureId", c.building_id AS "buildingId", c.kind, c.from_date::text AS "from",
                c.to_date::text AS "to", c.reason
         FROM closures c WHERE c.school_id = ANY($1::uuid[]) AND ${CLOSED_ON('c', '$2')} ORDER BY c.school_id, c.kind, c.from_date`,
        [ids, date],
      ) as Promise<({ schoolId: string } & NonNullable<FacilitiesSchoolSummary['activeClosure']>)[]>,
      this.projects(`p.school_id = ANY($1::uuid[]) AND p.status NOT IN ('completed', 'cancelled')`, [ids]),
    ]);
    const schools: Record<string, FacilitiesSchoolSummary> = {};
    for (const b of buildings) {
      const s = (schools[b.schoolId] ??= {
        schoolId: b.schoolId, buildingIds: [], squareFeet: null, openWorkOrders: zeroCounts(), overdueWorkOrders: zeroCounts(), emergencyOpen: 0,
        fci: null, fciBand: null, activeClosure: null, capitalProjects: { active: 0, onBudget: 0, onSchedule: 0 },
      });
      s.buildingIds.push(b.id);
      if (!b.vacant && b.squareFeet) s.squareFeet = (s.squareFeet ?? 0) + b.squareFeet;
    }
    // FCI per school over its buildings with a replacement value
    const value = new Map<string, { cost: number; crv: number }>();
    for (const b of buildings) {
      const crv = numOrNull(b.replacementValue);
      if (crv === null) continue;
      const v = value.get(b.schoolId) ?? { cost: 0, crv: 0 };
      value.set(b.schoolId, { cost: v.cost + num(b.deficiencyCost), crv: v.crv + crv });
    }
    for (const [schoolId, v] of value) {
      const fci = fciPercent(v.cost, v.crv);
      schools[schoolId].fci = fci === null ? null : Math.round(fci * 100) / 100;
      schools[schoolId].fciBand = fciBand(fci, this.settings.fciBands);
    }
    for (const w of workOrders) {
      const s = schools[w.schoolId];
      if (!s) continue;
      s.openWorkOrders[w.priority] += w.open;
      s.openWorkOrders.total += w.open;
      s.overdueWorkOrders[w.priority] += w.overdue;
      s.overdueWorkOrders.total += w.overdue;
      if (w.priority === 'emergency') s.emergencyOpen += w.open;
    }
    for (const { schoolId, ...closure } of closures) if (schools[schoolId]) schools[schoolId].activeClosure = closure;
    for (const p of projects) {
      const s = p.schoolId ? schools[p.schoolId] : undefined;
      if (!s) continue;
      s.capitalProjects.active++;
      if (onBudget(p)) s.capitalProjects.onBudget++;
      if (onSchedule(p, date)) s.capitalProjects.onSchedule++;
    }
    return { date, schools };
  }

  async kpis(req: KpisRequest, now = new Date()): Promise<DepartmentKpisReply> {
    if (req.to < req.from) throw new ProblemException(400, '`to` cannot be before `from`');
    const months = monthsBetween(req.from, req.to);
    if (months.length > MAX_KPI_MONTHS) throw new ProblemException(400, `at most ${MAX_KPI_MONTHS} months per request`);
    const rows: (BuildingMonth & { period: string })[] = (
      await this.ds.query(
        `WITH months AS (SELECT generate_series($1::date, $2::date, interval '1 month')::date AS month)
         SELECT to_char(m.month, 'YYYY-MM') AS period, b.id AS "buildingId", b.school_id AS "schoolId", b.square_feet AS "squareFeet", b.vacant,
                b.replacement_value::float AS "replacementValue",
                coalesce(fm.opened, 0) AS opened, coalesce(fm.opened_pm, 0) AS "openedPm", coalesce(fm.completed, 0) AS completed,
                coalesce(fm.completion_days_sum, 0) AS "completionDaysSum", coalesce(fm.completed_within_target, 0) AS "completedWithinTarget",
                coalesce(fm.maintenance_cost, 0)::float AS "maintenanceCost", coalesce(fm.utility_bills, 0) AS "utilityBills",
                coalesce(fm.utility_cost, 0)::float AS "utilityCost",
                (SELECT coalesce(sum(d.deficiency_added - d.deficiency_removed), 0) FROM facility_monthly d WHERE d.building_id = b.id AND d.month <= m.month)::float AS "deficiencyCost",
                (SELECT s.ftes FROM custodial_staffing s WHERE s.building_id = b.id AND s.effective_from < (m.month + interval '1 month')::date
                 ORDER BY s.effective_from DESC LIMIT 1)::float AS "custodialFtes"
         FROM months m CROSS JOIN buildings b
         LEFT JOIN facility_monthly fm ON fm.building_id = b.id AND fm.month = m.month`,
        [`${req.from}-01`, `${req.to}-01`],
      )
    ).map((r: BuildingMonth & { period: string }) => ({ ...r, completionDaysSum: Number(r.completionDaysSum) }));
    const projects = await this.projects(`p.status <> 'cancelled'`, []);
    const today = this.settings.today(now);
    const byPeriod = new Map<string, BuildingMonth[]>(months.map((m) => [m, []]));
    for (const r of rows) byPeriod.get(r.period)!.push(r);
    const reply: DepartmentKpisReply = { department: 'facilities', periods: [] };
    if (req.bySchool) reply.schools = [];
    for (const period of months) {
      const { first, last } = monthBounds(period);
      const asOf = last < today ? last : today;
      const active: ProjectFlags[] = projects
        .filter((p) => p.startDate <= last && (p.completedOn === null || p.completedOn >= first) && (p.status !== 'completed' || p.completedOn !== null))
        .map((p) => ({ onBudget: onBudget(p), onSchedule: onSchedule(p, asOf) }));
      const monthRows = byPeriod.get(period)!;
      reply.periods.push({ period, values: facilitiesKpis(monthRows, active) });
      if (req.bySchool) {
        const bySchool = new Map<string, BuildingMonth[]>();
        for (const r of monthRows) if (r.schoolId) bySchool.set(r.schoolId, [...(bySchool.get(r.schoolId) ?? []), r]);
        for (const [schoolId, list] of bySchool) reply.schools!.push({ period, schoolId, values: facilitiesKpis(list, null) });
      }
    }
    return reply;
  }

  async brief(date: string, now = new Date()): Promise<BriefReply> {
    const asOf = this.asOf(date, now);
    const max = this.settings.briefMaxOverdue;
    const [closures, emergencies, overdue, [{ overdueTotal }]] = await Promise.all([
      this.ds.query(
        `SELECT c.id, c.school_id AS "schoolId", coalesce(s.name, b.name) AS place, c.kind, c.from_date::text AS "from", c.to_date::text AS "to", c.reason,
                c.lifted_from::text AS "liftedFrom"
         FROM closures c JOIN buildings b ON b.id = c.building_id LEFT JOIN schools s ON s.id = c.school_id
         WHERE ${CLOSED_ON('c', '$1')} ORDER BY c.kind, place`,
        [date],
      ) as Promise<{ id: string; schoolId: string | null; place: string; kind: string; from: string; to: string; reason: string; liftedFrom: string | null }[]>,
      this.ds.query(
        `SELECT w.id, w.number::int AS number, w.school_id AS "schoolId", coalesce(s.name, b.name) AS place, w.title, w.status, w.requested_at AS "requestedAt",
                w.target_at < $1 AS overdue
         FROM work_orders w JOIN buildings b ON b.id = w.building_id LEFT JOIN schools s ON s.id = w.school_id
         WHERE w.status IN ${OPEN_SQL} AND w.priority = 'emergency' AND w.requested_at <= $1 ORDER BY w.requested_at`,
        [asOf],
      ) as Promise<{ id: string; number: number; schoolId: string | null; place: string; title: string; status: string; requestedAt: Date; overdue: boolean }[]>,
      this.ds.query(
        `SELECT w.id, w.number::int AS number, w.school_id AS "schoolId", coalesce(s.name, b.name) AS place, w.title, w.priority, w.target_at AS "targetAt"
         FROM work_orders w JOIN buildings b ON b.id = w.building_id LEFT JOIN schools s ON s.id = w.school_id
         WHERE w.status IN ${OPEN_SQL} AND w.priority <> 'emergency' AND w.target_at < $1 ORDER BY w.target_at, w.id LIMIT $2`,
        [asOf, max],
      ) as Promise<{ id: string; number: number; schoolId: string | null; place: string; title: string; priority: string; targetAt: Date }[]>,
      this.ds.query(
        `SELECT count(*)::int AS "overdueTotal" FROM work_orders WHERE status IN ${OPEN_SQL} AND priority <> 'emergency' AND target_at < $1`,
        [asOf],
      ) as Promise<{ overdueTotal: number }[]>,
    ]);
    const items: BriefItem[] = [
      ...closures.map((c): BriefItem => ({
        department: 'facilities', kind: `closure.${c.kind}`, severity: c.kind === 'emergency' ? 'critical' : 'warning', schoolId: c.schoolId,
        title: `${c.place} closed (${c.kind}): ${c.reason}`,
        detail: c.from === c.to ? `closed ${c.from}` : `closed ${c.from} to ${c.liftedFrom ? `${c.liftedFrom} (reopens)` : c.to}`,
        at: c.from, ref: { type: 'closure', id: c.id },
      })),
      ...emergencies.map((w): BriefItem => ({
        department: 'facilities', kind: 'work-order.emergency-open', severity: 'critical', schoolId: w.schoolId,
        title: `Emergency work order #${w.number} open at ${w.place}: ${w.title}`,
        detail: `${w.status}${w.overdue ? ', past its target' : ''}`, at: new Date(w.requestedAt).toISOString(), ref: { type: 'work-order', id: w.id },
      })),
      ...overdue.map((w): BriefItem => ({
        department: 'facilities', kind: 'work-order.overdue', severity: 'warning', schoolId: w.schoolId,
        title: `Work order #${w.number} overdue at ${w.place}: ${w.title}`, detail: `${w.priority}, target was ${new Date(w.targetAt).toISOString()}`,
        at: new Date(w.targetAt).toISOString(), ref: { type: 'work-order', id: w.id },
      })),
    ];
    if (overdueTotal > overdue.length) {
      items.push({ department: 'facilities', kind: 'work-order.overdue-summary', severity: 'info', schoolId: null,
        title: `${overdueTotal - overdue.length} more overdue work orders`, detail: `${overdueTotal} open work orders are past their target (emergencies listed above)` });
    }
    return { date, items };
  }

  private async projects(where: string, params: unknown[]): Promise<ProjectRow[]> {
    return this.ds.query(
      `SELECT p.school_id AS "schoolId", p.status, p.budget::float AS budget, p.committed::float AS committed, p.spent::float AS spent,
              p.start_date::text AS "startDate", p.completed_on::text AS "completedOn",
              coalesce((SELECT json_agg(json_build_object('plannedDate', m.planned_date, 'actualDate', m.actual_date)) FROM capital_milestones m WHERE m.project_id = p.id), '[]'::json) AS milestones
       FROM capital_projects p WHERE ${where}`,
      params,
    );
  }
}

