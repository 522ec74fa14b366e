import { chooseBySlots, OPEN_SEATS, programSlotsProblems, ProgramSlots } from './seat-blocks';

// Lottery numbers (lower is better) and walk-zone status of four applicants.
const lottery: Record<string, number> = { w1: 1, n1: 2, w2: 3, w3: 4 };
const walker = (id: string) => id.startsWith('w');
const byLottery = (id: string) => lottery[id];
/** walk-zone applicants first, then the lottery */
const walkZoneFirst = (id: string) => (walker(id) ? 0 : 100) + lottery[id];

describe('chooseBySlots (Dur, Kominers, Pathak, Sönmez 2018 slot precedence)', () => {
  it('without blocks keeps the best `seats` applicants by the program order', () => {
    const program: ProgramSlots = { id: 'p', seats: 2 };
    expect(chooseBySlots(program, ['w3', 'n1', 'w1', 'w2'], byLottery)).toEqual(new Map([['w1', OPEN_SEATS], ['n1', OPEN_SEATS]]));
  });

  it('precedence changes the outcome: walk-zone slots first admit fewer walkers than open slots first', () => {
    const candidates = ['w1', 'n1', 'w2'];
    // walk-zone slot first: it takes w1 (the best walker); the open slot then takes n1 (next best lottery)
    const walkFirst: ProgramSlots = { id: 'p', seats: 2, blocks: [{ name: 'walk-zone', seats: 1, rank: walkZoneFirst }] };
    expect(chooseBySlots(walkFirst, candidates, byLottery)).toEqual(new Map([['w1', 'walk-zone'], ['n1', OPEN_SEATS]]));
    // open slot first: it takes w1 on the lottery; the walk-zone slot then takes w2 over n1
    const openFirst: ProgramSlots = {
      id: 'p',
      seats: 2,
      blocks: [{ name: 'any', seats: 1, rank: byLottery }, { name: 'walk-zone', seats: 1, rank: walkZoneFirst }],
    };
    expect(chooseBySlots(openFirst, candidates, byLottery)).toEqual(new Map([['w1', 'any'], ['w2', 'walk-zone']]));
  });

  it('reserves are soft: a block with no favoured applicants fills with the others', () => {
    const program: ProgramSlots = { id: 'p', seats: 2, blocks: [{ name: 'walk-zone', seats: 2, rank: walkZoneFirst }] };
    expect(chooseBySlots(program, ['n1'], byLottery)).toEqual(new Map([['n1', 'walk-zone']]));
  });

  it('chooses min(seats, applicants) and never depends on the candidates order', () => {
    const program: ProgramSlots = { id: 'p', seats: 3, blocks: [{ name: 'walk-zone', seats: 1, rank: walkZoneFirst }] };
    const a = chooseBySlots(program, ['w1', 'n1', 'w2', 'w3'], byLottery);
    const b = chooseBySlots(program, ['w3', 'w2', 'n1', 'w1'], byLottery);
    expect(a.size).toBe(3);
    expect([...b].sort()).toEqual([...a].sort());
  });

  it('breaks equal keys by applicant id', () => {
    expect([...chooseBySlots({ id: 'p', seats: 1 }, ['b', 'a'], () => 0).keys()]).toEqual(['a']);
  });
});

describe('programSlotsProblems', () => {
  it('reports bad seats, reused names and over-reserved programs', () => {
    expect(programSlotsProblems({ id: 'p', seats: 2, blocks: [{ name: 'w', seats: 1, rank: byLottery }] })).toEqual([]);
    expect(
      programSlotsProblems({
        id: 'p',
        seats: 2,
        blocks: [
          { name: 'open', seats: 1, rank: byLottery },
          { name: 'w', seats: 1, rank: byLottery },
          { name: 'w', seats: 1, rank: byLottery },
        ],
      }),
    ).toEqual(['program p: block name open is taken', 'program p: block name w is taken', 'program p: blocks hold 3 seats, more than its 2']);
    expect(programSlotsProblems({ id: 'p', seats: -1 })).toEqual(['program p: seats must be a whole number, got -1']);
  });
});
