/**
 * Reserved-seat blocks as slots with a precedence order (Dur, Kominers, Pathak, Sönmez 2018, "Reserve design:
 * unintended consequences and the demise of Boston's walk zones", JPE 126(6)).
 *
 * Semantics implemented here:
 * - a program's seats are slots; a block is a run of `seats` consecutive slots sharing one priority order;
 * - slots are filled in precedence order: the blocks as listed, then the open seats (seats outside every block,
 *   ranked by the program's own order); to put open seats first, list a block with the program's order first;
 * - from a set of applicants, each slot in turn takes the best remaining applicant by its own order; so a block
 *   takes its best `seats` applicants among those earlier slots left;
 * - reserves are soft: every applicant may take any slot, a block's order only puts some applicants first, so a
 *   program with blocks still chooses min(seats, applicants) applicants, and no seat stays empty while anyone
 *   who applied is rejected;
 * - ties in any order (same key) fall back to applicant id, so the choice never depends on input order.
 * With one contract per (applicant, program) this choice function is substitutable and size-monotone, so deferred
 * acceptance over it is stable, student-optimal and strategy-proof for applicants (Kominers and Sönmez 2016).
 * deferred-acceptance.ts implements the same choice incrementally; chooseBySlots here is the plain version the
 * audits (stability.ts) use, so the two check each other.
 */

/** Name the seats outside every reserved block are reported under. */
export const OPEN_SEATS = 'open';

/** A block of slots with its own order; `rank` gives a lower number to a better applicant. */
export interface SeatBlock {
  name: string;
  seats: number;
  rank: (applicantId: string) => number;
}

export interface ProgramSlots {
  id: string;
  seats: number;
  /** in precedence order */
  blocks?: readonly SeatBlock[];
}

/** Whether (keyA, idA) comes strictly before (keyB, idB) in a program's order: lower key, then lower id. */
export function ranksBefore(keyA: number, idA: string, keyB: number, idB: string): boolean {
  return keyA < keyB || (keyA === keyB && idA < idB);
}

/** Sort comparator for ranked applicants, best first. */
export function byRank(a: { key: number; id: string }, b: { key: number; id: string }): number {
  return ranksBefore(a.key, a.id, b.key, b.id) ? -1 : ranksBefore(b.key, b.id, a.key, a.id) ? 1 : 0;
}

/** Problems with a program's seats and blocks (empty when valid). */
export function programSlotsProblems(program: ProgramSlots): string[] {
  const problems: string[] = [];
  const seatsValid = Number.isInteger(program.seats) && program.seats >= 0;
  if (!seatsValid) problems.push(`program ${program.id}: seats must be a whole number, got ${program.seats}`);
  const names = new Set<string>();
  let reserved = 0;
  for (const block of program.blocks ?? []) {
    if (block.name === OPEN_SEATS || names.has(block.name)) problems.push(`program ${program.id}: block name ${block.name} is taken`);
    names.add(block.name);
    if (!Number.isInteger(block.seats) || block.seats < 0) problems.push(`program ${program.id}: block ${block.name} seats must be a whole number`);
    reserved += block.seats;
  }
  if (seatsValid && reserved > program.seats) problems.push(`program ${program.id}: blocks hold ${reserved} seats, more than its ${program.seats}`);
  return problems;
}

/** Seats of each slot run in precedence order: the blocks as listed, then the open seats. */
export function slotSeats(program: ProgramSlots): number[] {
  const blocks = program.blocks ?? [];
  const reserved = blocks.reduce((sum, b) => sum + b.seats, 0);
  return [...blocks.map((b) => b.seats), program.seats - reserved];
}

/**
 * The choice on precomputed keys: candidate c is `ids[c]`, with key `keys[c][s]` in slot run s (same layout as
 * slotSeats). Returns, per candidate, the slot run whose seat it takes, or -1 when rejected.
 */
export function chooseBySlotKeys(ids: readonly string[], keys: readonly (readonly number[])[], seats: readonly number[]): Int32Array {
  const taken = new Int32Array(ids.length).fill(-1);
  let chosen = 0;
  for (let s = 0; s < seats.length && chosen < ids.length; s++) {
    if (seats[s] <= 0) continue;
    const remaining: number[] = [];
    for (let c = 0; c < ids.length; c++) if (taken[c] < 0) remaining.push(c);
    remaining.sort((a, b) => (ranksBefore(keys[a][s], ids[a], keys[b][s], ids[b]) ? -1 : ranksBefore(keys[b][s], ids[b], keys[a][s], ids[a]) ? 1 : 0));
    const n = Math.min(seats[s], remaining.length);
    for (let i = 0; i < n; i++) taken[remaining[i]] = s;
    chosen += n;
  }
  return taken;
}

/**
 * The program's choice among `candidates`: which applicants it keeps and the block each one's seat is in
 * (OPEN_SEATS for the open seats). `programRank` orders the open seats.
 */
export function chooseBySlots(program: ProgramSlots, candidates: readonly string[], programRank: (applicantId: string) => number): Map<string, string> {
  const blocks = program.blocks ?? [];
  const names = [...blocks.map((b) => b.name), OPEN_SEATS];
  const keys = candidates.map((id) => [...blocks.map((b) => b.rank(id)), programRank(id)]);
  const taken = chooseBySlotKeys(candidates, keys, slotSeats(program));
  const chosen = new Map<string, string>();
  candidates.forEach((id, c) => {
    if (taken[c] >= 0) chosen.set(id, names[taken[c]]);
  });
  return chosen;
}
