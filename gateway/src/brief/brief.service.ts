import { Injectable } from '@nestjs/common';
import { BriefItem, BriefReply, DepartmentQueries, EnrollmentSchoolSummary, SchoolSummariesReply } from '@district/contracts';
import { AuthUser, canSeeSchool } from '@district/service-kit';
import { DepartmentClient } from '../clients/department-client';
import { Sources, sourcesOf, SECTION_DEPARTMENTS } from '../views/domain/school-views';

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

export interface BriefEntry extends BriefItem {
  schoolName: string | null;
  /** the school's cross-department view */
  schoolLink: string | null;
}

/**
 * The deputy chief's morning: every department's brief for the date, asked in parallel, most severe first,
 * each item named and linked to its school. School-scoped callers see their schools' items only.
 */
@Injectable()
export class BriefService {
  constructor(private readonly departments: DepartmentClient) {}

  async brief(date: string, user: AuthUser): Promise<{ date: string; items: BriefEntry[]; sources: Partial<Sources> }> {
    const answers = await Promise.all(SECTION_DEPARTMENTS.map((d) => this.departments.ask<BriefReply>(d, DepartmentQueries.brief(d), { date })));
    const items = answers
      .flatMap((a) => (a.status === 'ok' ? a.value.items : []))
      .filter((i) => (i.schoolId ? canSeeSchool(user, i.schoolId) : !user.schools));
    const names = await this.schoolNames([...new Set(items.map((i) => i.schoolId).filter((x): x is string => !!x))], date);
    const entries = items
      .map((i) => ({ ...i, schoolName: i.schoolId ? names.get(i.schoolId) ?? null : null, schoolLink: i.schoolId ? `/api/schools/${i.schoolId}/overview` : null }))
      .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.at ?? '').localeCompare(b.at ?? '') || a.department.localeCompare(b.department));
    return { date, items: entries, sources: sourcesOf(Object.fromEntries(SECTION_DEPARTMENTS.map((d, i) => [d, answers[i]]))) };
  }

  private async schoolNames(ids: string[], date: string): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const a = await this.departments.ask<SchoolSummariesReply<EnrollmentSchoolSummary>>('enrollment', DepartmentQueries.schoolSummaries('enrollment'), { schoolIds: ids.slice(0, 1000), date });
    return new Map(a.status === 'ok' ? Object.values(a.value.schools).map((s) => [s.school.id, s.school.name]) : []);
  }
}
