import { Injectable } from '@nestjs/common';
import { addMonths, Department, DepartmentQueries, EnrollmentSchoolSummary, KpiDefinition, monthRange, SchoolSummariesReply, dateInTimeZone } from '@district/contracts';
import { ProblemException } from '@district/service-kit';
import { DepartmentClient } from '../clients/department-client';
import { GatewayEnv } from '../config';
import { Sources, sourcesOf } from '../views/domain/school-views';
import { KPI_CATALOGUE, kpiDefinition, kpiDepartments } from './catalogue';
import { DepartmentKpis } from './department-kpis';
import { kpiChange, KpiStatus, kpiStatus, rankSchools } from './domain/kpi-status';
import { KpiTarget, KpiTargetsService } from './kpi-targets.service';

export interface ScorecardKpi extends KpiDefinition {
  period: string;
  value: number | null;
  target: number | null;
  status: KpiStatus;
  previous: number | null;
  change: number | null;
  changePercent: number | null;
  /** the months up to `period` when a trend was asked for */
  series?: { period: string; value: number | null }[];
}

/** The COO's scorecard: every department asked once (in parallel, cached), targets and trend added here. */
@Injectable()
export class KpisService {
  constructor(
    private readonly departmentKpis: DepartmentKpis,
    private readonly targets: KpiTargetsService,
    private readonly departments: DepartmentClient,
    private readonly env: GatewayEnv,
  ) {}

  currentMonth(): string {
    return dateInTimeZone(this.env.DISTRICT_TIMEZONE).slice(0, 7);
  }

  async scorecard(period: string, trendMonths: number): Promise<{ period: string; kpis: ScorecardKpi[]; sources: Partial<Sources> }> {
    const from = addMonths(period, -Math.max(1, trendMonths - 1));
    const depts = kpiDepartments();
    const [answers, targets] = await Promise.all([Promise.all(depts.map((d) => this.departmentKpis.get(d, { from, to: period }))), this.targets.all()]);
    const byDept = new Map(depts.map((d, i) => [d, answers[i]]));
    const previousPeriod = addMonths(period, -1);
    const kpis = KPI_CATALOGUE.map((def): ScorecardKpi => {
      const answer = byDept.get(def.department)!;
      const target = targets.get(def.id);
      const base = { ...def, period, target: target?.target ?? null };
      if (answer.status !== 'ok') return { ...base, value: null, status: 'unavailable', previous: null, change: null, changePercent: null };
      const valueAt = (p: string) => answer.value.periods.find((x) => x.period === p)?.values[def.id] ?? null;
      const value = valueAt(period);
      const previous = valueAt(previousPeriod);
      const kpi: ScorecardKpi = { ...base, value, status: kpiStatus(value, def.direction, target), previous, ...kpiChange(value, previous) };
      if (trendMonths > 1) kpi.series = monthRange(from, period).map((p) => ({ period: p, value: valueAt(p) }));
      return kpi;
    });
    return { period, kpis, sources: sourcesOf(Object.fromEntries(byDept)) };
  }

  async schoolRanking(kpiId: string, period: string) {
    const def = this.definition(kpiId);
    if (!def.perSchool) throw new ProblemException(422, `${kpiId} is district-wide only; it has no per-school values`);
    const [answer, targets] = await Promise.all([this.departmentKpis.get(def.department, { from: period, to: period, bySchool: true }), this.targets.all()]);
    if (answer.status !== 'ok') throw this.unavailable(def.department, answer.detail);
    const rows = (answer.value.schools ?? []).filter((s) => s.period === period).map((s) => ({ schoolId: s.schoolId, value: s.values[kpiId] ?? null }));
    const names = await this.schoolNames(rows.map((r) => r.schoolId));
    const target = targets.get(kpiId);
    const items = rankSchools(rows, def.direction).map((r) => ({ ...r, schoolName: names.get(r.schoolId) ?? null, status: kpiStatus(r.value, def.direction, target) }));
    return { kpi: def, period, target: target?.target ?? null, items };
  }

  async history(kpiId: string, from: string, to: string) {
    const def = this.definition(kpiId);
    const [answer, targets] = await Promise.all([this.departmentKpis.get(def.department, { from, to }), this.targets.all()]);
    if (answer.status !== 'ok') throw this.unavailable(def.department, answer.detail);
    const target = targets.get(kpiId);
    const points = monthRange(from, to).map((period) => {
      const value = answer.value.periods.find((p) => p.period === period)?.values[kpiId] ?? null;
      return { period, value, status: kpiStatus(value, def.direction, target) };
    });
    return { kpi: def, target: target?.target ?? null, points };
  }

  targetList(targets: Map<string, KpiTarget>) {
    return KPI_CATALOGUE.map((k) => targets.get(k.id) ?? { kpiId: k.id, target: null, watchPercent: null, source: 'none' as const, updatedBy: null, updatedAt: null });
  }

  private definition(kpiId: string): KpiDefinition {
    const def = kpiDefinition(kpiId);
    if (!def) throw new ProblemException(404, `no KPI ${kpiId}`);
    return def;
  }

  private unavailable(department: Department, detail: string): ProblemException {
    return new ProblemException(503, `${department}, which computes this KPI, is not answering (${detail})`);
  }

  /** School names for a ranking: one request to enrollment for all of them; ids without a name stay unnamed if it is down. */
  private async schoolNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const answer = await this.departments.ask<SchoolSummariesReply<EnrollmentSchoolSummary>>('enrollment', DepartmentQueries.schoolSummaries('enrollment'), {
      schoolIds: ids.slice(0, 1000),
      date: dateInTimeZone(this.env.DISTRICT_TIMEZONE),
    });
    return new Map(answer.status === 'ok' ? Object.values(answer.value.schools).map((s) => [s.school.id, s.school.name]) : []);
  }
}
