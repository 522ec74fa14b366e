import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FCI_BANDS } from '@district/contracts';
import { UnitOfWork } from '@district/messaging';
import { AuthUser, Page, ProblemException, assertSchoolScope, scopedSchoolIds } from '@district/service-kit';
import { DEFICIENCY_COST } from '../buildings/buildings.service';
import { FacilitiesSettings } from '../common/settings';
import { Where, num, numOrNull } from '../common/sql';
import { fciBand, fciPercent } from './domain/fci';
import { CorrectDeficiencyDto, CreateDeficiencyDto, DeficiencyQuery, DeficiencyResponse, FciResponse } from './dto/deficiency.dto';

const COLUMNS = `d.id, d.building_id AS "buildingId", b.school_id AS "schoolId", d.asset_id AS "assetId", d.category, d.description,
  d.estimated_cost::float AS "estimatedCost", d.identified_on::text AS "identifiedOn", d.corrected_on::text AS "correctedOn"`;

/** Deficiencies with cost estimates, and the Facility Condition Index they give (DOMAIN.md section 4). */
@Injectable()
export class ConditionService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly settings: FacilitiesSettings,
  ) {}

  async create(dto: CreateDeficiencyDto, user: AuthUser): Promise<DeficiencyResponse> {
    const id = randomUUID();
    await this.uow.run(async (tx) => {
      const [b] = await tx.manager.query('SELECT school_id AS "schoolId" FROM buildings WHERE id = $1', [dto.buildingId]);
      if (!b) throw new ProblemException(422, 'no such building', { errors: [{ field: 'buildingId', message: 'unknown building' }] });
      assertSchoolScope(user, b.schoolId);
      if (dto.assetId) {
        const a: unknown[] = await tx.manager.query('SELECT 1 FROM assets WHERE id = $1 AND building_id = $2', [dto.assetId, dto.buildingId]);
        if (!a.length) throw new ProblemException(422, 'no such asset in this building', { errors: [{ field: 'assetId', message: 'unknown asset' }] });
      }
      await tx.manager.query(
        `INSERT INTO deficiencies (id, building_id, asset_id, category, description, estimated_cost, identified_on) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, dto.buildingId, dto.assetId ?? null, dto.category, dto.description, dto.estimatedCost, dto.identifiedOn],
      );
    });
    return this.get(id, user);
  }

  async correct(id: string, dto: CorrectDeficiencyDto, user: AuthUser): Promise<DeficiencyResponse> {
    const current = await this.get(id, user);
    if (current.correctedOn) throw new ProblemException(409, 'the deficiency is corrected already');
    if (dto.correctedOn < current.identifiedOn) throw new ProblemException(422, 'correctedOn cannot be before identifiedOn', { errors: [{ field: 'correctedOn', message: 'before identifiedOn' }] });
    await this.uow.run((tx) => tx.manager.query('UPDATE deficiencies SET corrected_on = $2 WHERE id = $1 AND corrected_on IS NULL', [id, dto.correctedOn]));
    return this.get(id, user);
  }

  async get(id: string, user: AuthUser): Promise<DeficiencyResponse> {
    const [row]: DeficiencyResponse[] = await this.ds.query(`SELECT ${COLUMNS} FROM deficiencies d JOIN buildings b ON b.id = d.building_id WHERE d.id = $1`, [id]);
    if (!row) throw new ProblemException(404, 'no such deficiency');
    assertSchoolScope(user, row.schoolId);
    return row;
  }

  async list(q: DeficiencyQuery, user: AuthUser): Promise<Page<DeficiencyResponse>> {
    const w = new Where();
    const schools = scopedSchoolIds(user, q.schoolId);
    if (schools) w.add('b.school_id = ANY(?::uuid[])', schools);
    if (q.buildingId) w.add('d.building_id = ?', q.buildingId);
    if (q.open !== undefined) w.add(`d.corrected_on IS ${q.open ? '' : 'NOT '}NULL`);
    const from = `FROM deficiencies d JOIN buildings b ON b.id = d.building_id ${w.clause}`;
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total ${from}`, w.params);
    const items: DeficiencyResponse[] = await this.ds.query(
      `SELECT ${COLUMNS} ${from} ORDER BY d.estimated_cost DESC, d.id LIMIT ${w.param(q.limit)} OFFSET ${w.param(q.offset)}`,
      w.params,
    );
    return { items, total };
  }

  /** District FCI and the spread of buildings over the bands (from the maintained aggregate; one row per building). */
  async districtFci(user: AuthUser): Promise<FciResponse> {
    const schools = scopedSchoolIds(user);
    const rows: { deficiencyCost: string; replacementValue: string | null }[] = await this.ds.query(
      `SELECT ${DEFICIENCY_COST('b')} AS "deficiencyCost", b.replacement_value AS "replacementValue" FROM buildings b
       WHERE ($1::uuid[] IS NULL OR b.school_id = ANY($1::uuid[]))`,
      [schools ?? null],
    );
    const byBand: Record<string, number> = Object.fromEntries(FCI_BANDS.map((b) => [b, 0]));
    let deficiencyCost = 0;
    let replacementValue = 0;
    let without = 0;
    for (const r of rows) {
      const crv = numOrNull(r.replacementValue);
      const cost = num(r.deficiencyCost);
      const band = fciBand(fciPercent(cost, crv), this.settings.fciBands);
      if (!band) {
        without++;
        continue;
      }
      byBand[band]++;
      deficiencyCost += cost;
      replacementValue += crv!;
    }
    const fci = fciPercent(deficiencyCost, replacementValue || null);
    return {
      fci: fci === null ? null : Math.round(fci * 100) / 100, band: fciBand(fci, this.settings.fciBands), deficiencyCost, replacementValue,
      buildingsByBand: byBand, buildingsWithoutValue: without, bands: { ...this.settings.fciBands },
    };
  }
}
