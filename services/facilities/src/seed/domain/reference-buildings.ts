import { parseCsv } from '@district/seed-data';

/** A real school building from the Baltimore City Public Schools inventory (seed/data/PROVENANCE.md). */
export interface ReferenceBuilding {
  line: number;
  buildingNumber: string;
  buildingName: string;
  programName: string;
  gradeBand: GradeBand;
  squareFeet: number;
  yearBuilt: number;
  /** the source's physical condition category: Good, Fair, Poor, New Construction (or empty) */
  condition: string;
}

export type GradeBand = 'elementary' | 'k-8' | 'middle' | 'high' | 'other';

/** Band of a grade span, from "PK-5"-like text or a list of grades. */
export function gradeBand(low: string, high: string): GradeBand {
  const n = (g: string) => (g === 'PK' ? -1 : g === 'K' ? 0 : Number(g));
  const lo = n(low);
  const hi = n(high);
  if (Number.isNaN(lo) || Number.isNaN(hi)) return 'other';
  if (hi <= 5) return 'elementary';
  if (lo <= 2 && hi <= 8) return 'k-8';
  if (lo >= 3 && hi <= 8) return 'middle';
  if (lo >= 6) return 'high';
  return 'other';
}

/** Parses the inventory; rows without square feet or year built (buildings the district does not own) are left out. */
export function parseReferenceBuildings(csvText: string): ReferenceBuilding[] {
  const [header, ...records] = parseCsv(csvText);
  const col = (name: string) => {
    const i = header.fields.indexOf(name);
    if (i < 0) throw new Error(`building inventory: column ${name} is missing`);
    return i;
  };
  const c = {
    number: col('bldg_number'), name: col('bldg_name'), program: col('program_name'), grades: col('grade_config'),
    sqft: col('total_sqft'), year: col('year_built_original'), condition: col('physical_condition_fci_category'),
  };
  const out: ReferenceBuilding[] = [];
  for (const r of records) {
    const sqft = Number(r.fields[c.sqft]);
    const year = Number(r.fields[c.year]);
    if (!r.fields[c.sqft]?.trim() || !r.fields[c.year]?.trim() || !(sqft > 0) || !(year > 1700)) continue;
    const span = /^'?(PK|K|\d+)\s*(?:-|to)\s*(PK|K|\d+)$/.exec(r.fields[c.grades].trim());
    out.push({
      line: r.line, buildingNumber: r.fields[c.number], buildingName: r.fields[c.name], programName: r.fields[c.program],
      gradeBand: span ? gradeBand(span[1], span[2]) : 'other', squareFeet: sqft, yearBuilt: year, condition: r.fields[c.condition].trim(),
    });
  }
  return out;
}

const STOP = new Set(['bldg', 'building', 'e', 'em', 'ms', 'hs', 'es', 'elementary', 'middle', 'high', 'school', 'academy', 'k', 'the', 'of', 'upper', 'lower', 'elem', 'and', 'at']);

/** A school or building name reduced to its distinctive words, for matching. */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z ]/g, ' ').split(/\s+/).filter((w) => w && !STOP.has(w)).join(' ');
}

/**
 * The reference building for a school: the one with the same distinctive name when there is one
 * (`matched`), else one drawn from the buildings serving the same grade band (`sampled`), so square
 * feet and age follow the real distribution for that kind of school.
 */
export function referenceFor(
  school: { name: string; grades: string[] },
  refs: readonly ReferenceBuilding[],
  random: () => number,
): { ref: ReferenceBuilding; how: 'matched' | 'sampled' } {
  const key = nameKey(school.name);
  const match = key ? refs.find((r) => nameKey(r.programName) === key || nameKey(r.buildingName) === key) : undefined;
  if (match) return { ref: match, how: 'matched' };
  const band = school.grades.length ? gradeBand(school.grades[0], school.grades[school.grades.length - 1]) : 'other';
  const same = refs.filter((r) => r.gradeBand === band);
  const pool = same.length ? same : refs;
  return { ref: pool[Math.floor(random() * pool.length)], how: 'sampled' };
}

/** A target FCI (in %) for a building, from the source's condition category. */
export function targetFci(condition: string, random: () => number): number {
  const between = (a: number, b: number) => a + random() * (b - a);
  switch (condition) {
    case 'New Construction':
      return between(0.5, 3);
    case 'Good':
      return between(1, 4.5);
    case 'Fair':
      return between(5, 9.5);
    case 'Poor':
      return random() < 0.15 ? between(30, 42) : between(10, 28);
    default:
      return between(3, 15);
  }
}
