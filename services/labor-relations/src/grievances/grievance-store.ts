import { EntityManager } from 'typeorm';
import type { GrievanceProcedure } from '../contracts/domain/grievance-procedure';
import { GrievanceState, HistoryEntry, StepRecord } from './domain/grievance-rules';

/** A grievance's state as stored, with its contract's procedure. */
export interface LoadedGrievance {
  id: string;
  contractId: string;
  schoolId: string | null;
  state: GrievanceState;
  procedure: GrievanceProcedure;
}

export interface GrievanceChange {
  id: string;
  before: GrievanceState;
  after: GrievanceState;
  history: HistoryEntry[];
}

const SELECT = `
  SELECT g.id, g.contract_id AS "contractId", g.school_id AS "schoolId", g.status, g.current_step AS "currentStep", g.awaiting,
         g.due_on::text AS "dueOn", g.due_from::text AS "dueFrom", g.outcome, g.closed_reason AS "closedReason", g.closed_on::text AS "closedOn",
         c.grievance_procedure AS procedure,
         coalesce((SELECT json_agg(json_build_object('step', s.step, 'filedOn', s.filed_on, 'answerDueOn', s.answer_due_on, 'answeredOn', s.answered_on,
                   'outcome', s.outcome, 'employerMissed', s.employer_missed) ORDER BY s.step) FROM grievance_steps s WHERE s.grievance_id = g.id), '[]') AS steps
  FROM grievances g JOIN contracts c ON c.id = g.contract_id`;

type Row = Omit<GrievanceState, 'steps'> & { id: string; contractId: string; schoolId: string | null; procedure: GrievanceProcedure; steps: StepRecord[] };

const toLoaded = (r: Row): LoadedGrievance => ({
  id: r.id,
  contractId: r.contractId,
  schoolId: r.schoolId,
  procedure: r.procedure,
  state: {
    status: r.status, currentStep: r.currentStep, awaiting: r.awaiting, dueOn: r.dueOn, dueFrom: r.dueFrom,
    outcome: r.outcome, closedReason: r.closedReason, closedOn: r.closedOn, steps: r.steps,
  },
});

/** Loads one grievance and locks it for the rest of the transaction (concurrent actions on it queue up). */
export async function loadGrievanceForUpdate(manager: EntityManager, id: string): Promise<LoadedGrievance | null> {
  const rows: Row[] = await manager.query(`${SELECT} WHERE g.id = $1 FOR UPDATE OF g`, [id]);
  return rows.length ? toLoaded(rows[0]) : null;
}

/** Open grievances with a deadline before `before` (or all open ones with a deadline), locked, oldest deadline first. */
export async function loadOpenWithDeadlines(manager: EntityManager, opts: { dueBefore?: string; contractId?: string }): Promise<LoadedGrievance[]> {
  const rows: Row[] = await manager.query(
    `${SELECT} WHERE g.status = 'open' AND g.due_on IS NOT NULL AND ($1::date IS NULL OR g.due_on < $1::date) AND ($2::uuid IS NULL OR g.contract_id = $2::uuid)
     ORDER BY g.due_on, g.id FOR UPDATE OF g`,
    [opts.dueBefore ?? null, opts.contractId ?? null],
  );
  return rows.map(toLoaded);
}

const stepChanged = (a: StepRecord | undefined, b: StepRecord) =>
  !a || a.answerDueOn !== b.answerDueOn || a.answeredOn !== b.answeredOn || a.outcome !== b.outcome || a.employerMissed !== b.employerMissed || a.filedOn !== b.filedOn;

/**
 * Writes the changes of any number of grievances with one statement per table (their state, the steps
 * that changed, their history); the aggregates follow through the tables' triggers.
 */
export async function saveGrievances(manager: EntityManager, changes: GrievanceChange[], actor: string | null, responses: Map<string, string> = new Map()): Promise<void> {
  if (changes.length === 0) return;
  const g = changes.map((c) => c.after);
  await manager.query(
    `UPDATE grievances g SET status = x.status, current_step = x.step, awaiting = x.awaiting, due_on = x.due_on, due_from = x.due_from,
       outcome = x.outcome, closed_reason = x.closed_reason, closed_on = x.closed_on, version = g.version + 1, updated_at = now()
     FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::date[], $6::date[], $7::text[], $8::text[], $9::date[])
       AS x(id, status, step, awaiting, due_on, due_from, outcome, closed_reason, closed_on)
     WHERE g.id = x.id`,
    [changes.map((c) => c.id), g.map((s) => s.status), g.map((s) => s.currentStep), g.map((s) => s.awaiting), g.map((s) => s.dueOn),
      g.map((s) => s.dueFrom), g.map((s) => s.outcome), g.map((s) => s.closedReason), g.map((s) => s.closedOn)],
  );
  const steps = changes.flatMap((c) => c.after.steps.filter((s) => stepChanged(c.before.steps.find((b) => b.step === s.step), s)).map((s) => ({ id: c.id, ...s })));
  if (steps.length) {
    await manager.query(
      `INSERT INTO grievance_steps (grievance_id, step, filed_on, answer_due_on, answered_on, outcome, employer_missed, response)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::date[], $4::date[], $5::date[], $6::text[], $7::boolean[], $8::text[])
       ON CONFLICT (grievance_id, step) DO UPDATE SET filed_on = EXCLUDED.filed_on, answer_due_on = EXCLUDED.answer_due_on, answered_on = EXCLUDED.answered_on,
         outcome = EXCLUDED.outcome, employer_missed = EXCLUDED.employer_missed, response = coalesce(EXCLUDED.response, grievance_steps.response)`,
      [steps.map((s) => s.id), steps.map((s) => s.step), steps.map((s) => s.filedOn), steps.map((s) => s.answerDueOn), steps.map((s) => s.answeredOn),
        steps.map((s) => s.outcome), steps.map((s) => s.employerMissed), steps.map((s) => responses.get(`${s.id}:${s.step}`) ?? null)],
    );
  }
  await insertHistory(manager, changes.flatMap((c) => c.history.map((h) => ({ grievanceId: c.id, ...h }))), actor);
}

export async function insertHistory(manager: EntityManager, entries: (HistoryEntry & { grievanceId: string })[], actor: string | null): Promise<void> {
  if (entries.length === 0) return;
  await manager.query(
    `INSERT INTO grievance_history (grievance_id, on_date, kind, step, detail, recorded_by)
     SELECT id, on_date, kind, step, detail, $6 FROM unnest($1::uuid[], $2::date[], $3::text[], $4::int[], $5::text[]) AS x(id, on_date, kind, step, detail)`,
    [entries.map((e) => e.grievanceId), entries.map((e) => e.on), entries.map((e) => e.kind), entries.map((e) => e.step), entries.map((e) => e.detail), actor],
  );
}
