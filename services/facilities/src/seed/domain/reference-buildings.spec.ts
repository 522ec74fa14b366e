import { readFileSync } from 'node:fs';
import path from 'node:path';
import { mulberry32 } from '@district/seed-data';
import { gradeBand, nameKey, parseReferenceBuildings, referenceFor } from './reference-buildings';

const refs = parseReferenceBuildings(readFileSync(path.join(__dirname, '..', 'data', 'baltimore-city-school-buildings-sy2122.csv'), 'utf8'));

describe('reference buildings (Baltimore City Public Schools inventory)', () => {
  it('keeps the 135 buildings with square feet and year built', () => {
    expect(refs).toHaveLength(135);
    expect(refs[0]).toMatchObject({ buildingName: 'Abbottston Bldg', squareFeet: 65_762, yearBuilt: 1932, condition: 'Poor', gradeBand: 'elementary' });
    expect(refs.filter((r) => r.gradeBand === 'high').length).toBeGreaterThan(15);
  });

  it('bands grade spans', () => {
    expect([gradeBand('PK', '5'), gradeBand('PK', '8'), gradeBand('6', '8'), gradeBand('9', '12'), gradeBand('K', '12')]).toEqual(['elementary', 'k-8', 'middle', 'high', 'other']);
  });

  it('matches a school by its distinctive name, else samples a building of the same band', () => {
    expect(nameKey('Abbottston Elementary School')).toBe('abbottston');
    expect(referenceFor({ name: 'Abbottston Elementary', grades: ['PK', '5'] }, refs, mulberry32(1))).toMatchObject({ how: 'matched', ref: { buildingName: 'Abbottston Bldg' } });
    const sampled = referenceFor({ name: 'Madison Park Technical Vocational High', grades: ['9', '10', '11', '12'] }, refs, mulberry32(1));
    expect(sampled.how).toBe('sampled');
    expect(sampled.ref.gradeBand).toBe('high');
  });
});
