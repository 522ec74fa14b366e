import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BriefItem, BuildingClosure, FoodEvents } from '@district/contracts';
import { Tx, UnitOfWork } from '@district/messaging';
import { AuthUser, assertSchoolScope, Page, ProblemException, scopedSchoolIds } from '@district/service-kit';
import { cancelledServingDays } from './domain/closure-days';
import { CancellationQuery, CancellationResponse, CreateCancellationDto } from './dto/cancellations.dto';

interface CancellationSpec {
  id: string;
  origin: 'building-closure' | 'food-service';
  schoolId: string | null;
  buildingId: string | null;
  kind: string | null;
  from: string;
  to: string;
  liftedFrom: string | null;
  reason: string;
  version: number;
}

const SELECT = `SELECT c.id, c.origin, c.school_id AS "schoolId", c.from_date::text AS "from", c.to_date::text AS "to", c.lifted_from::text AS "liftedFrom",
  c.reason, c.kind, c.version, coalesce((SELECT array_agg(d.service_date::text ORDER BY d.service_date) FROM cancelled_days d WHERE d.cancellation_id = c.id), '{}') AS dates
  FROM service_cancellations c`;

/**
 * Meal service cancellations: building closures from facilities (DOMAIN.md section 7, flow 4) and the
 * food service's own. Each cancellation keeps its serving days; a change or lift adjusts them and
 * publishes what was cancelled or restored. Older versions of a closure are ignored.
 */
@Injectable()
export class CancellationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  /** A facilities closure scheduled, changed or lifted (in the consumer's transaction). */
  applyClosure(tx: Tx, c: BuildingClosure, liftedFrom: string | null): Promise<void> {
    return this.apply(tx, { id: c.closureId, origin: 'building-closure', schoolId: c.schoolId, buildingId: c.buildingId, kind: c.kind, from: c.from, to: c.to, liftedFrom, reason: c.reason, version: c.version });
  }

  private async apply(tx: Tx, spec: CancellationSpec): Promise<void> {
    const m = tx.manager;
    const [held]: { version: number; schoolId: string | null }[] = await m.query('SELECT version, school_id AS "schoolId" FROM service_cancellations WHERE id = $1 FOR UPDATE', [spec.id]);
    if (held && held.version >= spec.version) return;
    await m.query(
      `INSERT INTO service_cancellations (id, origin, school_id, building_id, kind, from_date, to_date, lifted_from, reason, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO UPDATE SET school_id = EXCLUDED.school_id, building_id = EXCLUDED.building_id, kind = EXCLUDED.kind, from_date = EXCLUDED.from_date,
         to_date = EXCLUDED.to_date, lifted_from = EXCLUDED.lifted_from, reason = EXCLUDED.reason, version = EXCLUDED.version, updated_at = now()`,
      [spec.id, spec.origin, spec.schoolId, spec.buildingId, spec.kind, spec.from, spec.to, spec.liftedFrom, spec.reason, spec.version],
    );
    const before: { schoolId: string; date: string }[] = await m.query('SELECT school_id AS "schoolId", service_date::text AS date FROM cancelled_days WHERE cancellation_id = $1', [spec.id]);
    const wanted = spec.schoolId ? cancelledServingDays(spec.from, spec.to, spec.liftedFrom) : [];
    const key = (s: string | null, d: string) => `${s}|${d}`;
    const wantedKeys = new Set(wanted.map((d) => key(spec.schoolId, d)));
    const beforeKeys = new Set(before.map((b) => key(b.schoolId, b.date)));
    const removed = before.filter((b) => !wantedKeys.has(key(b.schoolId, b.date)));
    const added = wanted.filter((d) => !beforeKeys.has(key(spec.schoolId, d)));
    if (removed.length) await m.query('DELETE FROM cancelled_days WHERE cancellation_id = $1 AND service_date = ANY($2::date[])', [spec.id, removed.map((r) => r.date)]);
    if (added.length) await m.query('INSERT INTO cancelled_days (cancellation_id, school_id, service_date) SELECT $1, $2, d FROM unnest($3::date[]) AS d', [spec.id, spec.schoolId, added]);
    const bySchool = new Map<string, string[]>();
    for (const r of removed) bySchool.set(r.schoolId, [...(bySchool.get(r.schoolId) ?? []), r.date]);
    for (const [schoolId, dates] of bySchool) tx.publish(FoodEvents.ServiceRestored, { cancellationId: spec.id, origin: spec.origin, schoolId, dates: dates.sort(), version: spec.version });
    if (added.length && spec.schoolId) tx.publish(FoodEvents.ServiceCancelled, { cancellationId: spec.id, origin: spec.origin, schoolId: spec.schoolId, dates: wanted, reason: spec.reason, version: spec.version });
  }

  async create(dto: CreateCancellationDto, user: AuthUser): Promise<CancellationResponse> {
    if (dto.to < dto.from) throw new ProblemException(400, 'to must not be before from', { errors: [{ field: 'to', message: 'to must not be before from' }] });
    assertSchoolScope(user, dto.schoolId);
    const id = randomUUID();
    await this.uow.run(async (tx) => {
      const [school] = await tx.manager.query('SELECT 1 FROM schools WHERE id = $1', [dto.schoolId]);
      if (!school) throw new ProblemException(404, 'no such school');
      await this.apply(tx, { id, origin: 'food-service', schoolId: dto.schoolId, buildingId: null, kind: null, from: dto.from, to: dto.to, liftedFrom: null, reason: dto.reason, version: 1 });
    });
    return this.get(id, user);
  }

  async lift(id: string, from: string, user: AuthUser): Promise<CancellationResponse> {
    await this.uow.run(async (tx) => {
      const [c]: (CancellationSpec & { schoolId: string })[] = await tx.manager.query(
        `SELECT id, origin, school_id AS "schoolId", from_date::text AS "from", to_date::text AS "to", reason, version FROM service_cancellations WHERE id = $1`,
        [id],
      );
      if (!c) throw new ProblemException(404, 'no such cancellation');
      assertSchoolScope(user, c.schoolId);
      if (c.origin !== 'food-service') throw new ProblemException(409, 'a building closure is lifted by facilities, not here');
      await this.apply(tx, { ...c, buildingId: null, kind: null, liftedFrom: from, version: c.version + 1 });
    });
    return this.get(id, user);
  }

  async get(id: string, user: AuthUser): Promise<CancellationResponse> {
    const [c]: CancellationResponse[] = await this.ds.query(`${SELECT} WHERE c.id = $1`, [id]);
    if (!c) throw new ProblemException(404, 'no such cancellation');
    assertSchoolScope(user, c.schoolId);
    return c;
  }

  async list(q: CancellationQuery, user: AuthUser): Promise<Page<CancellationResponse>> {
    const schools = scopedSchoolIds(user, q.schoolId) ?? null;
    const where = `WHERE ($1::uuid[] IS NULL OR c.school_id = ANY($1::uuid[])) AND ($2::date IS NULL OR EXISTS (SELECT 1 FROM cancelled_days d WHERE d.cancellation_id = c.id AND d.service_date = $2::date))`;
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM service_cancellations c ${where}`, [schools, q.date ?? null]);
    const items = await this.ds.query(`${SELECT} ${where} ORDER BY c.from_date DESC, c.id LIMIT $3 OFFSET $4`, [schools, q.date ?? null, q.limit, q.offset]);
    return { items, total };
  }

  /** Cancelled service on a day, per school (for summaries and the brief). */
  async onDay(manager: EntityManager, date: string, schoolIds: string[] | null): Promise<{ id: string; schoolId: string; origin: 'building-closure' | 'food-service'; kind: string | null; reason: string }[]> {
    return manager.query(
      `SELECT c.id, d.school_id AS "schoolId", c.origin, c.kind, c.reason FROM cancelled_days d JOIN service_cancellations c ON c.id = d.cancellation_id
       WHERE d.service_date = $1::date AND ($2::uuid[] IS NULL OR d.school_id = ANY($2::uuid[])) ORDER BY d.school_id`,
      [date, schoolIds],
    );
  }

  async briefItems(date: string): Promise<BriefItem[]> {
    const rows: { id: string; schoolId: string; origin: string; kind: string | null; reason: string; name: string | null }[] = await this.ds.query(
      `SELECT c.id, d.school_id AS "schoolId", c.origin, c.kind, c.reason, s.name FROM cancelled_days d JOIN service_cancellations c ON c.id = d.cancellation_id
       LEFT JOIN schools s ON s.id = d.school_id WHERE d.service_date = $1::date ORDER BY s.name NULLS LAST, d.school_id`,
      [date],
    );
    return rows.map((r) => ({
      department: 'food',
      kind: 'meal-service.cancelled',
      severity: r.kind === 'emergency' ? 'critical' : 'warning',
      schoolId: r.schoolId,
      title: `Meal service cancelled${r.name ? ` at ${r.name}` : ''}`,
      detail: r.origin === 'building-closure' ? `building closed${r.kind ? ` (${r.kind})` : ''}: ${r.reason}` : r.reason,
      at: date,
      ref: { type: r.origin === 'building-closure' ? 'closure' : 'meal-service-cancellation', id: r.id },
    }));
  }
}
