import { addMonths, isMonth, monthBounds, monthRange } from './months';

describe('months', () => {
  it('steps across year ends both ways', () => {
    expect(addMonths('2026-11', 1)).toBe('2026-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-11', -23)).toBe('2024-12');
  });

  it('lists a range inclusively, empty when reversed', () => {
    expect(monthRange('2026-10', '2027-01')).toEqual(['2026-10', '2026-11', '2026-12', '2027-01']);
    expect(monthRange('2026-11', '2026-11')).toEqual(['2026-11']);
    expect(monthRange('2026-11', '2026-10')).toEqual([]);
  });

  it('knows a month from a string that only looks like one', () => {
    expect(isMonth('2026-09')).toBe(true);
    expect(isMonth('2026-13')).toBe(false);
    expect(isMonth('2026-9')).toBe(false);
    expect(() => addMonths('26-09', 1)).toThrow(RangeError);
  });

  it('bounds a month by its first day and the next month’s', () => {
    expect(monthBounds('2026-12')).toEqual({ start: '2026-12-01', next: '2027-01-01' });
  });
});
