import { daInputProblems, DaInput } from './deferred-acceptance';
import { byRank } from './seat-blocks';

/**
 * The old Boston mechanism (immediate acceptance), kept as a test oracle and for comparisons, never to assign:
 * in round k every applicant still unassigned applies to the k-th program on their list; a program with seats
 * left accepts the best of that round's applicants for good, up to its remaining seats, and rejects the rest.
 * Acceptance is final, so an applicant who did not rank a program first loses their priority there, which is why
 * Boston replaced it with deferred acceptance in 2005 (APRS). Reserved blocks are not modelled.
 */
export function bostonMechanism(input: DaInput): { assignments: Map<string, string | null>; assignedRank: Map<string, number | null> } {
  const problems = daInputProblems(input);
  if (problems.length) throw new Error(`Boston mechanism input: ${problems.slice(0, 5).join('; ')}`);
  if (input.programs.some((p) => p.blocks?.length)) throw new Error('the Boston mechanism oracle does not model reserved blocks');

  const seatsLeft = new Map(input.programs.map((p) => [p.id, p.seats]));
  const assignments = new Map<string, string | null>(input.applications.map((a) => [a.applicantId, null]));
  const assignedRank = new Map<string, number | null>(input.applications.map((a) => [a.applicantId, null]));
  const longest = Math.max(0, ...input.applications.map((a) => a.choices.length));

  for (let round = 0; round < longest; round++) {
    const applicantsTo = new Map<string, { id: string; key: number }[]>();
    for (const application of input.applications) {
      if (assignments.get(application.applicantId) !== null || round >= application.choices.length) continue;
      const programId = application.choices[round];
      const list = applicantsTo.get(programId) ?? [];
      list.push({ id: application.applicantId, key: input.rank(application.applicantId, programId) });
      applicantsTo.set(programId, list);
    }
    for (const [programId, list] of applicantsTo) {
      list.sort(byRank);
      const accepted = list.slice(0, seatsLeft.get(programId) ?? 0);
      for (const { id } of accepted) {
        assignments.set(id, programId);
        assignedRank.set(id, round + 1);
      }
      seatsLeft.set(programId, (seatsLeft.get(programId) ?? 0) - accepted.length);
    }
  }
  return { assignments, assignedRank };
}
