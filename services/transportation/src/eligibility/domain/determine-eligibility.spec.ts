import { determineEligibility } from './determine-eligibility';
import { haversineMiles } from '@district/contracts';
import { DEFAULT_ELIGIBILITY_POLICY as policy, policyProblems } from './eligibility-policy';

const school = { latitude: 42.3601, longitude: -71.0589 };
/** a point `miles` due north of the school */
const north = (miles: number) => ({ latitude: school.latitude + miles / 69.055, longitude: school.longitude });
const none = { iepTransportation: false, mckinneyVento: false };

describe('haversine distance', () => {
  it('matches a known distance (Boston City Hall to Logan airport, about 2.2 miles)', () => {
    expect(haversineMiles(42.3603, -71.0580, 42.3656, -71.0096)).toBeCloseTo(2.47, 1);
  });
  it('is zero for the same point and symmetric', () => {
    expect(haversineMiles(42, -71, 42, -71)).toBe(0);
    expect(haversineMiles(42, -71, 42.1, -71.2)).toBeCloseTo(haversineMiles(42.1, -71.2, 42, -71), 10);
  });
});

describe('eligibility (BPS default policy)', () => {
  it('K-5 ride a yellow bus only beyond 1.0 mile', () => {
    expect(determineEligibility({ grade: '3', home: north(1.2), school, flags: none }, policy)).toMatchObject({ status: 'yellow-bus', reason: 'distance' });
    expect(determineEligibility({ grade: 'K', home: north(0.8), school, flags: none }, policy)).toMatchObject({ status: 'not-eligible', reason: 'within-walk-distance' });
  });

  it('grade 6 needs more than 1.5 miles', () => {
    expect(determineEligibility({ grade: '6', home: north(1.3), school, flags: none }, policy).status).toBe('not-eligible');
    expect(determineEligibility({ grade: '6', home: north(1.7), school, flags: none }, policy).status).toBe('yellow-bus');
  });

  it('grades 7-12 get a transit pass instead of a yellow bus', () => {
    expect(determineEligibility({ grade: '9', home: north(0.3), school, flags: none }, policy)).toMatchObject({ status: 'transit-pass' });
  });

  it('an IEP with transportation is eligible whatever the distance', () => {
    expect(determineEligibility({ grade: '2', home: north(0.1), school, flags: { iepTransportation: true, mckinneyVento: false } }, policy)).toMatchObject({ status: 'yellow-bus', reason: 'iep' });
  });

  it('McKinney-Vento students are transported whatever the distance', () => {
    expect(determineEligibility({ grade: '4', home: north(0.2), school, flags: { iepTransportation: false, mckinneyVento: true } }, policy)).toMatchObject({ status: 'yellow-bus', reason: 'mckinney-vento' });
  });

  it('reports the distance in miles', () => {
    expect(determineEligibility({ grade: '3', home: north(2), school, flags: none }, policy).distanceMiles).toBeCloseTo(2, 1);
  });

  it('follows a configured policy, not literals', () => {
    const strict = { ...policy, bands: [{ ...policy.bands[0], minDistanceMiles: 2 }, ...policy.bands.slice(1)] };
    expect(determineEligibility({ grade: '3', home: north(1.5), school, flags: none }, strict).status).toBe('not-eligible');
  });
});

describe('policy validation', () => {
  it('accepts the default', () => expect(policyProblems(policy)).toEqual([]));
  it('names grades without a band, overlapping bands and bad distances', () => {
    const problems = policyProblems({ ...policy, bands: [{ grades: ['K', 'K'], mode: 'yellow-bus', minDistanceMiles: -1 }] });
    expect(problems.join('\n')).toMatch(/grade K is in bands 0 and 0/);
    expect(problems.join('\n')).toMatch(/minDistanceMiles/);
    expect(problems.join('\n')).toMatch(/no band for grades PK, 1/);
  });
});
