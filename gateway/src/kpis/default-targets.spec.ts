import { KPI_CATALOGUE, kpiDefinition } from './catalogue';
import { DEFAULT_KPI_TARGETS } from './default-targets';

describe('default KPI targets', () => {
  it('name KPIs of the catalogue that have a direction', () => {
    for (const id of Object.keys(DEFAULT_KPI_TARGETS)) {
      expect({ id, known: !!kpiDefinition(id) }).toEqual({ id, known: true });
      expect(kpiDefinition(id)!.direction).not.toBe('context');
    }
    expect(KPI_CATALOGUE.length).toBeGreaterThan(40);
  });
});
