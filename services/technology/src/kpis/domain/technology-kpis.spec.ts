import { districtFigures, emptyFigures, histogramMedian, kpiValues, lastDayOf, monthsBetween } from './technology-kpis';

describe('technology KPIs', () => {
  it('takes the median of a histogram, averaging the middle pair when even', () => {
    expect(histogramMedian(new Map([[60, 1], [120, 1], [600, 1]]))).toBe(120);
    expect(histogramMedian(new Map([[60, 2], [120, 2]]))).toBe(90);
    expect(histogramMedian(new Map([[30, 5], [900, 1]]))).toBe(30);
    expect(histogramMedian(new Map())).toBeNull();
  });

  it('computes every KPI from hand-checkable figures', () => {
    // 100 devices: 40 bought 2021-09-01 (over 4 years old on 2026-10-31), 10 bought 2024-09-01 but past update expiration, 50 bought 2026-08-01
    const f = {
      ...emptyFigures(),
      enrolled: 80,
      studentDevices: 60,
      cohorts: [
        { purchaseDate: '2021-09-01', autoUpdateExpiration: null, devices: 40 },
        { purchaseDate: '2024-09-01', autoUpdateExpiration: '2026-06-01', devices: 10 },
        { purchaseDate: '2026-08-01', autoUpdateExpiration: '2034-06-01', devices: 50 },
      ],
      repairsOpened: 3,
      devicesLost: 1,
      ticketsResolved: 4,
      ticketsFirstContact: 1,
      resolutionMinutes: new Map([[30, 1], [90, 1], [150, 1], [6000, 1]]),
      kbps: 40_000,
    };
    const v = kpiValues(f, '2026-10-31', 4);
    expect(v['technology.devices-per-student']).toBe(0.75);
    expect(v['technology.fleet-due-for-refresh']).toBe(50);
    // (40 × 1886 + 10 × 790 + 50 × 91) days / 100 / 365.25
    expect(v['technology.average-device-age']).toBeCloseTo((40 * 1886 + 10 * 790 + 50 * 91) / 100 / 365.25, 2);
    expect(v['technology.ticket-resolution-time']).toBe(2); // median of 30, 90, 150, 6000 minutes = 120 min
    expect(v['technology.first-contact-resolution']).toBe(25);
    expect(v['technology.repairs-per-100-devices']).toBe(3);
    expect(v['technology.loss-rate']).toBeCloseTo((1 / 101) * 100, 2);
    expect(v['technology.bandwidth-per-user']).toBe(500);
  });

  it('gives null, never a made-up zero, where there is nothing to compute from', () => {
    expect(Object.values(kpiValues(emptyFigures(), '2026-10-31', 4))).toEqual(Array(8).fill(null));
  });

  it('rolls up the district, bandwidth only over schools with a contract', () => {
    const a = { ...emptyFigures(), enrolled: 100, studentDevices: 90, kbps: 50_000, resolutionMinutes: new Map([[60, 1]]) };
    const b = { ...emptyFigures(), enrolled: 300, studentDevices: 210, kbps: null, resolutionMinutes: new Map([[180, 2]]) };
    const v = kpiValues(districtFigures([a, b]), '2026-10-31', 4);
    expect(v['technology.devices-per-student']).toBe(0.75);
    expect(v['technology.bandwidth-per-user']).toBe(500);
    expect(v['technology.ticket-resolution-time']).toBe(3);
  });

  it('lists months', () => {
    expect(monthsBetween('2026-11', '2027-02', 24)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-11', '2026-10', 24)).toBeUndefined();
    expect(monthsBetween('2026-01', '2028-01', 24)).toBeUndefined();
    expect(lastDayOf('2026-02')).toBe('2026-02-28');
    expect(lastDayOf('2028-02')).toBe('2028-02-29');
  });
});
