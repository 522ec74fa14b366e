import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Grade, gradeRange } from '@district/contracts';
import { SchoolSeed, ageForGrade, capacityForScale, generateDistrict, generateStudents, parseBostonSchools } from './district-generator';

const HEADER = 'X,Y,SCH_ID,SCH_NAME,ADDRESS,CITY,ZIPCODE,SCH_TYPE';
const row = (over: Partial<Record<'x' | 'y' | 'id' | 'name' | 'type' | 'address', string>> = {}) =>
  [over.x ?? '-71.0041', over.y ?? '42.3888', over.id ?? '4061', over.name ?? 'Guild Elementary', over.address ?? '195 Leyden Street', 'East Boston', '02128', over.type ?? 'ES'].join(',');
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');

function haversineMiles(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const a = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 2 * 3958.8 * Math.asin(Math.sqrt(a));
}

describe('parseBostonSchools', () => {
  it('builds a school from a row', () => {
    const { schools, rejected } = parseBostonSchools(csv(row()));
    expect(rejected).toEqual([]);
    expect(schools).toEqual([
      expect.objectContaining({ code: '4061', name: 'Guild Elementary', address: '195 Leyden Street, East Boston, MA 02128', latitude: 42.3888, longitude: -71.0041 }),
    ]);
  });

  it.each<[string, Grade, Grade]>([
    ['ES', 'PK', '5'],
    ['K-8', 'PK', '8'],
    ['MS', '6', '8'],
    ['HS', '9', '12'],
    ['6/7-12', '6', '12'],
    ['K-12', 'K', '12'],
    ['ELC', 'PK', '1'],
    ['Special', 'K', '12'],
  ])('maps SCH_TYPE %s to grades %s..%s', (type, first, last) => {
    const [school] = parseBostonSchools(csv(row({ type }))).schools;
    expect(school.grades).toEqual(gradeRange(first, last));
  });

  it('rejects unusable rows with their file line and keeps the first of a repeated SCH_ID', () => {
    const text = csv(
      row({ id: '1' }), // line 2
      row({ id: '2', type: 'Charter' }),
      row({ id: '3', x: '', y: '' }),
      row({ id: '4', y: '40.7128', x: '-74.0060' }), // New York
      row({ id: '' }),
      row({ id: '6', name: '' }),
      row({ id: '1', name: 'Guild Annex' }),
      row({ id: '8', address: '"1 Main Street\nRear"' }), // a quoted line break: next row starts on line 11
      '1,2,3',
      row({ id: '10', x: '0x10' }),
    );
    const { schools, rejected } = parseBostonSchools(text);
    expect(schools.map((s) => s.code)).toEqual(['1', '8']);
    expect(schools[1].address).toBe('1 Main Street\nRear, East Boston, MA 02128');
    expect(rejected).toEqual([
      { line: 3, reason: 'unknown SCH_TYPE "Charter"' },
      { line: 4, reason: 'invalid coordinates X="" Y=""' },
      { line: 5, reason: 'coordinates (latitude 40.7128, longitude -74.006) are outside Boston' },
      { line: 6, reason: 'missing SCH_ID' },
      { line: 7, reason: 'missing SCH_NAME' },
      { line: 8, reason: 'duplicate SCH_ID 1, first seen on line 2' },
      { line: 11, reason: 'expected 8 fields, found 3' },
      { line: 12, reason: 'invalid coordinates X="0x10" Y="42.3888"' },
    ]);
  });

  it('fails on a file without the needed columns', () => {
    expect(() => parseBostonSchools('X,Y,NAME\n1,2,3')).toThrow('school CSV lacks column(s) SCH_ID, SCH_NAME, ADDRESS, CITY, ZIPCODE, SCH_TYPE');
  });

  it('gives each grade 40-120 seats (80-200 in grades 9-12) in steps of 5, the same every time', () => {
    const { schools } = parseBostonSchools(csv(row({ id: '1', type: 'K-12' }), row({ id: '2', type: 'HS' })));
    for (const school of schools) {
      for (const grade of school.grades) {
        const seats = school.capacity[grade]!;
        const [min, max] = ['9', '10', '11', '12'].includes(grade) ? [80, 200] : [40, 120];
        expect(seats % 5).toBe(0);
        expect(seats).toBeGreaterThanOrEqual(min);
        expect(seats).toBeLessThanOrEqual(max);
      }
    }
    expect(parseBostonSchools(csv(row({ id: '1', type: 'K-12' }))).schools[0].capacity).toEqual(schools[0].capacity);
  });

  it('reads the committed Boston file', () => {
    const text = readFileSync(join(__dirname, 'data', 'boston-public-schools-2018.csv'), 'utf8');
    const { schools, rejected } = parseBostonSchools(text);
    expect(schools.length).toBeGreaterThanOrEqual(120);
    // the three SCH_IDs listed twice in the source (see PROVENANCE.md)
    expect(rejected.map((r) => r.line)).toEqual([89, 126, 128]);
  });
});

describe('generateStudents', () => {
  const { schools } = parseBostonSchools(
    csv(row({ id: '1', type: 'K-8' }), row({ id: '2', type: 'HS', x: '-71.1', y: '42.3' }), row({ id: '3', type: 'ELC', x: '-71.05', y: '42.35' })),
  );
  const students = generateStudents(schools, { perGrade: 60, seed: 7 });
  const schoolByCode = new Map(schools.map((s) => [s.code, s]));

  it('is deterministic in the seed', () => {
    expect(JSON.stringify(generateStudents(schools, { perGrade: 60, seed: 7 }))).toBe(JSON.stringify(students));
    expect(JSON.stringify(generateStudents(schools, { perGrade: 60, seed: 8 }))).not.toBe(JSON.stringify(students));
  });

  it('gives every served grade about perGrade students, never more than its capacity', () => {
    for (const school of schools) {
      for (const grade of school.grades) {
        const count = students.filter((s) => s.schoolCode === school.code && s.grade === grade).length;
        expect(count).toBeLessThanOrEqual(school.capacity[grade]!);
        expect(count).toBeGreaterThanOrEqual(Math.min(48, school.capacity[grade]!));
        expect(count).toBeLessThanOrEqual(72);
      }
    }
    expect(students.every((s) => schoolByCode.get(s.schoolCode)!.grades.includes(s.grade))).toBe(true);
  });

  it('never exceeds capacity at a large scale either', () => {
    const crowded = generateStudents(schools, { perGrade: 500, seed: 1 });
    for (const school of schools) {
      for (const grade of school.grades) {
        expect(crowded.filter((s) => s.schoolCode === school.code && s.grade === grade)).toHaveLength(school.capacity[grade]!);
      }
    }
  });

  it('places homes 0.2 to 3 miles from the school, about 40% within a mile', () => {
    const miles = students.map((s) => {
      const school = schoolByCode.get(s.schoolCode)!;
      return haversineMiles(school.latitude, school.longitude, s.latitude, s.longitude);
    });
    // coordinates are rounded to 6 decimals (about 0.1 m)
    expect(Math.min(...miles)).toBeGreaterThanOrEqual(0.2 - 1e-3);
    expect(Math.max(...miles)).toBeLessThanOrEqual(3 + 1e-3);
    const withinAMile = miles.filter((m) => m < 1).length / miles.length;
    expect(withinAMile).toBeGreaterThan(0.33);
    expect(withinAMile).toBeLessThan(0.47);
    expect(students.every((s) => Number(s.latitude.toFixed(6)) === s.latitude && Number(s.longitude.toFixed(6)) === s.longitude)).toBe(true);
  });

  it('gives unique local ids of the form S + 7 digits', () => {
    expect(students.every((s) => /^S\d{7}$/.test(s.localId))).toBe(true);
    expect(new Set(students.map((s) => s.localId)).size).toBe(students.length);
  });

  it('links siblings both ways, sharing last name and home', () => {
    const byId = new Map(students.map((s) => [s.localId, s]));
    const withSiblings = students.filter((s) => s.siblingLocalIds.length > 0);
    for (const student of withSiblings) {
      for (const id of student.siblingLocalIds) {
        const sibling = byId.get(id)!;
        expect(sibling.siblingLocalIds).toContain(student.localId);
        expect(sibling).toMatchObject({ lastName: student.lastName, address: student.address, latitude: student.latitude, longitude: student.longitude });
      }
    }
    const share = withSiblings.length / students.length;
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.15);
  });

  it('gives birth dates that match the grade on September 1, 2026', () => {
    const ageOn = (birthDate: string) => {
      const [y, m, d] = birthDate.split('-').map(Number);
      return 2026 - y - (m > 9 || (m === 9 && d > 1) ? 1 : 0);
    };
    for (const s of students) {
      expect(s.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(ageOn(s.birthDate)).toBe(ageForGrade(s.grade));
    }
    expect(ageForGrade('PK')).toBe(4);
    expect(ageForGrade('K')).toBe(5);
    expect(ageForGrade('3')).toBe(8);
  });

  it('sets flags near their target rates', () => {
    const share = (flag: keyof (typeof students)[number]['flags']) => students.filter((s) => s.flags[flag]).length / students.length;
    expect(share('englishLearner')).toBeGreaterThan(0.1);
    expect(share('englishLearner')).toBeLessThan(0.2);
    expect(share('iepTransportation')).toBeLessThan(0.07);
    expect(share('mckinneyVento')).toBeLessThan(0.06);
  });

  it('makes nothing for no schools', () => {
    expect(generateStudents([] as SchoolSeed[], { perGrade: 60, seed: 1 })).toEqual([]);
  });
});

describe('generateDistrict', () => {
  it('combines schools, students and rejected rows at a named scale', () => {
    const text = csv(row({ id: '1' }), row({ id: '1' }));
    const district = generateDistrict(text, 'demo');
    expect(district.schools).toHaveLength(1);
    expect(district.rejected).toEqual([{ line: 3, reason: 'duplicate SCH_ID 1, first seen on line 2' }]);
    expect(district.students.length).toBeGreaterThan(7 * 4);
    expect(district.students.length).toBeLessThan(7 * 8);
    expect(JSON.stringify(generateDistrict(text, 'demo'))).toBe(JSON.stringify(district));
    expect(() => generateDistrict(text, 'huge' as 'demo')).toThrow('unknown scale "huge"');
  });
});

describe('capacity for a scale', () => {
  it('sizes seats to the scale so utilisation looks like a real district', () => {
    const cap = capacityForScale('4061', ['K', '1'], 60);
    expect(cap.K).toBe(cap['1']);
    expect(cap.K! % 5).toBe(0);
    expect(cap.K!).toBeGreaterThanOrEqual(60 * 1.05 - 5);
    expect(cap.K!).toBeLessThanOrEqual(60 * 1.4 + 5);
    expect(capacityForScale('4061', ['K'], 1).K).toBe(5);
  });
});
