import { computeDeadline } from '../../calendar/domain/deadlines';
import { DistrictCalendar } from '../../calendar/domain/district-calendar';
import { DAYS_OFF, testCalendar, YEARS } from '../../calendar/domain/test-calendar';
import { DEFAULT_PROCEDURE, GrievanceProcedure, procedureErrors } from '../../contracts/domain/grievance-procedure';
import {
  answerStep, appealGrievance, applyMissedDeadlines, DeadlineFn, fileGrievance, GrievanceRuleError, recomputeDue, withdrawGrievance,
} from './grievance-rules';

const cal = testCalendar();
const p: GrievanceProcedure = DEFAULT_PROCEDURE;
const deadline: DeadlineFn = (from, rule) => computeDeadline(from, rule, cal, p);
const today = '2026-12-31';
const filed = () => fileGrievance({ occurredOn: '2026-10-26', filedOn: '2026-11-02', today }, p, deadline).state;

describe('filing', () => {
  it('opens at step 1 with the answer due in school days', () => {
    const t = fileGrievance({ occurredOn: '2026-10-26', filedOn: '2026-11-02', today }, p, deadline);
    // 10 school days after Mon Nov 2: 4, 5, 6, 9, 10, 12, 13, 16, 17, 18 (Nov 3 break, Nov 11 holiday)
    expect(t.state).toMatchObject({ status: 'open', currentStep: 1, awaiting: 'answer', dueOn: '2026-11-18', dueFrom: '2026-11-02' });
    expect(t.history).toEqual([expect.objectContaining({ kind: 'filed', step: 1, on: '2026-11-02' })]);
  });

  it('refuses a grievance filed after the contractual filing deadline', () => {
    // 30 school days after Tue Sep 1 (summer): Sep 2-4, 8-11, 14-18, 21-25, Sep 28-Oct 2, Oct 5-9, [12 holiday], 13, 14, 15
    expect(() => fileGrievance({ occurredOn: '2026-09-01', filedOn: '2026-10-16', today }, p, deadline)).toThrow(/deadline.*due 2026-10-15/);
    expect(fileGrievance({ occurredOn: '2026-09-01', filedOn: '2026-10-15', today }, p, deadline).state.status).toBe('open');
  });

  it('refuses impossible dates', () => {
    expect(() => fileGrievance({ occurredOn: '2026-11-05', filedOn: '2026-11-02', today }, p, deadline)).toThrow(GrievanceRuleError);
    expect(() => fileGrievance({ occurredOn: '2026-11-01', filedOn: '2027-01-02', today }, p, deadline)).toThrow(/future/);
  });
});

describe('answers and appeals', () => {
  it('a denial opens the union’s appeal window; an appeal moves to the next step with its own deadline', () => {
    const denied = answerStep(filed(), { step: 1, outcome: 'denied', answeredOn: '2026-11-16', today }, p, deadline).state;
    // appeal within 10 school days of Mon Nov 16: 17, 18, 19, 20, 23, 24, 25, 30, Dec 1, 2
    expect(denied).toMatchObject({ status: 'open', currentStep: 1, awaiting: 'appeal', dueOn: '2026-12-02' });
    expect(denied.steps[0]).toMatchObject({ answeredOn: '2026-11-16', outcome: 'denied', employerMissed: false });
    const appealed = appealGrievance(denied, { appealedOn: '2026-11-20', today }, p, deadline);
    // answer within 10 school days of Fri Nov 20: 23, 24, 25, [26-27 holiday], 30, Dec 1, 2, 3, 4, 7, 8
    expect(appealed.state).toMatchObject({ currentStep: 2, awaiting: 'answer', dueOn: '2026-12-08' });
    expect(appealed.history[0]).toMatchObject({ kind: 'appealed', step: 2 });
  });

  it('closes on a sustained, settled or withdrawn answer, at that step', () => {
    for (const outcome of ['sustained', 'settled', 'withdrawn'] as const) {
      const s = answerStep(filed(), { step: 1, outcome, answeredOn: '2026-11-10', today }, p, deadline).state;
      expect(s).toMatchObject({ status: 'closed', outcome, closedReason: 'answer', closedOn: '2026-11-10', currentStep: 1, dueOn: null });
    }
  });

  it('records a late answer as late', () => {
    const t = answerStep(filed(), { step: 1, outcome: 'sustained', answeredOn: '2026-11-19', today }, p, deadline);
    expect(t.state.steps[0]).toMatchObject({ employerMissed: true, answeredOn: '2026-11-19' });
    expect(t.history.map((h) => h.kind)).toEqual(['employer-deadline-missed', 'answered', 'closed']);
  });

  it('closes denied at the last step', () => {
    let s = filed();
    for (let step = 1; step <= 3; step++) {
      s = answerStep(s, { step, outcome: 'denied', answeredOn: s.dueOn!, today: '2027-06-01' }, p, deadline).state;
      s = appealGrievance(s, { appealedOn: s.dueOn!, today: '2027-06-01' }, p, deadline).state;
    }
    expect(s.currentStep).toBe(4);
    s = answerStep(s, { step: 4, outcome: 'denied', answeredOn: s.dueOn!, today: '2027-06-01' }, p, deadline).state;
    expect(s).toMatchObject({ status: 'closed', outcome: 'denied', closedReason: 'final-step' });
  });

  it('refuses answers to the wrong step, twice, or to a closed grievance, and early appeals', () => {
    const s = filed();
    expect(() => answerStep(s, { step: 2, outcome: 'denied', answeredOn: '2026-11-05', today }, p, deadline)).toThrow(/at step 1/);
    expect(() => appealGrievance(s, { appealedOn: '2026-11-05', today }, p, deadline)).toThrow(/awaits the employer/);
    const closed = withdrawGrievance(s, { on: '2026-11-06', today }).state;
    expect(() => answerStep(closed, { step: 1, outcome: 'denied', answeredOn: '2026-11-09', today }, p, deadline)).toThrow(/closed/);
    expect(() => withdrawGrievance(closed, { on: '2026-11-09', today })).toThrow(GrievanceRuleError);
  });
});

describe('missed deadlines', () => {
  it('a missed employer deadline lets the union advance, counting its appeal time from the missed due date', () => {
    const t = applyMissedDeadlines(filed(), '2026-11-19', p, deadline);
    // answer was due Nov 18; appeal within 10 school days of it: 19, 20, 23, 24, 25, 30, Dec 1, 2, 3, 4
    expect(t.state).toMatchObject({ status: 'open', currentStep: 1, awaiting: 'appeal', dueOn: '2026-12-04', dueFrom: '2026-11-18' });
    expect(t.state.steps[0].employerMissed).toBe(true);
    expect(t.history).toEqual([expect.objectContaining({ kind: 'employer-deadline-missed', on: '2026-11-18', step: 1 })]);
    const appealed = appealGrievance(t.state, { appealedOn: '2026-11-24', today }, p, deadline).state;
    expect(appealed).toMatchObject({ currentStep: 2, awaiting: 'answer' });
  });

  it('nothing is missed on the due date itself', () => {
    expect(applyMissedDeadlines(filed(), '2026-11-18', p, deadline).history).toEqual([]);
  });

  it('a missed union deadline closes the grievance on the last answer', () => {
    const denied = answerStep(filed(), { step: 1, outcome: 'denied', answeredOn: '2026-11-16', today }, p, deadline).state;
    const t = applyMissedDeadlines(denied, '2026-12-03', p, deadline);
    expect(t.state).toMatchObject({ status: 'closed', outcome: 'denied', closedReason: 'union-deadline-missed', closedOn: '2026-12-02', currentStep: 1 });
    expect(() => appealGrievance(denied, { appealedOn: '2026-12-03', today }, p, deadline)).toThrow(/was due by 2026-12-02/);
  });

  it('catches up several missed deadlines in one pass', () => {
    const t = applyMissedDeadlines(filed(), '2026-12-10', p, deadline);
    expect(t.history.map((h) => h.kind)).toEqual(['employer-deadline-missed', 'union-deadline-missed']);
    expect(t.state).toMatchObject({ status: 'closed', outcome: 'withdrawn', closedOn: '2026-12-04' });
  });

  it('an on-time answer entered after the deadline pass clears the miss', () => {
    const missed = applyMissedDeadlines(filed(), '2026-11-20', p, deadline).state;
    const t = answerStep(missed, { step: 1, outcome: 'denied', answeredOn: '2026-11-18', today }, p, deadline);
    expect(t.state.steps[0]).toMatchObject({ employerMissed: false, outcome: 'denied' });
    expect(t.state).toMatchObject({ awaiting: 'appeal', dueFrom: '2026-11-18' });
  });
});

it('recomputes the current deadline from its start when the calendar changes', () => {
  const s = filed();
  // a snow day on Mon Nov 16 pushes the step 1 answer one school day later
  const withClosure = new DistrictCalendar(YEARS, [...DAYS_OFF, { startsOn: '2026-11-16', endsOn: '2026-11-16', kind: 'break', name: 'snow day' }]);
  const r = recomputeDue(s, p, (from, rule) => computeDeadline(from, rule, withClosure, p));
  expect(r.dueOn).toBe('2026-11-19');
  expect(r.steps[0].answerDueOn).toBe('2026-11-19');
});

it('checks a procedure', () => {
  expect(procedureErrors(DEFAULT_PROCEDURE)).toEqual([]);
  const bad = { ...DEFAULT_PROCEDURE, steps: [{ ...DEFAULT_PROCEDURE.steps[1], fileWithin: { days: 0, unit: 'weeks' as never } }] };
  expect(procedureErrors(bad).map((e) => e.field)).toEqual(['grievanceProcedure.steps.0.step', 'grievanceProcedure.steps.0.fileWithin.days', 'grievanceProcedure.steps.0.fileWithin.unit']);
});
