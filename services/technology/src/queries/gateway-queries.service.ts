import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  BriefItem, BriefReply, DEVICE_STATUSES, DeviceStatus, SchoolSummariesReply, TechnologySchoolSummary, TechnologyStudentSummary,
} from '@district/contracts';
import { ProblemException } from '@district/service-kit';
import { daysBetween } from '../common/dates';
import { TechnologyClock } from '../common/clock';
import { TechnologyEnv } from '../config';
import { isDueForRefresh } from '../refresh/domain/refresh';

type Counted<T = object> = { schoolId: string; n: number } & T;

/** How long the oldest waiting student may wait before the brief calls the queue critical. */

/**
 * The queries every department answers for the gateway (libs/contracts department-queries.ts). Each is a
 * fixed number of grouped reads over maintained aggregates and small live sets (the queue, open tickets,
 * open return tasks, each behind a partial index), never a query per school.
 */
@Injectable()
export class GatewayQueriesService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: TechnologyClock,
    private readonly env: TechnologyEnv,
  ) {}

  async schoolSummaries(schoolIds: string[], date: string): Promise<SchoolSummariesReply<TechnologySchoolSummary>> {
    const asOf = this.clock.asOf(date);
    const ids = [...new Set(schoolIds)];
    const q = <T>(sql: string, params: unknown[] = []): Promise<T[]> => this.ds.query(sql, [ids, ...params]);
    const known = await q<{ schoolId: string }>(
      `SELECT id AS "schoolId" FROM schools WHERE id = ANY($1::uuid[])
       UNION SELECT school_id FROM device_counts WHERE school_id = ANY($1::uuid[]) UNION SELECT school_id FROM one_to_one_grades WHERE school_id = ANY($1::uuid[])`,
    );
    const devices = await q<Counted<{ status: DeviceStatus; loanerPool: boolean }>>(
      `SELECT school_id AS "schoolId", status, loaner_pool AS "loanerPool", n FROM device_counts WHERE school_id = ANY($1::uuid[]) AND n <> 0`,
    );
    const configs = await q<{ schoolId: string; grades: string[]; students: number }>(
      `SELECT c.school_id AS "schoolId", c.grades, coalesce((SELECT sum(n) FROM student_counts sc WHERE sc.school_id = c.school_id AND sc.grade = ANY(c.grades)), 0)::int AS students
       FROM one_to_one_grades c WHERE c.school_id = ANY($1::uuid[])`,
    );
    const holders = await q<Counted>(
      `SELECT school_id AS "schoolId", sum(student_devices_delta)::int AS n FROM monthly_figures WHERE school_id = ANY($1::uuid[]) GROUP BY school_id`,
    );
    const queued = await q<Counted<{ oldest: string }>>(
      `SELECT school_id AS "schoolId", count(*)::int AS n, to_char(min(queued_on), 'YYYY-MM-DD') AS oldest FROM device_queue WHERE school_id = ANY($1::uuid[]) GROUP BY school_id`,
    );
    const returns = await q<Counted>(
      `SELECT school_id AS "schoolId", count(*)::int AS n FROM return_tasks WHERE status = 'open' AND school_id = ANY($1::uuid[]) GROUP BY school_id`,
    );
    const tickets = await q<Counted<{ overdue: number }>>(
      `SELECT school_id AS "schoolId", count(*)::int AS n,
              (count(*) FILTER (WHERE resolution_due_at <= $2 OR (first_response_at IS NULL AND response_due_at <= $2)))::int AS overdue
       FROM tickets WHERE resolved_at IS NULL AND opened_at <= $2 AND school_id = ANY($1::uuid[]) GROUP BY school_id`,
      [asOf],
    );
    const cohorts = await q<Counted<{ purchaseDate: string; autoUpdateExpiration: string | null }>>(
      `SELECT school_id AS "schoolId", to_char(purchase_date, 'YYYY-MM-DD') AS "purchaseDate",
              CASE WHEN aue_date = 'infinity' THEN NULL ELSE to_char(aue_date, 'YYYY-MM-DD') END AS "autoUpdateExpiration", sum(delta)::int AS n
       FROM fleet_cohorts WHERE school_id = ANY($1::uuid[]) GROUP BY 1, 2, 3 HAVING sum(delta) <> 0`,
    );

    const schools: Record<string, TechnologySchoolSummary> = {};
    for (const { schoolId } of known) {
      schools[schoolId] = {
        schoolId, devicesByStatus: Object.fromEntries(DEVICE_STATUSES.map((s) => [s, 0])) as Record<DeviceStatus, number>, oneToOneStock: 0,
        oneToOneGrades: [], oneToOneStudents: 0, studentsWithoutDevice: 0, queued: 0, oldestQueuedOn: null, openReturnTasks: 0, openTickets: 0, overdueTickets: 0, dueForRefresh: 0,
      };
    }
    const at = (id: string) => schools[id];
    for (const d of devices) {
      if (!at(d.schoolId)) continue;
      at(d.schoolId).devicesByStatus[d.status] += d.n;
      if (d.status === 'in-stock' && !d.loanerPool) at(d.schoolId).oneToOneStock += d.n;
    }
    for (const c of configs) Object.assign(at(c.schoolId) ?? {}, { oneToOneGrades: c.grades, oneToOneStudents: c.students });
    for (const r of queued) Object.assign(at(r.schoolId) ?? {}, { queued: r.n, oldestQueuedOn: r.oldest });
    for (const r of returns) if (at(r.schoolId)) at(r.schoolId).openReturnTasks = r.n;
    for (const t of tickets) Object.assign(at(t.schoolId) ?? {}, { openTickets: t.n, overdueTickets: t.overdue });
    for (const c of cohorts) if (at(c.schoolId) && isDueForRefresh(c, date, this.env.REFRESH_CYCLE_YEARS)) at(c.schoolId).dueForRefresh += c.n;
    for (const s of Object.values(schools)) {
      // holders at the school still there: open 1:1 assignments minus those awaiting return from students who left
      const holding = (holders.find((h) => h.schoolId === s.schoolId)?.n ?? 0) - s.openReturnTasks;
      s.studentsWithoutDevice = Math.max(s.queued, s.oneToOneStudents - Math.max(0, holding));
    }
    return { date, schools };
  }

  /** Students waiting for lack of stock (per school), and overdue help-desk tickets (per school), for the morning brief. */
  async brief(date: string): Promise<BriefReply> {
    const asOf = this.clock.asOf(date);
    const queues: { schoolId: string; name: string | null; n: number; oldest: string }[] = await this.ds.query(
      `SELECT q.school_id AS "schoolId", s.name, count(*)::int AS n, to_char(min(q.queued_on), 'YYYY-MM-DD') AS oldest
       FROM device_queue q LEFT JOIN schools s ON s.id = q.school_id WHERE q.queued_on <= $1 GROUP BY q.school_id, s.name ORDER BY n DESC, q.school_id`,
      [date],
    );
    const overdue: { schoolId: string; name: string | null; n: number; urgent: number; critical: number; numbers: number[]; oldestId: string; oldestDue: Date }[] = await this.ds.query(
      `SELECT t.school_id AS "schoolId", s.name, count(*)::int AS n, (count(*) FILTER (WHERE t.priority IN ('critical', 'high')))::int AS urgent,
              (count(*) FILTER (WHERE t.priority = 'critical'))::int AS critical,
              (array_agg(t.number::int ORDER BY t.resolution_due_at))[1:10] AS numbers,
              (array_agg(t.id ORDER BY t.resolution_due_at))[1] AS "oldestId", min(t.resolution_due_at) AS "oldestDue"
       FROM tickets t LEFT JOIN schools s ON s.id = t.school_id
       WHERE t.resolved_at IS NULL AND t.opened_at <= $1 AND (t.resolution_due_at <= $1 OR (t.first_response_at IS NULL AND t.response_due_at <= $1))
       GROUP BY t.school_id, s.name ORDER BY urgent DESC, n DESC, t.school_id`,
      [asOf],
    );
    const items: BriefItem[] = [
      ...queues.map((q): BriefItem => {
        const waited = daysBetween(q.oldest, date);
        return {
          department: 'technology', kind: 'device.queue', severity: 'warning', schoolId: q.schoolId,
          title: `${q.n} student${q.n === 1 ? '' : 's'} waiting for a 1:1 device${q.name ? ` at ${q.name}` : ''}: none in stock`,
          detail: `the first has waited ${waited} day${waited === 1 ? '' : 's'} (since ${q.oldest})`,
          at: `${q.oldest}`, ref: { type: 'device-queue', id: q.schoolId },
        };
      }),
      ...overdue.map((t): BriefItem => ({
        department: 'technology', kind: 'ticket.overdue', severity: t.critical > 0 ? 'critical' : 'warning', schoolId: t.schoolId,
        title: `${t.n} help-desk ticket${t.n === 1 ? '' : 's'} overdue${t.name ? ` at ${t.name}` : ''}${t.urgent ? ` (${t.urgent} high or critical)` : ''}`,
        detail: `tickets ${t.numbers.map((n) => `#${n}`).join(', ')}${t.n > t.numbers.length ? ', …' : ''}`,
        at: new Date(t.oldestDue).toISOString(), ref: { type: 'ticket', id: t.oldestId },
      })),
    ];
    return { date, items };
  }

  async studentSummary(studentId: string): Promise<TechnologyStudentSummary> {
    const devices = await this.ds.query(
      `SELECT a.id AS "assignmentId", a.device_id AS "deviceId", d.serial, d.model, d.device_type AS "deviceType", d.status AS "deviceStatus", a.kind,
              a.school_id AS "schoolId", to_char(a.assigned_on, 'YYYY-MM-DD') AS "assignedOn", to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn"
       FROM device_assignments a JOIN devices d ON d.id = a.device_id WHERE a.student_id = $1 AND a.ended_on IS NULL ORDER BY a.assigned_at`,
      [studentId],
    );
    const openReturnTasks = await this.ds.query(
      `SELECT t.id AS "returnTaskId", t.device_id AS "deviceId", d.serial, t.school_id AS "schoolId", t.reason, to_char(t.opened_on, 'YYYY-MM-DD') AS "openedOn"
       FROM return_tasks t JOIN devices d ON d.id = t.device_id WHERE t.student_id = $1 AND t.status = 'open' ORDER BY t.opened_on`,
      [studentId],
    );
    const [queued] = await this.ds.query(
      `SELECT q.school_id AS "schoolId", to_char(q.queued_on, 'YYYY-MM-DD') AS "queuedOn",
              (SELECT count(*)::int FROM device_queue q2 WHERE q2.school_id = q.school_id AND q2.seq <= q.seq) AS position
       FROM device_queue q WHERE q.student_id = $1`,
      [studentId],
    );
    if (!devices.length && !openReturnTasks.length && !queued) {
      const [known] = await this.ds.query('SELECT 1 FROM students WHERE id = $1', [studentId]);
      if (!known) throw new ProblemException(404, 'technology has no record of this student');
    }
    return { studentId, devices, openReturnTasks, queued: queued ?? null };
  }
}
