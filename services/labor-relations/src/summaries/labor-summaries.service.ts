import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BriefItem, BriefReply, LaborDeadline, LaborSchoolSummary, SchoolSummariesReply } from '@district/contracts';
import { addDays, daysBetween } from '../calendar/domain/dates';

export const BRIEF_DAYS = 7;

/** What the gateway asks of labor relations for its school views and the daily brief: open grievances and deadlines, no grievant names. */
@Injectable()
export class LaborSummariesService {
  constructor(private readonly ds: DataSource) {}

  /** One query for all the requested schools: open grievances and the five nearest deadlines of each. */
  async schoolSummaries(schoolIds: string[], date: string): Promise<SchoolSummariesReply<LaborSchoolSummary>> {
    const rows: { schoolId: string; openGrievances: number; nextDeadlines: LaborDeadline[] | null }[] = await this.ds.query(
      `WITH open AS (
         SELECT g.school_id, g.id, g.number, g.unit_id, u.name AS unit_name, g.awaiting, g.due_on,
                CASE g.awaiting WHEN 'answer' THEN g.current_step ELSE g.current_step + 1 END AS step,
                c.grievance_procedure -> 'steps' -> (CASE g.awaiting WHEN 'answer' THEN g.current_step ELSE g.current_step + 1 END - 1) ->> 'name' AS step_name,
                row_number() OVER (PARTITION BY g.school_id ORDER BY g.due_on NULLS LAST, g.number) AS rn
         FROM grievances g JOIN bargaining_units u ON u.id = g.unit_id JOIN contracts c ON c.id = g.contract_id
         WHERE g.status = 'open' AND g.school_id = ANY($1::uuid[]))
       SELECT s.id AS "schoolId", count(o.id)::int AS "openGrievances",
              json_agg(json_build_object('grievanceId', o.id, 'number', o.number, 'unitId', o.unit_id, 'unitName', o.unit_name, 'step', o.step,
                'stepName', o.step_name, 'party', CASE o.awaiting WHEN 'answer' THEN 'employer' ELSE 'union' END, 'action', o.awaiting, 'dueOn', o.due_on)
                ORDER BY o.rn) FILTER (WHERE o.rn <= 5 AND o.due_on IS NOT NULL) AS "nextDeadlines"
       FROM schools s LEFT JOIN open o ON o.school_id = s.id
       WHERE s.id = ANY($1::uuid[]) GROUP BY s.id`,
      [schoolIds],
    );
    return { date, schools: Object.fromEntries(rows.map((r) => [r.schoolId, { schoolId: r.schoolId, openGrievances: r.openGrievances, nextDeadlines: r.nextDeadlines ?? [] }])) };
  }

  /** Grievance deadlines (overdue ones first) and contract expiries from `date` through the 7 days after it, each linked to its school where it has one. */
  async brief(date: string): Promise<BriefReply> {
    const until = addDays(date, BRIEF_DAYS);
    const grievances: { id: string; number: string; schoolId: string | null; schoolName: string | null; unitName: string; article: string; awaiting: 'answer' | 'appeal';
      dueOn: string; stepName: string }[] = await this.ds.query(
      `SELECT g.id, g.number, g.school_id AS "schoolId", s.name AS "schoolName", u.name AS "unitName", g.article, g.awaiting, g.due_on::text AS "dueOn",
              c.grievance_procedure -> 'steps' -> (CASE g.awaiting WHEN 'answer' THEN g.current_step ELSE g.current_step + 1 END - 1) ->> 'name' AS "stepName"
       FROM grievances g JOIN bargaining_units u ON u.id = g.unit_id JOIN contracts c ON c.id = g.contract_id LEFT JOIN schools s ON s.id = g.school_id
       WHERE g.status = 'open' AND g.due_on <= $1::date ORDER BY g.due_on, g.number`,
      [until],
    );
    const contracts: { id: string; title: string; unitName: string; employeeCount: number; expiresOn: string }[] = await this.ds.query(
      `SELECT c.id, c.title, u.name AS "unitName", u.employee_count AS "employeeCount", c.expires_on::text AS "expiresOn"
       FROM contracts c JOIN bargaining_units u ON u.id = c.unit_id
       WHERE c.status IN ('active', 'ratified') AND c.expires_on BETWEEN $1 AND $2 AND NOT EXISTS (
         SELECT 1 FROM contracts s WHERE s.predecessor_id = c.id AND s.status IN ('ratified', 'active'))
       ORDER BY c.expires_on, c.title`,
      [date, until],
    );
    const items: BriefItem[] = [
      ...grievances.map((g): BriefItem => {
        const inDays = daysBetween(date, g.dueOn);
        const who = g.awaiting === 'answer' ? 'answer' : 'appeal';
        return {
          department: 'labor-relations',
          kind: inDays < 0 ? 'grievance.overdue' : 'grievance.deadline',
          severity: inDays < 0 ? 'critical' : inDays <= 1 ? 'warning' : 'info',
          schoolId: g.schoolId,
          title: `${g.stepName} ${who} ${inDays < 0 ? 'was due' : 'due'} ${g.dueOn}: grievance ${g.number} (${g.unitName}, ${g.article})`,
          detail: g.schoolName ? `at ${g.schoolName}` : undefined,
          at: g.dueOn,
          ref: { type: 'grievance', id: g.id },
        };
      }),
      ...contracts.map((c): BriefItem => ({
        department: 'labor-relations',
        kind: 'contract.expiring',
        severity: 'warning',
        schoolId: null,
        title: `${c.title} expires ${c.expiresOn} with no successor ratified`,
        detail: `${c.unitName}: ${c.employeeCount} employees would work under status quo`,
        at: c.expiresOn,
        ref: { type: 'contract', id: c.id },
      })),
    ];
    return { date, items };
  }
}
