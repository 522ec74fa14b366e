import { haversineMiles } from '@district/contracts';
import {
  blockTierFor,
  ChoiceApplicant,
  ChoiceProgram,
  DEFAULT_PRIORITY_POLICY as policy,
  inWalkZone,
  policyProblems,
  PriorityPolicy,
  reservedBlocksProblems,
  tierFor,
} from './priority-policy';

const school = { lat: 42.3601, lon: -71.0589 };
/** a point `miles` due north of the school: a degree of latitude is 2 x pi x 3958.76 / 360 = 69.093 miles */
const north = (miles: number) => ({ lat: school.lat + miles / 69.093, lon: school.lon });
const program = (grade: ChoiceProgram['grade'], schoolId = 'hernandez'): ChoiceProgram => ({ id: `${schoolId}-${grade}`, schoolId, grade, seats: 20, school });
const applicant = (facts: Partial<ChoiceApplicant> = {}): ChoiceApplicant => ({ id: 's1', grade: 'K', home: north(5), siblingSchoolIds: [], ...facts });

describe('haversine distance', () => {
  it('measures a degree of latitude as 69.093 miles', () => {
    expect(haversineMiles(school.lat, school.lon, north(1).lat, north(1).lon)).toBeCloseTo(1, 3);
  });
});

describe('tierFor with the default (BPS history) policy', () => {
  it('orders continuing > sibling > walk zone > everyone else', () => {
    expect(tierFor(applicant({ currentSchoolId: 'hernandez', siblingSchoolIds: ['hernandez'], home: north(0.2) }), program('K'), policy)).toBe(0);
    expect(tierFor(applicant({ siblingSchoolIds: ['hernandez'], home: north(0.2) }), program('K'), policy)).toBe(1);
    expect(tierFor(applicant({ home: north(0.2) }), program('K'), policy)).toBe(2);
    expect(tierFor(applicant(), program('K'), policy)).toBe(3);
  });

  it('gives continuing and sibling priority only at that school', () => {
    const facts = applicant({ currentSchoolId: 'mather', siblingSchoolIds: ['mather'] });
    expect(tierFor(facts, program('K', 'hernandez'), policy)).toBe(3);
    expect(tierFor(facts, program('K', 'mather'), policy)).toBe(0);
  });

  it('draws the walk zone by the grade band of the program: K-5 1 mile, 6-8 1.5, 9-12 2, inclusive', () => {
    expect(inWalkZone(applicant({ home: north(0.95) }), program('K'), policy)).toBe(true);
    expect(inWalkZone(applicant({ home: north(1.05) }), program('5'), policy)).toBe(false);
    expect(inWalkZone(applicant({ home: north(1.45) }), program('7'), policy)).toBe(true);
    expect(inWalkZone(applicant({ home: north(1.55) }), program('8'), policy)).toBe(false);
    expect(inWalkZone(applicant({ home: north(1.95) }), program('9'), policy)).toBe(true);
    expect(inWalkZone(applicant({ home: north(2.05) }), program('12'), policy)).toBe(false);
    expect(inWalkZone(applicant({ home: school }), program('PK'), policy)).toBe(true);
  });

  it('gives no walk-zone priority to grades outside every band', () => {
    const noHighSchool: PriorityPolicy = { ...policy, walkZoneBands: policy.walkZoneBands.slice(0, 2) };
    expect(tierFor(applicant({ home: north(0.1) }), program('10'), noHighSchool)).toBe(3);
  });
});

describe('configured policies', () => {
  it('can drop the walk zone, reorder tiers, and ask for several criteria at once', () => {
    const siblingsFirst: PriorityPolicy = { tiers: ['sibling', 'continuing'], walkZoneBands: [] };
    expect(tierFor(applicant({ currentSchoolId: 'hernandez', siblingSchoolIds: ['hernandez'] }), program('K'), siblingsFirst)).toBe(0);
    expect(tierFor(applicant({ home: north(0.1) }), program('K'), siblingsFirst)).toBe(2);

    // Boston's former walk-zone half: sibling and walk zone > sibling > walk zone > others
    const boston: PriorityPolicy = { tiers: [['sibling', 'walk-zone'], 'sibling', 'walk-zone'], walkZoneBands: policy.walkZoneBands };
    expect(tierFor(applicant({ siblingSchoolIds: ['hernandez'], home: north(0.5) }), program('K'), boston)).toBe(0);
    expect(tierFor(applicant({ siblingSchoolIds: ['hernandez'] }), program('K'), boston)).toBe(1);
    expect(tierFor(applicant({ home: north(0.5) }), program('K'), boston)).toBe(2);
    expect(tierFor(applicant(), program('K'), boston)).toBe(3);
  });

  it('ranks a reserved block by its own tiers, or by the policy when it has none', () => {
    const walker = applicant({ home: north(0.5) });
    const sibling = applicant({ siblingSchoolIds: ['hernandez'] });
    const walkBlock = { name: 'walk-zone', seats: 10, tiers: ['walk-zone' as const] };
    expect(blockTierFor(walker, program('K'), walkBlock, policy)).toBe(0);
    expect(blockTierFor(sibling, program('K'), walkBlock, policy)).toBe(1);
    expect(blockTierFor(sibling, program('K'), { name: 'plain', seats: 10 }, policy)).toBe(1);
  });
});

describe('policyProblems', () => {
  it('accepts the default policy', () => {
    expect(policyProblems(policy)).toEqual([]);
    expect(policyProblems({ tiers: [], walkZoneBands: [] })).toEqual([]);
  });

  it('reports each problem', () => {
    expect(policyProblems(null)).toEqual(['policy must be an object with tiers and walkZoneBands lists']);
    expect(policyProblems({ tiers: ['lottery'], walkZoneBands: [] })).toEqual(['tiers[0]: lottery not one of continuing, sibling, walk-zone']);
    expect(policyProblems({ tiers: [[]], walkZoneBands: [] })).toEqual(['tiers[0] must be a criterion or a non-empty list of criteria']);
    expect(policyProblems({ tiers: ['sibling', ['sibling']], walkZoneBands: [] })).toEqual(['tiers[1] repeats tiers[0]']);
    expect(policyProblems({ tiers: ['walk-zone'], walkZoneBands: [] })).toEqual(['a tier uses walk-zone but no walkZoneBands are configured']);
    expect(
      policyProblems({
        tiers: ['walk-zone'],
        walkZoneBands: [
          { grades: ['K', '13'], maxDistanceMiles: 1 },
          { grades: ['K'], maxDistanceMiles: -1 },
          { grades: [], maxDistanceMiles: 1 },
        ],
      }),
    ).toEqual([
      'walkZoneBands[0].grades: 13 is not a grade',
      'grade K is in walkZoneBands 0 and 1',
      'walkZoneBands[1].maxDistanceMiles must be between 0 and 50',
      'walkZoneBands[2].grades must be a non-empty list',
    ]);
  });
});

describe('reservedBlocksProblems', () => {
  it('accepts no blocks and blocks within the program seats', () => {
    expect(reservedBlocksProblems(undefined, 10, policy)).toEqual([]);
    expect(reservedBlocksProblems([{ name: 'walk-zone', seats: 5, tiers: ['walk-zone'] }, { name: 'rest', seats: 5 }], 10, policy)).toEqual([]);
  });

  it('reports bad names, seats and tiers', () => {
    expect(
      reservedBlocksProblems(
        [
          { name: 'walk', seats: 6, tiers: ['walk-zone'] },
          { name: 'walk', seats: 1.5 },
          { name: 'open', seats: 5 },
          { name: 'x', seats: 1, tiers: ['nearby'] },
          null,
        ],
        10,
        policy,
      ),
    ).toEqual([
      'reservedBlocks[1].name walk is used twice',
      'reservedBlocks[1].seats must be a whole number of seats',
      'reservedBlocks[2].name "open" is kept for the seats outside every block',
      'reservedBlocks[3].tiers[0]: nearby not one of continuing, sibling, walk-zone',
      'reservedBlocks[4] must be an object',
      'reserved blocks hold 12 seats but the program has 10',
    ]);
    expect(reservedBlocksProblems([{ name: 'w', seats: 1, tiers: ['walk-zone'] }], 2, { tiers: [], walkZoneBands: [] })).toEqual([
      'reservedBlocks[0] uses walk-zone but the policy has no walkZoneBands',
    ]);
    expect(reservedBlocksProblems({}, 2, policy)).toEqual(['reservedBlocks must be a list']);
  });
});
