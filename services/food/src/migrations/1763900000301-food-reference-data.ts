import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { parseIncomeGuidelines, parseReimbursementRates } from '../reference/domain/reference-tables';

const file = (name: string) => readFileSync(path.join(__dirname, '..', 'reference-data', name), 'utf8');

/**
 * Loads the USDA tables shipped in src/reference-data (provenance in PROVENANCE.md there) as dated
 * tables: SY 2024-25 reimbursement rates and SY 2025-26 income eligibility guidelines.
 */
export class FoodReferenceData1763900000301 implements MigrationInterface {
  name = 'FoodReferenceData1763900000301';

  async up(q: QueryRunner): Promise<void> {
    const { rates } = parseReimbursementRates(file('usda-meal-reimbursement-rates-sy2024-25.csv'));
    const rateTable = randomUUID();
    await q.query(`INSERT INTO rate_tables (id, label, effective_from, effective_to, source) VALUES ($1, 'SY 2024-25', '2024-07-01', '2025-07-01', $2)`,
      [rateTable, 'USDA notice 89 FR 56720, contiguous states (reference-data/usda-meal-reimbursement-rates-sy2024-25.csv)']);
    for (const r of rates) {
      await q.query('INSERT INTO reimbursement_rates (table_id, meal_type, variant, paid, reduced, free, source) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [rateTable, r.mealType, r.variant, r.paid, r.reduced, r.free, r.source]);
    }
    const limits = parseIncomeGuidelines(file('usda-income-eligibility-guidelines-sy2025-26.csv'));
    const incomeTable = randomUUID();
    await q.query(`INSERT INTO income_tables (id, label, effective_from, effective_to, source) VALUES ($1, 'SY 2025-26', '2025-07-01', '2026-07-01', $2)`,
      [incomeTable, 'USDA Income Eligibility Guidelines, Federal Register 2025-03821, contiguous states (reference-data/usda-income-eligibility-guidelines-sy2025-26.csv)']);
    for (const l of limits) {
      await q.query('INSERT INTO income_limits (table_id, household_size, free, reduced) VALUES ($1, $2, $3, $4)', [incomeTable, l.householdSize, JSON.stringify(l.free), JSON.stringify(l.reduced)]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM income_limits');
    await q.query('DELETE FROM income_tables');
    await q.query('DELETE FROM reimbursement_rates');
    await q.query('DELETE FROM rate_tables');
  }
}
