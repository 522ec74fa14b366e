import { bostonMechanism } from './boston-mechanism';
import { DaInput, deferredAcceptance, DaResult } from './deferred-acceptance';
import { mulberry32, uniformBelow } from './lottery';
import { randomInstance, RandomInstanceShape } from './random-instances';
import { OPEN_SEATS, ranksBefore } from './seat-blocks';
import { blockingPairs, matchingProblems } from './stability';

/** An instance written as tables: seats, each applicant's list, each program's strict priority order. */
function fromTables(seats: Record<string, number>, lists: Record<string, string[]>, priorities: Record<string, string[]>): DaInput {
  return {
    programs: Object.entries(seats).map(([id, n]) => ({ id, seats: n })),
    applications: Object.entries(lists).map(([applicantId, choices]) => ({ applicantId, choices })),
    rank: (a, p) => priorities[p].indexOf(a),
  };
}

const asObject = <T>(outcomes: ReadonlyMap<string, T>) => Object.fromEntries([...outcomes].sort(([a], [b]) => (a < b ? -1 : 1)));

/** Deliberately naive: for every applicant and every program they prefer, look at every holder. */
function naiveBlockingPairs(input: DaInput, assignments: ReadonlyMap<string, string | null>): string[] {
  const pairs: string[] = [];
  for (const { applicantId, choices } of input.applications) {
    const assigned = assignments.get(applicantId) ?? null;
    const preferred = assigned === null ? choices : choices.slice(0, choices.indexOf(assigned));
    for (const p of preferred) {
      const holders = [...assignments].filter(([, q]) => q === p).map(([a]) => a);
      const seats = input.programs.find((x) => x.id === p)?.seats ?? 0;
      const outranks = holders.some((h) => ranksBefore(input.rank(applicantId, p), applicantId, input.rank(h, p), h));
      if (holders.length < seats || outranks) pairs.push(`${applicantId}->${p}`);
    }
  }
  return pairs;
}

function expectValidMatching(input: DaInput, result: DaResult): void {
  expect(matchingProblems(input, result.assignments)).toEqual([]);
  // one outcome per applicant, and the rank agrees with the list
  expect(result.assignments.size).toBe(input.applications.length);
  for (const { applicantId, choices } of input.applications) {
    const assigned = result.assignments.get(applicantId) ?? null;
    expect(result.assignedRank.get(applicantId)).toBe(assigned === null ? null : choices.indexOf(assigned) + 1);
  }
  expect(result.proposals).toBeLessThanOrEqual(input.applications.reduce((n, a) => n + a.choices.length, 0));
}

function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const next = mulberry32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = uniformBelow(next, i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function randomShape(seed: number, limits: { applicants: number; programs: number }, withBlocks = false): RandomInstanceShape {
  const next = mulberry32(seed ^ 0x5bd1e995);
  const below = (n: number) => uniformBelow(next, n);
  return { applicants: 1 + below(limits.applicants), programs: 1 + below(limits.programs), maxSeats: below(6), maxChoices: 1 + below(10), tiers: 1 + below(4), withBlocks };
}

describe('deferred acceptance on a textbook instance where the Boston mechanism differs', () => {
  // Haeringer and Klijn, "Constrained school choice" (J. Econ. Theory 144, 2009; working paper 2006),
  // section 3.4 "An illustrative example": four students, three schools with capacities (1, 2, 1).
  // The paper states the outcomes: Boston beta(P) = {s1: i2, s2: i1 i4, s3: i3},
  // student-optimal stable gamma(P) = {s1: i1, s2: i3 i4, s3: i2}.
  const instance = fromTables(
    { s1: 1, s2: 2, s3: 1 },
    { i1: ['s2', 's1', 's3'], i2: ['s1', 's2', 's3'], i3: ['s1', 's2', 's3'], i4: ['s2', 's3', 's1'] },
    { s1: ['i1', 'i2', 'i3', 'i4'], s2: ['i3', 'i4', 'i1', 'i2'], s3: ['i4', 'i1', 'i2', 'i3'] },
  );

  it('gives the known deferred-acceptance outcome', () => {
    const result = deferredAcceptance(instance);
    expect(asObject(result.assignments)).toEqual({ i1: 's1', i2: 's3', i3: 's2', i4: 's2' });
    expect(asObject(result.assignedRank)).toEqual({ i1: 2, i2: 3, i3: 2, i4: 1 });
    // round 1: all four apply (s1 keeps i2; s2 keeps i1, i4); 2: i3 to s2 displaces i1; 3: i1 to s1 displaces i2;
    // 4: i2 to s2 is rejected; 5: i2 to s3 is kept
    expect({ rounds: result.rounds, proposals: result.proposals }).toEqual({ rounds: 5, proposals: 8 });
    expect(blockingPairs(instance, result.assignments)).toEqual([]);
  });

  it('gives the known Boston outcome, which is not stable: i3 lost top priority at s2 by ranking it second', () => {
    const boston = bostonMechanism(instance);
    expect(asObject(boston.assignments)).toEqual({ i1: 's2', i2: 's1', i3: 's3', i4: 's2' });
    // s2 filled in round 1 with i1 and i4, whom i3 outranks there; i3 was turned away from s1 in the same round
    expect(blockingPairs(instance, boston.assignments)).toEqual([{ applicantId: 'i3', programId: 's2', because: 'outranks-holder' }]);
  });
});

describe('deferred acceptance properties on random instances', () => {
  const instances = Array.from({ length: 300 }, (_, i) => ({ seed: 1000 + i, shape: randomShape(1000 + i, { applicants: 80, programs: 10 }) }));

  it('never fills a program over its seats, assigns each applicant at most once, and leaves no blocking pair', () => {
    let assigned = 0;
    let unassigned = 0;
    for (const { seed, shape } of instances) {
      const input = randomInstance(seed, shape);
      const result = deferredAcceptance(input);
      expectValidMatching(input, result);
      expect(naiveBlockingPairs(input, result.assignments)).toEqual([]);
      expect(blockingPairs(input, result.assignments)).toEqual([]);
      for (const p of result.assignments.values()) p === null ? unassigned++ : assigned++;
    }
    // the instances exercise both outcomes, not just one
    expect(assigned).toBeGreaterThan(1000);
    expect(unassigned).toBeGreaterThan(1000);
  });

  it('is deterministic and does not depend on the order of programs or applications', () => {
    for (const { seed, shape } of instances.slice(0, 100)) {
      const input = randomInstance(seed, shape);
      const first = deferredAcceptance(input);
      const again = deferredAcceptance(randomInstance(seed, shape));
      const shuffled = deferredAcceptance({ ...input, programs: seededShuffle(input.programs, seed), applications: seededShuffle(input.applications, seed + 1) });
      expect(asObject(again.assignments)).toEqual(asObject(first.assignments));
      expect(asObject(shuffled.assignments)).toEqual(asObject(first.assignments));
      expect([shuffled.rounds, shuffled.proposals]).toEqual([first.rounds, first.proposals]);
    }
  });

  it('with reserved blocks: within block seats and stable for the slot choice', () => {
    let blockedPrograms = 0;
    for (let i = 0; i < 200; i++) {
      const seed = 5000 + i;
      const input = randomInstance(seed, randomShape(seed, { applicants: 60, programs: 8 }, true));
      const result = deferredAcceptance(input);
      expectValidMatching(input, result);
      expect(blockingPairs(input, result.assignments)).toEqual([]);
      for (const program of input.programs) {
        if (!program.blocks?.length) continue;
        blockedPrograms++;
        const reserved = program.blocks.reduce((sum, b) => sum + b.seats, 0);
        for (const block of [...program.blocks, { name: OPEN_SEATS, seats: program.seats - reserved }]) {
          const inBlock = [...result.seatBlocks].filter(([a, b]) => b === block.name && result.assignments.get(a) === program.id);
          expect(inBlock.length).toBeLessThanOrEqual(block.seats);
        }
        const heldThere = [...result.assignments].filter(([, p]) => p === program.id).map(([a]) => a);
        for (const a of heldThere) expect(result.seatBlocks.has(a)).toBe(true);
      }
      const shuffled = deferredAcceptance({ ...input, programs: seededShuffle(input.programs, seed), applications: seededShuffle(input.applications, seed + 1) });
      expect(asObject(shuffled.assignments)).toEqual(asObject(result.assignments));
    }
    expect(blockedPrograms).toBeGreaterThan(300);
  });

  it('a program whose blocks all use its own order behaves exactly like one without blocks', () => {
    for (let i = 0; i < 100; i++) {
      const seed = 9000 + i;
      const input = randomInstance(seed, randomShape(seed, { applicants: 60, programs: 8 }));
      const plain = deferredAcceptance(input);
      const split = deferredAcceptance({
        ...input,
        programs: input.programs.map((p) => ({ ...p, blocks: [{ name: 'half', seats: Math.floor(p.seats / 2), rank: (a: string) => input.rank(a, p.id) }] })),
      });
      expect(asObject(split.assignments)).toEqual(asObject(plain.assignments));
    }
  });
});

/** Every matching of a tiny instance: each applicant unassigned or at one of their choices. */
function* allMatchings(input: DaInput): Generator<Map<string, string | null>> {
  const options = input.applications.map((a) => [null, ...a.choices]);
  const pick = new Array<number>(options.length).fill(0);
  for (;;) {
    yield new Map(input.applications.map((a, i) => [a.applicantId, options[i][pick[i]]]));
    let i = 0;
    while (i < pick.length && ++pick[i] === options[i].length) pick[i++] = 0;
    if (i === pick.length) return;
  }
}

/** Place of an outcome on a (true) list: lower is better; unassigned after every listed program, unlisted worse still. */
const placeOn = (list: readonly string[], program: string | null | undefined) => (program == null ? list.length : list.includes(program) ? list.indexOf(program) : list.length + 1);

describe('deferred acceptance is student-optimal among stable matchings (brute force, tiny instances)', () => {
  for (const withBlocks of [false, true]) {
    it(`${withBlocks ? 'with' : 'without'} reserved blocks`, () => {
      let severalStable = 0;
      for (let i = 0; i < 500; i++) {
        const seed = (withBlocks ? 20000 : 10000) + i;
        const next = mulberry32(seed);
        // 3-5 applicants, 3 programs of 1-2 seats, lists of 2-3; 100 tiers make priorities nearly independent
        // across programs, so a fair share of instances have several stable matchings
        const input = randomInstance(seed, {
          applicants: 3 + uniformBelow(next, 3),
          programs: 3,
          minSeats: 1,
          maxSeats: 1 + uniformBelow(next, 2),
          minChoices: 2,
          maxChoices: 3,
          tiers: 100,
          withBlocks,
        });
        const da = deferredAcceptance(input);
        const stable = [...allMatchings(input)].filter((m) => matchingProblems(input, m).length === 0 && blockingPairs(input, m).length === 0);
        if (!withBlocks) {
          for (const m of stable) expect(naiveBlockingPairs(input, m)).toEqual([]);
        }
        expect(stable.map(asObject)).toContainEqual(asObject(da.assignments));
        if (stable.length > 1) severalStable++;
        for (const m of stable) {
          for (const { applicantId, choices } of input.applications) {
            expect(placeOn(choices, da.assignments.get(applicantId))).toBeLessThanOrEqual(placeOn(choices, m.get(applicantId)));
          }
        }
      }
      // enough instances have a choice of stable matchings for the comparison to mean something
      expect(severalStable).toBeGreaterThan(20);
    });
  }
});

describe('truthful ranking is the best strategy (brute force over every other list, tiny instances)', () => {
  it('no applicant gets a program they truly prefer by submitting any other list', () => {
    for (let i = 0; i < 120; i++) {
      const seed = 30000 + i;
      const input = randomInstance(seed, { ...randomShape(seed, { applicants: 4, programs: 3 }), maxSeats: 2, maxChoices: 3, tiers: 100 });
      const programIds = input.programs.map((p) => p.id);
      const allLists: string[][] = [[]];
      for (const a of programIds) {
        allLists.push([a]);
        for (const b of programIds) {
          if (b === a) continue;
          allLists.push([a, b]);
          for (const c of programIds) if (c !== a && c !== b) allLists.push([a, b, c]);
        }
      }
      const truthful = deferredAcceptance(input);
      for (const { applicantId, choices } of input.applications) {
        const honest = placeOn(choices, truthful.assignments.get(applicantId));
        for (const list of allLists) {
          const lie = deferredAcceptance({ ...input, applications: input.applications.map((a) => (a.applicantId === applicantId ? { applicantId, choices: list } : a)) });
          expect(honest).toBeLessThanOrEqual(placeOn(choices, lie.assignments.get(applicantId)));
        }
      }
    }
  });
});

describe('deferred acceptance edge cases and input errors', () => {
  it('leaves applicants with no list, or only full programs, unassigned', () => {
    const input = fromTables({ a: 0, b: 1 }, { x: [], y: ['a'], z: ['b'], w: ['b', 'a'] }, { a: ['x', 'y', 'z', 'w'], b: ['w', 'z', 'x', 'y'] });
    const result = deferredAcceptance(input);
    expect(asObject(result.assignments)).toEqual({ w: 'b', x: null, y: null, z: null });
    expect({ rounds: result.rounds, proposals: result.proposals }).toEqual({ rounds: 1, proposals: 3 });
  });

  it('handles an empty round', () => {
    expect(deferredAcceptance({ programs: [], applications: [], rank: () => 0 })).toMatchObject({ rounds: 0, proposals: 0 });
  });

  it('breaks equal rank keys by applicant id', () => {
    const input: DaInput = { programs: [{ id: 'p', seats: 1 }], applications: [{ applicantId: 'b', choices: ['p'] }, { applicantId: 'a', choices: ['p'] }], rank: () => 1 };
    expect(deferredAcceptance(input).assignments.get('a')).toBe('p');
  });

  it('rejects malformed input', () => {
    const base = fromTables({ a: 1 }, { x: ['a'] }, { a: ['x'] });
    expect(() => deferredAcceptance({ ...base, applications: [{ applicantId: 'x', choices: ['nope'] }] })).toThrow(/unknown program nope/);
    expect(() => deferredAcceptance({ ...base, applications: [{ applicantId: 'x', choices: ['a', 'a'] }] })).toThrow(/program a twice/);
    expect(() => deferredAcceptance({ ...base, applications: [...base.applications, ...base.applications] })).toThrow(/two applications/);
    expect(() => deferredAcceptance({ ...base, programs: [{ id: 'a', seats: 1.5 }] })).toThrow(/whole number/);
    expect(() => deferredAcceptance({ ...base, rank: () => Number.NaN })).toThrow(/not a finite number/);
  });
});
