import type { DaApplication, RankFn } from './deferred-acceptance';
import { ranksBefore } from './seat-blocks';

/**
 * Waitlists after a run (DOMAIN.md section 1): an applicant waits at every program they ranked above their
 * assignment (every program on their list when unassigned), ordered by that program's ranking (tier, lottery).
 * A released seat goes to the first waitlisted applicant who still ranks that program above their current
 * assignment. Reserved blocks play no part here: waitlists use the program's own ranking.
 */

export interface SeatState {
  applications: readonly DaApplication[];
  /** current assignments, applicant -> program or null */
  assignments: ReadonlyMap<string, string | null>;
  rank: RankFn;
  /** applicants who declined or left: on no waitlist any more */
  withdrawn?: ReadonlySet<string>;
}

export interface WaitlistEntry {
  programId: string;
  /** 1-based place among everyone waiting at the program */
  position: number;
}

export interface SeatMove {
  applicantId: string;
  /** the seat given up (released in turn), null when the applicant had none */
  from: string | null;
  to: string;
}

export interface ReleaseResult {
  /** in chain order: each move releases the seat the next move takes */
  moves: SeatMove[];
  assignments: Map<string, string | null>;
  /** the program left with an empty seat when the chain ends, null when an unassigned applicant took the last one */
  vacantProgramId: string | null;
}

/** The programs the applicant waits at: those listed above the assignment, every listed one if unassigned or placed off-list. */
function waitingChoices(application: DaApplication, assigned: string | null | undefined): readonly string[] {
  if (assigned == null) return application.choices;
  const at = application.choices.indexOf(assigned);
  return at < 0 ? application.choices : application.choices.slice(0, at);
}

/** Each applicant's waitlist positions, in the order of their list (empty for the assigned-first-choice and the withdrawn). */
export function waitlistPositions(state: SeatState): Map<string, WaitlistEntry[]> {
  // flat arrays, one slot per (applicant, program waited at): a large round has hundreds of thousands of them
  const programIds: string[] = [];
  const programIndex = new Map<string, number>();
  const pairProgram: number[] = [];
  const pairKey: number[] = [];
  const pairApplicant: number[] = [];
  const firstPair = new Int32Array(state.applications.length + 1);
  state.applications.forEach((application, a) => {
    firstPair[a] = pairProgram.length;
    if (state.withdrawn?.has(application.applicantId)) return;
    for (const programId of waitingChoices(application, state.assignments.get(application.applicantId))) {
      let p = programIndex.get(programId);
      if (p === undefined) {
        p = programIds.push(programId) - 1;
        programIndex.set(programId, p);
      }
      pairProgram.push(p);
      pairKey.push(state.rank(application.applicantId, programId));
      pairApplicant.push(a);
    }
  });
  firstPair[state.applications.length] = pairProgram.length;

  const waiting: number[][] = programIds.map(() => []);
  for (let pair = 0; pair < pairProgram.length; pair++) waiting[pairProgram[pair]].push(pair);
  const position = new Int32Array(pairProgram.length);
  const idOf = (pair: number) => state.applications[pairApplicant[pair]].applicantId;
  for (const pairs of waiting) {
    pairs.sort((x, y) => (ranksBefore(pairKey[x], idOf(x), pairKey[y], idOf(y)) ? -1 : ranksBefore(pairKey[y], idOf(y), pairKey[x], idOf(x)) ? 1 : 0));
    pairs.forEach((pair, i) => (position[pair] = i + 1));
  }

  const result = new Map<string, WaitlistEntry[]>();
  state.applications.forEach((application, a) => {
    const entries: WaitlistEntry[] = [];
    for (let pair = firstPair[a]; pair < firstPair[a + 1]; pair++) entries.push({ programId: programIds[pairProgram[pair]], position: position[pair] });
    result.set(application.applicantId, entries);
  });
  return result;
}

/** How many applicants wait at each program (programs nobody waits at are absent). */
export function waitlistLengths(state: SeatState): Map<string, number> {
  const lengths = new Map<string, number>();
  for (const application of state.applications) {
    if (state.withdrawn?.has(application.applicantId)) continue;
    for (const programId of waitingChoices(application, state.assignments.get(application.applicantId))) {
      lengths.set(programId, (lengths.get(programId) ?? 0) + 1);
    }
  }
  return lengths;
}

/**
 * A seat at `programId` has just become free (an offer declined, a student left, a seat added). It goes to the first
 * waitlisted applicant who ranks the program above their current assignment; the seat that applicant gives up is
 * released in turn, and so on, until a released seat has nobody waiting (it stays empty) or the taker had no seat.
 * Every move strictly improves the mover, so the chain ends. The caller checks that the seat really is free.
 */
export function releaseSeat(state: SeatState, programId: string): ReleaseResult {
  const assignments = new Map(state.assignments);
  // program -> applicants who listed it, with where on their list; built once for the whole chain
  const listedBy = new Map<string, { application: DaApplication; at: number }[]>();
  for (const application of state.applications) {
    if (state.withdrawn?.has(application.applicantId)) continue;
    application.choices.forEach((choice, at) => {
      const list = listedBy.get(choice) ?? [];
      list.push({ application, at });
      listedBy.set(choice, list);
    });
  }

  const moves: SeatMove[] = [];
  let free: string = programId;
  for (;;) {
    let best: { id: string; key: number } | undefined;
    for (const { application, at } of listedBy.get(free) ?? []) {
      const current = assignments.get(application.applicantId) ?? null;
      const currentAt = current === null ? -1 : application.choices.indexOf(current);
      // off the list (unassigned, or an administrative seat) counts as below every listed program
      if (currentAt >= 0 && currentAt <= at) continue;
      const key = state.rank(application.applicantId, free);
      if (!best || ranksBefore(key, application.applicantId, best.key, best.id)) best = { id: application.applicantId, key };
    }
    if (!best) return { moves, assignments, vacantProgramId: free };
    const from = assignments.get(best.id) ?? null;
    assignments.set(best.id, free);
    moves.push({ applicantId: best.id, from, to: free });
    if (from === null) return { moves, assignments, vacantProgramId: null };
    free = from;
  }
}

/**
 * The applicant declines their offer (or leaves): they are withdrawn from every waitlist and their seat is released
 * through `releaseSeat`.
 */
export function declineOffer(state: SeatState, applicantId: string): ReleaseResult & { withdrawn: Set<string> } {
  const seat = state.assignments.get(applicantId);
  if (seat == null) throw new Error(`applicant ${applicantId} holds no offer to decline`);
  const withdrawn = new Set(state.withdrawn ?? []);
  withdrawn.add(applicantId);
  const assignments = new Map(state.assignments);
  assignments.set(applicantId, null);
  return { ...releaseSeat({ ...state, assignments, withdrawn }, seat), withdrawn };
}
