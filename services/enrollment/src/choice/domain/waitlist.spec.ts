import { DaInput, deferredAcceptance } from './deferred-acceptance';
import { randomInstance } from './random-instances';
import { blockingPairs, matchingProblems } from './stability';
import { declineOffer, releaseSeat, SeatState, waitlistLengths, waitlistPositions } from './waitlist';

// Hand-made: three one-seat programs, four applicants, a strict priority order at each program.
const priorities: Record<string, string[]> = { A: ['v', 'u', 'w', 'x'], B: ['u', 'w', 'x', 'v'], C: ['w', 'x', 'u', 'v'] };
const input: DaInput = {
  programs: [{ id: 'A', seats: 1 }, { id: 'B', seats: 1 }, { id: 'C', seats: 1 }],
  applications: [
    { applicantId: 'u', choices: ['A', 'B', 'C'] },
    { applicantId: 'v', choices: ['A', 'C'] },
    { applicantId: 'w', choices: ['B', 'A', 'C'] },
    { applicantId: 'x', choices: ['A', 'B', 'C'] },
  ],
  rank: (a, p) => priorities[p].indexOf(a),
};
// Deferred acceptance, by hand: round 1 A keeps v (rejects u, x), B keeps w; round 2 B takes u over w and x;
// round 3 A rejects w, C keeps x; round 4 C takes w over x; x has no choice left.
const afterRun = new Map<string, string | null>([['u', 'B'], ['v', 'A'], ['w', 'C'], ['x', null]]);
const state = (assignments: ReadonlyMap<string, string | null>, withdrawn?: Set<string>): SeatState => ({ applications: input.applications, assignments, rank: input.rank, withdrawn });

describe('waitlists on a hand-made instance', () => {
  it('the run gives the assignment worked out by hand', () => {
    expect(deferredAcceptance(input).assignments).toEqual(afterRun);
  });

  it('lists each applicant at every program ranked above the assignment, placed by the program order', () => {
    // A waits: u, w, x (in A's order); B waits: w, x; C waits: x
    expect(Object.fromEntries(waitlistPositions(state(afterRun)))).toEqual({
      u: [{ programId: 'A', position: 1 }],
      v: [],
      w: [{ programId: 'B', position: 1 }, { programId: 'A', position: 2 }],
      x: [{ programId: 'A', position: 3 }, { programId: 'B', position: 2 }, { programId: 'C', position: 1 }],
    });
    expect(Object.fromEntries(waitlistLengths(state(afterRun)))).toEqual({ A: 3, B: 2, C: 1 });
  });

  it('a declined offer moves the chain: u takes A, w takes u\'s seat at B, x takes w\'s seat at C', () => {
    const result = declineOffer(state(afterRun), 'v');
    expect(result.moves).toEqual([
      { applicantId: 'u', from: 'B', to: 'A' },
      { applicantId: 'w', from: 'C', to: 'B' },
      { applicantId: 'x', from: null, to: 'C' },
    ]);
    expect(result.vacantProgramId).toBeNull();
    expect(Object.fromEntries(result.assignments)).toEqual({ u: 'A', v: null, w: 'B', x: 'C' });
    expect(result.withdrawn).toEqual(new Set(['v']));
    // v is off every waitlist; u and w hold their first choices; x still waits at A and B
    expect(Object.fromEntries(waitlistPositions(state(result.assignments, result.withdrawn)))).toEqual({
      u: [],
      v: [],
      w: [],
      x: [{ programId: 'A', position: 1 }, { programId: 'B', position: 1 }],
    });
  });

  it('skips applicants who already hold a program they like as much, and ends with an empty seat when nobody waits', () => {
    const afterChain = new Map<string, string | null>([['u', 'A'], ['v', null], ['w', 'B'], ['x', 'C']]);
    // a seat added at B: w holds B already, u holds A which they prefer; x (at C) wants B
    const added = releaseSeat(state(afterChain, new Set(['v'])), 'B');
    expect(added.moves).toEqual([{ applicantId: 'x', from: 'C', to: 'B' }]);
    expect(added.vacantProgramId).toBe('C');
    // x leaves: C has nobody waiting, the seat stays empty
    const left = declineOffer(state(afterChain, new Set(['v'])), 'x');
    expect(left.moves).toEqual([]);
    expect(left.vacantProgramId).toBe('C');
  });

  it('does not offer seats to withdrawn applicants, and refuses to decline an offer nobody holds', () => {
    const result = releaseSeat(state(afterRun, new Set(['u', 'w'])), 'A');
    expect(result.moves).toEqual([{ applicantId: 'x', from: null, to: 'A' }]);
    expect(() => declineOffer(state(afterRun), 'x')).toThrow(/holds no offer/);
  });

  it('treats a seat off the applicant\'s list (an administrative assignment) as below every listed program', () => {
    const administrative = new Map(afterRun).set('x', 'Z');
    expect(waitlistPositions(state(administrative)).get('x')?.map((e) => e.programId)).toEqual(['A', 'B', 'C']);
    expect(releaseSeat(state(administrative, new Set(['u', 'w'])), 'A').moves).toEqual([{ applicantId: 'x', from: 'Z', to: 'A' }]);
  });
});

describe('release chains on random instances', () => {
  it('every move improves the mover, and the result stays stable (no blocking pair) for the new seats', () => {
    let moved = 0;
    for (let i = 0; i < 200; i++) {
      const random = randomInstance(40000 + i, { applicants: 40, programs: 6, maxSeats: 6, maxChoices: 5, tiers: 3 });
      const da = deferredAcceptance(random);
      const base = { applications: random.applications, assignments: da.assignments, rank: random.rank };

      // a seat added at one program
      const program = random.programs[i % random.programs.length];
      const added = releaseSeat(base, program.id);
      const moreSeats = { ...random, programs: random.programs.map((p) => (p.id === program.id ? { ...p, seats: p.seats + 1 } : p)) };
      expect(matchingProblems(moreSeats, added.assignments)).toEqual([]);
      expect(blockingPairs(moreSeats, added.assignments)).toEqual([]);
      for (const move of added.moves) {
        const choices = random.applications.find((a) => a.applicantId === move.applicantId)?.choices ?? [];
        if (move.from !== null) expect(choices.indexOf(move.to)).toBeLessThan(choices.indexOf(move.from));
      }
      moved += added.moves.length;

      // an offer declined
      const holder = [...da.assignments].find(([, p]) => p !== null)?.[0];
      if (holder === undefined) continue;
      const declined = declineOffer(base, holder);
      const without = { ...random, applications: random.applications.filter((a) => a.applicantId !== holder) };
      const rest = new Map(declined.assignments);
      rest.delete(holder);
      expect(matchingProblems(without, rest)).toEqual([]);
      expect(blockingPairs(without, rest)).toEqual([]);
    }
    expect(moved).toBeGreaterThan(100);
  });
});
