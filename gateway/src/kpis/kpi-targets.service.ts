import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProblemException } from '@district/service-kit';
import { KPI_CATALOGUE, kpiDefinition } from './catalogue';
import { DEFAULT_KPI_TARGETS, DEFAULT_WATCH_PERCENT } from './default-targets';
import { Target } from './domain/kpi-status';

export interface KpiTarget extends Target {
  kpiId: string;
  source: 'default' | 'configured';
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface TargetChange {
  kpiId: string;
  target: number | null;
  watchPercent?: number;
}

/** KPI targets: the defaults, overridden by what the COO configured (stored with its history). */
@Injectable()
export class KpiTargetsService {
  constructor(private readonly ds: DataSource) {}

  async all(): Promise<Map<string, KpiTarget>> {
    const rows: { kpiId: string; target: number | null; watchPercent: number; updatedBy: string; updatedAt: string }[] = await this.ds.query(
      `SELECT kpi_id AS "kpiId", target, watch_percent AS "watchPercent", updated_by AS "updatedBy", to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt" FROM kpi_targets`,
    );
    const out = new Map<string, KpiTarget>();
    for (const k of KPI_CATALOGUE) {
      const d = DEFAULT_KPI_TARGETS[k.id];
      if (d) out.set(k.id, { kpiId: k.id, target: d.target, watchPercent: d.watchPercent ?? DEFAULT_WATCH_PERCENT, source: 'default', updatedBy: null, updatedAt: null });
    }
    for (const r of rows) if (kpiDefinition(r.kpiId)) out.set(r.kpiId, { ...r, source: 'configured' });
    return out;
  }

  /** Sets several targets at once, all or none; unknown KPI ids are refused with each named. */
  async set(changes: TargetChange[], by: string): Promise<Map<string, KpiTarget>> {
    const errors = changes.flatMap((c, i) => {
      const def = kpiDefinition(c.kpiId);
      if (!def) return [{ field: `targets[${i}].kpiId`, message: `unknown KPI ${c.kpiId}` }];
      if (def.direction === 'context' && c.target !== null) return [{ field: `targets[${i}].target`, message: `${c.kpiId} is a context KPI: it has no good direction, so no target` }];
      return [];
    });
    if (new Set(changes.map((c) => c.kpiId)).size !== changes.length) errors.push({ field: 'targets', message: 'a KPI appears more than once' });
    if (errors.length) throw new ProblemException(422, 'some targets cannot be set', { errors });
    await this.ds.transaction(async (m) => {
      for (const c of changes) {
        const watch = c.watchPercent ?? DEFAULT_WATCH_PERCENT;
        await m.query(
          `INSERT INTO kpi_targets (kpi_id, target, watch_percent, updated_by, updated_at) VALUES ($1, $2, $3, $4, now())
           ON CONFLICT (kpi_id) DO UPDATE SET target = EXCLUDED.target, watch_percent = EXCLUDED.watch_percent, updated_by = EXCLUDED.updated_by, updated_at = now()`,
          [c.kpiId, c.target, watch, by],
        );
        await m.query(`INSERT INTO kpi_target_changes (kpi_id, target, watch_percent, changed_by) VALUES ($1, $2, $3, $4)`, [c.kpiId, c.target, watch, by]);
      }
    });
    return this.all();
  }
}
