import { ChoiceRoundInput, runChoiceRound } from './domain/choice-round';
import { mulberry32, uniformBelow } from './domain/lottery';
import { ChoiceApplicant, ChoiceProgram, DEFAULT_PRIORITY_POLICY } from './domain/priority-policy';

/**
 * Benchmark of a district-scale choice round (run by `npm run bench`): applicants × choices over schools,
 * the whole pure round (tiers, lottery, deferred acceptance, waitlists). Prints one JSON line:
 * median seconds of 3 runs, and the same-run floor of sorting every (applicant, choice) key once.
 */
function instance(applicants: number, schools: number, choices: number): ChoiceRoundInput {
  const next = mulberry32(2027);
  const rand = () => next() / 2 ** 32;
  const programs: ChoiceProgram[] = Array.from({ length: schools }, (_, i) => ({
    id: `p${i}`, schoolId: `s${i}`, grade: 'K', seats: Math.round((applicants / schools) * (0.6 + rand() * 0.6)),
    school: { lat: 42.25 + rand() * 0.2, lon: -71.15 + rand() * 0.2 },
  }));
  const list: ChoiceApplicant[] = [];
  const applications = [];
  for (let i = 0; i < applicants; i++) {
    list.push({
      id: `a${i}`, grade: 'K', home: { lat: 42.25 + rand() * 0.2, lon: -71.15 + rand() * 0.2 },
      siblingSchoolIds: rand() < 0.15 ? [`s${uniformBelow(next, schools)}`] : [],
    });
    const picked = new Set<number>();
    while (picked.size < Math.min(choices, schools)) picked.add(uniformBelow(next, schools));
    applications.push({ applicantId: `a${i}`, choices: [...picked].map((p) => `p${p}`) });
  }
  return { applicants: list, programs, applications, policy: DEFAULT_PRIORITY_POLICY, seed: 'bench' };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  const [applicants, schools, choices] = [50_000, 125, 10];
  const input = instance(applicants, schools, choices);
  const runs: number[] = [];
  let assigned = 0;
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    const result = runChoiceRound(input);
    runs.push((performance.now() - t) / 1000);
    assigned = result.rows.filter((row) => row.assignedProgramId).length;
  }
  const floors: number[] = [];
  for (let r = 0; r < 3; r++) {
    const keys = Float64Array.from({ length: applicants * choices }, () => Math.random());
    const t = performance.now();
    keys.sort();
    floors.push((performance.now() - t) / 1000);
  }
  process.stdout.write(`${JSON.stringify({ applicants, schools, choices, assigned, seconds: median(runs), floorSeconds: median(floors) })}\n`);
}

main();
