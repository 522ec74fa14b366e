import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser, scopedSchoolIds } from '@district/service-kit';
import { TechnologyEnv } from '../config';
import { SettingsService } from '../settings/settings.service';
import { PlanGroup, refreshPlan } from './domain/refresh';
import { RefreshPlanResponse } from './dto/refresh.dto';

/** Refresh planning (DOMAIN.md section 5): when the active fleet falls due, by school and school year, and what replacing it costs. */
@Injectable()
export class RefreshService {
  constructor(
    private readonly ds: DataSource,
    private readonly settings: SettingsService,
    private readonly env: TechnologyEnv,
  ) {}

  async plan(schoolId: string | undefined, asOf: string, user: AuthUser): Promise<RefreshPlanResponse> {
    const schools = scopedSchoolIds(user, schoolId) ?? null;
    const cycle = this.env.REFRESH_CYCLE_YEARS;
    // one grouped read: devices by school, model, type and the date they fall due (the cycle, or the update expiration when sooner)
    const groups: PlanGroup[] = await this.ds.query(
      `SELECT school_id AS "schoolId", model, device_type AS "deviceType",
              to_char(least(purchase_date + make_interval(years => $2::int), coalesce(auto_update_expiration, 'infinity'::date)), 'YYYY-MM-DD') AS "dueOn",
              count(*)::int AS devices
       FROM devices WHERE status NOT IN ('lost', 'retired') AND ($1::uuid[] IS NULL OR school_id = ANY($1))
       GROUP BY 1, 2, 3, 4`,
      [schools, cycle],
    );
    const lines = refreshPlan(groups, await this.settings.unitCosts(), asOf);
    return {
      asOf,
      cycleYears: cycle,
      dueNow: groups.filter((g) => g.dueOn <= asOf).reduce((a, g) => a + g.devices, 0),
      lines,
      totalEstimatedCostUsd: Math.round(lines.reduce((a, l) => a + l.estimatedCostUsd, 0) * 100) / 100,
    };
  }
}
