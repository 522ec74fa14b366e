import { dueTimes, overdueReason, slaProblems } from './sla';

describe('help-desk SLA', () => {
  const opened = new Date('2026-11-20T14:00:00Z');
  const times = { ...dueTimes(opened, { priority: 'high', firstResponseMinutes: 120, resolutionMinutes: 1440 }), firstResponseAt: null, resolvedAt: null };

  it('sets the targets from the priority’s configuration', () => {
    expect(times.responseDueAt.toISOString()).toBe('2026-11-20T16:00:00.000Z');
    expect(times.resolutionDueAt.toISOString()).toBe('2026-11-21T14:00:00.000Z');
  });

  it('is overdue past a target it has not met', () => {
    expect(overdueReason(times, new Date('2026-11-20T15:59:00Z'))).toBeNull();
    expect(overdueReason(times, new Date('2026-11-20T16:00:00Z'))).toBe('first-response');
    expect(overdueReason({ ...times, firstResponseAt: new Date('2026-11-20T14:30:00Z') }, new Date('2026-11-20T17:00:00Z'))).toBeNull();
    expect(overdueReason({ ...times, firstResponseAt: new Date('2026-11-20T14:30:00Z') }, new Date('2026-11-21T14:00:00Z'))).toBe('resolution');
    expect(overdueReason({ ...times, resolvedAt: new Date('2026-11-22T00:00:00Z') }, new Date('2026-11-25T00:00:00Z'))).toBeNull();
  });

  it('checks targets', () => {
    expect(slaProblems({ priority: 'low', firstResponseMinutes: 600, resolutionMinutes: 60 })).toEqual(['firstResponseMinutes cannot exceed resolutionMinutes']);
    expect(slaProblems({ priority: 'low', firstResponseMinutes: 0, resolutionMinutes: 60 })).toHaveLength(1);
  });
});
