import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, assertSchoolScope, ProblemException, scopedSchoolIds } from '@district/service-kit';
import { CepMembership, CepService, membershipOn } from '../cep/cep.service';
import { value } from '../cep/domain/cep';
import { CensusService, CensusTimeline } from '../eligibility/census.service';
import { ReferenceService } from '../reference/reference.service';
import { monthEnd, monthStart } from '../shared/dates';
import { FOOD_SETTINGS, FoodSettings } from '../settings';
import { ClaimError, ClaimPolicy, ClaimResult, computeClaim, DailyCount, RateTable } from './domain/claim';

/** What every claim over a date range needs, loaded once (daily counts, census, CEP, rates, policy). */
export interface ClaimData {
  counts: DailyCount[];
  census: CensusTimeline;
  cep: CepMembership[];
  tables: RateTable[];
  policy: ClaimPolicy;
}

export const MAX_VIOLATIONS_LISTED = 500;

/** Monthly reimbursement claims from maintained daily counts, the census, CEP elections and the dated rate tables. */
@Injectable()
export class ClaimsService {
  constructor(
    private readonly ds: DataSource,
    private readonly census: CensusService,
    private readonly cep: CepService,
    private readonly reference: ReferenceService,
    @Inject(FOOD_SETTINGS) private readonly settings: FoodSettings,
  ) {}

  async load(manager: EntityManager, from: string, to: string, schoolIds: string[] | null): Promise<ClaimData> {
    const [counts, census, cep, tables, codes] = await Promise.all([
      manager.query(
        `SELECT school_id AS "schoolId", service_date::text AS date, meal_type AS "mealType", category, meals FROM meal_counts_daily
         WHERE service_date BETWEEN $1::date AND $2::date AND ($3::uuid[] IS NULL OR school_id = ANY($3::uuid[]))`,
        [from, to, schoolIds],
      ) as Promise<DailyCount[]>,
      this.census.timeline(manager, to, schoolIds),
      this.cep.memberships(manager, from, to, schoolIds),
      this.reference.rateTables(manager),
      manager.query('SELECT id, code FROM schools') as Promise<{ id: string; code: string }[]>,
    ]);
    const severe = this.settings.severeNeedBreakfast;
    const severeIds = severe instanceof Set ? new Set(codes.filter((c) => severe.has(c.code)).map((c) => c.id)) : null;
    const policy: ClaimPolicy = {
      lunchHighNeed: this.settings.lunchHighNeed,
      performanceAddOn: this.settings.performanceAddOn,
      severeNeedBreakfast: (id) => (severe === 'all' ? true : severe === 'none' ? false : severeIds!.has(id)),
    };
    return { counts, census, cep, tables, policy };
  }

  /** The claim over the days of `data` that fall in [from, to]. */
  claimOf(data: ClaimData, from: string, to: string): ClaimResult {
    try {
      return computeClaim({
        counts: data.counts.filter((c) => c.date >= from && c.date <= to),
        eligibleOn: (schoolId, date) => data.census.on(schoolId, date),
        cepOn: (schoolId, date) => membershipOn(data.cep, schoolId, date)?.free ?? null,
        tables: data.tables,
        policy: data.policy,
      });
    } catch (err) {
      if (err instanceof ClaimError) throw new ProblemException(422, err.message);
      throw err;
    }
  }

  async monthClaim(month: string, schoolId: string | undefined, user: AuthUser) {
    const schools = scopedSchoolIds(user, schoolId) ?? null;
    if (schoolId) {
      assertSchoolScope(user, schoolId);
      const [known] = await this.ds.query('SELECT 1 FROM schools WHERE id = $1', [schoolId]);
      if (!known) throw new ProblemException(404, 'no such school');
    }
    const from = monthStart(month);
    const to = monthEnd(month);
    const data = await this.load(this.ds.manager, from, to, schools);
    const claim = this.claimOf(data, from, to);
    const names: { id: string; code: string; name: string }[] = await this.ds.query('SELECT id, code, name FROM schools WHERE id = ANY($1::uuid[])', [claim.schools.map((s) => s.schoolId)]);
    const byId = new Map(names.map((n) => [n.id, n]));
    return {
      month,
      total: claim.total,
      provisional: claim.provisional,
      warnings: claim.warnings,
      schools: claim.schools.map((s) => {
        const m = membershipOn(data.cep, s.schoolId, to) ?? data.cep.find((c) => c.schoolId === s.schoolId) ?? null;
        return {
          ...s, code: byId.get(s.schoolId)?.code ?? null, name: byId.get(s.schoolId)?.name ?? null,
          cep: m ? { electionId: m.electionId, name: m.name, isp: value(m.isp) * 100, freeClaimingPercent: value(m.free) * 100 } : null,
        };
      }),
      violationCount: claim.violations.length,
      violations: claim.violations.slice(0, MAX_VIOLATIONS_LISTED),
    };
  }
}

