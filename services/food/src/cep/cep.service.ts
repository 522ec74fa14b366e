import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { UnitOfWork } from '@district/messaging';
import { AuthUser, Page, ProblemException, scopedSchoolIds } from '@district/service-kit';
import { CensusService, enrolledOf } from '../eligibility/census.service';
import { dateInZone } from '../shared/dates';
import { FOOD_SETTINGS, FoodSettings } from '../settings';
import { cepPercentages, Fraction, value } from './domain/cep';
import { CepElectionDto, CepElectionResponse, IspQuery, SchoolIspRow } from './dto/cep.dto';

export interface CepMembership {
  schoolId: string;
  electionId: string;
  name: string;
  isp: Fraction;
  free: Fraction;
  from: string;
  to: string | null;
}

const pct = (f: Fraction) => Math.round(value(f) * 1e8) / 1e6;

/** Community Eligibility Provision elections: ISP from the census, claiming percentages computed, never typed in. */
@Injectable()
export class CepService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly census: CensusService,
    @Inject(FOOD_SETTINGS) private readonly settings: FoodSettings,
  ) {}

  async elect(dto: CepElectionDto, user: AuthUser): Promise<CepElectionResponse> {
    if (user.schools) throw new ProblemException(403, 'CEP elections are made by the district: a school-scoped caller cannot make one');
    const schoolIds = [...new Set(dto.schoolIds.map((s) => s.toLowerCase()))];
    const asOf = dto.asOf ?? dto.effectiveFrom;
    return this.uow.run(async (tx) => {
      const m = tx.manager;
      const known: { id: string }[] = await m.query('SELECT id FROM schools WHERE id = ANY($1::uuid[])', [schoolIds]);
      const missing = schoolIds.filter((id) => !known.some((k) => k.id === id));
      if (missing.length) throw new ProblemException(422, 'unknown school(s)', { errors: missing.map((id) => ({ field: 'schoolIds', message: `no school ${id}` })) });
      // serialise elections touching these schools
      await m.query('SELECT pg_advisory_xact_lock(hashtext(s)) FROM unnest($1::text[]) AS s ORDER BY s', [schoolIds]);
      const later: unknown[] = await m.query('SELECT 1 FROM cep_schools WHERE school_id = ANY($1::uuid[]) AND effective_from >= $2::date LIMIT 1', [schoolIds, dto.effectiveFrom]);
      if (later.length) throw new ProblemException(409, `a school of this group already has a CEP election starting on or after ${dto.effectiveFrom}`);
      const timeline = await this.census.timeline(m, asOf, schoolIds);
      let identified = 0;
      let enrolled = 0;
      for (const id of schoolIds) {
        const c = timeline.on(id, asOf);
        identified += c.identified;
        enrolled += enrolledOf(c);
      }
      if (enrolled === 0) throw new ProblemException(422, `no students were enrolled at these schools on ${asOf}`);
      const p = cepPercentages(identified, enrolled, this.settings.cep);
      if (!p.qualifies) {
        throw new ProblemException(422, `ISP ${pct(p.isp)} % (${identified} identified of ${enrolled} enrolled on ${asOf}) is below the ${this.settings.cep.minimumIsp * 100} % needed for CEP`);
      }
      const id = randomUUID();
      await m.query(
        `INSERT INTO cep_elections (id, name, school_ids, as_of, identified, enrolled, free_num, free_den, effective_from, created_by)
         VALUES ($1, $2, $3::uuid[], $4, $5, $6, $7, $8, $9, $10)`,
        [id, dto.name, schoolIds, asOf, identified, enrolled, p.free.num, p.free.den, dto.effectiveFrom, user.sub],
      );
      // a school's earlier election ends where this one starts
      await m.query('UPDATE cep_schools SET effective_to = $2::date WHERE school_id = ANY($1::uuid[]) AND (effective_to IS NULL OR effective_to > $2::date)', [schoolIds, dto.effectiveFrom]);
      await m.query('INSERT INTO cep_schools (election_id, school_id, effective_from) SELECT $1, s, $2 FROM unnest($3::uuid[]) AS s', [id, dto.effectiveFrom, schoolIds]);
      return { id, name: dto.name, schoolIds, asOf, identified, enrolled, isp: pct(p.isp), freeClaimingPercent: pct(p.free), paidClaimingPercent: pct(p.paid), effectiveFrom: dto.effectiveFrom, effectiveTo: null };
    });
  }

  async list(limit: number, offset: number): Promise<Page<CepElectionResponse>> {
    const [{ total }] = await this.ds.query('SELECT count(*)::int AS total FROM cep_elections');
    const rows: { id: string; name: string; schoolIds: string[]; asOf: string; identified: number; enrolled: number; num: string; den: string; from: string; to: string | null }[] = await this.ds.query(
      `SELECT e.id, e.name, e.school_ids AS "schoolIds", e.as_of::text AS "asOf", e.identified, e.enrolled, e.free_num AS num, e.free_den AS den,
              e.effective_from::text AS "from", (SELECT max(effective_to)::text FROM cep_schools cs WHERE cs.election_id = e.id) AS "to"
       FROM cep_elections e ORDER BY e.effective_from DESC, e.name LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    return {
      total,
      items: rows.map((r) => {
        const free = { num: Number(r.num), den: Number(r.den) };
        return { id: r.id, name: r.name, schoolIds: r.schoolIds, asOf: r.asOf, identified: r.identified, enrolled: r.enrolled, isp: pct({ num: r.identified, den: r.enrolled }),
          freeClaimingPercent: pct(free), paidClaimingPercent: pct({ num: free.den - free.num, den: free.den }), effectiveFrom: r.from, effectiveTo: r.to };
      }),
    };
  }

  /** Every school's ISP on a day and whether it would qualify alone (an aggregate: no student data). */
  async ispBySchool(q: IspQuery, user: AuthUser): Promise<Page<SchoolIspRow>> {
    const asOf = q.asOf ?? dateInZone(new Date(), this.settings.timezone);
    const scope = scopedSchoolIds(user);
    const schools: { id: string; code: string; name: string }[] = await this.ds.query(
      'SELECT id, code, name FROM schools WHERE ($1::uuid[] IS NULL OR id = ANY($1::uuid[])) ORDER BY code',
      [scope ?? null],
    );
    const timeline = await this.census.timeline(this.ds.manager, asOf, scope ?? null);
    const rows = schools.map((s) => {
      const c = timeline.on(s.id, asOf);
      const enrolled = enrolledOf(c);
      const p = enrolled ? cepPercentages(c.identified, enrolled, this.settings.cep) : null;
      return { schoolId: s.id, code: s.code, name: s.name, identified: c.identified, enrolled, isp: p ? pct(p.isp) : null, qualifies: p?.qualifies ?? false, freeClaimingPercent: p ? pct(p.free) : null };
    });
    return { items: rows.slice(q.offset, q.offset + q.limit), total: rows.length };
  }

  /** CEP memberships overlapping [from, to] (dates inclusive) of the given schools (null: all). */
  async memberships(manager: EntityManager, from: string, to: string, schoolIds: string[] | null): Promise<CepMembership[]> {
    const rows: { schoolId: string; electionId: string; name: string; identified: number; enrolled: number; num: string; den: string; from: string; to: string | null }[] = await manager.query(
      `SELECT cs.school_id AS "schoolId", e.id AS "electionId", e.name, e.identified, e.enrolled, e.free_num AS num, e.free_den AS den,
              cs.effective_from::text AS "from", cs.effective_to::text AS "to"
       FROM cep_schools cs JOIN cep_elections e ON e.id = cs.election_id
       WHERE cs.effective_from <= $2::date AND (cs.effective_to IS NULL OR cs.effective_to > $1::date)
         AND ($3::uuid[] IS NULL OR cs.school_id = ANY($3::uuid[]))`,
      [from, to, schoolIds],
    );
    return rows.map((r) => ({ schoolId: r.schoolId, electionId: r.electionId, name: r.name, isp: { num: r.identified, den: r.enrolled }, free: { num: Number(r.num), den: Number(r.den) }, from: r.from, to: r.to }));
  }
}

/** The membership in effect for a school on a day. */
export function membershipOn(list: CepMembership[], schoolId: string, day: string): CepMembership | null {
  return list.find((m) => m.schoolId === schoolId && m.from <= day && (m.to === null || day < m.to)) ?? null;
}
