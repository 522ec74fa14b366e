import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { MealType } from '@district/contracts';
import type { RateTable } from '../claims/domain/claim';
import type { IncomeLimitRow } from './domain/reference-tables';

export interface IncomeTable {
  id: string;
  label: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  limits: IncomeLimitRow[];
}

const num = (v: string | null) => (v === null ? null : Number(v));

/** The dated reference tables (reimbursement rates, income limits), read from the database. */
@Injectable()
export class ReferenceService {
  async rateTables(manager: EntityManager): Promise<RateTable[]> {
    const rows: { id: string; label: string; from: string; to: string | null; mealType: MealType; variant: string; paid: string | null; reduced: string | null; free: string | null; source: string }[] = await manager.query(
      `SELECT t.id, t.label, t.effective_from::text AS "from", t.effective_to::text AS "to", r.meal_type AS "mealType", r.variant, r.paid, r.reduced, r.free, r.source
       FROM rate_tables t JOIN reimbursement_rates r ON r.table_id = t.id ORDER BY t.effective_from`,
    );
    const tables = new Map<string, RateTable>();
    for (const r of rows) {
      const t = tables.get(r.id) ?? { id: r.id, label: r.label, effectiveFrom: r.from, effectiveTo: r.to, rates: [] };
      t.rates.push({ mealType: r.mealType, variant: r.variant, paid: num(r.paid), reduced: num(r.reduced), free: num(r.free), source: r.source });
      tables.set(r.id, t);
    }
    return [...tables.values()];
  }

  /** The income table in effect on `date`; when none is, the latest earlier one (provisional). */
  async incomeTableOn(manager: EntityManager, date: string): Promise<{ table: IncomeTable; provisional: boolean } | null> {
    const [t]: { id: string; label: string; from: string; to: string | null; inEffect: boolean }[] = await manager.query(
      `SELECT id, label, effective_from::text AS "from", effective_to::text AS "to", (effective_to IS NULL OR $1::date < effective_to) AS "inEffect"
       FROM income_tables WHERE effective_from <= $1::date ORDER BY effective_from DESC LIMIT 1`,
      [date],
    );
    if (!t) return null;
    const limits: IncomeLimitRow[] = await manager.query(
      'SELECT household_size AS "householdSize", free, reduced FROM income_limits WHERE table_id = $1 ORDER BY household_size',
      [t.id],
    );
    return { table: { id: t.id, label: t.label, effectiveFrom: t.from, effectiveTo: t.to, limits }, provisional: !t.inEffect };
  }
}
