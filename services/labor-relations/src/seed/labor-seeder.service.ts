import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LaborEvents } from '@district/contracts';
import { Tx, UnitOfWork } from '@district/messaging';
import { addDays } from '../calendar/domain/dates';
import { DistrictCalendar } from '../calendar/domain/district-calendar';
import { insertRows } from '@district/persistence';
import { contractSnapshot, ContractsService } from '../contracts/contracts.service';
import { DEMO_DAYS_OFF, DEMO_SCHOOL_YEARS } from './demo-calendar';
import { generateLaborDemo, LaborDemo } from './demo-labor-data';

const BATCH = 500;

export interface SeedResult {
  units: number;
  contracts: number;
  grievances: number;
}

/**
 * Loads the demo's labor relations (ADR 0020/0021 describe what it exercises): units, contracts with their
 * procedures, negotiations, the district calendar, and grievances at the projected schools, in batches,
 * with the contract events written to the outbox. Does nothing when units exist already.
 */
@Injectable()
export class LaborDemoSeeder {
  private readonly log = new Logger('LaborDemoSeeder');

  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly contracts: ContractsService,
  ) {}

  async isEmpty(): Promise<boolean> {
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM bargaining_units`);
    return n === 0;
  }





  async seed(opts: { today: string; grievances: number; seed?: number }): Promise<SeedResult> {
    if (!(await this.isEmpty())) {
      this.log.log('bargaining units exist already: not seeding');
      return { units: 0, contracts: 0, grievances: 0 };
    }
    const schoolIds: string[] = (await this.ds.query(`SELECT id FROM schools ORDER BY code, id`)).map((s: { id: string }) => s.id);
    const cal = new DistrictCalendar(DEMO_SCHOOL_YEARS, DEMO_DAYS_OFF);
    const demo = generateLaborDemo(schoolIds, cal, { today: opts.today, seed: opts.seed ?? 2026, grievances: opts.grievances, from: '2026-08-03' });
    const ids = new Map<string, string>();
    const id = (key: string) => ids.get(key) ?? (ids.set(key, randomUUID()), ids.get(key)!);
    await this.uow.run((tx) => this.insertReferenceData(tx, demo, id));
    for (let i = 0; i < demo.grievances.length; i += BATCH) {
      await this.uow.run((tx) => this.insertGrievances(tx, demo.grievances.slice(i, i + BATCH), id));
    }
    await this.ds.query(`SELECT setval('grievance_numbers', $1)`, [Math.max(1, demo.grievances.length)]);
    this.log.log(`seeded ${demo.units.length} units, ${demo.contracts.length} contracts and ${demo.grievances.length} grievances`);
    return { units: demo.units.length, contracts: demo.contracts.length, grievances: demo.grievances.length };
  }

  private async insertReferenceData(tx: Tx, demo: LaborDemo, id: (key: string) => string): Promise<void> {
    await insertRows(tx.manager, 'school_years', ['id', 'name', 'starts_on', 'ends_on'], DEMO_SCHOOL_YEARS.map((y) => [randomUUID(), y.name, y.startsOn, y.endsOn]));
    await insertRows(tx.manager, 'days_off', ['id', 'starts_on', 'ends_on', 'kind', 'name'], DEMO_DAYS_OFF.map((d) => [randomUUID(), d.startsOn, d.endsOn, d.kind, d.name]));
    await insertRows(tx.manager, 'bargaining_units', ['id', 'name', 'union_name', 'local', 'employee_count'],
      demo.units.map((u) => [id(u.key), u.name, u.unionName, u.local, u.employeeCount]));
    // predecessors first: a successor refers to them
    const ordered = [...demo.contracts].sort((a, b) => Number(!!a.predecessorKey) - Number(!!b.predecessorKey));
    await insertRows(tx.manager, 'contracts',
      ['id', 'unit_id', 'title', 'effective_on', 'expires_on', 'status', 'tentative_agreement_on', 'ratified_on', 'predecessor_id', 'grievance_procedure'],
      ordered.map((c) => [id(c.key), id(c.unitId), c.title, c.effectiveOn, c.expiresOn, c.status, c.tentativeAgreementOn, c.ratifiedOn,
        c.predecessorKey ? id(c.predecessorKey) : null, JSON.stringify(c.procedure)]));
    for (const n of demo.negotiations) {
      await insertRows(tx.manager, 'negotiation_sessions', ['id', 'contract_id', 'held_on', 'location', 'attendees', 'notes'],
        n.sessions.map((s) => [id(s.key), id(n.contractKey), s.heldOn, s.location, s.attendees, s.notes]));
      await insertRows(tx.manager, 'proposals', ['id', 'contract_id', 'session_id', 'article', 'party', 'responds_to', 'summary', 'proposed_on', 'status'],
        n.proposals.map((p) => [id(p.key), id(n.contractKey), id(p.sessionKey), p.article, p.party, p.respondsTo ? id(p.respondsTo) : null, p.summary, p.proposedOn, p.status]));
      if (n.tentativeAgreements.length) {
        await insertRows(tx.manager, 'tentative_agreements', ['id', 'contract_id', 'article', 'summary', 'agreed_on', 'proposal_id'],
          n.tentativeAgreements.map((t) => [randomUUID(), id(n.contractKey), t.article, t.summary, t.agreedOn, t.proposalKey ? id(t.proposalKey) : null]));
      }
    }
    // the same events the API and the daily job publish for these contracts
    for (const c of demo.contracts) {
      const row = await this.contracts.loadRow(tx.manager, id(c.key));
      if (c.status === 'expired') tx.publish(LaborEvents.ContractExpired, { contract: contractSnapshot(row), statusQuoFrom: addDays(c.expiresOn, 1) });
      else if (c.status === 'active' || c.status === 'ratified') {
        tx.publish(LaborEvents.ContractRatified, { contract: contractSnapshot(row), supersededContractId: c.predecessorKey ? id(c.predecessorKey) : null });
      }
    }
  }

  private async insertGrievances(tx: Tx, batch: LaborDemo['grievances'], id: (key: string) => string): Promise<void> {
    await insertRows(tx.manager, 'grievances',
      ['id', 'number', 'unit_id', 'contract_id', 'article', 'grievant_name', 'grievant_employee_id', 'school_id', 'description', 'occurred_on', 'filed_on',
        'status', 'current_step', 'awaiting', 'due_on', 'due_from', 'outcome', 'closed_reason', 'closed_on'],
      batch.map((g) => [id(g.number), g.number, id(g.unitKey), id(g.contractKey), g.article, g.grievantName, g.grievantEmployeeId, g.schoolId, g.description,
        g.occurredOn, g.filedOn, g.state.status, g.state.currentStep, g.state.awaiting, g.state.dueOn, g.state.dueFrom, g.state.outcome, g.state.closedReason,
        g.state.closedOn]));
    await insertRows(tx.manager, 'grievance_steps', ['grievance_id', 'step', 'filed_on', 'answer_due_on', 'answered_on', 'outcome', 'employer_missed'],
      batch.flatMap((g) => g.state.steps.map((s) => [id(g.number), s.step, s.filedOn, s.answerDueOn, s.answeredOn, s.outcome, s.employerMissed])));
    await insertRows(tx.manager, 'grievance_history', ['grievance_id', 'on_date', 'kind', 'step', 'detail', 'recorded_by'],
      batch.flatMap((g) => g.history.map((h) => [id(g.number), h.on, h.kind, h.step, h.detail, 'demo-seed'])));
  }
}
