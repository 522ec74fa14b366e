import { ContractDates, expiredCoverage, expiringWithin, inForce, statusOnRatification, underExpiredContract } from './contract-status';

const c = (over: Partial<ContractDates>): ContractDates => ({
  id: 'c', unitId: 'u', status: 'active', effectiveOn: '2023-09-01', expiresOn: '2026-08-31', ratifiedOn: '2023-06-01', ...over,
});

describe('contract coverage', () => {
  it('a ratified contract is in force within its term', () => {
    expect(inForce(c({}), '2026-08-31')).toBe(true);
    expect(inForce(c({}), '2026-09-01')).toBe(false);
    expect(inForce(c({ status: 'in-negotiation', ratifiedOn: null }), '2025-01-01')).toBe(false);
  });

  it('a contract ratified after its effective date applies from ratification', () => {
    const late = c({ effectiveOn: '2026-07-01', expiresOn: '2029-06-30', ratifiedOn: '2026-10-15' });
    expect(inForce(late, '2026-09-30')).toBe(false);
    expect(inForce(late, '2026-10-15')).toBe(true);
  });

  it('a unit is under an expired contract between expiry and its successor’s ratification', () => {
    const old = c({ id: 'old', status: 'superseded', effectiveOn: '2023-07-01', expiresOn: '2026-06-30' });
    const next = c({ id: 'new', effectiveOn: '2026-07-01', expiresOn: '2029-06-30', ratifiedOn: '2026-10-15' });
    expect(underExpiredContract([old, next], '2026-06-30')).toBe(false);
    expect(underExpiredContract([old, next], '2026-09-30')).toBe(true);
    expect(underExpiredContract([old, next], '2026-10-31')).toBe(false);
    expect(underExpiredContract([c({ status: 'in-negotiation', ratifiedOn: null })], '2030-01-01')).toBe(false); // never had a contract
  });

  it('counts units and workforce under expired contracts', () => {
    const units = [{ id: 'teachers', employeeCount: 300 }, { id: 'custodians', employeeCount: 100 }];
    const contracts = [
      c({ id: 't', unitId: 'teachers', status: 'expired', expiresOn: '2026-08-31' }),
      c({ id: 'k', unitId: 'custodians', effectiveOn: '2024-01-01', expiresOn: '2026-12-31' }),
    ];
    expect(expiredCoverage(units, contracts, '2026-11-30')).toEqual({ units: 1, workforcePct: 75 });
    expect(expiredCoverage(units, contracts, '2026-08-31')).toEqual({ units: 0, workforcePct: 0 });
    expect(expiredCoverage([], [], '2026-08-31')).toEqual({ units: 0, workforcePct: null });
  });

  it('lists contracts expiring within a window', () => {
    const k = c({ id: 'k', effectiveOn: '2024-01-01', expiresOn: '2026-12-31' });
    expect(expiringWithin([k, c({ id: 'far', expiresOn: '2028-06-30' })], '2026-11-23', 180).map((x) => x.id)).toEqual(['k']);
    expect(expiringWithin([k], '2026-06-30', 180)).toEqual([]); // Dec 31 is 184 days after Jun 30
  });

  it('a ratified contract is active once its effective date has come', () => {
    expect(statusOnRatification({ effectiveOn: '2026-07-01' }, '2026-10-15')).toBe('active');
    expect(statusOnRatification({ effectiveOn: '2027-01-01' }, '2026-10-15')).toBe('ratified');
  });
});
