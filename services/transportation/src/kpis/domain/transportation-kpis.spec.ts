import { TRANSPORTATION_KPIS } from '@district/contracts';
import { districtKpis, EMPTY_OPERATIONS, schoolKpis } from './transportation-kpis';

describe('transportation KPIs', () => {
  const month = {
    ...EMPTY_OPERATIONS,
    amArrived: 40, amOnTime: 36, boardings: 1800, seats: 2400, amRideMinutes: 22_500, amRideRiders: 900, pmRideMinutes: 27_000, pmRideRiders: 900,
    runsOperated: 80, vehicleDays: 20,
    cost: 250_000, distinctRiders: 500, miles: 40_000, accidents: 2, fleetAge: 6.4567, coverage: { eligible: 520, riders: 494 },
  };

  it('computes each catalogue KPI from the month’s figures', () => {
    expect(districtKpis(month)).toEqual({
      'transportation.cost-per-rider': 500,
      'transportation.cost-per-mile': 6.25,
      'transportation.on-time-performance': 90,
      'transportation.daily-runs-per-bus': 4,
      'transportation.miles-between-accidents': 20_000,
      'transportation.accidents-per-100k-miles': 5,
      'transportation.seat-utilization': 75,
      'transportation.average-fleet-age': 6.46,
      'transportation.eligible-without-stop': 26,
      'transportation.eligible-without-stop-rate': 5,
      'transportation.average-ride-time-am': 25,
      'transportation.average-ride-time-pm': 30,
    });
  });

  it('covers exactly the catalogue, and per school exactly its per-school KPIs', () => {
    expect(Object.keys(districtKpis(month)).sort()).toEqual(TRANSPORTATION_KPIS.map((k) => k.id).sort());
    expect(Object.keys(schoolKpis(month, null)).sort()).toEqual(TRANSPORTATION_KPIS.filter((k) => k.perSchool).map((k) => k.id).sort());
  });

  it('gives null, never a made-up zero, where there is nothing to compute from', () => {
    const empty = districtKpis({ ...EMPTY_OPERATIONS, cost: null, distinctRiders: 0, miles: 0, accidents: 0, fleetAge: null, coverage: null });
    expect(Object.values(empty).every((v) => v === null)).toBe(true);
    // a month without accidents has no "miles between", but does have 0 accidents per 100,000 miles
    const safe = districtKpis({ ...month, accidents: 0 });
    expect(safe['transportation.miles-between-accidents']).toBeNull();
    expect(safe['transportation.accidents-per-100k-miles']).toBe(0);
  });
});
