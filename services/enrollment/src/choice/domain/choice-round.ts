import { deferredAcceptance, DaProgram, RankFn } from './deferred-acceptance';
import { drawLottery, lotterySeedProblem } from './lottery';
import { blockTierFor, ChoiceApplicant, ChoiceProgram, policyProblems, PriorityPolicy, reservedBlocksProblems, tierFor } from './priority-policy';
import { waitlistPositions, WaitlistEntry } from './waitlist';

/**
 * One choice round end to end, as pure data in and out: lottery from the seed, tiers from the policy,
 * deferred acceptance, then waitlists. The service stores what this returns; re-running it with the same seed
 * and data gives the same rows.
 */

/** Applicants rank at most this many programs (issue 3). */
export const MAX_CHOICES = 20;

/** Lottery numbers stay below this, so tier x span + lottery orders by tier first, then lottery. */
export const LOTTERY_SPAN = 2 ** 32;

/** A program's ranking key for an applicant: tier first, lottery to break ties (lower is better). */
export function priorityKey(tier: number, lotteryNumber: number): number {
  return tier * LOTTERY_SPAN + lotteryNumber;
}

export interface ChoiceApplication {
  applicantId: string;
  /** program ids, most wanted first */
  choices: string[];
}

export interface ChoiceRoundInput {
  applicants: readonly ChoiceApplicant[];
  programs: readonly ChoiceProgram[];
  applications: readonly ChoiceApplication[];
  policy: PriorityPolicy;
  seed: number | string;
}

export interface ChoiceResultRow {
  applicantId: string;
  lotteryNumber: number;
  /** in the applicant's order, with the tier the policy gave them there */
  choices: { programId: string; tier: number }[];
  assignedProgramId: string | null;
  /** 1-based place of the assignment on the list */
  assignedChoiceRank: number | null;
  /** the reserved block the seat is in, for programs with blocks */
  seatBlock?: string;
  /** positions at the programs ranked above the assignment */
  waitlist: WaitlistEntry[];
}

export interface ChoiceRoundResult {
  rows: ChoiceResultRow[];
  rounds: number;
  proposals: number;
  /** the programs' ranking used, for waitlist moves after the run */
  rank: RankFn;
}

/** Problems with a round's input (empty when it can run): policy, seed, blocks, and every application. */
export function choiceRoundProblems(input: ChoiceRoundInput): string[] {
  const problems = policyProblems(input.policy).map((p) => `policy: ${p}`);
  const policyIsValid = problems.length === 0;
  const seedProblem = lotterySeedProblem(input.seed);
  if (seedProblem) problems.push(`seed: ${seedProblem}`);
  const programs = new Map<string, ChoiceProgram>();
  for (const program of input.programs) {
    if (programs.has(program.id)) problems.push(`program ${program.id} is listed twice`);
    programs.set(program.id, program);
    if (!Number.isInteger(program.seats) || program.seats < 0) problems.push(`program ${program.id}: seats must be a whole number`);
    if (policyIsValid) problems.push(...reservedBlocksProblems(program.reservedBlocks, program.seats, input.policy).map((p) => `program ${program.id}: ${p}`));
  }
  const applicants = new Map(input.applicants.map((a) => [a.id, a]));
  const programIndex = new Map(input.programs.map((p, i) => [p.id, i]));
  // lastListedBy[p] = a + 1 once application a lists program p: a repeat check without a Set per application
  const lastListedBy = new Int32Array(input.programs.length);
  const applied = new Set<string>();
  input.applications.forEach((application, a) => {
    const who = application.applicantId;
    if (applied.has(who)) problems.push(`applicant ${who} has two applications`);
    applied.add(who);
    const applicant = applicants.get(who);
    if (!applicant) problems.push(`applicant ${who} is unknown`);
    if (application.choices.length === 0) problems.push(`applicant ${who} ranks no program`);
    if (application.choices.length > MAX_CHOICES) problems.push(`applicant ${who} ranks ${application.choices.length} programs, more than ${MAX_CHOICES}`);
    let repeats = false;
    for (const programId of application.choices) {
      const p = programIndex.get(programId);
      if (p === undefined) {
        problems.push(`applicant ${who} ranks unknown program ${programId}`);
        continue;
      }
      repeats ||= lastListedBy[p] === a + 1;
      lastListedBy[p] = a + 1;
      const program = input.programs[p];
      if (applicant && program.grade !== applicant.grade) problems.push(`applicant ${who} applies for grade ${applicant.grade} but program ${programId} is grade ${program.grade}`);
    }
    if (repeats) problems.push(`applicant ${who} ranks a program twice`);
  });
  return problems;
}

export function runChoiceRound(input: ChoiceRoundInput): ChoiceRoundResult {
  const problems = choiceRoundProblems(input);
  if (problems.length) throw new Error(`choice round: ${problems.slice(0, 5).join('; ')}`);
  const { policy } = input;
  const applicants = new Map(input.applicants.map((a) => [a.id, a]));
  const programs = new Map(input.programs.map((p) => [p.id, p]));
  const lottery = drawLottery(input.applications.map((a) => a.applicantId), input.seed);

  // ranking keys once per (applicant, listed program): the rank function is then one lookup and a short list
  // scan, no haversine
  const listed = new Map<string, { choices: readonly string[]; tiers: number[]; lottery: number }>();
  for (const application of input.applications) {
    const applicant = applicants.get(application.applicantId) as ChoiceApplicant;
    listed.set(application.applicantId, {
      choices: application.choices,
      tiers: application.choices.map((programId) => tierFor(applicant, programs.get(programId) as ChoiceProgram, policy)),
      lottery: lottery.get(application.applicantId) as number,
    });
  }
  const rank: RankFn = (applicantId, programId) => {
    const entry = listed.get(applicantId);
    if (!entry) throw new Error(`applicant ${applicantId} did not apply in this round`);
    const at = entry.choices.indexOf(programId);
    if (at >= 0) return priorityKey(entry.tiers[at], entry.lottery);
    // a program off the applicant's list (e.g. a later administrative offer) is ranked by the policy too
    const program = programs.get(programId);
    if (!program) throw new Error(`program ${programId} is not in this round`);
    return priorityKey(tierFor(applicants.get(applicantId) as ChoiceApplicant, program, policy), entry.lottery);
  };

  const daPrograms: DaProgram[] = input.programs.map((program) => ({
    id: program.id,
    seats: program.seats,
    blocks: program.reservedBlocks?.map((block) => ({
      name: block.name,
      seats: block.seats,
      rank: (applicantId: string) => priorityKey(blockTierFor(applicants.get(applicantId) as ChoiceApplicant, program, block, policy), lottery.get(applicantId) as number),
    })),
  }));
  const da = deferredAcceptance({ programs: daPrograms, applications: input.applications, rank });
  const waitlists = waitlistPositions({ applications: input.applications, assignments: da.assignments, rank });

  const rows = input.applications.map((application): ChoiceResultRow => {
    const id = application.applicantId;
    const entry = listed.get(id) as { tiers: number[]; lottery: number };
    const seatBlock = da.seatBlocks.get(id);
    return {
      applicantId: id,
      lotteryNumber: entry.lottery,
      choices: application.choices.map((programId, i) => ({ programId, tier: entry.tiers[i] })),
      assignedProgramId: da.assignments.get(id) ?? null,
      assignedChoiceRank: da.assignedRank.get(id) ?? null,
      ...(seatBlock === undefined ? {} : { seatBlock }),
      waitlist: waitlists.get(id) ?? [],
    };
  });
  return { rows, rounds: da.rounds, proposals: da.proposals, rank };
}
