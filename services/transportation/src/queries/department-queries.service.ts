import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BriefItem, BriefReply, SchoolSummariesReply, TransportationSchoolSection, TransportationStudentSummary } from '@district/contracts';
import { addDays } from '../common/domain/dates';
import { TRANSPORTATION_SETTINGS, TransportationSettings } from '../common/settings';
import { BriefRequestDto, SchoolSummariesRequestDto, StudentSummaryRequestDto } from '@district/service-kit';

/** how far back "yesterday" looks for the last service day (a Monday looks back to Friday) */
const SERVICE_DAY_LOOKBACK = 7;
/** a late AM run this many minutes past the window makes the brief's line a warning, not information */
const LATE_WARNING_MINUTES = 10;

/**
 * The gateway's department queries (libs/contracts department-queries.ts): one school section per requested
 * school, the morning brief, and one student's transportation. Each answers with a fixed number of queries
 * for any number of schools.
 */
@Injectable()
export class DepartmentQueriesService {
  private readonly audit = new Logger('StudentRecordAccess');

  constructor(
    private readonly ds: DataSource,
    @Inject(TRANSPORTATION_SETTINGS) private readonly settings: TransportationSettings,
  ) {}

  async schoolSummaries(req: SchoolSummariesRequestDto): Promise<SchoolSummariesReply<TransportationSchoolSection>> {
    const ids = [...new Set(req.schoolIds)];
    const { earliestMinutesBeforeBell: earliest, latestMinutesBeforeBell: latest } = this.settings.onTime;
    const rows: (Omit<TransportationSchoolSection, 'onTimeRateYesterday'> & { amArrived: number | null; amOnTime: number | null })[] = await this.ds.query(
      `WITH ask AS (SELECT id FROM schools WHERE id = ANY($1::uuid[])),
       elig AS (SELECT school_id, count(*) FILTER (WHERE status = 'yellow-bus')::int AS yb, count(*) FILTER (WHERE status = 'transit-pass')::int AS tp,
                       count(*) FILTER (WHERE status = 'not-eligible')::int AS ne
                FROM eligibility WHERE school_id = ANY($1::uuid[]) GROUP BY school_id),
       rn AS (SELECT school_id, count(*)::int AS n FROM runs WHERE school_id = ANY($1::uuid[]) AND active GROUP BY school_id),
       rd AS (SELECT school_id, count(DISTINCT student_id)::int AS n FROM stop_assignments WHERE school_id = ANY($1::uuid[]) GROUP BY school_id),
       canc AS (SELECT school_id, count(*)::int AS n FROM run_cancellations WHERE school_id = ANY($1::uuid[]) AND service_date = $2 GROUP BY school_id),
       ontime AS (
         SELECT DISTINCT ON (school_id) school_id, service_date, count(*)::int AS arrived,
                count(*) FILTER (WHERE extract(epoch FROM bell_time - actual_arrival) / 60 BETWEEN $3 AND $4)::int AS on_time
         FROM run_daily WHERE school_id = ANY($1::uuid[]) AND session = 'AM' AND actual_arrival IS NOT NULL AND service_date < $2 AND service_date >= $5
         GROUP BY school_id, service_date ORDER BY school_id, service_date DESC)
       SELECT a.id AS "schoolId", coalesce(e.yb, 0) AS "eligibleRiders", coalesce(e.tp, 0) AS "transitPass", coalesce(e.ne, 0) AS "notEligible",
              coalesce(rn.n, 0) AS runs, coalesce(rd.n, 0) AS riders, greatest(coalesce(e.yb, 0) - coalesce(rd.n, 0), 0) AS "unassignedEligible",
              to_char(o.service_date, 'YYYY-MM-DD') AS "onTimeDate", o.arrived AS "amArrived", o.on_time AS "amOnTime", coalesce(canc.n, 0) AS "runsCancelledToday"
       FROM ask a LEFT JOIN elig e ON e.school_id = a.id LEFT JOIN rn ON rn.school_id = a.id LEFT JOIN rd ON rd.school_id = a.id
       LEFT JOIN canc ON canc.school_id = a.id LEFT JOIN ontime o ON o.school_id = a.id`,
      [ids, req.date, latest, earliest, addDays(req.date, -SERVICE_DAY_LOOKBACK)],
    );
    const schools: Record<string, TransportationSchoolSection> = {};
    for (const { amArrived, amOnTime, ...r } of rows) {
      schools[r.schoolId] = { ...r, onTimeRateYesterday: amArrived ? Math.round(((amOnTime ?? 0) / amArrived) * 1000) / 10 : null };
    }
    return { date: req.date, schools };
  }

  /** Runs cancelled on the day, and late AM runs on the day and the last service day before it, per school. */
  async brief(req: BriefRequestDto): Promise<BriefReply> {
    const { latestMinutesBeforeBell: latest } = this.settings.onTime;
    const [cancelled, late]: [
      { schoolId: string; school: string; runs: number; reasons: string[] }[],
      { schoolId: string; school: string; date: string; runs: number; maxLate: number; codes: string[]; runId: string }[],
    ] = await Promise.all([
      this.ds.query(
        `SELECT c.school_id AS "schoolId", s.name AS school, count(*)::int AS runs, array_agg(DISTINCT c.reason ORDER BY c.reason) AS reasons
         FROM run_cancellations c JOIN schools s ON s.id = c.school_id WHERE c.service_date = $1 GROUP BY c.school_id, s.name ORDER BY s.name`,
        [req.date],
      ),
      this.ds.query(
        `WITH days AS (
           SELECT $1::date AS d UNION
           SELECT max(service_date) FROM run_daily WHERE service_date < $1 AND service_date >= $3 AND actual_arrival IS NOT NULL),
         late AS (
           SELECT d.school_id, d.service_date, d.run_id, extract(epoch FROM d.actual_arrival - d.bell_time) / 60 + $2 AS minutes_late
           FROM run_daily d JOIN days ON days.d = d.service_date
           WHERE d.session = 'AM' AND d.actual_arrival IS NOT NULL AND extract(epoch FROM d.bell_time - d.actual_arrival) / 60 < $2)
         SELECT l.school_id AS "schoolId", s.name AS school, to_char(l.service_date, 'YYYY-MM-DD') AS date, count(*)::int AS runs,
                round(max(l.minutes_late))::int AS "maxLate", array_agg(r.code ORDER BY r.code) AS codes, min(l.run_id::text) AS "runId"
         FROM late l JOIN schools s ON s.id = l.school_id JOIN runs r ON r.id = l.run_id
         GROUP BY l.school_id, s.name, l.service_date ORDER BY l.service_date DESC, s.name`,
        [req.date, latest, addDays(req.date, -SERVICE_DAY_LOOKBACK)],
      ),
    ]);
    const items: BriefItem[] = [
      ...cancelled.map((c): BriefItem => ({
        department: 'transportation',
        kind: 'runs.cancelled',
        severity: 'warning',
        schoolId: c.schoolId,
        title: `${c.runs} bus run${c.runs === 1 ? '' : 's'} cancelled today at ${c.school}`,
        detail: c.reasons.join('; '),
        at: req.date,
        ref: { type: 'school-runs', id: c.schoolId },
      })),
      ...late.map((l): BriefItem => ({
        department: 'transportation',
        kind: 'run.late',
        severity: l.maxLate >= LATE_WARNING_MINUTES ? 'warning' : 'info',
        schoolId: l.schoolId,
        title: `${l.runs} late AM bus${l.runs === 1 ? '' : 'es'} at ${l.school} ${l.date === req.date ? 'today' : `on ${l.date}`}`,
        detail: `${l.codes.slice(0, 10).join(', ')}${l.codes.length > 10 ? ` and ${l.codes.length - 10} more` : ''}; up to ${l.maxLate} min past the on-time window`,
        at: l.date,
        ref: l.runs === 1 ? { type: 'run', id: l.runId } : { type: 'school-runs', id: l.schoolId },
      })),
    ];
    return { date: req.date, items };
  }

  /** One student's eligibility and stops (the gateway checks the caller's role and scope; this is logged). */
  async studentSummary(req: StudentSummaryRequestDto): Promise<TransportationStudentSummary> {
    const [[eligibility], stops] = await Promise.all([
      this.ds.query(
        `SELECT school_id AS "schoolId", status, reason, distance_miles AS "distanceMiles", to_char(determined_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "determinedAt"
         FROM eligibility WHERE student_id = $1`,
        [req.studentId],
      ),
      this.ds.query(
        `SELECT a.school_id AS "schoolId", a.session, a.run_id AS "runId", r.code AS "runCode", a.stop_id AS "stopId", st.name AS "stopName",
                to_char(st.scheduled_time, 'HH24:MI') AS "scheduledTime", a.distance_miles AS "distanceMiles",
                to_char(a.assigned_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "assignedAt"
         FROM stop_assignments a JOIN runs r ON r.id = a.run_id JOIN stops st ON st.id = a.stop_id WHERE a.student_id = $1 ORDER BY a.session`,
        [req.studentId],
      ),
    ]);
    this.audit.log({ audit: 'student-summary-read', via: 'transportation.student-summary.get', studentIds: [req.studentId] });
    return { studentId: req.studentId, eligibility: eligibility ?? null, stops };
  }
}
