/**
 * Builds a seed district from the real Boston Public Schools list (tools/seed/data, see PROVENANCE.md)
 * plus synthetic students. Pure: it gets the CSV text and returns data, so the same input and seed
 * always give the same output, byte for byte.
 */
import { Grade, SchoolSnapshot, StudentFlags, gradeIndex, gradeRange } from '@district/contracts';
import { parseCsv } from './csv';

/** A school to seed: a school's own fields (capacity is synthetic: the source has none). */
export type SchoolSeed = Omit<SchoolSnapshot, 'id' | 'version'>;

export interface StudentSeed {
  localId: string;
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  grade: Grade;
  address: string;
  latitude: number;
  longitude: number;
  flags: StudentFlags;
  schoolCode: string;
  siblingLocalIds: string[];
}

export interface RejectedRow {
  /** file line where the row starts (header = line 1) */
  line: number;
  reason: string;
}

export interface ParsedSchools {
  schools: SchoolSeed[];
  rejected: RejectedRow[];
}

export const SCALES = {
  demo: { perGrade: 6 },
  boston: { perGrade: 60 },
  large: { perGrade: 200 },
} as const;
export type Scale = keyof typeof SCALES;

export interface GeneratedDistrict extends ParsedSchools {
  students: StudentSeed[];
}

export function generateDistrict(csvText: string, scale: Scale, seed = 2026): GeneratedDistrict {
  if (!Object.hasOwn(SCALES, scale)) throw new RangeError(`unknown scale "${scale}"; use one of ${Object.keys(SCALES).join(', ')}`);
  const parsed = parseBostonSchools(csvText);
  const { perGrade } = SCALES[scale];
  const schools = parsed.schools.map((school) => ({ ...school, capacity: capacityForScale(school.code, school.grades, perGrade) }));
  const students = generateStudents(schools, { perGrade, seed });
  return { schools, students, rejected: parsed.rejected };
}

/**
 * Seats sized to the scale, so a seeded district shows the utilisation a real one has (about 70-95%):
 * perGrade × 1.05 to 1.40 (from a hash of the code), in steps of 5, at least 5.
 */
export function capacityForScale(code: string, grades: readonly Grade[], perGrade: number): Partial<Record<Grade, number>> {
  const factor = 1.05 + 0.05 * (fnv1a(`${code}/scale`) % 8);
  const seats = Math.max(5, Math.round((perGrade * factor) / 5) * 5);
  return Object.fromEntries(grades.map((grade) => [grade, seats]));
}

// ---------------------------------------------------------------------------------------------
// Schools

const REQUIRED_COLUMNS = ['X', 'Y', 'SCH_ID', 'SCH_NAME', 'ADDRESS', 'CITY', 'ZIPCODE', 'SCH_TYPE'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number];

/** SCH_TYPE is a band for the whole school, not the grades of one building (see data/PROVENANCE.md). */
const GRADES_BY_SCHOOL_TYPE = new Map<string, Grade[]>([
  ['ES', gradeRange('PK', '5')],
  ['K-8', gradeRange('PK', '8')],
  ['MS', gradeRange('6', '8')],
  ['HS', gradeRange('9', '12')],
  ['6/7-12', gradeRange('6', '12')],
  ['K-12', gradeRange('K', '12')],
  ['ELC', gradeRange('PK', '1')],
  ['Special', gradeRange('K', '12')],
]);

/** A rough box around the city: a point outside it is a geocoding error, not a Boston school. */
const BOSTON_BOUNDS = { minLatitude: 42.2, maxLatitude: 42.45, minLongitude: -71.2, maxLongitude: -70.9 };

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Reads the City of Boston "Public Schools" CSV. A row that cannot be used is reported with its
 * line and reason instead of being guessed at. For a repeated SCH_ID the first usable row wins.
 */
export function parseBostonSchools(csvText: string): ParsedSchools {
  const [header, ...rows] = parseCsv(csvText);
  if (!header) throw new Error('school CSV is empty');
  const names = header.fields.map((name) => name.trim());
  const missing = REQUIRED_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0) throw new Error(`school CSV lacks column(s) ${missing.join(', ')}`);
  const column = Object.fromEntries(REQUIRED_COLUMNS.map((name) => [name, names.indexOf(name)])) as Record<Column, number>;

  const schools: SchoolSeed[] = [];
  const rejected: RejectedRow[] = [];
  const firstLineByCode = new Map<string, number>();
  for (const { line, fields } of rows) {
    if (fields.length !== names.length) {
      rejected.push({ line, reason: `expected ${names.length} fields, found ${fields.length}` });
      continue;
    }
    const school = readSchool((name) => fields[column[name]].trim());
    if (typeof school === 'string') {
      rejected.push({ line, reason: school });
      continue;
    }
    const firstLine = firstLineByCode.get(school.code);
    if (firstLine !== undefined) {
      rejected.push({ line, reason: `duplicate SCH_ID ${school.code}, first seen on line ${firstLine}` });
      continue;
    }
    firstLineByCode.set(school.code, line);
    schools.push(school);
  }
  return { schools, rejected };
}

/** The school in one row, or why the row cannot be used. */
function readSchool(value: (column: Column) => string): SchoolSeed | string {
  const code = value('SCH_ID');
  const name = value('SCH_NAME');
  if (!code) return 'missing SCH_ID';
  if (!name) return 'missing SCH_NAME';
  const [street, city, zip] = [value('ADDRESS'), value('CITY'), value('ZIPCODE')];
  if (!street || !city || !zip) return 'missing ADDRESS, CITY or ZIPCODE';
  const type = value('SCH_TYPE');
  const grades = GRADES_BY_SCHOOL_TYPE.get(type);
  if (!grades) return `unknown SCH_TYPE "${type}"`;
  const [x, y] = [value('X'), value('Y')];
  if (!DECIMAL.test(x) || !DECIMAL.test(y)) return `invalid coordinates X="${x}" Y="${y}"`;
  const [latitude, longitude] = [Number(y), Number(x)];
  const b = BOSTON_BOUNDS;
  if (latitude < b.minLatitude || latitude > b.maxLatitude || longitude < b.minLongitude || longitude > b.maxLongitude) {
    return `coordinates (latitude ${latitude}, longitude ${longitude}) are outside Boston`;
  }
  return {
    code,
    name,
    address: `${street}, ${city}, MA ${zip}`,
    latitude,
    longitude,
    grades: [...grades],
    capacity: syntheticCapacity(code, grades),
  };
}

const HIGH_SCHOOL_GRADES: readonly Grade[] = gradeRange('9', '12');

/**
 * Synthetic seats per grade (the source has none). A hash of the school code sizes the school: 40 to
 * 120 seats in each grade, 80 to 200 in grades 9-12 (high schools are larger), in steps of 5. It
 * does not depend on the student seed, so capacity stays put when students are regenerated.
 */
export function syntheticCapacity(code: string, grades: readonly Grade[]): Partial<Record<Grade, number>> {
  const hash = fnv1a(code);
  const seats = (min: number, max: number) => min + 5 * (hash % ((max - min) / 5 + 1));
  const capacity: Partial<Record<Grade, number>> = {};
  for (const grade of grades) capacity[grade] = HIGH_SCHOOL_GRADES.includes(grade) ? seats(80, 200) : seats(40, 120);
  return capacity;
}

/** 32-bit FNV-1a: a tiny stable string hash. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Students

type Random = () => number;

/** mulberry32: a small seeded PRNG, so output depends on the seed alone (never Math.random). */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];
const between = (random: Random, min: number, max: number): number => min + random() * (max - min);

const FIRST_NAMES = [
  'Aaliyah', 'Ahmed', 'Aisha', 'Alejandro', 'Amara', 'Ana', 'Andre', 'Anh', 'Arjun', 'Ava',
  'Camila', 'Carlos', 'Chloe', 'Daniel', 'Darnell', 'Deja', 'Diego', 'Elena', 'Emeka', 'Emily',
  'Fatima', 'Gabriel', 'Hana', 'Ibrahim', 'Imani', 'Isabella', 'Jamal', 'Jasmine', 'Jayden', 'Jose',
  'Kenji', 'Keisha', 'Kevin', 'Laila', 'Liam', 'Linh', 'Lucas', 'Luis', 'Maria', 'Mateo',
  'Maya', 'Mei', 'Mohamed', 'Nadia', 'Naomi', 'Nia', 'Noah', 'Olivia', 'Omar', 'Priya',
  'Rafael', 'Samuel', 'Sean', 'Siobhan', 'Sofia', 'Tariq', 'Thiago', 'Valentina', 'Wei', 'Yusuf',
] as const;

const LAST_NAMES = [
  'Adams', 'Ali', 'Alvarez', 'Baptiste', 'Brown', 'Bui', 'Chen', 'Clarke', 'Cruz', 'Das',
  'Diaz', 'Dos Santos', 'Douglas', 'Fernandes', 'Flores', 'Garcia', 'Gomes', 'Gonzalez', 'Haile', 'Hassan',
  'Hernandez', 'Huang', 'Ibrahim', 'Jackson', 'Jean-Baptiste', 'Johnson', 'Kim', 'Lee', 'Lopez', 'Martinez',
  'Mendes', 'Mohamed', 'Morales', 'Murphy', 'Nguyen', "O'Brien", 'Okafor', 'Ortiz', 'Osei', 'Patel',
  'Pereira', 'Pierre', 'Ramirez', 'Reyes', 'Rivera', 'Robinson', 'Rodriguez', 'Santos', 'Shah', 'Silva',
  'Singh', 'Smith', 'Sullivan', 'Tran', 'Walsh', 'Washington', 'Williams', 'Wong', 'Yang', 'Zhang',
] as const;

// Generic names, so a synthetic address is never mistaken for a real student's home.
const STREET_NAMES = [
  'Example', 'Maple', 'Oak', 'Elm', 'Cedar', 'Pine', 'Birch', 'Willow', 'Spruce', 'Aspen',
  'Meadow', 'Orchard', 'Garden', 'Hillside', 'Lakeview', 'Riverbend', 'Summit', 'Sunset', 'Harbor', 'Juniper',
] as const;
const STREET_SUFFIXES = ['St', 'Ave', 'Rd', 'Ter', 'Way'] as const;
const STUDENT_CITY = 'Boston, MA';

/** Shares of students with each flag, near Boston's published rates. */
const FLAG_RATES = { iepTransportation: 0.03, englishLearner: 0.15, mckinneyVento: 0.02 };
/** Share of students who live with a sibling at the same school. */
const SIBLING_SHARE = 0.1;
/** Share of homes inside the 1-mile walk zone; the rest lie 1 to 3 miles out. */
const WALK_ZONE_SHARE = 0.4;
const MIN_HOME_MILES = 0.2;
const WALK_ZONE_MILES = 1;
const MAX_HOME_MILES = 3;
/** Earth radius 3958.8 miles x pi/180: "about 69", and the same figure a haversine check uses. */
export const MILES_PER_DEGREE_LATITUDE = 69.09;
/** Ages are counted on September 1, 2026, the start of school year 2026-27. */
const AGE_CUTOFF = { year: 2026, monthIndex: 8, day: 1 };
const DAY_MS = 86_400_000;
const MAX_LOCAL_ID = 9_999_999;

/**
 * Synthetic students for each grade each school serves: about `perGrade` (+/-20%), never more than
 * the grade's capacity. Deterministic in `seed`.
 */
export function generateStudents(schools: readonly SchoolSeed[], opts: { perGrade: number; seed: number }): StudentSeed[] {
  if (!Number.isInteger(opts.perGrade) || opts.perGrade < 0) throw new RangeError('perGrade must be a non-negative integer');
  if (!Number.isInteger(opts.seed)) throw new RangeError('seed must be an integer');
  const random = mulberry32(opts.seed);
  const students: StudentSeed[] = [];
  let nextLocalId = 1;
  for (const school of schools) {
    const atSchool: StudentSeed[] = [];
    for (const grade of school.grades) {
      const wanted = Math.round(opts.perGrade * between(random, 0.8, 1.2));
      const count = Math.min(wanted, school.capacity[grade] ?? wanted);
      for (let n = 0; n < count; n++) {
        if (nextLocalId > MAX_LOCAL_ID) throw new RangeError('more students than 7-digit local ids');
        atSchool.push(newStudent(`S${String(nextLocalId++).padStart(7, '0')}`, school, grade, random));
      }
    }
    formHouseholds(atSchool, random);
    for (const student of atSchool) students.push(student);
  }
  return students;
}

function newStudent(localId: string, school: SchoolSeed, grade: Grade, random: Random): StudentSeed {
  return {
    localId,
    firstName: pick(random, FIRST_NAMES),
    lastName: pick(random, LAST_NAMES),
    birthDate: birthDateFor(grade, random),
    grade,
    address: `${1 + Math.floor(random() * 999)} ${pick(random, STREET_NAMES)} ${pick(random, STREET_SUFFIXES)}, ${STUDENT_CITY}`,
    ...homeNear(school, random),
    flags: {
      iepTransportation: random() < FLAG_RATES.iepTransportation,
      englishLearner: random() < FLAG_RATES.englishLearner,
      mckinneyVento: random() < FLAG_RATES.mckinneyVento,
    },
    schoolCode: school.code,
    siblingLocalIds: [],
  };
}

/** Age on September 1 of the school year: PK 4, K 5, grade n 5 + n. */
export function ageForGrade(grade: Grade): number {
  return gradeIndex(grade) + 4;
}

/** A birth date that makes the student exactly ageForGrade(grade) on September 1, 2026. */
function birthDateFor(grade: Grade, random: Random): string {
  const age = ageForGrade(grade);
  const latest = Date.UTC(AGE_CUTOFF.year - age, AGE_CUTOFF.monthIndex, AGE_CUTOFF.day);
  const earliest = Date.UTC(AGE_CUTOFF.year - age - 1, AGE_CUTOFF.monthIndex, AGE_CUTOFF.day + 1);
  const days = Math.round((latest - earliest) / DAY_MS);
  return new Date(earliest + Math.floor(random() * (days + 1)) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * A home 0.2 to 3 miles from the school in a uniform direction. WALK_ZONE_SHARE of homes fall within
 * a mile so that both walkers and riders are common when transportation decides eligibility.
 */
function homeNear(school: SchoolSeed, random: Random): { latitude: number; longitude: number } {
  const miles =
    random() < WALK_ZONE_SHARE
      ? between(random, MIN_HOME_MILES, WALK_ZONE_MILES)
      : between(random, WALK_ZONE_MILES, MAX_HOME_MILES);
  const angle = random() * 2 * Math.PI;
  const milesPerDegreeLongitude = MILES_PER_DEGREE_LATITUDE * Math.cos((school.latitude * Math.PI) / 180);
  return {
    latitude: roundTo6(school.latitude + (miles * Math.cos(angle)) / MILES_PER_DEGREE_LATITUDE),
    longitude: roundTo6(school.longitude + (miles * Math.sin(angle)) / milesPerDegreeLongitude),
  };
}

const roundTo6 = (value: number): number => Math.round(value * 1e6) / 1e6;

/**
 * Pairs students of one school into households: the second takes the first's last name, home and
 * McKinney-Vento status (housing is the household's), and each lists the other. Pairs stay within a
 * school so both homes stay 0.2-3 miles from it.
 */
function formHouseholds(students: StudentSeed[], random: Random): void {
  const unpaired = (s: StudentSeed) => s.siblingLocalIds.length === 0;
  for (const student of students) {
    // a pair puts two students in a household, so start one for half the target share
    if (!unpaired(student) || random() >= SIBLING_SHARE / 2) continue;
    for (let attempt = 0; attempt < 10; attempt++) {
      const sibling = pick(random, students);
      if (sibling === student || !unpaired(sibling) || sibling.grade === student.grade) continue;
      sibling.lastName = student.lastName;
      sibling.address = student.address;
      sibling.latitude = student.latitude;
      sibling.longitude = student.longitude;
      sibling.flags.mckinneyVento = student.flags.mckinneyVento;
      student.siblingLocalIds.push(sibling.localId);
      sibling.siblingLocalIds.push(student.localId);
      break;
    }
  }
}
