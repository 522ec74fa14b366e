import { Grade, gradeRange, haversineMiles, isGrade } from '@district/contracts';
import { OPEN_SEATS } from './seat-blocks';

/** Facts the policy can give priority for, at the program's school. */
export const PRIORITY_CRITERIA = ['continuing', 'sibling', 'walk-zone'] as const;
export type PriorityCriterion = (typeof PRIORITY_CRITERIA)[number];

/** One tier: a criterion, or a list of criteria an applicant must all meet (Boston's "sibling and walk zone"). */
export type TierRule = PriorityCriterion | readonly PriorityCriterion[];

/** Applicants applying to these grades are in a school's walk zone when home is within `maxDistanceMiles`. */
export interface WalkZoneBand {
  grades: Grade[];
  maxDistanceMiles: number;
}

export interface PriorityPolicy {
  /** best first: an applicant's tier at a program is the index of the first rule they meet, tiers.length if none */
  tiers: TierRule[];
  /** grades in no band get no walk-zone priority */
  walkZoneBands: WalkZoneBand[];
}

export interface GeoPoint {
  lat: number;
  lon: number;
}

export interface ChoiceApplicant {
  id: string;
  /** the grade applied for */
  grade: Grade;
  home: GeoPoint;
  /** the school the student attends now, if any: "continuing" priority there */
  currentSchoolId?: string;
  /** schools a sibling is enrolled at (and will be next year) */
  siblingSchoolIds: string[];
}

/**
 * A share of a program's seats with its own priority order (DOMAIN.md section 1, reserved-seat blocks). A program's
 * blocks are listed in precedence order; its seats outside every block are open seats, filled after all blocks
 * (exact semantics in seat-blocks.ts).
 */
export interface ReservedBlock {
  name: string;
  seats: number;
  /** this block's own tiers, best first; omitted: the policy's tiers */
  tiers?: TierRule[];
}

/** One (school, grade) program of a choice round. */
export interface ChoiceProgram {
  id: string;
  schoolId: string;
  grade: Grade;
  seats: number;
  school: GeoPoint;
  reservedBlocks?: ReservedBlock[];
}

/** BPS history (DOMAIN.md section 1), the default; districts configure their own. */
export const DEFAULT_PRIORITY_POLICY: PriorityPolicy = {
  tiers: ['continuing', 'sibling', 'walk-zone'],
  walkZoneBands: [
    { grades: gradeRange('PK', '5'), maxDistanceMiles: 1.0 },
    { grades: gradeRange('6', '8'), maxDistanceMiles: 1.5 },
    { grades: gradeRange('9', '12'), maxDistanceMiles: 2.0 },
  ],
};

/** Whether the applicant lives in the program's walk zone: within the band's distance ("within" includes it). */
export function inWalkZone(applicant: ChoiceApplicant, program: ChoiceProgram, policy: PriorityPolicy): boolean {
  const band = policy.walkZoneBands.find((b) => b.grades.includes(program.grade));
  if (!band) return false;
  return haversineMiles(applicant.home.lat, applicant.home.lon, program.school.lat, program.school.lon) <= band.maxDistanceMiles;
}

/** Index of the first rule the applicant meets at the program (0 = best), rules.length when none. */
export function tierUnder(rules: readonly TierRule[], applicant: ChoiceApplicant, program: ChoiceProgram, policy: PriorityPolicy): number {
  // walk zone costs a haversine: work it out at most once, and only if a rule asks
  let walkZone: boolean | undefined;
  const meets = (criterion: PriorityCriterion): boolean => {
    switch (criterion) {
      case 'continuing':
        return applicant.currentSchoolId === program.schoolId;
      case 'sibling':
        return applicant.siblingSchoolIds.includes(program.schoolId);
      case 'walk-zone':
        return (walkZone ??= inWalkZone(applicant, program, policy));
    }
  };
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (typeof rule === 'string' ? meets(rule) : rule.every(meets)) return i;
  }
  return rules.length;
}

/** The applicant's priority tier at the program under the policy (0 = best; tiers.length = everyone else). */
export function tierFor(applicant: ChoiceApplicant, program: ChoiceProgram, policy: PriorityPolicy): number {
  return tierUnder(policy.tiers, applicant, program, policy);
}

/** The applicant's tier at one reserved block of the program: the block's own tiers, or the policy's. */
export function blockTierFor(applicant: ChoiceApplicant, program: ChoiceProgram, block: ReservedBlock, policy: PriorityPolicy): number {
  return tierUnder(block.tiers ?? policy.tiers, applicant, program, policy);
}

const usesWalkZone = (rules: readonly TierRule[]) => rules.some((r) => (typeof r === 'string' ? r === 'walk-zone' : r.includes('walk-zone')));

function tierRulesProblems(rules: unknown, where: string): string[] {
  if (!Array.isArray(rules)) return [`${where} must be a list`];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  rules.forEach((rule: unknown, i) => {
    const criteria = typeof rule === 'string' ? [rule] : rule;
    if (!Array.isArray(criteria) || criteria.length === 0) {
      problems.push(`${where}[${i}] must be a criterion or a non-empty list of criteria`);
      return;
    }
    const bad = criteria.filter((c) => !(PRIORITY_CRITERIA as readonly unknown[]).includes(c));
    if (bad.length) {
      problems.push(`${where}[${i}]: ${bad.map(String).join(', ')} not one of ${PRIORITY_CRITERIA.join(', ')}`);
      return;
    }
    if (new Set(criteria).size !== criteria.length) problems.push(`${where}[${i}] repeats a criterion`);
    // the same set twice is a dead tier: nobody can reach the second one
    const key = [...new Set(criteria as string[])].sort().join('+');
    if (seen.has(key)) problems.push(`${where}[${i}] repeats ${where}[${seen.get(key)}]`);
    else seen.set(key, i);
  });
  return problems;
}

/** Problems with a configured policy (empty when valid): known criteria, each grade in at most one band, sane distances. */
export function policyProblems(p: unknown): string[] {
  const policy = p as Partial<PriorityPolicy>;
  if (!policy || typeof policy !== 'object' || !Array.isArray(policy.tiers) || !Array.isArray(policy.walkZoneBands)) {
    return ['policy must be an object with tiers and walkZoneBands lists'];
  }
  const problems = tierRulesProblems(policy.tiers, 'tiers');
  const seen = new Map<string, number>();
  policy.walkZoneBands.forEach((b, i) => {
    if (!b || !Array.isArray(b.grades) || b.grades.length === 0) problems.push(`walkZoneBands[${i}].grades must be a non-empty list`);
    else for (const g of b.grades) {
      if (!isGrade(g)) problems.push(`walkZoneBands[${i}].grades: ${String(g)} is not a grade`);
      else if (seen.has(g)) problems.push(`grade ${g} is in walkZoneBands ${seen.get(g)} and ${i}`);
      else seen.set(g, i);
    }
    if (typeof b?.maxDistanceMiles !== 'number' || !(b.maxDistanceMiles >= 0 && b.maxDistanceMiles <= 50)) {
      problems.push(`walkZoneBands[${i}].maxDistanceMiles must be between 0 and 50`);
    }
  });
  if (problems.length === 0 && usesWalkZone(policy.tiers) && policy.walkZoneBands.length === 0) {
    problems.push('a tier uses walk-zone but no walkZoneBands are configured');
  }
  return problems;
}

/** Problems with a program's reserved blocks (empty when valid): unique names, whole seats, no more than the program has. */
export function reservedBlocksProblems(blocks: unknown, programSeats: number, policy: PriorityPolicy): string[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return ['reservedBlocks must be a list'];
  const problems: string[] = [];
  const names = new Set<string>();
  let reserved = 0;
  blocks.forEach((raw: unknown, i) => {
    const b = raw as Partial<ReservedBlock> | null;
    if (!b || typeof b !== 'object') {
      problems.push(`reservedBlocks[${i}] must be an object`);
      return;
    }
    if (typeof b.name !== 'string' || b.name.trim() === '') problems.push(`reservedBlocks[${i}].name must be a non-empty string`);
    else if (b.name === OPEN_SEATS) problems.push(`reservedBlocks[${i}].name "${OPEN_SEATS}" is kept for the seats outside every block`);
    else if (names.has(b.name)) problems.push(`reservedBlocks[${i}].name ${b.name} is used twice`);
    else names.add(b.name);
    if (!Number.isInteger(b.seats) || (b.seats as number) < 0) problems.push(`reservedBlocks[${i}].seats must be a whole number of seats`);
    else reserved += b.seats as number;
    if (b.tiers !== undefined) {
      const tierProblems = tierRulesProblems(b.tiers, `reservedBlocks[${i}].tiers`);
      problems.push(...tierProblems);
      if (tierProblems.length === 0 && usesWalkZone(b.tiers) && policy.walkZoneBands.length === 0) {
        problems.push(`reservedBlocks[${i}] uses walk-zone but the policy has no walkZoneBands`);
      }
    }
  });
  if (reserved > programSeats) problems.push(`reserved blocks hold ${reserved} seats but the program has ${programSeats}`);
  return problems;
}
