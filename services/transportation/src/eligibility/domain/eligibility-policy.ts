import { GRADES, Grade, gradeRange, isGrade } from '@district/contracts';

export type Mode = 'yellow-bus' | 'transit-pass';

/** Students in these grades get `mode` when they live more than `minDistanceMiles` from school (0: everyone). */
export interface GradeBand {
  grades: Grade[];
  mode: Mode;
  minDistanceMiles: number;
}

export interface EligibilityPolicy {
  bands: GradeBand[];
  /** an IEP that specifies transportation gets this mode whatever the distance */
  iepMode: Mode;
  /** McKinney-Vento students are transported to their school of origin whatever the distance */
  mckinneyVentoEligible: boolean;
}

/** Boston Public Schools' policy (DOMAIN.md section 2), the default; districts configure their own. */
export const DEFAULT_ELIGIBILITY_POLICY: EligibilityPolicy = {
  bands: [
    { grades: gradeRange('PK', '5'), mode: 'yellow-bus', minDistanceMiles: 1.0 },
    { grades: ['6'], mode: 'yellow-bus', minDistanceMiles: 1.5 },
    { grades: gradeRange('7', '12'), mode: 'transit-pass', minDistanceMiles: 0 },
  ],
  iepMode: 'yellow-bus',
  mckinneyVentoEligible: true,
};

/** Problems with a configured policy (empty when valid): every grade in exactly one band, sane distances. */
export function policyProblems(p: unknown): string[] {
  const problems: string[] = [];
  const policy = p as Partial<EligibilityPolicy>;
  if (!policy || typeof policy !== 'object' || !Array.isArray(policy.bands)) return ['policy must be an object with a bands list'];
  const seen = new Map<string, number>();
  policy.bands.forEach((b, i) => {
    if (!b || !Array.isArray(b.grades) || b.grades.length === 0) problems.push(`bands[${i}].grades must be a non-empty list`);
    else for (const g of b.grades) {
      if (!isGrade(g)) problems.push(`bands[${i}].grades: ${String(g)} is not a grade`);
      else if (seen.has(g)) problems.push(`grade ${g} is in bands ${seen.get(g)} and ${i}`);
      else seen.set(g, i);
    }
    if (b?.mode !== 'yellow-bus' && b?.mode !== 'transit-pass') problems.push(`bands[${i}].mode must be yellow-bus or transit-pass`);
    if (typeof b?.minDistanceMiles !== 'number' || !(b.minDistanceMiles >= 0 && b.minDistanceMiles <= 50)) problems.push(`bands[${i}].minDistanceMiles must be between 0 and 50`);
  });
  const missing = GRADES.filter((g) => !seen.has(g));
  if (missing.length) problems.push(`no band for grades ${missing.join(', ')}`);
  if (policy.iepMode !== 'yellow-bus' && policy.iepMode !== 'transit-pass') problems.push('iepMode must be yellow-bus or transit-pass');
  if (typeof policy.mckinneyVentoEligible !== 'boolean') problems.push('mckinneyVentoEligible must be true or false');
  return problems;
}
