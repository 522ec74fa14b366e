import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx, UnitOfWork } from '@district/messaging';
import { Page, ProblemException, DistrictClock } from '@district/service-kit';
import {
  CreateProposalDto, CreateSessionDto, CreateTentativeAgreementDto, ProposalQuery, ProposalView, SessionView, TentativeAgreementView,
} from './dto/negotiation.dto';

const PROPOSAL = `SELECT p.id, p.contract_id AS "contractId", p.session_id AS "sessionId", p.article, p.party,
  CASE WHEN p.responds_to IS NULL THEN 'proposal' ELSE 'counter-proposal' END AS kind, p.responds_to AS "respondsTo", p.summary,
  p.proposed_on::text AS "proposedOn", p.status FROM proposals p`;

const field422 = (field: string, message: string) => new ProblemException(422, message, { errors: [{ field, message }] });

/** Bargaining a successor contract: sessions, proposals and counter-proposals by article, tentative agreements by article. */
@Injectable()
export class NegotiationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: DistrictClock,
  ) {}

  /** Locks the contract and checks it is still being bargained. */
  private async bargaining(tx: Tx, contractId: string): Promise<void> {
    const [c] = await tx.manager.query(`SELECT status FROM contracts WHERE id = $1 FOR UPDATE`, [contractId]);
    if (!c) throw new ProblemException(404, 'no such contract');
    if (c.status !== 'in-negotiation') throw new ProblemException(409, `the contract is ${c.status}: bargaining is over`);
  }

  private notFuture(date: string, field: string): void {
    if (date > this.clock.today()) throw field422(field, `${field} cannot be in the future`);
  }

  async addSession(contractId: string, dto: CreateSessionDto): Promise<SessionView> {
    this.notFuture(dto.heldOn, 'heldOn');
    const id = randomUUID();
    await this.uow.run(async (tx) => {
      await this.bargaining(tx, contractId);
      await tx.manager.query(`INSERT INTO negotiation_sessions (id, contract_id, held_on, location, attendees, notes) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, contractId, dto.heldOn, dto.location ?? null, dto.attendees, dto.notes]);
    });
    return { id, contractId, ...dto, proposals: 0 };
  }

  async sessions(contractId: string, q: { limit: number; offset: number }): Promise<Page<SessionView>> {
    await this.assertContract(contractId);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM negotiation_sessions WHERE contract_id = $1`, [contractId]);
    const items: SessionView[] = await this.ds.query(
      `SELECT s.id, s.contract_id AS "contractId", s.held_on::text AS "heldOn", s.location, s.attendees, s.notes,
              (SELECT count(*)::int FROM proposals p WHERE p.session_id = s.id) AS proposals
       FROM negotiation_sessions s WHERE s.contract_id = $1 ORDER BY s.held_on, s.id LIMIT $2 OFFSET $3`,
      [contractId, q.limit, q.offset],
    );
    return { items, total };
  }

  async addProposal(contractId: string, dto: CreateProposalDto): Promise<ProposalView> {
    this.notFuture(dto.proposedOn, 'proposedOn');
    const id = randomUUID();
    await this.uow.run(async (tx) => {
      await this.bargaining(tx, contractId);
      if (dto.sessionId) {
        const [s] = await tx.manager.query(`SELECT held_on::text AS "heldOn" FROM negotiation_sessions WHERE id = $1 AND contract_id = $2`, [dto.sessionId, contractId]);
        if (!s) throw field422('sessionId', 'no such session of this contract');
      }
      if (dto.respondsTo) {
        const [p] = await tx.manager.query(`SELECT article, party, status, proposed_on::text AS "proposedOn" FROM proposals WHERE id = $1 AND contract_id = $2 FOR UPDATE`,
          [dto.respondsTo, contractId]);
        if (!p) throw field422('respondsTo', 'no such proposal on this contract');
        if (p.article !== dto.article) throw field422('article', `a counter-proposal answers the same article (${p.article})`);
        if (p.party === dto.party) throw field422('party', 'a counter-proposal comes from the other party');
        if (p.status !== 'open') throw new ProblemException(409, `that proposal is ${p.status}`);
        if (dto.proposedOn < p.proposedOn) throw field422('proposedOn', `before the proposal it counters (${p.proposedOn})`);
        await tx.manager.query(`UPDATE proposals SET status = 'countered' WHERE id = $1`, [dto.respondsTo]);
      }
      await tx.manager.query(
        `INSERT INTO proposals (id, contract_id, session_id, article, party, responds_to, summary, proposed_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, contractId, dto.sessionId ?? null, dto.article, dto.party, dto.respondsTo ?? null, dto.summary, dto.proposedOn],
      );
    });
    const [p] = await this.ds.query(`${PROPOSAL} WHERE p.id = $1`, [id]);
    return p;
  }

  async withdrawProposal(contractId: string, proposalId: string): Promise<ProposalView> {
    await this.uow.run(async (tx) => {
      await this.bargaining(tx, contractId);
      const [p] = await tx.manager.query(`SELECT status FROM proposals WHERE id = $1 AND contract_id = $2 FOR UPDATE`, [proposalId, contractId]);
      if (!p) throw new ProblemException(404, 'no such proposal');
      if (p.status !== 'open') throw new ProblemException(409, `the proposal is ${p.status}`);
      await tx.manager.query(`UPDATE proposals SET status = 'withdrawn' WHERE id = $1`, [proposalId]);
    });
    const [p] = await this.ds.query(`${PROPOSAL} WHERE p.id = $1`, [proposalId]);
    return p;
  }

  async proposals(contractId: string, q: ProposalQuery): Promise<Page<ProposalView>> {
    await this.assertContract(contractId);
    const params = [contractId, q.article ?? null];
    const where = `WHERE p.contract_id = $1 AND ($2::text IS NULL OR p.article = $2::text)`;
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM proposals p ${where}`, params);
    const items: ProposalView[] = await this.ds.query(`${PROPOSAL} ${where} ORDER BY p.article, p.proposed_on, p.created_at LIMIT $3 OFFSET $4`, [...params, q.limit, q.offset]);
    return { items, total };
  }

  async addTentativeAgreement(contractId: string, dto: CreateTentativeAgreementDto): Promise<TentativeAgreementView> {
    this.notFuture(dto.agreedOn, 'agreedOn');
    const id = randomUUID();
    await this.uow.run(async (tx) => {
      await this.bargaining(tx, contractId);
      if (dto.proposalId) {
        const [p] = await tx.manager.query(`SELECT article, status FROM proposals WHERE id = $1 AND contract_id = $2 FOR UPDATE`, [dto.proposalId, contractId]);
        if (!p) throw field422('proposalId', 'no such proposal on this contract');
        if (p.article !== dto.article) throw field422('article', `the proposal is about ${p.article}`);
        if (p.status !== 'open') throw new ProblemException(409, `that proposal is ${p.status}`);
        await tx.manager.query(`UPDATE proposals SET status = 'tentatively-agreed' WHERE id = $1`, [dto.proposalId]);
      }
      await tx.manager.query(`INSERT INTO tentative_agreements (id, contract_id, article, summary, agreed_on, proposal_id) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, contractId, dto.article, dto.summary, dto.agreedOn, dto.proposalId ?? null]);
    });
    return { id, contractId, ...dto };
  }

  async tentativeAgreements(contractId: string, q: { limit: number; offset: number }): Promise<Page<TentativeAgreementView>> {
    await this.assertContract(contractId);
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM tentative_agreements WHERE contract_id = $1`, [contractId]);
    const items = await this.ds.query(
      `SELECT id, contract_id AS "contractId", article, summary, agreed_on::text AS "agreedOn", proposal_id AS "proposalId"
       FROM tentative_agreements WHERE contract_id = $1 ORDER BY article LIMIT $2 OFFSET $3`,
      [contractId, q.limit, q.offset],
    );
    return { items, total };
  }

  private async assertContract(id: string): Promise<void> {
    const [c] = await this.ds.query(`SELECT 1 FROM contracts WHERE id = $1`, [id]);
    if (!c) throw new ProblemException(404, 'no such contract');
  }
}
