import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SchoolSnapshot } from '@district/contracts';
import { Tx, UnitOfWork } from '@district/messaging';
import { AuthUser, Page, ProblemException, assertSchoolScope, scopedSchoolIds } from '@district/service-kit';
import { FacilitiesSettings } from '../common/settings';
import { Where, num, numOrNull } from '../common/sql';
import { fciBand, fciPercent } from '../condition/domain/fci';
import { AssetListQuery, AssetPage, AssetResponse, BuildingListQuery, BuildingResponse, CreateAssetDto, CreateBuildingDto, UpdateBuildingDto } from './dto/building.dto';

/** Open deficiency cost of building `b`, from the maintained monthly aggregate. */
export const DEFICIENCY_COST = (alias: string) =>
  `(SELECT coalesce(sum(fm.deficiency_added - fm.deficiency_removed), 0) FROM facility_monthly fm WHERE fm.building_id = ${alias}.id)`;

const BUILDING_COLUMNS = `b.id, b.school_id AS "schoolId", s.name AS "schoolName", b.is_primary AS "isPrimary", b.name, b.address,
  b.square_feet AS "squareFeet", b.year_built AS "yearBuilt", b.replacement_value AS "replacementValue", b.vacant, b.source,
  ${DEFICIENCY_COST('b')} AS "deficiencyCost"`;

type BuildingRow = Omit<BuildingResponse, 'fci' | 'fciBand'>;

/**
 * Buildings and their assets. A school that appears in enrollment's events gets its primary building at
 * once (figures unknown until recorded); more buildings can be added by hand.
 */
@Injectable()
export class BuildingsService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly settings: FacilitiesSettings,
  ) {}

  /** Keeps the school projection (version-guarded: an older or repeated snapshot changes nothing) and links its primary building. */
  async applySchool(tx: Tx, s: SchoolSnapshot): Promise<void> {
    const stored: unknown[] = await tx.manager.query(
      `INSERT INTO schools (id, code, name, address, grades, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name, address = EXCLUDED.address, grades = EXCLUDED.grades,
         version = EXCLUDED.version, updated_at = now()
       WHERE schools.version < EXCLUDED.version RETURNING id`,
      [s.id, s.code, s.name, s.address, s.grades, s.version],
    );
    if (stored.length === 0) return;
    await tx.manager.query(
      `INSERT INTO buildings (id, school_id, is_primary, name, address, source) VALUES ($1, $2, true, $3, $4, 'school-event')
       ON CONFLICT (school_id) WHERE is_primary DO NOTHING`,
      [randomUUID(), s.id, s.name, s.address],
    );
  }

  private withFci(row: BuildingRow): BuildingResponse {
    const replacementValue = numOrNull(row.replacementValue);
    const deficiencyCost = num(row.deficiencyCost);
    const fci = fciPercent(deficiencyCost, replacementValue);
    return { ...row, replacementValue, deficiencyCost, fci: fci === null ? null : Math.round(fci * 100) / 100, fciBand: fciBand(fci, this.settings.fciBands) };
  }

  async list(q: BuildingListQuery, user: AuthUser): Promise<Page<BuildingResponse>> {
    const w = new Where();
    const schools = scopedSchoolIds(user, q.schoolId);
    if (schools) w.add('b.school_id = ANY(?::uuid[])', schools);
    if (q.fciBand) {
      const { fair, poor, critical } = this.settings.fciBands;
      const [lo, hi] = { good: [null, fair], fair: [fair, poor], poor: [poor, critical], critical: [critical, null] }[q.fciBand];
      const fci = `(${DEFICIENCY_COST('b')} / b.replacement_value * 100)`;
      w.add('b.replacement_value IS NOT NULL');
      if (lo !== null) w.add(`${fci} >= ?`, lo);
      if (hi !== null) w.add(`${fci} < ?`, hi);
    }
    const from = `FROM buildings b LEFT JOIN schools s ON s.id = b.school_id ${w.clause}`;
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total ${from}`, w.params);
    const rows: BuildingRow[] = await this.ds.query(
      `SELECT ${BUILDING_COLUMNS} ${from} ORDER BY s.code NULLS LAST, b.is_primary DESC, b.name, b.id LIMIT ${w.param(q.limit)} OFFSET ${w.param(q.offset)}`,
      w.params,
    );
    return { items: rows.map((r) => this.withFci(r)), total };
  }

  async get(id: string, user: AuthUser, manager: EntityManager = this.ds.manager): Promise<BuildingResponse> {
    const [row]: BuildingRow[] = await manager.query(`SELECT ${BUILDING_COLUMNS} FROM buildings b LEFT JOIN schools s ON s.id = b.school_id WHERE b.id = $1`, [id]);
    if (!row) throw new ProblemException(404, 'no such building');
    assertSchoolScope(user, row.schoolId);
    return this.withFci(row);
  }

  async create(dto: CreateBuildingDto, user: AuthUser): Promise<BuildingResponse> {
    if (dto.schoolId) assertSchoolScope(user, dto.schoolId);
    else assertSchoolScope(user, null);
    const id = randomUUID();
    await this.uow.run(async (tx) => {
      if (dto.schoolId) {
        const known: unknown[] = await tx.manager.query('SELECT 1 FROM schools WHERE id = $1', [dto.schoolId]);
        if (!known.length) throw new ProblemException(422, 'unknown school', { errors: [{ field: 'schoolId', message: 'no such school (schools come from enrollment)' }] });
      }
      await tx.manager.query(
        `INSERT INTO buildings (id, school_id, is_primary, name, address, square_feet, year_built, replacement_value, vacant, source)
         VALUES ($1, $2, false, $3, $4, $5, $6, $7, $8, 'entered')`,
        [id, dto.schoolId ?? null, dto.name, dto.address ?? null, dto.squareFeet ?? null, dto.yearBuilt ?? null, dto.replacementValue ?? null, dto.vacant ?? false],
      );
    });
    return this.get(id, user);
  }

  async update(id: string, dto: UpdateBuildingDto, user: AuthUser): Promise<BuildingResponse> {
    await this.get(id, user);
    const sets: string[] = [];
    const params: unknown[] = [id];
    const columns: Record<keyof UpdateBuildingDto, string> = {
      name: 'name', address: 'address', squareFeet: 'square_feet', yearBuilt: 'year_built', replacementValue: 'replacement_value', vacant: 'vacant',
    };
    for (const [key, column] of Object.entries(columns) as [keyof UpdateBuildingDto, string][]) {
      if (dto[key] !== undefined) sets.push(`${column} = $${params.push(dto[key])}`);
    }
    if (sets.length) {
      await this.uow.run((tx) => tx.manager.query(`UPDATE buildings SET ${sets.join(', ')}, source = CASE WHEN source = 'school-event' THEN 'entered' ELSE source END, updated_at = now() WHERE id = $1`, params));
    }
    return this.get(id, user);
  }

  async addAsset(buildingId: string, dto: CreateAssetDto, user: AuthUser): Promise<AssetResponse> {
    const building = await this.get(buildingId, user);
    const id = randomUUID();
    await this.uow.run((tx) =>
      tx.manager.query(
        `INSERT INTO assets (id, building_id, kind, name, install_year, expected_life_years, replacement_cost) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, buildingId, dto.kind, dto.name, dto.installYear, dto.expectedLifeYears, dto.replacementCost ?? null],
      ),
    );
    return { id, buildingId, schoolId: building.schoolId, kind: dto.kind, name: dto.name, installYear: dto.installYear, expectedLifeYears: dto.expectedLifeYears,
      endOfLifeYear: dto.installYear + dto.expectedLifeYears, replacementCost: dto.replacementCost ?? null };
  }

  async assets(q: AssetListQuery, user: AuthUser): Promise<AssetPage> {
    const w = new Where();
    const schools = scopedSchoolIds(user, q.schoolId);
    if (schools) w.add('b.school_id = ANY(?::uuid[])', schools);
    if (q.buildingId) w.add('a.building_id = ?', q.buildingId);
    if (q.kind) w.add('a.kind = ?', q.kind);
    if (q.pastLifeIn !== undefined) w.add('a.install_year + a.expected_life_years <= ?', q.pastLifeIn);
    const from = `FROM assets a JOIN buildings b ON b.id = a.building_id ${w.clause}`;
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total ${from}`, w.params);
    const items: AssetResponse[] = await this.ds.query(
      `SELECT a.id, a.building_id AS "buildingId", b.school_id AS "schoolId", a.kind, a.name, a.install_year AS "installYear",
              a.expected_life_years AS "expectedLifeYears", a.install_year + a.expected_life_years AS "endOfLifeYear", a.replacement_cost::float AS "replacementCost"
       ${from} ORDER BY a.install_year + a.expected_life_years, a.name, a.id LIMIT ${w.param(q.limit)} OFFSET ${w.param(q.offset)}`,
      w.params,
    );
    return { items, total };
  }
}
