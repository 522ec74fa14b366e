import type { DaInput } from './deferred-acceptance';
import { chooseBySlots, ranksBefore } from './seat-blocks';

/**
 * Audits of an assignment, independent of how it was computed: a run can be checked after the fact,
 * and the tests check deferred acceptance with them.
 */

export interface BlockingPair {
  applicantId: string;
  /** a program the applicant ranks above their assignment */
  programId: string;
  /** `free-seat`: the program has an empty seat; `outranks-holder`: it would choose the applicant over someone it holds */
  because: 'free-seat' | 'outranks-holder';
}

/** Problems with an assignment as a matching (empty when valid): unknown applicants, unlisted programs, over capacity. */
export function matchingProblems(input: DaInput, assignments: ReadonlyMap<string, string | null>): string[] {
  const problems: string[] = [];
  const seats = new Map(input.programs.map((p) => [p.id, p.seats]));
  const held = new Map<string, number>();
  const applicants = new Set(input.applications.map((a) => a.applicantId));
  for (const id of assignments.keys()) if (!applicants.has(id)) problems.push(`${id} is assigned but did not apply`);
  for (const application of input.applications) {
    if (!assignments.has(application.applicantId)) problems.push(`${application.applicantId} has no outcome`);
    const programId = assignments.get(application.applicantId);
    if (programId == null) continue;
    if (!application.choices.includes(programId)) problems.push(`${application.applicantId} is assigned to ${programId}, not on their list`);
    held.set(programId, (held.get(programId) ?? 0) + 1);
  }
  for (const [programId, count] of held) {
    const capacity = seats.get(programId);
    if (capacity === undefined) problems.push(`${programId} is not a program`);
    else if (count > capacity) problems.push(`${programId} holds ${count} applicants for ${capacity} seats`);
  }
  return problems;
}

/**
 * Every blocking pair (DOMAIN.md section 1): an applicant and a program they rank above their assignment that has
 * a free seat or would choose them over someone it holds. A program with blocks "would choose" by its slots.
 * Stable means none. O(total list length) rank calls for programs without blocks.
 */
export function blockingPairs(input: DaInput, assignments: ReadonlyMap<string, string | null>): BlockingPair[] {
  const holders = new Map<string, string[]>(input.programs.map((p) => [p.id, []]));
  for (const [applicantId, programId] of assignments) if (programId != null) holders.get(programId)?.push(applicantId);

  // without blocks, "someone ranked below the applicant" is the same as "the worst holder is ranked below"
  const worst = new Map<string, { id: string; key: number }>();
  for (const program of input.programs) {
    if (program.blocks?.length) continue;
    for (const id of holders.get(program.id) ?? []) {
      const key = input.rank(id, program.id);
      const current = worst.get(program.id);
      if (!current || ranksBefore(current.key, current.id, key, id)) worst.set(program.id, { id, key });
    }
  }

  const programs = new Map(input.programs.map((p) => [p.id, p]));
  const pairs: BlockingPair[] = [];
  for (const application of input.applications) {
    const assigned = assignments.get(application.applicantId) ?? null;
    const assignedAt = assigned === null ? application.choices.length : application.choices.indexOf(assigned);
    for (const programId of application.choices.slice(0, assignedAt)) {
      const program = programs.get(programId);
      if (!program) continue;
      const held = holders.get(programId) ?? [];
      if (held.length < program.seats) {
        pairs.push({ applicantId: application.applicantId, programId, because: 'free-seat' });
        continue;
      }
      if (program.seats === 0) continue;
      let outranks: boolean;
      if (program.blocks?.length) {
        const chosen = chooseBySlots(program, [...held, application.applicantId], (id) => input.rank(id, programId));
        outranks = chosen.has(application.applicantId);
      } else {
        const w = worst.get(programId) as { id: string; key: number };
        outranks = ranksBefore(input.rank(application.applicantId, programId), application.applicantId, w.key, w.id);
      }
      if (outranks) pairs.push({ applicantId: application.applicantId, programId, because: 'outranks-holder' });
    }
  }
  return pairs;
}
