import { bostonMechanism } from './boston-mechanism';
import type { DaInput } from './deferred-acceptance';

describe('bostonMechanism (immediate acceptance, a test oracle)', () => {
  it('accepts for good in each round, so ranking a school second can lose a seat one had priority for', () => {
    // x has top priority at A but ranks B first; y ranks A first and takes A in round 1 for good
    const priorities: Record<string, string[]> = { A: ['x', 'y'], B: ['z', 'x'] };
    const input: DaInput = {
      programs: [{ id: 'A', seats: 1 }, { id: 'B', seats: 1 }],
      applications: [
        { applicantId: 'x', choices: ['B', 'A'] },
        { applicantId: 'y', choices: ['A'] },
        { applicantId: 'z', choices: ['B'] },
      ],
      rank: (a, p) => priorities[p].indexOf(a),
    };
    const result = bostonMechanism(input);
    expect(Object.fromEntries(result.assignments)).toEqual({ x: null, y: 'A', z: 'B' });
    expect(Object.fromEntries(result.assignedRank)).toEqual({ x: null, y: 1, z: 1 });
  });

  it('does not model reserved blocks', () => {
    const input: DaInput = { programs: [{ id: 'A', seats: 1, blocks: [{ name: 'w', seats: 1, rank: () => 0 }] }], applications: [], rank: () => 0 };
    expect(() => bostonMechanism(input)).toThrow(/reserved blocks/);
  });
});
