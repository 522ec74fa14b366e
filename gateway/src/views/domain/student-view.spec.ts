import { studentSections } from './student-view';

const ok = (value: Record<string, unknown>) => ({ status: 'ok' as const, ms: 2, value });
const down = { status: 'unavailable' as const, ms: 1500, detail: 'no answer within the timeout' };

describe('studentSections', () => {
  const answers = {
    transportation: ok({ eligibility: { status: 'yellow-bus' }, stop: { name: 'Elm & Main' } }),
    food: ok({ account: { status: 'open' }, eligibility: { category: 'free', source: 'snap' } }),
    technology: down,
  };

  it('removes the meal eligibility category for a caller without a food role, and does not list it as shown', () => {
    const { sections, fields } = studentSections(answers, false);
    expect(sections.food).toEqual({ account: { status: 'open' } });
    expect(sections.transportation).toEqual({ eligibility: { status: 'yellow-bus' }, stop: { name: 'Elm & Main' } }); // transport eligibility is not the meal category
    expect(sections.technology).toBeNull();
    expect(fields).toEqual(['transportation', 'food']);
  });

  it('keeps it for a food role and records that it was shown', () => {
    const { sections, fields } = studentSections(answers, true);
    expect(sections.food).toMatchObject({ eligibility: { category: 'free' } });
    expect(fields).toEqual(['transportation', 'food.eligibility', 'food']);
  });
});
