import { onBudget, onSchedule } from './capital-flags';

describe('capital project flags', () => {
  it('is on budget while committed and spent stay within the budget', () => {
    expect(onBudget({ budget: 100, committed: 100, spent: 60 })).toBe(true);
    expect(onBudget({ budget: 100, committed: 101, spent: 60 })).toBe(false);
    expect(onBudget({ budget: 100, committed: 90, spent: 100.01 })).toBe(false);
  });

  it('is on schedule while no milestone due by the date is late', () => {
    const milestones = [
      { plannedDate: '2026-09-01', actualDate: '2026-08-28' },
      { plannedDate: '2026-10-15', actualDate: null },
    ];
    expect(onSchedule({ milestones }, '2026-10-14')).toBe(true);
    expect(onSchedule({ milestones }, '2026-10-15')).toBe(true); // due today, the day is not over
    expect(onSchedule({ milestones }, '2026-10-16')).toBe(false);
    expect(onSchedule({ milestones: [{ plannedDate: '2026-09-01', actualDate: '2026-09-03' }] }, '2026-11-01')).toBe(false);
    // judged as of a past date, a milestone finished later counts as not yet finished
    expect(onSchedule({ milestones: [{ plannedDate: '2026-09-01', actualDate: '2026-09-10' }] }, '2026-09-05')).toBe(false);
    expect(onSchedule({ milestones: [{ plannedDate: '2026-09-20', actualDate: '2026-09-10' }] }, '2026-09-05')).toBe(true);
    expect(onSchedule({ milestones: [] }, '2026-09-05')).toBe(true);
  });
});
