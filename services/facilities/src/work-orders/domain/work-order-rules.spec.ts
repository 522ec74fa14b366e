import { DEFAULT_RESPONSE_TARGETS, completedWithinTarget, isOverdue, targetAt, transitionProblem } from './work-order-rules';

const TZ = 'America/New_York';
const requested = new Date('2026-11-20T14:00:00Z');

describe('response targets and overdue work orders', () => {
  it('gives each priority its configured target', () => {
    expect(targetAt('emergency', requested, null, DEFAULT_RESPONSE_TARGETS, TZ).toISOString()).toBe('2026-11-20T18:00:00.000Z');
    expect(targetAt('urgent', requested, null, DEFAULT_RESPONSE_TARGETS, TZ).toISOString()).toBe('2026-11-21T14:00:00.000Z');
    expect(targetAt('routine', requested, null, DEFAULT_RESPONSE_TARGETS, TZ).toISOString()).toBe('2026-11-27T14:00:00.000Z');
    // scheduled work is due by the end of its due date, local time
    expect(targetAt('scheduled', requested, '2026-11-25', DEFAULT_RESPONSE_TARGETS, TZ).toISOString()).toBe('2026-11-26T05:00:00.000Z');
    expect(targetAt('urgent', requested, null, { ...DEFAULT_RESPONSE_TARGETS, urgentHours: 48 }, TZ).toISOString()).toBe('2026-11-22T14:00:00.000Z');
    expect(() => targetAt('scheduled', requested, null, DEFAULT_RESPONSE_TARGETS, TZ)).toThrow(RangeError);
  });

  it('computes overdue across priorities at one instant', () => {
    const asOf = new Date('2026-11-21T15:00:00Z'); // 25 hours after the request
    const overdue = (['emergency', 'urgent', 'routine'] as const).map((p) => isOverdue({ status: 'open', targetAt: targetAt(p, requested, null, DEFAULT_RESPONSE_TARGETS, TZ) }, asOf));
    expect(overdue).toEqual([true, true, false]);
    const pm = targetAt('scheduled', requested, '2026-11-21', DEFAULT_RESPONSE_TARGETS, TZ);
    expect(isOverdue({ status: 'assigned', targetAt: pm }, asOf)).toBe(false); // due today: not late until the day ends
    expect(isOverdue({ status: 'assigned', targetAt: pm }, new Date('2026-11-22T05:00:01Z'))).toBe(true);
    // exactly at the target is not yet overdue; completed and cancelled work is never overdue
    const t = targetAt('emergency', requested, null, DEFAULT_RESPONSE_TARGETS, TZ);
    expect(isOverdue({ status: 'in-progress', targetAt: t }, t)).toBe(false);
    expect(isOverdue({ status: 'completed', targetAt: t }, asOf)).toBe(false);
    expect(isOverdue({ status: 'cancelled', targetAt: t }, asOf)).toBe(false);
    expect(isOverdue({ status: 'on-hold', targetAt: t }, asOf)).toBe(true);
  });

  it('counts completion at the target as within it', () => {
    const t = new Date('2026-11-20T18:00:00Z');
    expect(completedWithinTarget({ completedAt: t, targetAt: t })).toBe(true);
    expect(completedWithinTarget({ completedAt: new Date(t.getTime() + 1000), targetAt: t })).toBe(false);
  });
});

describe('status changes', () => {
  const at = new Date('2026-11-21T10:00:00Z');
  const open = { status: 'open' as const, lastChangeAt: requested, assignee: null };

  it('allows the normal path and refuses jumps, backwards time and changes after the end', () => {
    expect(transitionProblem(open, { to: 'assigned', at, assignee: 'HVAC crew 2' })).toBeUndefined();
    expect(transitionProblem(open, { to: 'assigned', at })).toMatch(/assignee/);
    expect(transitionProblem(open, { to: 'completed', at })).toMatch(/cannot go from open to completed/);
    expect(transitionProblem({ ...open, status: 'assigned', assignee: 'x' }, { to: 'completed', at })).toBeUndefined();
    expect(transitionProblem({ ...open, status: 'assigned', assignee: 'x' }, { to: 'in-progress', at: new Date('2026-11-19T00:00:00Z') })).toMatch(/earlier/);
    expect(transitionProblem({ ...open, status: 'completed' }, { to: 'cancelled', at })).toMatch(/completed/);
    expect(transitionProblem(open, { to: 'in-progress', at })).toMatch(/assign/);
  });
});
