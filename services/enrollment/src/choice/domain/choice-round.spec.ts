import { choiceRoundProblems, ChoiceRoundInput, MAX_CHOICES, priorityKey, runChoiceRound } from './choice-round';
import { DEFAULT_PRIORITY_POLICY, ChoiceApplicant, ChoiceProgram, PriorityPolicy } from './priority-policy';
import { declineOffer } from './waitlist';

const hernandez = { lat: 42.3601, lon: -71.0589 };
/** a point `miles` due north of the Hernandez (69.093 miles per degree of latitude) */
const north = (miles: number) => ({ lat: hernandez.lat + miles / 69.093, lon: hernandez.lon });
const mather = north(3);

const programs: ChoiceProgram[] = [
  { id: 'hernandez-K', schoolId: 'hernandez', grade: 'K', seats: 2, school: hernandez },
  { id: 'mather-K', schoolId: 'mather', grade: 'K', seats: 2, school: mather },
];
const kid = (id: string, facts: Partial<ChoiceApplicant>): ChoiceApplicant => ({ id, grade: 'K', home: north(6), siblingSchoolIds: [], ...facts });
const applicants: ChoiceApplicant[] = [
  kid('continuing', { currentSchoolId: 'hernandez' }),
  kid('sibling', { siblingSchoolIds: ['mather'], home: mather }),
  kid('walker-1', { home: north(0.5) }),
  kid('walker-2', { home: north(0.4) }),
  kid('far-1', {}),
  kid('far-2', {}),
];
const everyoneRanks = (choices: string[]) => applicants.map((a) => ({ applicantId: a.id, choices }));
const round: ChoiceRoundInput = { applicants, programs, applications: everyoneRanks(['hernandez-K', 'mather-K']), policy: DEFAULT_PRIORITY_POLICY, seed: 20260301 };
const byId = (rows: ReturnType<typeof runChoiceRound>['rows']) => Object.fromEntries(rows.map((r) => [r.applicantId, r]));

describe('runChoiceRound', () => {
  it('gives each choice the policy tier, and assigns by tier then lottery', () => {
    const result = runChoiceRound(round);
    const rows = byId(result.rows);
    expect(rows['continuing'].choices).toEqual([{ programId: 'hernandez-K', tier: 0 }, { programId: 'mather-K', tier: 3 }]);
    expect(rows['sibling'].choices).toEqual([{ programId: 'hernandez-K', tier: 3 }, { programId: 'mather-K', tier: 1 }]);
    expect(rows['walker-1'].choices).toEqual([{ programId: 'hernandez-K', tier: 2 }, { programId: 'mather-K', tier: 3 }]);

    // Hernandez: the continuing student, then the walker with the better lottery number
    expect(rows['continuing']).toMatchObject({ assignedProgramId: 'hernandez-K', assignedChoiceRank: 1, waitlist: [] });
    const [luckyWalker, otherWalker] = ['walker-1', 'walker-2'].sort((a, b) => rows[a].lotteryNumber - rows[b].lotteryNumber);
    expect(rows[luckyWalker].assignedProgramId).toBe('hernandez-K');
    // Mather: the sibling, then the best lottery number among the other three (all tier 3 there)
    expect(rows['sibling']).toMatchObject({ assignedProgramId: 'mather-K', assignedChoiceRank: 2, waitlist: [{ programId: 'hernandez-K' }] });
    const [second, ...rest] = [otherWalker, 'far-1', 'far-2'].sort((a, b) => rows[a].lotteryNumber - rows[b].lotteryNumber);
    expect(rows[second].assignedProgramId).toBe('mather-K');
    for (const id of rest) expect(rows[id]).toMatchObject({ assignedProgramId: null, assignedChoiceRank: null });
    // at Hernandez the other walker (tier 2) waits ahead of the tier-3 applicants
    expect(rows[otherWalker].waitlist[0]).toEqual({ programId: 'hernandez-K', position: 1 });
    expect(new Set(result.rows.map((r) => r.lotteryNumber))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
  });

  it('is reproducible: same seed same rows, whatever the order of the input', () => {
    const first = runChoiceRound(round);
    expect(runChoiceRound(round).rows).toEqual(first.rows);
    const reordered = runChoiceRound({ ...round, applicants: [...applicants].reverse(), programs: [...programs].reverse(), applications: [...round.applications].reverse() });
    expect(byId(reordered.rows)).toEqual(byId(first.rows));
    const otherSeed = runChoiceRound({ ...round, seed: 'another-seed' });
    expect(otherSeed.rows.map((r) => r.lotteryNumber)).not.toEqual(first.rows.map((r) => r.lotteryNumber));
  });

  it('returns the ranking, so a declined offer can move the waitlist afterwards', () => {
    const result = runChoiceRound(round);
    const assignments = new Map(result.rows.map((r) => [r.applicantId, r.assignedProgramId]));
    const moved = declineOffer({ applications: round.applications, assignments, rank: result.rank }, 'continuing');
    // the first on Hernandez's waitlist is the other walker, who leaves Mather or comes off the unassigned list
    const otherWalker = result.rows.filter((r) => r.applicantId.startsWith('walker') && r.assignedProgramId !== 'hernandez-K')[0].applicantId;
    expect(moved.moves[0]).toMatchObject({ applicantId: otherWalker, to: 'hernandez-K' });
    expect(result.rank('walker-1', 'hernandez-K')).toBe(priorityKey(2, byId(result.rows)['walker-1'].lotteryNumber));
  });

  it('fills reserved blocks in precedence order and reports the block of each seat', () => {
    // walk zone is no tier of the policy, only the order of one reserved seat at Hernandez, filled first
    const policy: PriorityPolicy = { ...DEFAULT_PRIORITY_POLICY, tiers: ['continuing', 'sibling'] };
    const withBlock = programs.map((p) => (p.id === 'hernandez-K' ? { ...p, reservedBlocks: [{ name: 'walk-zone', seats: 1, tiers: ['walk-zone' as const] }] } : p));
    const rows = byId(runChoiceRound({ ...round, policy, programs: withBlock, applications: everyoneRanks(['hernandez-K']) }).rows);
    const atHernandez = Object.values(rows).filter((r) => r.assignedProgramId === 'hernandez-K');
    expect(atHernandez).toHaveLength(2);
    // the walk-zone seat goes to the walker with the better lottery number; the open seat to the continuing student
    const luckyWalker = ['walker-1', 'walker-2'].sort((a, b) => rows[a].lotteryNumber - rows[b].lotteryNumber)[0];
    expect(rows[luckyWalker].seatBlock).toBe('walk-zone');
    expect(rows['continuing'].seatBlock).toBe('open');
    expect(rows['far-1'].seatBlock).toBeUndefined();
  });
});

describe('choiceRoundProblems', () => {
  it('accepts a valid round', () => {
    expect(choiceRoundProblems(round)).toEqual([]);
  });

  it('reports every problem, and runChoiceRound refuses to run', () => {
    const tooMany = Array.from({ length: MAX_CHOICES + 1 }, () => 'hernandez-K');
    const bad: ChoiceRoundInput = {
      ...round,
      seed: 1.5,
      programs: [...programs, { ...programs[0], id: 'hernandez-1', grade: '1', reservedBlocks: [{ name: 'big', seats: 9 }] }],
      applications: [
        { applicantId: 'continuing', choices: ['hernandez-1'] },
        { applicantId: 'continuing', choices: ['mather-K'] },
        { applicantId: 'stranger', choices: ['nowhere'] },
        { applicantId: 'sibling', choices: [] },
        { applicantId: 'far-1', choices: tooMany },
      ],
    };
    expect(choiceRoundProblems(bad)).toEqual([
      'seed: a numeric seed must be a safe integer',
      'program hernandez-1: reserved blocks hold 9 seats but the program has 2',
      'applicant continuing applies for grade K but program hernandez-1 is grade 1',
      'applicant continuing has two applications',
      'applicant stranger is unknown',
      'applicant stranger ranks unknown program nowhere',
      'applicant sibling ranks no program',
      `applicant far-1 ranks 21 programs, more than ${MAX_CHOICES}`,
      'applicant far-1 ranks a program twice',
    ]);
    expect(choiceRoundProblems({ ...round, policy: { tiers: ['walk-zone'], walkZoneBands: [] } })).toEqual(['policy: a tier uses walk-zone but no walkZoneBands are configured']);
    expect(() => runChoiceRound(bad)).toThrow(/choice round: seed/);
  });
});
