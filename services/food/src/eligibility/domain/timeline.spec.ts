import { buildSegments, Determination, Spell } from './timeline';

const A = 'school-a';
const B = 'school-b';

describe('student timeline (school × category pieces the census counts)', () => {
  it('a student with no determination is paid for the whole spell', () => {
    expect(buildSegments([{ schoolId: A, from: '2026-09-02', to: null }], [])).toEqual([{ schoolId: A, category: 'paid', identified: false, from: '2026-09-02', to: null }]);
  });

  it('splits the spell where a determination starts and ends', () => {
    const det: Determination[] = [{ category: 'free', identified: true, from: '2026-09-15', to: '2026-10-01' }];
    expect(buildSegments([{ schoolId: A, from: '2026-09-02', to: null }], det)).toEqual([
      { schoolId: A, category: 'paid', identified: false, from: '2026-09-02', to: '2026-09-15' },
      { schoolId: A, category: 'free', identified: true, from: '2026-09-15', to: '2026-10-01' },
      { schoolId: A, category: 'paid', identified: false, from: '2026-10-01', to: null },
    ]);
  });

  it('takes the most beneficial category, and an identified free over an application free', () => {
    const det: Determination[] = [
      { category: 'reduced', identified: false, from: '2026-08-20', to: null },
      { category: 'free', identified: false, from: '2026-09-10', to: null },
      { category: 'free', identified: true, from: '2026-09-20', to: null },
    ];
    expect(buildSegments([{ schoolId: A, from: '2026-09-02', to: null }], det).map((s) => [s.category, s.identified, s.from])).toEqual([
      ['reduced', false, '2026-09-02'],
      ['free', false, '2026-09-10'],
      ['free', true, '2026-09-20'],
    ]);
  });

  it('follows a transfer: the category carries to the new school, pieces never cross schools', () => {
    const spells: Spell[] = [{ schoolId: A, from: '2026-09-02', to: '2026-10-05' }, { schoolId: B, from: '2026-10-05', to: null }];
    const det: Determination[] = [{ category: 'free', identified: true, from: '2026-08-15', to: null }];
    expect(buildSegments(spells, det)).toEqual([
      { schoolId: A, category: 'free', identified: true, from: '2026-09-02', to: '2026-10-05' },
      { schoolId: B, category: 'free', identified: true, from: '2026-10-05', to: null },
    ]);
  });

  it('nothing outside the spells, and empty spells are ignored', () => {
    expect(buildSegments([{ schoolId: A, from: '2026-09-02', to: '2026-09-02' }], [{ category: 'free', identified: true, from: '2026-01-01', to: null }])).toEqual([]);
  });
});
