import type { DaInput } from './deferred-acceptance';
import { blockingPairs, matchingProblems } from './stability';

const priorities: Record<string, string[]> = { A: ['a1', 'a2', 'a3'], B: ['a3', 'a2', 'a1'] };
const input: DaInput = {
  programs: [{ id: 'A', seats: 1 }, { id: 'B', seats: 2 }],
  applications: [
    { applicantId: 'a1', choices: ['A', 'B'] },
    { applicantId: 'a2', choices: ['A'] },
    { applicantId: 'a3', choices: ['B', 'A'] },
  ],
  rank: (a, p) => priorities[p].indexOf(a),
};

describe('matchingProblems', () => {
  it('accepts a valid matching and reports over-capacity, unlisted, unknown and missing applicants', () => {
    expect(matchingProblems(input, new Map([['a1', 'A'], ['a2', null], ['a3', 'B']]))).toEqual([]);
    expect(matchingProblems(input, new Map([['a1', 'A'], ['a2', 'A'], ['a9', null]]))).toEqual([
      'a9 is assigned but did not apply',
      'a3 has no outcome',
      'A holds 2 applicants for 1 seats',
    ]);
    expect(matchingProblems(input, new Map([['a1', 'A'], ['a2', 'B'], ['a3', 'B']]))).toEqual(['a2 is assigned to B, not on their list']);
  });
});

describe('blockingPairs', () => {
  it('finds none in the stable matching', () => {
    expect(blockingPairs(input, new Map([['a1', 'A'], ['a2', null], ['a3', 'B']]))).toEqual([]);
  });

  it('finds a free seat someone wants and a holder someone outranks', () => {
    // a1 wants A, held by a2 whom a1 outranks there; a3 and a1 could both use B's empty seats
    expect(blockingPairs(input, new Map([['a1', null], ['a2', 'A'], ['a3', null]]))).toEqual([
      { applicantId: 'a1', programId: 'A', because: 'outranks-holder' },
      { applicantId: 'a1', programId: 'B', because: 'free-seat' },
      { applicantId: 'a3', programId: 'B', because: 'free-seat' },
    ]);
  });

  it('asks a program with blocks whether its slots would choose the applicant', () => {
    // B's single block seat puts a1 first: a1 is chosen over a3 though a3 leads B's own order
    const blocked: DaInput = {
      ...input,
      programs: [{ id: 'A', seats: 1 }, { id: 'B', seats: 1, blocks: [{ name: 'favours-a1', seats: 1, rank: (a) => (a === 'a1' ? 0 : 1) }] }],
    };
    expect(blockingPairs(blocked, new Map([['a1', null], ['a2', 'A'], ['a3', 'B']]))).toEqual([
      { applicantId: 'a1', programId: 'A', because: 'outranks-holder' },
      { applicantId: 'a1', programId: 'B', because: 'outranks-holder' },
    ]);
  });
});
