import { Department, subjectPrefix } from './streams';

/**
 * The queries every department answers for the gateway, over NATS request/reply (queue group = the
 * department's service name). One shape for all departments, so the gateway builds its views, KPI
 * scorecard and daily brief without knowing a department's internals, and asks each department once
 * per request, never once per school (DESIGN.md section 4).
 *
 * | subject                          | request                   | reply                            |
 * |----------------------------------|---------------------------|----------------------------------|
 * | `<prefix>.school-summaries.get`  | SchoolSummariesRequest    | SchoolSummariesReply<Summary>    |
 * | `<prefix>.kpis.get`              | KpisRequest               | DepartmentKpisReply              |
 * | `<prefix>.brief.get`             | BriefRequest              | BriefReply                       |
 * | `<prefix>.student-summary.get`   | StudentSummaryRequest     | the department's student section |
 */
export const DepartmentQueries = {
  schoolSummaries: (d: Department) => `${subjectPrefix(d)}.school-summaries.get`,
  kpis: (d: Department) => `${subjectPrefix(d)}.kpis.get`,
  brief: (d: Department) => `${subjectPrefix(d)}.brief.get`,
  studentSummary: (d: Department) => `${subjectPrefix(d)}.student-summary.get`,
} as const;

/** Upper bound on `schoolIds` in one request (a page of the gateway's school list is at most 500). */
export const MAX_SCHOOLS_PER_REQUEST = 1000;

export interface SchoolSummariesRequest {
  /** 1..MAX_SCHOOLS_PER_REQUEST school ids (UUIDs, enrollment's ids) */
  schoolIds: string[];
  /** the district's "today", YYYY-MM-DD: figures such as "meals today" or "on-time yesterday" are relative to it */
  date: string;
}

/** A section per requested school that the department knows; unknown ids are simply absent. */
export interface SchoolSummariesReply<S> {
  date: string;
  schools: Record<string, S>;
}

// ---------------------------------------------------------------- KPIs

/** `%` values are percentages 0–100 (87.5 means 87.5 %); `ratio` is a plain quotient (1.02 devices per student). */
export type KpiUnit = '%' | 'ratio' | 'count' | 'USD' | 'days' | 'hours' | 'minutes' | 'miles' | 'years' | 'sq ft' | 'per 100' | 'kbps';
/** Which way is better; `context` KPIs have no good direction and never get a status colour. */
export type KpiDirection = 'higher' | 'lower' | 'context';

export interface KpiDefinition {
  /** stable id `<department>.<kebab-name>`, e.g. `transportation.on-time-performance` */
  id: string;
  department: Department;
  name: string;
  unit: KpiUnit;
  direction: KpiDirection;
  /** the formula in words, shown beside the figure */
  description: string;
  /** whether the department can give the KPI per school (for the gateway's school ranking) */
  perSchool: boolean;
}

export interface KpisRequest {
  /** first month, YYYY-MM */
  from: string;
  /** last month, YYYY-MM, inclusive; at most MAX_KPI_MONTHS months after `from` */
  to: string;
  /** also return per-school values for each month (only KPIs with `perSchool`) */
  bySchool?: boolean;
}

export const MAX_KPI_MONTHS = 24;

/** KPI id → value; null when the month has no data to compute it from (never a made-up zero). */
export type KpiValues = Record<string, number | null>;

export interface DepartmentKpisReply {
  department: Department;
  /** one entry per month from..to, in order */
  periods: { period: string; values: KpiValues }[];
  /** present when `bySchool` was asked */
  schools?: { period: string; schoolId: string; values: KpiValues }[];
}

// ---------------------------------------------------------------- daily brief

export type BriefSeverity = 'critical' | 'warning' | 'info';

/** One line of the deputy chief's morning brief, linking to its school. */
export interface BriefItem {
  department: Department;
  /** machine-readable kind, e.g. `run.cancelled`, `work-order.overdue`, `grievance.deadline` */
  kind: string;
  severity: BriefSeverity;
  schoolId: string | null;
  title: string;
  detail?: string;
  /** when it happened or falls due, ISO 8601 */
  at?: string;
  /** the department's own record, e.g. `{ type: 'work-order', id }` */
  ref?: { type: string; id: string };
}

export interface BriefRequest {
  /** YYYY-MM-DD */
  date: string;
}

export interface BriefReply {
  date: string;
  items: BriefItem[];
}

// ---------------------------------------------------------------- student summary (FERPA)

export interface StudentSummaryRequest {
  studentId: string;
  /**
   * Whether the caller may see sensitive categories (e.g. meal eligibility, which USDA restricts).
   * The department leaves them out unless this is true: data minimisation happens at the source.
   */
  includeSensitive?: boolean;
}
