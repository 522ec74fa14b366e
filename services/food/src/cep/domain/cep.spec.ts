import { cepPercentages, DEFAULT_CEP_POLICY, parseCepRounding, value } from './cep';

describe('CEP claiming percentages', () => {
  it('ISP 25 %: qualifies exactly at the minimum, 40 % free, 60 % paid', () => {
    const p = cepPercentages(100, 400);
    expect(p.qualifies).toBe(true);
    expect(p.free).toEqual({ num: 2, den: 5 });
    expect(p.paid).toEqual({ num: 3, den: 5 });
  });

  it('just under 25 % does not qualify', () => {
    expect(cepPercentages(99, 400).qualifies).toBe(false);
  });

  it('ISP 40 %: 64 % free', () => {
    expect(value(cepPercentages(40, 100).free)).toBe(0.64);
    expect(value(cepPercentages(40, 100).paid)).toBe(0.36);
  });

  it('ISP 62.5 %: exactly 100 % free, nothing paid', () => {
    const p = cepPercentages(5, 8);
    expect(p.free).toEqual({ num: 1, den: 1 });
    expect(p.paid.num).toBe(0);
  });

  it('ISP 80 %: capped at 100 % free', () => {
    expect(cepPercentages(80, 100).free).toEqual({ num: 1, den: 1 });
  });

  it('keeps full precision by default (ISP 1/3 → 8/15 free)', () => {
    expect(cepPercentages(1, 3).free).toEqual({ num: 8, den: 15 });
  });

  it('applies a configured rounding rule to the free percentage', () => {
    // 8/15 = 53.3333…%
    expect(value(cepPercentages(1, 3, { ...DEFAULT_CEP_POLICY, rounding: { mode: 'round', decimals: 2 } }).free)).toBe(0.5333);
    // 3/7 × 1.6 = 68.5714…%
    expect(value(cepPercentages(3, 7, { ...DEFAULT_CEP_POLICY, rounding: { mode: 'round', decimals: 1 } }).free)).toBe(0.686);
    expect(value(cepPercentages(3, 7, { ...DEFAULT_CEP_POLICY, rounding: { mode: 'truncate', decimals: 1 } }).free)).toBe(0.685);
  });

  it('follows a configured multiplier and minimum', () => {
    expect(cepPercentages(30, 100, { minimumIsp: 0.4, multiplier: 1.6, rounding: { mode: 'none' } }).qualifies).toBe(false);
    expect(value(cepPercentages(30, 100, { minimumIsp: 0.25, multiplier: 1.3, rounding: { mode: 'none' } }).free)).toBe(0.39);
  });

  it('parses rounding settings', () => {
    expect(parseCepRounding('none')).toEqual({ mode: 'none' });
    expect(parseCepRounding('round:2')).toEqual({ mode: 'round', decimals: 2 });
    expect(parseCepRounding('floor:2')).toBeNull();
  });
});
