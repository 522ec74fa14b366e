import type { Department, EnrollmentSchoolSummary, SchoolSummariesReply } from '@district/contracts';
import type { DepartmentAnswer } from '../../clients/department-client';

export interface SourceStatus {
  status: 'ok' | 'unavailable';
  ms: number;
  detail?: string;
}
export type Sources = Record<Department, SourceStatus>;

/** The departments other than enrollment, each contributing one section per school. */
export const SECTION_DEPARTMENTS = ['transportation', 'food', 'facilities', 'technology', 'labor-relations'] as const;
export type SectionDepartment = (typeof SECTION_DEPARTMENTS)[number];

/** One school across departments. A section is null when its department did not answer (see `sources`) or knows nothing of the school yet. */
export type SchoolView = {
  school: EnrollmentSchoolSummary['school'] | null;
  enrollment: EnrollmentSchoolSummary['enrollment'] | null;
} & Record<SectionDepartment, Record<string, unknown> | null>;

export type SummaryAnswers = Record<Department, DepartmentAnswer<SchoolSummariesReply<unknown>>>;

export function sourceOf(answer: DepartmentAnswer<unknown>): SourceStatus {
  return answer.status === 'ok' ? { status: 'ok', ms: answer.ms } : { status: 'unavailable', ms: answer.ms, detail: answer.detail };
}

export function sourcesOf(answers: Partial<Record<Department, DepartmentAnswer<unknown>>>): Partial<Sources> {
  return Object.fromEntries(Object.entries(answers).map(([d, a]) => [d, sourceOf(a!)])) as Partial<Sources>;
}

/**
 * Merges every department's school summaries into one view per school, in the order asked. Pure: the
 * answers were gathered in parallel; a department that did not answer leaves its sections null.
 */
export function mergeSchoolViews(schoolIds: string[], answers: SummaryAnswers): SchoolView[] {
  const schoolsOf = (d: Department): Record<string, unknown> | undefined => {
    const a = answers[d];
    return a.status === 'ok' ? a.value.schools : undefined;
  };
  const enrollment = schoolsOf('enrollment') as Record<string, EnrollmentSchoolSummary> | undefined;
  return schoolIds.map((id) => {
    const view = { school: enrollment?.[id]?.school ?? null, enrollment: enrollment?.[id]?.enrollment ?? null } as SchoolView;
    for (const d of SECTION_DEPARTMENTS) view[d] = (schoolsOf(d)?.[id] as Record<string, unknown> | undefined) ?? null;
    return view;
  });
}
