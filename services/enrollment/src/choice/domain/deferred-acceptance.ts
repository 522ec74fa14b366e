import { OPEN_SEATS, programSlotsProblems, ProgramSlots, ranksBefore, SeatBlock, slotSeats } from './seat-blocks';

/**
 * Student-proposing deferred acceptance (Gale and Shapley 1962; Boston since 2005, APRS), DOMAIN.md section 1:
 * 1. each program ranks applicants by `rank` (lower first: tier, then lottery);
 * 2. every unassigned applicant with choices left applies to the next program on their list;
 * 3. each program keeps the best `seats` among those it holds and the new applicants, and rejects the rest;
 * 4. repeat until a round has no new application; held offers become assignments.
 *
 * Cost: O(total list length x log seats). A program without blocks keeps its held applicants in a max-heap
 * (worst on top), so a newcomer is compared with the worst held one and, if better, replaces it. A program with
 * reserved blocks (seat-blocks.ts) collects a round's newcomers and re-chooses once per round by its slots: it keeps
 * its held applicants sorted by each slot run's order and merges the newcomers in, O(held) per round and run.
 * The order of proposals within a round does not change the outcome (it is the student-optimal stable matching).
 */

/** A program's ranking of an applicant: lower is better. Equal keys fall back to the applicant id. */
export type RankFn = (applicantId: string, programId: string) => number;

export type DaProgram = ProgramSlots;

export interface DaApplication {
  applicantId: string;
  /** program ids, most wanted first */
  choices: readonly string[];
}

export interface DaInput {
  programs: readonly DaProgram[];
  applications: readonly DaApplication[];
  rank: RankFn;
}

export interface DaResult {
  /** every applicant: the program they are assigned, or null (administrative assignment) */
  assignments: Map<string, string | null>;
  /** 1-based position of the assignment on the applicant's list, null when unassigned */
  assignedRank: Map<string, number | null>;
  /** for applicants assigned to a program with reserved blocks: the block their seat is in */
  seatBlocks: Map<string, string>;
  /** rounds with at least one application, as in the round-by-round description */
  rounds: number;
  /** applications made, at most the total list length */
  proposals: number;
}

/** The input resolved to indices: choice lists flattened, program ids replaced by their position. */
interface IndexedInput {
  problems: string[];
  /** applicant a's choices are flat[offsets[a]] .. flat[offsets[a + 1] - 1] */
  offsets: Int32Array;
  flat: Int32Array;
}

/** One pass over every list, without a Set per applicant: validation must not cost more than the algorithm. */
function indexInput(input: DaInput): IndexedInput {
  const problems: string[] = [];
  const programIndex = new Map<string, number>();
  input.programs.forEach((program, i) => {
    if (programIndex.has(program.id)) problems.push(`program ${program.id} is listed twice`);
    else programIndex.set(program.id, i);
    problems.push(...programSlotsProblems(program));
  });
  const n = input.applications.length;
  const offsets = new Int32Array(n + 1);
  for (let a = 0; a < n; a++) offsets[a + 1] = offsets[a] + input.applications[a].choices.length;
  const flat = new Int32Array(offsets[n]);
  // lastListedBy[p] = a + 1 when applicant a has listed program p: a repeat check without allocating
  const lastListedBy = new Int32Array(input.programs.length);
  const applicantIds = new Set<string>();
  for (let a = 0; a < n; a++) {
    const { applicantId, choices } = input.applications[a];
    if (applicantIds.has(applicantId)) problems.push(`applicant ${applicantId} has two applications`);
    applicantIds.add(applicantId);
    for (let k = 0; k < choices.length; k++) {
      const p = programIndex.get(choices[k]);
      if (p === undefined) {
        problems.push(`applicant ${applicantId} ranks unknown program ${choices[k]}`);
        continue;
      }
      if (lastListedBy[p] === a + 1) problems.push(`applicant ${applicantId} ranks program ${choices[k]} twice`);
      lastListedBy[p] = a + 1;
      flat[offsets[a] + k] = p;
    }
  }
  return { problems, offsets, flat };
}

/** Programmer errors in the input (empty when valid): unknown or repeated programs, repeated applicants, bad seats. */
export function daInputProblems(input: DaInput): string[] {
  return indexInput(input).problems;
}

/** Held applicants of one program, worst on top. Parallel arrays of keys and applicant indices. */
class WorstFirstHeap {
  readonly keys: number[] = [];
  readonly members: number[] = [];

  constructor(private readonly ids: readonly string[]) {}

  get size(): number {
    return this.keys.length;
  }

  /** whether the entry at i should sit above the entry at j (it is worse) */
  private worse(i: number, j: number): boolean {
    return ranksBefore(this.keys[j], this.ids[this.members[j]], this.keys[i], this.ids[this.members[i]]);
  }

  private swap(i: number, j: number): void {
    const k = this.keys[i];
    this.keys[i] = this.keys[j];
    this.keys[j] = k;
    const m = this.members[i];
    this.members[i] = this.members[j];
    this.members[j] = m;
  }

  push(key: number, member: number): void {
    this.keys.push(key);
    this.members.push(member);
    let i = this.keys.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** whether (key, member) ranks before the worst held applicant */
  beatsWorst(key: number, member: number): boolean {
    return ranksBefore(key, this.ids[member], this.keys[0], this.ids[this.members[0]]);
  }

  /** replaces the worst held applicant, returning it */
  replaceWorst(key: number, member: number): number {
    const evicted = this.members[0];
    this.keys[0] = key;
    this.members[0] = member;
    const n = this.keys.length;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let top = i;
      if (left < n && this.worse(left, top)) top = left;
      if (right < n && this.worse(right, top)) top = right;
      if (top === i) break;
      this.swap(i, top);
      i = top;
    }
    return evicted;
  }
}

/** Merges two lists each sorted by `before` into one sorted list. */
function mergeSorted(a: readonly number[], b: readonly number[], before: (x: number, y: number) => boolean): number[] {
  const out: number[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = before(b[j], a[i]) ? b[j++] : a[i++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

export function deferredAcceptance(input: DaInput): DaResult {
  const { problems, offsets, flat } = indexInput(input);
  if (problems.length) throw new Error(`deferred acceptance input: ${problems.slice(0, 5).join('; ')}`);
  const { programs, applications, rank } = input;
  const n = applications.length;
  const ids = applications.map((a) => a.applicantId);
  const nextChoice = new Int32Array(n); // choices applied to so far
  const heldAt = new Int32Array(n).fill(-1);

  const heaps = programs.map((p) => (p.blocks?.length ? null : new WorstFirstHeap(ids)));
  // programs with blocks: seats per slot run (blocks, then open), the held applicants sorted by each run's order
  // (so a round merges its newcomers in rather than sorting everyone again), and this round's newcomers
  const seatsBySlot = programs.map((p) => slotSeats(p));
  const heldBySlot: number[][][] = seatsBySlot.map((runs) => runs.map(() => []));
  const blockNew: number[][] = programs.map(() => []);
  // applicant a's key in slot run s at the program with blocks it applies to or is held at (one at a time), and
  // the run whose seat it holds there
  const maxRuns = programs.reduce((m, p) => (p.blocks?.length ? Math.max(m, p.blocks.length + 1) : m), 0);
  const slotKeys = new Float64Array(maxRuns > 0 ? n * maxRuns : 0);
  const heldSlot = new Int32Array(n).fill(-1);
  const UNDECIDED = -2;
  const slotBefore = (a: number, b: number, s: number) => ranksBefore(slotKeys[a * maxRuns + s], ids[a], slotKeys[b * maxRuns + s], ids[b]);

  const keyOf = (applicant: number, program: number): number => {
    const key = rank(ids[applicant], programs[program].id);
    if (!Number.isFinite(key)) throw new Error(`rank(${ids[applicant]}, ${programs[program].id}) is not a finite number`);
    return key;
  };

  let queue: number[] = [];
  for (let a = 0; a < n; a++) if (offsets[a + 1] > offsets[a]) queue.push(a);
  let rounds = 0;
  let proposals = 0;

  while (queue.length > 0) {
    rounds++;
    const rejected: number[] = [];
    const touched: number[] = [];
    for (const a of queue) {
      const p = flat[offsets[a] + nextChoice[a]++];
      proposals++;
      const key = keyOf(a, p);
      const heap = heaps[p];
      if (heap === null) {
        // ranked once per application: the block orders too, then the program's own for the open seats
        const blocks = programs[p].blocks as readonly SeatBlock[];
        for (let b = 0; b < blocks.length; b++) {
          const blockKey = blocks[b].rank(ids[a]);
          if (!Number.isFinite(blockKey)) throw new Error(`block ${blocks[b].name} rank(${ids[a]}) is not a finite number`);
          slotKeys[a * maxRuns + b] = blockKey;
        }
        slotKeys[a * maxRuns + blocks.length] = key;
        if (blockNew[p].length === 0) touched.push(p);
        blockNew[p].push(a);
      } else if (heap.size < programs[p].seats) {
        heap.push(key, a);
        heldAt[a] = p;
      } else if (heap.size > 0 && heap.beatsWorst(key, a)) {
        const evicted = heap.replaceWorst(key, a);
        heldAt[a] = p;
        heldAt[evicted] = -1;
        rejected.push(evicted);
      } else {
        rejected.push(a);
      }
    }
    // a program with blocks re-chooses once per round from everyone it holds plus the round's newcomers
    for (const p of touched) {
      const newcomers = blockNew[p];
      blockNew[p] = [];
      const runs = heldBySlot[p];
      const candidates = [...runs[0], ...newcomers];
      for (const a of candidates) heldSlot[a] = UNDECIDED;
      // slot runs in precedence order, each taking its best `seats` applicants that earlier runs left
      for (let s = 0; s < runs.length; s++) {
        const arriving = newcomers.length > 1 ? [...newcomers].sort((a, b) => (slotBefore(a, b, s) ? -1 : slotBefore(b, a, s) ? 1 : 0)) : newcomers;
        const merged = mergeSorted(runs[s], arriving, (a, b) => slotBefore(a, b, s));
        runs[s] = merged;
        let left = seatsBySlot[p][s];
        for (let i = 0; i < merged.length && left > 0; i++) {
          if (heldSlot[merged[i]] === UNDECIDED) {
            heldSlot[merged[i]] = s;
            left--;
          }
        }
      }
      for (const a of candidates) {
        if (heldSlot[a] === UNDECIDED) {
          heldSlot[a] = -1;
          heldAt[a] = -1;
          rejected.push(a);
        } else {
          heldAt[a] = p;
        }
      }
      for (let s = 0; s < runs.length; s++) runs[s] = runs[s].filter((a) => heldSlot[a] >= 0);
    }
    queue = rejected.filter((a) => offsets[a] + nextChoice[a] < offsets[a + 1]);
  }

  const assignments = new Map<string, string | null>();
  const assignedRank = new Map<string, number | null>();
  const seatBlocks = new Map<string, string>();
  for (let a = 0; a < n; a++) {
    const p = heldAt[a];
    if (p >= 0 && heldSlot[a] >= 0) {
      const blocks = programs[p].blocks as readonly SeatBlock[];
      seatBlocks.set(ids[a], heldSlot[a] < blocks.length ? blocks[heldSlot[a]].name : OPEN_SEATS);
    }
    assignments.set(ids[a], p < 0 ? null : programs[p].id);
    // the held program is the last one applied to, so its place on the list is nextChoice
    assignedRank.set(ids[a], p < 0 ? null : nextChoice[a]);
  }
  return { assignments, assignedRank, seatBlocks, rounds, proposals };
}
