/**
 * The choice lottery: one number per applicant, drawn from a recorded seed so any run can be audited and
 * reproduced (DOMAIN.md section 1, single tie-breaking: the same number is used at every program).
 *
 * Algorithm (record LOTTERY_ALGORITHM with the seed; an auditor can re-implement it from this comment):
 * 1. the seed's canonical text (a safe integer in decimal, or the string as given) is UTF-8 encoded and
 *    hashed with 32-bit FNV-1a;
 * 2. that hash seeds mulberry32 (Tommy Ettinger's 32-bit generator, one uint32 per call);
 * 3. applicant ids are sorted by UTF-16 code units (not localeCompare: the order must not depend on the
 *    machine's locale), then shuffled with Fisher-Yates from the last index down, each swap index drawn
 *    without bias by rejection sampling; the applicant at position k gets lottery number k + 1.
 */
export const LOTTERY_ALGORITHM = 'fnv1a32+mulberry32+fisher-yates/v1';

const UINT32_RANGE = 2 ** 32;

/** A seed is a safe integer or a non-empty string; 42 and '42' are the same seed (same canonical text). */
export function lotterySeedProblem(seed: unknown): string | undefined {
  if (typeof seed === 'number') return Number.isSafeInteger(seed) ? undefined : 'a numeric seed must be a safe integer';
  if (typeof seed === 'string') return seed.length > 0 ? undefined : 'a seed must not be empty';
  return 'a seed must be an integer or a string';
}

/** 32-bit FNV-1a of the seed's canonical text, the generator's initial state. */
export function hashSeed(seed: number | string): number {
  const problem = lotterySeedProblem(seed);
  if (problem) throw new RangeError(problem);
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(String(seed))) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** mulberry32: a small, fast generator with a full 2^32 period; returns the next uint32 on each call. */
export function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** A uniform integer in [0, bound): rejects the top partial block of 2^32 so no value is favoured. */
export function uniformBelow(nextUint32: () => number, bound: number): number {
  if (!Number.isInteger(bound) || bound < 1 || bound > UINT32_RANGE) throw new RangeError(`bound must be an integer in 1..2^32, got ${bound}`);
  const limit = UINT32_RANGE - (UINT32_RANGE % bound);
  let x = nextUint32();
  while (x >= limit) x = nextUint32();
  return x % bound;
}

/**
 * Lottery numbers 1..n, a random permutation of the applicants. The same seed and the same set of ids give the
 * same numbers whatever the input order. Duplicate ids are an error: each applicant has exactly one number.
 */
export function drawLottery(applicantIds: readonly string[], seed: number | string): Map<string, number> {
  const order = [...applicantIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 1; i < order.length; i++) {
    if (order[i] === order[i - 1]) throw new Error(`applicant ${order[i]} appears twice in the lottery`);
  }
  const next = mulberry32(hashSeed(seed));
  for (let i = order.length - 1; i > 0; i--) {
    const j = uniformBelow(next, i + 1);
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  return new Map(order.map((id, position) => [id, position + 1]));
}
