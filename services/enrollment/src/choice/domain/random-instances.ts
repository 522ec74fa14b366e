import type { DaInput, DaProgram } from './deferred-acceptance';
import { drawLottery, mulberry32, uniformBelow } from './lottery';
import { LOTTERY_SPAN } from './choice-round';

/**
 * Seeded random choice instances for property tests and benchmarks: the same seed always gives the same
 * instance. Tiers are random per (applicant, program); one lottery per applicant breaks ties.
 */
export interface RandomInstanceShape {
  applicants: number;
  programs: number;
  /** seats per program are drawn from minSeats..maxSeats (minSeats defaults to 0) */
  minSeats?: number;
  maxSeats: number;
  /** list lengths are drawn from minChoices..min(maxChoices, programs) (minChoices defaults to 0) */
  minChoices?: number;
  maxChoices: number;
  /** tiers are drawn from 0..tiers-1 */
  tiers: number;
  /** give some programs a reserved block (and sometimes two) with its own random order */
  withBlocks?: boolean;
}

export function randomInstance(seed: number, shape: RandomInstanceShape): DaInput {
  const next = mulberry32(seed);
  const below = (n: number) => uniformBelow(next, n);
  const programIds = Array.from({ length: shape.programs }, (_, i) => `p${i}`);
  const applicantIds = Array.from({ length: shape.applicants }, (_, i) => `a${i}`);
  const lottery = drawLottery(applicantIds, seed);
  const tier = applicantIds.map(() => programIds.map(() => below(shape.tiers)));
  const index = new Map(applicantIds.map((id, i) => [id, i]));
  const programAt = new Map(programIds.map((id, i) => [id, i]));

  const programs: DaProgram[] = programIds.map((id) => {
    const minSeats = Math.min(shape.minSeats ?? 0, shape.maxSeats);
    const seats = minSeats + below(shape.maxSeats - minSeats + 1);
    if (!shape.withBlocks || seats === 0 || below(3) === 0) return { id, seats };
    // a block's own order: a random "favoured" flag per applicant, then the lottery
    const blockCount = 1 + below(2);
    let left = seats;
    const blocks = Array.from({ length: blockCount }, (_, b) => {
      const favoured = applicantIds.map(() => below(2));
      const blockSeats = below(left + 1);
      left -= blockSeats;
      return { name: `${id}-block${b}`, seats: blockSeats, rank: (a: string) => favoured[index.get(a) as number] * LOTTERY_SPAN + (lottery.get(a) as number) };
    });
    return { id, seats, blocks };
  });

  const applications = applicantIds.map((applicantId) => {
    const longest = Math.min(shape.maxChoices, shape.programs);
    const shortest = Math.min(shape.minChoices ?? 0, longest);
    const length = shortest + below(longest - shortest + 1);
    const pool = [...programIds];
    const choices: string[] = [];
    for (let k = 0; k < length; k++) choices.push(pool.splice(below(pool.length), 1)[0]);
    return { applicantId, choices };
  });

  return {
    programs,
    applications,
    rank: (a, p) => tier[index.get(a) as number][programAt.get(p) as number] * LOTTERY_SPAN + (lottery.get(a) as number),
  };
}
