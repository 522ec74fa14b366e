import { DEFAULT_FCI_BANDS, fciBand, fciPercent, parseFciBands } from './fci';

describe('Facility Condition Index', () => {
  it('is deficiencies over replacement value, in percent', () => {
    expect(fciPercent(250_000, 10_000_000)).toBeCloseTo(2.5);
    expect(fciPercent(1, null)).toBeNull();
    expect(fciPercent(1, 0)).toBeNull();
  });

  it('puts each cut point in the worse band', () => {
    const band = (x: number) => fciBand(x, DEFAULT_FCI_BANDS);
    expect([0, 4.999, 5, 9.999, 10, 29.999, 30, 250].map(band)).toEqual(['good', 'good', 'fair', 'fair', 'poor', 'poor', 'critical', 'critical']);
    expect(fciBand(null, DEFAULT_FCI_BANDS)).toBeNull();
  });

  it('takes its cut points from configuration', () => {
    const bands = parseFciBands('2, 6, 20');
    expect(bands).toEqual({ fair: 2, poor: 6, critical: 20 });
    expect(fciBand(6, bands as never)).toBe('poor');
    expect(parseFciBands('10,5,30')).toMatch(/increase/);
    expect(parseFciBands('5,10')).toMatch(/three/);
    expect(parseFciBands('5,x,30')).toMatch(/three/);
  });
});
