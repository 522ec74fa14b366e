import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertSchoolScope, AuthUser, Page, scopedSchoolIds } from '@district/service-kit';
import { UnitCost } from '../refresh/domain/refresh';
import { BandwidthContractDto, BandwidthContractResponse, BandwidthQuery, UnitCostDto } from './dto/settings.dto';

/** Data that differs by district and year: replacement unit costs and bandwidth contracts (dated). */
@Injectable()
export class SettingsService {
  constructor(private readonly ds: DataSource) {}

  unitCosts(): Promise<UnitCost[]> {
    return this.ds.query(`SELECT device_type AS "deviceType", model, unit_cost_usd::float AS "unitCostUsd" FROM unit_costs ORDER BY device_type, model`);
  }

  async setUnitCost(dto: UnitCostDto): Promise<UnitCost> {
    const model = dto.model?.trim() ?? '';
    await this.ds.query(
      `INSERT INTO unit_costs (device_type, model, unit_cost_usd) VALUES ($1, $2, $3)
       ON CONFLICT (device_type, model) DO UPDATE SET unit_cost_usd = EXCLUDED.unit_cost_usd, updated_at = now()`,
      [dto.deviceType, model, dto.unitCostUsd],
    );
    return { deviceType: dto.deviceType, model, unitCostUsd: dto.unitCostUsd };
  }

  async setBandwidth(dto: BandwidthContractDto, user: AuthUser): Promise<BandwidthContractResponse> {
    assertSchoolScope(user, dto.schoolId);
    await this.ds.query(
      `INSERT INTO bandwidth_contracts (school_id, effective_from, kbps, provider) VALUES ($1, $2, $3, $4)
       ON CONFLICT (school_id, effective_from) DO UPDATE SET kbps = EXCLUDED.kbps, provider = EXCLUDED.provider, updated_at = now()`,
      [dto.schoolId, dto.effectiveFrom, dto.kbps, dto.provider ?? null],
    );
    return { schoolId: dto.schoolId, effectiveFrom: dto.effectiveFrom, kbps: dto.kbps, provider: dto.provider ?? null };
  }

  async bandwidth(q: BandwidthQuery, user: AuthUser): Promise<Page<BandwidthContractResponse>> {
    const schools = scopedSchoolIds(user, q.schoolId) ?? null;
    const [{ total }] = await this.ds.query('SELECT count(*)::int AS total FROM bandwidth_contracts WHERE ($1::uuid[] IS NULL OR school_id = ANY($1))', [schools]);
    const items = await this.ds.query(
      `SELECT school_id AS "schoolId", to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom", kbps, provider FROM bandwidth_contracts
       WHERE ($1::uuid[] IS NULL OR school_id = ANY($1)) ORDER BY school_id, effective_from DESC LIMIT $2 OFFSET $3`,
      [schools, q.limit, q.offset],
    );
    return { items, total };
  }
}
