import type { DeadlineRule } from '../../calendar/domain/deadlines';
import type { GrievanceProcedure, GrievanceStepDefinition } from '../../contracts/domain/grievance-procedure';

export type GrievanceOutcome = 'sustained' | 'denied' | 'settled' | 'withdrawn';
export const OUTCOMES: readonly GrievanceOutcome[] = ['sustained', 'denied', 'settled', 'withdrawn'];

/** Why a grievance closed: an answer that ended it, a denial at the last step, a withdrawal, or the union's missed deadline. */
export type ClosedReason = 'answer' | 'final-step' | 'withdrawn' | 'union-deadline-missed';

export type HistoryKind =
  | 'filed' | 'answered' | 'appealed' | 'employer-deadline-missed' | 'union-deadline-missed' | 'withdrawn' | 'closed' | 'deadline-recomputed';

export interface HistoryEntry {
  on: string;
  kind: HistoryKind;
  step: number;
  detail: string;
}

/** One step as it happened: when it was filed, when the employer's answer was due, and the answer. */
export interface StepRecord {
  step: number;
  filedOn: string;
  answerDueOn: string;
  answeredOn: string | null;
  outcome: GrievanceOutcome | null;
  /** the employer let the answer deadline pass (cleared if an answer dated on time is recorded later) */
  employerMissed: boolean;
}

export interface GrievanceState {
  status: 'open' | 'closed';
  currentStep: number;
  /** what the grievance waits for: the employer's answer or the union's appeal; null when closed or past the last step's missed answer */
  awaiting: 'answer' | 'appeal' | null;
  /** the current deadline, and the day it counts from (kept so a calendar change can recompute it) */
  dueOn: string | null;
  dueFrom: string | null;
  outcome: GrievanceOutcome | null;
  closedReason: ClosedReason | null;
  closedOn: string | null;
  steps: StepRecord[];
}

/** A rule refused the action: `conflict` for the grievance's state (409), `invalid` for the request's values (422). */
export class GrievanceRuleError extends Error {
  constructor(readonly kind: 'conflict' | 'invalid', message: string, readonly field?: string) {
    super(message);
  }
}

/** Computes a contractual deadline from a day and a rule (the calendar and the contract's summer rule bound in). */
export type DeadlineFn = (from: string, rule: DeadlineRule) => string;

export interface Transition {
  state: GrievanceState;
  history: HistoryEntry[];
}

const stepDef = (p: GrievanceProcedure, n: number): GrievanceStepDefinition | undefined => p.steps[n - 1];

function close(state: GrievanceState, on: string, outcome: GrievanceOutcome, reason: ClosedReason): GrievanceState {
  return { ...state, status: 'closed', awaiting: null, dueOn: null, dueFrom: null, outcome, closedReason: reason, closedOn: on };
}

/** Waits for the union's appeal to the step after the current one, counted from `from`. */
function awaitAppeal(state: GrievanceState, p: GrievanceProcedure, from: string, deadline: DeadlineFn): GrievanceState {
  const next = stepDef(p, state.currentStep + 1)!;
  return { ...state, awaiting: 'appeal', dueFrom: from, dueOn: deadline(from, next.fileWithin) };
}

/** The union files a grievance at Step 1; the employer's answer is due per the contract. */
export function fileGrievance(
  input: { occurredOn: string; filedOn: string; today: string },
  p: GrievanceProcedure,
  deadline: DeadlineFn,
): Transition {
  const first = p.steps[0];
  if (input.occurredOn > input.filedOn) throw new GrievanceRuleError('invalid', 'a grievance cannot be filed before what it grieves happened', 'occurredOn');
  if (input.filedOn > input.today) throw new GrievanceRuleError('invalid', 'filedOn cannot be in the future', 'filedOn');
  const filingDue = deadline(input.occurredOn, first.fileWithin);
  if (input.filedOn > filingDue) {
    throw new GrievanceRuleError('invalid', `filed after the contract's deadline for ${first.name} (${first.fileWithin.days} ${first.fileWithin.unit} days: due ${filingDue})`, 'filedOn');
  }
  const answerDueOn = deadline(input.filedOn, first.answerWithin);
  return {
    state: {
      status: 'open',
      currentStep: 1,
      awaiting: 'answer',
      dueOn: answerDueOn,
      dueFrom: input.filedOn,
      outcome: null,
      closedReason: null,
      closedOn: null,
      steps: [{ step: 1, filedOn: input.filedOn, answerDueOn, answeredOn: null, outcome: null, employerMissed: false }],
    },
    history: [{ on: input.filedOn, kind: 'filed', step: 1, detail: `filed at ${first.name}; ${first.answeredBy} answers by ${answerDueOn}` }],
  };
}

/**
 * Applies the contract's time limits up to (not including) `asOf`: a missed employer answer lets the
 * union appeal to the next step (its appeal time counts from the day the answer was due); a missed union
 * appeal closes the grievance on the last answer (withdrawn when there was none). Repeats, so a grievance
 * left alone for weeks catches up in one pass.
 */
export function applyMissedDeadlines(state: GrievanceState, asOf: string, p: GrievanceProcedure, deadline: DeadlineFn): Transition {
  const history: HistoryEntry[] = [];
  let s = state;
  while (s.status === 'open' && s.dueOn !== null && s.dueOn < asOf) {
    const def = stepDef(p, s.currentStep)!;
    if (s.awaiting === 'answer') {
      const missedOn = s.dueOn;
      s = { ...s, steps: s.steps.map((r) => (r.step === s.currentStep ? { ...r, employerMissed: true } : r)) };
      if (stepDef(p, s.currentStep + 1)) {
        s = awaitAppeal(s, p, missedOn, deadline);
        history.push({ on: missedOn, kind: 'employer-deadline-missed', step: s.currentStep, detail: `no answer from ${def.answeredBy} by ${missedOn}; the union may appeal by ${s.dueOn}` });
      } else {
        s = { ...s, awaiting: null, dueOn: null, dueFrom: null };
        history.push({ on: missedOn, kind: 'employer-deadline-missed', step: s.currentStep, detail: `no answer from ${def.answeredBy} by ${missedOn} at the last step` });
      }
    } else {
      const missedOn = s.dueOn;
      const last = s.steps[s.currentStep - 1];
      const outcome: GrievanceOutcome = last.outcome ?? 'withdrawn';
      s = close(s, missedOn, outcome, 'union-deadline-missed');
      history.push({ on: missedOn, kind: 'union-deadline-missed', step: s.currentStep, detail: `not appealed by ${missedOn}: closed (${outcome})` });
    }
  }
  return { state: s, history };
}

/**
 * The employer answers the current step. Denied: the union may appeal to the next step (or, at the last
 * step, the grievance closes denied). Sustained, settled or withdrawn: the grievance closes. An answer
 * may come late, also after the deadline passed and the union's appeal time started: it is recorded as late.
 */
export function answerStep(
  state: GrievanceState,
  input: { step: number; outcome: GrievanceOutcome; answeredOn: string; today: string },
  p: GrievanceProcedure,
  deadline: DeadlineFn,
): Transition {
  if (input.answeredOn > input.today) throw new GrievanceRuleError('invalid', 'answeredOn cannot be in the future', 'answeredOn');
  const caught = applyMissedDeadlines(state, input.answeredOn, p, deadline);
  let s = caught.state;
  if (s.status === 'closed') throw new GrievanceRuleError('conflict', `the grievance is closed (${s.closedReason})`);
  if (input.step !== s.currentStep) throw new GrievanceRuleError('conflict', `the grievance is at step ${s.currentStep}, not ${input.step}`, 'step');
  const record = s.steps[s.currentStep - 1];
  if (record.answeredOn) throw new GrievanceRuleError('conflict', `step ${s.currentStep} was answered on ${record.answeredOn}`);
  if (input.answeredOn < record.filedOn) throw new GrievanceRuleError('invalid', `step ${s.currentStep} was filed on ${record.filedOn}; it cannot be answered before`, 'answeredOn');
  const def = stepDef(p, s.currentStep)!;
  const late = input.answeredOn > record.answerDueOn;
  s = {
    ...s,
    steps: s.steps.map((r) => (r.step === s.currentStep ? { ...r, answeredOn: input.answeredOn, outcome: input.outcome, employerMissed: late } : r)),
  };
  const history = [...caught.history, {
    on: input.answeredOn,
    kind: 'answered' as const,
    step: s.currentStep,
    detail: `${def.answeredBy}: ${input.outcome}${late ? ` (late: due ${record.answerDueOn})` : ''}`,
  }];
  if (input.outcome === 'denied') {
    if (stepDef(p, s.currentStep + 1)) {
      s = awaitAppeal(s, p, input.answeredOn, deadline);
    } else {
      s = close(s, input.answeredOn, 'denied', 'final-step');
      history.push({ on: input.answeredOn, kind: 'closed', step: s.currentStep, detail: 'denied at the last step' });
    }
  } else {
    s = close(s, input.answeredOn, input.outcome, 'answer');
    history.push({ on: input.answeredOn, kind: 'closed', step: s.currentStep, detail: `closed: ${input.outcome} at ${def.name}` });
  }
  return { state: s, history };
}

/** The union appeals to the next step, within its deadline; the employer's answer there is due per the contract. */
export function appealGrievance(
  state: GrievanceState,
  input: { appealedOn: string; today: string },
  p: GrievanceProcedure,
  deadline: DeadlineFn,
): Transition {
  if (input.appealedOn > input.today) throw new GrievanceRuleError('invalid', 'appealedOn cannot be in the future', 'appealedOn');
  const caught = applyMissedDeadlines(state, input.appealedOn, p, deadline);
  let s = caught.state;
  if (s.status === 'closed') {
    throw new GrievanceRuleError('conflict', s.closedReason === 'union-deadline-missed' ? `the appeal was due by ${s.closedOn}: the grievance is closed` : `the grievance is closed (${s.closedReason})`);
  }
  if (s.awaiting !== 'appeal') throw new GrievanceRuleError('conflict', `step ${s.currentStep} awaits the employer's answer (due ${s.dueOn}); it can be appealed after a denial or a missed answer`);
  if (input.appealedOn < s.dueFrom!) throw new GrievanceRuleError('invalid', `an appeal cannot predate the answer it appeals (${s.dueFrom})`, 'appealedOn');
  const next = stepDef(p, s.currentStep + 1)!;
  const answerDueOn = deadline(input.appealedOn, next.answerWithin);
  s = {
    ...s,
    currentStep: next.step,
    awaiting: 'answer',
    dueFrom: input.appealedOn,
    dueOn: answerDueOn,
    steps: [...s.steps, { step: next.step, filedOn: input.appealedOn, answerDueOn, answeredOn: null, outcome: null, employerMissed: false }],
  };
  return { state: s, history: [...caught.history, { on: input.appealedOn, kind: 'appealed', step: next.step, detail: `appealed to ${next.name}; ${next.answeredBy} answers by ${answerDueOn}` }] };
}

/** The union withdraws the grievance (at any step). */
export function withdrawGrievance(state: GrievanceState, input: { on: string; today: string }): Transition {
  if (input.on > input.today) throw new GrievanceRuleError('invalid', 'the date cannot be in the future', 'on');
  if (state.status === 'closed') throw new GrievanceRuleError('conflict', `the grievance is closed (${state.closedReason})`);
  return { state: close(state, input.on, 'withdrawn', 'withdrawn'), history: [{ on: input.on, kind: 'withdrawn', step: state.currentStep, detail: 'withdrawn by the union' }] };
}

/** The current deadline recomputed from the day it counts from (after the calendar or the contract changed). */
export function recomputeDue(state: GrievanceState, p: GrievanceProcedure, deadline: DeadlineFn): GrievanceState {
  if (state.status !== 'open' || !state.dueFrom || !state.awaiting) return state;
  if (state.awaiting === 'answer') {
    const dueOn = deadline(state.dueFrom, stepDef(p, state.currentStep)!.answerWithin);
    return { ...state, dueOn, steps: state.steps.map((r) => (r.step === state.currentStep ? { ...r, answerDueOn: dueOn } : r)) };
  }
  return { ...state, dueOn: deadline(state.dueFrom, stepDef(p, state.currentStep + 1)!.fileWithin) };
}
