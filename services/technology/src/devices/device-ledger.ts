import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  AssignmentEndReason, AssignmentKind, DeviceAssignmentSnapshot, DeviceStatus, DeviceType, ReturnTaskReason, ReturnTaskSnapshot, TechnologyEvents,
} from '@district/contracts';
import { Tx } from '@district/messaging';
import { queryReturning } from '@district/persistence';
import { pairQueue } from '../one-to-one/domain/one-to-one';

/** Who made a change and on which business date: a user's `sub`, or `system:<what>` for automation. */
export interface Actor {
  by: string;
  date: string;
}

export interface StockDevice {
  deviceId: string;
  serial: string;
  model: string;
  deviceType: DeviceType;
  schoolId: string;
}

export interface NewAssignment {
  device: StockDevice;
  studentId: string | null;
  assignee: string | null;
  kind: AssignmentKind;
  dueOn: string | null;
  /** status the device takes: `assigned` (1:1, staff) or `loaner` */
  deviceStatus: 'assigned' | 'loaner';
}

interface AssignmentRow {
  id: string;
  device_id: string;
  serial: string;
  model: string;
  device_type: DeviceType;
  student_id: string | null;
  school_id: string;
  kind: AssignmentKind;
  assigned_on: string;
  ended_on: string | null;
  end_reason: AssignmentEndReason | null;
  version: number;
}

const snapshot = (r: AssignmentRow): DeviceAssignmentSnapshot => ({
  assignmentId: r.id, deviceId: r.device_id, serial: r.serial, model: r.model, deviceType: r.device_type, studentId: r.student_id, schoolId: r.school_id,
  kind: r.kind, assignedOn: r.assigned_on, endedOn: r.ended_on, endReason: r.end_reason, version: r.version,
});

/**
 * The only code that changes a device's status, its assignments, the 1:1 queue and return tasks, so that
 * every change writes its status history row (who, when, from, to) and its events in the caller's
 * transaction, and every bulk change is a handful of set-based statements whatever the row count.
 */
@Injectable()
export class DeviceLedger {
  /** Sets statuses and writes one history row per device whose status changes; returns the devices changed. */
  async setStatus(tx: Tx, changes: { deviceId: string; to: DeviceStatus; schoolId?: string }[], reason: string, actor: Actor): Promise<string[]> {
    if (!changes.length) return [];
    const rows: { id: string }[] = await tx.manager.query(
      `WITH wanted AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS w(id, to_status, school_id)),
       old AS (SELECT d.id, d.status, d.school_id FROM devices d JOIN wanted w ON w.id = d.id FOR UPDATE OF d),
       upd AS (
         UPDATE devices d SET status = w.to_status, school_id = coalesce(w.school_id, d.school_id), status_date = $4::date,
           lost_kind = CASE WHEN w.to_status = 'lost' THEN d.lost_kind ELSE NULL END, version = d.version + 1, updated_at = now()
         FROM wanted w, old o WHERE d.id = w.id AND o.id = w.id AND (o.status <> w.to_status OR o.school_id <> coalesce(w.school_id, o.school_id))
         RETURNING d.id, o.status AS from_status, d.status AS to_status, d.school_id)
       INSERT INTO device_status_history (device_id, from_status, to_status, school_id, effective_date, changed_by, reason)
       SELECT id, from_status, to_status, school_id, $4::date, $5, $6 FROM upd RETURNING device_id AS id`,
      [changes.map((c) => c.deviceId), changes.map((c) => c.to), changes.map((c) => c.schoolId ?? null), actor.date, actor.by, reason],
    );
    return rows.map((r) => r.id);
  }

  /** Gives devices out (devices must be locked by the caller): assignment rows, device statuses, history, events. */
  async assign(tx: Tx, items: NewAssignment[], reason: string, actor: Actor): Promise<DeviceAssignmentSnapshot[]> {
    if (!items.length) return [];
    const ids = items.map(() => randomUUID());
    const rows: AssignmentRow[] = await tx.manager.query(
      `INSERT INTO device_assignments (id, device_id, student_id, assignee, school_id, kind, assigned_on, assigned_by, due_on)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::text[], $7::date[], $8::text[], $9::date[])
       RETURNING id, device_id, student_id, school_id, kind, to_char(assigned_on, 'YYYY-MM-DD') AS assigned_on, NULL AS ended_on, NULL AS end_reason, version`,
      [
        ids, items.map((i) => i.device.deviceId), items.map((i) => i.studentId), items.map((i) => i.assignee), items.map((i) => i.device.schoolId),
        items.map((i) => i.kind), items.map(() => actor.date), items.map(() => actor.by), items.map((i) => i.dueOn),
      ],
    );
    await this.setStatus(tx, items.map((i) => ({ deviceId: i.device.deviceId, to: i.deviceStatus })), reason, actor);
    const byDevice = new Map(items.map((i) => [i.device.deviceId, i.device]));
    return rows.map((r) => {
      const d = byDevice.get(r.device_id)!;
      const snap = snapshot({ ...r, serial: d.serial, model: d.model, device_type: d.deviceType });
      tx.publish(TechnologyEvents.DeviceAssigned, snap);
      return snap;
    });
  }

  /**
   * Ends open assignments (the device came back, or was lost, stolen, retired or found unrepairable) and
   * closes their open return tasks. Device statuses are the caller's: they depend on why it ended.
   */
  async endAssignments(tx: Tx, assignmentIds: string[], endReason: AssignmentEndReason, actor: Actor): Promise<DeviceAssignmentSnapshot[]> {
    if (!assignmentIds.length) return [];
    const rows = await queryReturning<AssignmentRow>(
      tx.manager,
      `UPDATE device_assignments a SET ended_on = $2::date, ended_at = now(), end_reason = $3, version = a.version + 1
       FROM devices d WHERE a.id = ANY($1::uuid[]) AND a.ended_on IS NULL AND d.id = a.device_id
       RETURNING a.id, a.device_id, d.serial, d.model, d.device_type, a.student_id, a.school_id, a.kind,
         to_char(a.assigned_on, 'YYYY-MM-DD') AS assigned_on, to_char(a.ended_on, 'YYYY-MM-DD') AS ended_on, a.end_reason, a.version`,
      [assignmentIds, actor.date, endReason],
    );
    await this.closeReturnTasks(tx, rows.map((r) => r.id), endReason === 'returned' ? 'returned' : 'lost', actor);
    return rows.map((r) => {
      const snap = snapshot(r);
      tx.publish(TechnologyEvents.DeviceUnassigned, snap);
      return snap;
    });
  }

  async openReturnTasks(tx: Tx, items: { assignmentId: string; reason: ReturnTaskReason }[], actor: Actor): Promise<ReturnTaskSnapshot[]> {
    if (!items.length) return [];
    const rows: ReturnTaskSnapshot[] = await tx.manager.query(
      `WITH wanted AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS w(assignment_id, reason, id))
       INSERT INTO return_tasks (id, assignment_id, device_id, student_id, school_id, reason, status, opened_on)
       SELECT w.id, a.id, a.device_id, a.student_id, a.school_id, w.reason, 'open', $4::date
       FROM wanted w JOIN device_assignments a ON a.id = w.assignment_id AND a.ended_on IS NULL AND a.student_id IS NOT NULL
       ON CONFLICT (assignment_id) WHERE status = 'open' DO NOTHING
       RETURNING id AS "returnTaskId", device_id AS "deviceId", (SELECT serial FROM devices WHERE id = device_id) AS serial, student_id AS "studentId",
         school_id AS "schoolId", reason, status, to_char(opened_on, 'YYYY-MM-DD') AS "openedOn", NULL AS "closedOn", version`,
      [items.map((i) => i.assignmentId), items.map((i) => i.reason), items.map(() => randomUUID()), actor.date],
    );
    for (const r of rows) tx.publish(TechnologyEvents.ReturnTaskOpened, r);
    return rows;
  }

  /** Closes the open return tasks of these assignments (device returned, or lost) or by id (cancelled). */
  async closeReturnTasks(tx: Tx, assignmentIds: string[], status: 'returned' | 'lost', actor: Actor): Promise<void> {
    await this.closeTasks(tx, 'assignment_id = ANY($1::uuid[])', assignmentIds, status, actor);
  }

  async cancelReturnTasks(tx: Tx, returnTaskIds: string[], actor: Actor): Promise<void> {
    await this.closeTasks(tx, 'id = ANY($1::uuid[])', returnTaskIds, 'cancelled', actor);
  }

  private async closeTasks(tx: Tx, where: string, ids: string[], status: string, actor: Actor): Promise<void> {
    if (!ids.length) return;
    const rows = await queryReturning<ReturnTaskSnapshot>(
      tx.manager,
      `UPDATE return_tasks t SET status = $2, closed_on = $3::date, closed_at = now(), closed_by = $4, version = t.version + 1
       WHERE ${where} AND t.status = 'open'
       RETURNING id AS "returnTaskId", device_id AS "deviceId", (SELECT serial FROM devices WHERE id = device_id) AS serial, student_id AS "studentId",
         school_id AS "schoolId", reason, status, to_char(opened_on, 'YYYY-MM-DD') AS "openedOn", to_char(closed_on, 'YYYY-MM-DD') AS "closedOn", version`,
      [ids, status, actor.date, actor.by],
    );
    for (const r of rows) tx.publish(TechnologyEvents.ReturnTaskClosed, r);
  }

  /**
   * A student in a 1:1 grade needs a device at `schoolId`: the newest device in stock there, else a place
   * at the end of the school's queue. The stock row is locked with SKIP LOCKED, so two replicas handling two
   * students at once take two different devices, never the same one.
   */
  async giveOrQueue(tx: Tx, studentId: string, schoolId: string, actor: Actor): Promise<'assigned' | 'queued'> {
    const [device]: StockDevice[] = await tx.manager.query(
      `SELECT id AS "deviceId", serial, model, device_type AS "deviceType", school_id AS "schoolId" FROM devices
       WHERE school_id = $1 AND status = 'in-stock' AND NOT loaner_pool ORDER BY purchase_date DESC, serial LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [schoolId],
    );
    if (device) {
      await this.assign(tx, [{ device, studentId, assignee: null, kind: 'one-to-one', dueOn: null, deviceStatus: 'assigned' }], '1:1 assignment', actor);
      return 'assigned';
    }
    const queued: { student_id: string }[] = await tx.manager.query(
      `INSERT INTO device_queue (student_id, school_id, queued_on) VALUES ($1, $2, $3) ON CONFLICT (student_id) DO NOTHING RETURNING student_id`,
      [studentId, schoolId, actor.date],
    );
    if (queued.length) tx.publish(TechnologyEvents.StudentQueued, { studentId, schoolId, queuedOn: actor.date });
    return 'queued';
  }

  /** Queues several students at once (a school's 1:1 grades changed); returns how many joined. */
  async enqueue(tx: Tx, students: { studentId: string; schoolId: string }[], actor: Actor): Promise<number> {
    if (!students.length) return 0;
    const rows: { studentId: string; schoolId: string }[] = await tx.manager.query(
      `INSERT INTO device_queue (student_id, school_id, queued_on)
       SELECT s, sc, $3::date FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS t(s, sc, i) ORDER BY i
       ON CONFLICT (student_id) DO NOTHING RETURNING student_id AS "studentId", school_id AS "schoolId"`,
      [students.map((s) => s.studentId), students.map((s) => s.schoolId), actor.date],
    );
    for (const r of rows) tx.publish(TechnologyEvents.StudentQueued, { ...r, queuedOn: actor.date });
    return rows.length;
  }

  async dequeue(tx: Tx, studentIds: string[]): Promise<void> {
    if (studentIds.length) await tx.manager.query('DELETE FROM device_queue WHERE student_id = ANY($1::uuid[])', [studentIds]);
  }

  /**
   * Stock arrived (devices added, imported, returned or repaired) at these schools: waiting students get
   * devices in queue order. Queue rows and stock rows are locked with SKIP LOCKED, so replicas serving the
   * same school at once share the work and never hand one device to two students. Set-based: two reads and
   * a few writes whatever the number of schools.
   */
  async serveQueue(tx: Tx, schoolIds: string[], actor: Actor): Promise<number> {
    const schools = [...new Set(schoolIds)];
    if (!schools.length) return 0;
    // a student who got a device some other way since queueing (e.g. a replica's concurrent assignment) leaves the queue
    await tx.manager.query(
      `DELETE FROM device_queue q WHERE q.school_id = ANY($1::uuid[]) AND EXISTS (SELECT 1 FROM device_assignments a
         WHERE a.student_id = q.student_id AND a.school_id = q.school_id AND a.ended_on IS NULL AND a.kind = 'one-to-one')`,
      [schools],
    );
    const queue: { studentId: string; schoolId: string }[] = await tx.manager.query(
      `SELECT student_id AS "studentId", school_id AS "schoolId" FROM device_queue WHERE school_id = ANY($1::uuid[])
       ORDER BY school_id, seq FOR UPDATE SKIP LOCKED`,
      [schools],
    );
    if (!queue.length) return 0;
    const waiting = new Map<string, number>();
    for (const q of queue) waiting.set(q.schoolId, (waiting.get(q.schoolId) ?? 0) + 1);
    const stock: StockDevice[] = await tx.manager.query(
      `SELECT d.id AS "deviceId", d.serial, d.model, d.device_type AS "deviceType", d.school_id AS "schoolId"
       FROM unnest($1::uuid[], $2::int[]) AS w(school_id, n)
       CROSS JOIN LATERAL (SELECT * FROM devices d WHERE d.school_id = w.school_id AND d.status = 'in-stock' AND NOT d.loaner_pool
         ORDER BY d.purchase_date DESC, d.serial LIMIT w.n FOR UPDATE SKIP LOCKED) d`,
      [[...waiting.keys()], [...waiting.values()]],
    );
    const pairs = pairQueue(queue, stock);
    if (!pairs.length) return 0;
    await this.dequeue(tx, pairs.map((p) => p.student.studentId));
    await this.assign(
      tx,
      pairs.map((p) => ({ device: p.device, studentId: p.student.studentId, assignee: null, kind: 'one-to-one' as const, dueOn: null, deviceStatus: 'assigned' as const })),
      '1:1 assignment from the queue',
      actor,
    );
    return pairs.length;
  }
}
