import { Department, ENROLLMENT_KPIS, FACILITIES_KPIS, KpiDefinition, FOOD_KPIS, LABOR_RELATIONS_KPIS, TECHNOLOGY_KPIS, TRANSPORTATION_KPIS } from '@district/contracts';

/**
 * Every KPI the scorecard shows, from each department's contract. The gateway knows them even while a
 * department is down, so the scorecard can say which figures are unavailable rather than omit them.
 */
export const KPI_CATALOGUE: readonly KpiDefinition[] = [...ENROLLMENT_KPIS, ...TRANSPORTATION_KPIS, ...FOOD_KPIS, ...FACILITIES_KPIS, ...TECHNOLOGY_KPIS, ...LABOR_RELATIONS_KPIS];

const BY_ID = new Map(KPI_CATALOGUE.map((k) => [k.id, k]));

export function kpiDefinition(id: string): KpiDefinition | undefined {
  return BY_ID.get(id);
}

export function kpisOf(department: Department): KpiDefinition[] {
  return KPI_CATALOGUE.filter((k) => k.department === department);
}

export function kpiDepartments(): Department[] {
  return [...new Set(KPI_CATALOGUE.map((k) => k.department))];
}
