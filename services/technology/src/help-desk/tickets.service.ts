import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '@district/messaging';
import { assertSchoolScope, AuthUser, Page, ProblemException, scopedSchoolIds } from '@district/service-kit';
import { TechnologyClock } from '../common/clock';
import { dueTimes, overdueReason, Priority, SlaTarget, slaProblems } from './domain/sla';
import { OpenTicketDto, OverduePage, OverdueQuery, ResolveDto, SlaTargetDto, SlaTargetResponse, TicketQuery, TicketResponse } from './dto/ticket.dto';

const TICKET_COLUMNS = `t.id, t.number::int AS number, t.school_id AS "schoolId", t.requester, t.category, t.priority, t.subject, t.device_id AS "deviceId",
  t.opened_at AS "openedAt", t.response_due_at AS "responseDueAt", t.resolution_due_at AS "resolutionDueAt", t.first_response_at AS "firstResponseAt",
  t.resolved_at AS "resolvedAt", t.resolved_on_first_contact AS "resolvedOnFirstContact", t.resolution,
  CASE WHEN t.resolved_at IS NULL THEN 'open' ELSE 'resolved' END AS status`;

/** The help desk (DOMAIN.md section 5): tickets with SLA targets per priority, taken from configuration when a ticket opens. */
@Injectable()
export class TicketsService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: TechnologyClock,
  ) {}

  async open(dto: OpenTicketDto, user: AuthUser): Promise<TicketResponse> {
    assertSchoolScope(user, dto.schoolId);
    const openedAt = dto.openedAt ? new Date(dto.openedAt) : new Date();
    if (openedAt.getTime() > Date.now() + 60_000) throw new ProblemException(422, 'openedAt is in the future', { errors: [{ field: 'openedAt', message: 'must not be in the future' }] });
    const id = randomUUID();
    await this.uow.run(async (tx) => {
      const target = await this.target(dto.priority, tx.manager);
      const due = dueTimes(openedAt, target);
      if (dto.deviceId) {
        const [d] = await tx.manager.query('SELECT 1 FROM devices WHERE id = $1', [dto.deviceId]);
        if (!d) throw new ProblemException(422, 'no such device', { errors: [{ field: 'deviceId', message: 'no such device' }] });
      }
      await tx.manager.query(
        `INSERT INTO tickets (id, school_id, requester, category, priority, subject, device_id, opened_at, opened_on, response_due_at, resolution_due_at, opened_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [id, dto.schoolId, dto.requester, dto.category, dto.priority, dto.subject, dto.deviceId ?? null, openedAt, this.clock.dateOf(openedAt), due.responseDueAt, due.resolutionDueAt, user.sub],
      );
    });
    return this.get(id, user);
  }

  async get(id: string, user: AuthUser): Promise<TicketResponse> {
    const [t]: TicketResponse[] = await this.ds.query(`SELECT ${TICKET_COLUMNS} FROM tickets t WHERE t.id = $1`, [id]);
    if (!t) throw new ProblemException(404, 'no such ticket');
    assertSchoolScope(user, t.schoolId);
    return t;
  }

  async respond(id: string, at: string | undefined, user: AuthUser): Promise<TicketResponse> {
    await this.uow.run(async (tx) => {
      const t = await this.lock(tx.manager, id, user);
      const when = this.when(at, t.openedAt);
      if (t.resolvedAt) throw new ProblemException(409, 'the ticket is resolved');
      if (t.firstResponseAt) return;
      await tx.manager.query('UPDATE tickets SET first_response_at = $2, version = version + 1 WHERE id = $1', [id, when]);
    });
    return this.get(id, user);
  }

  async resolve(id: string, dto: ResolveDto, user: AuthUser): Promise<TicketResponse> {
    await this.uow.run(async (tx) => {
      const t = await this.lock(tx.manager, id, user);
      const when = this.when(dto.at, t.openedAt);
      if (t.resolvedAt) throw new ProblemException(409, 'the ticket is resolved already');
      await tx.manager.query(
        `UPDATE tickets SET resolved_at = $2, resolved_on = $3, resolved_on_first_contact = $4, resolution = $5,
           first_response_at = coalesce(first_response_at, $2), version = version + 1 WHERE id = $1`,
        [id, when, this.clock.dateOf(when), dto.firstContact, dto.resolution ?? null],
      );
    });
    return this.get(id, user);
  }

  private when(at: string | undefined, openedAt: Date): Date {
    const when = at ? new Date(at) : new Date();
    if (when < openedAt) throw new ProblemException(422, 'before the ticket was opened', { errors: [{ field: 'at', message: 'must not be before openedAt' }] });
    if (when.getTime() > Date.now() + 60_000) throw new ProblemException(422, 'in the future', { errors: [{ field: 'at', message: 'must not be in the future' }] });
    return when;
  }

  private async lock(manager: DataSource['manager'], id: string, user: AuthUser): Promise<TicketResponse> {
    const [t]: TicketResponse[] = await manager.query(`SELECT ${TICKET_COLUMNS} FROM tickets t WHERE t.id = $1 FOR UPDATE`, [id]);
    if (!t) throw new ProblemException(404, 'no such ticket');
    assertSchoolScope(user, t.schoolId);
    return t;
  }

  async list(q: TicketQuery, user: AuthUser): Promise<Page<TicketResponse>> {
    const schools = scopedSchoolIds(user, q.schoolId) ?? null;
    const where = `($1::uuid[] IS NULL OR t.school_id = ANY($1)) AND ($2::text IS NULL OR (t.resolved_at IS NULL) = ($2 = 'open')) AND ($3::text IS NULL OR t.priority = $3)`;
    const params = [schools, q.status ?? null, q.priority ?? null];
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM tickets t WHERE ${where}`, params);
    const items = await this.ds.query(`SELECT ${TICKET_COLUMNS} FROM tickets t WHERE ${where} ORDER BY t.opened_at DESC, t.id LIMIT $4 OFFSET $5`, [...params, q.limit, q.offset]);
    return { items, total };
  }

  /** Open tickets past a target as of the end of `date` (now, when it is today), most overdue first. Reads open tickets only (partial index). */
  async overdue(q: OverdueQuery, user: AuthUser): Promise<OverduePage> {
    const asOf = this.clock.asOf(this.clock.dateOr(q.date));
    const schools = scopedSchoolIds(user, q.schoolId) ?? null;
    const where = `t.resolved_at IS NULL AND ($1::uuid[] IS NULL OR t.school_id = ANY($1))
      AND (t.resolution_due_at <= $2 OR (t.first_response_at IS NULL AND t.response_due_at <= $2))`;
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM tickets t WHERE ${where}`, [schools, asOf]);
    const rows: TicketResponse[] = await this.ds.query(
      `SELECT ${TICKET_COLUMNS} FROM tickets t WHERE ${where}
       ORDER BY least(t.resolution_due_at, CASE WHEN t.first_response_at IS NULL THEN t.response_due_at END), t.id LIMIT $3 OFFSET $4`,
      [schools, asOf, q.limit, q.offset],
    );
    return { items: rows.map((t) => ({ ...t, overdue: overdueReason(t, asOf)! })), total, asOf };
  }

  // ---------------------------------------------------------------- SLA targets (configuration)

  private async target(priority: Priority, manager = this.ds.manager): Promise<SlaTarget> {
    const [t] = await manager.query('SELECT priority, first_response_minutes AS "firstResponseMinutes", resolution_minutes AS "resolutionMinutes" FROM sla_targets WHERE priority = $1', [priority]);
    if (!t) throw new ProblemException(503, `no SLA target is configured for priority ${priority}`);
    return t;
  }

  async targets(): Promise<SlaTargetResponse[]> {
    return this.ds.query(
      `SELECT priority, first_response_minutes AS "firstResponseMinutes", resolution_minutes AS "resolutionMinutes" FROM sla_targets
       ORDER BY array_position(ARRAY['critical', 'high', 'medium', 'low'], priority)`,
    );
  }

  /** New targets apply to tickets opened from now on; open tickets keep the targets they were opened with. */
  async setTarget(priority: Priority, dto: SlaTargetDto): Promise<SlaTargetResponse> {
    const problems = slaProblems({ priority, ...dto });
    if (problems.length) throw new ProblemException(422, 'invalid SLA target', { errors: problems.map((message) => ({ field: message.split(' ')[0], message })) });
    await this.ds.query(
      `INSERT INTO sla_targets (priority, first_response_minutes, resolution_minutes) VALUES ($1, $2, $3)
       ON CONFLICT (priority) DO UPDATE SET first_response_minutes = EXCLUDED.first_response_minutes, resolution_minutes = EXCLUDED.resolution_minutes, updated_at = now()`,
      [priority, dto.firstResponseMinutes, dto.resolutionMinutes],
    );
    return { priority, ...dto };
  }
}
