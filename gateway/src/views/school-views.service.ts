import { Injectable } from '@nestjs/common';
import { DepartmentQueries, DEPARTMENTS, EnrollmentRpc, SchoolListReply, SchoolListRequest, SchoolSummariesReply, dateInTimeZone } from '@district/contracts';
import { AuthUser, assertSchoolScope, ProblemException } from '@district/service-kit';
import { DepartmentClient } from '../clients/department-client';
import { GatewayEnv } from '../config';
import { mergeSchoolViews, SchoolView, Sources, sourcesOf, SummaryAnswers } from './domain/school-views';

export type SchoolOverview = SchoolView & { sources: Sources };

/** Cross-department school views: each department asked once per request for all the schools on it, in parallel. */
@Injectable()
export class SchoolViewsService {
  constructor(
    private readonly departments: DepartmentClient,
    private readonly env: GatewayEnv,
  ) {}

  async overview(schoolId: string, user: AuthUser): Promise<SchoolOverview> {
    assertSchoolScope(user, schoolId);
    const { views, answers } = await this.views([schoolId]);
    if (answers.enrollment.status === 'ok' && !views[0].school) throw new ProblemException(404, 'no such school');
    return { ...views[0], sources: sourcesOf(answers) as Sources };
  }

  /** A page of schools (enrollment owns the list), each with every department's section. */
  async list(q: Omit<SchoolListRequest, 'schoolIds'>, user: AuthUser): Promise<{ items: SchoolView[]; total: number; sources: Sources }> {
    const page = await this.departments.ask<SchoolListReply>('enrollment', EnrollmentRpc.SchoolsList, { ...q, schoolIds: user.schools });
    if (page.status !== 'ok') throw new ProblemException(503, `the school list comes from enrollment, which is not answering (${page.detail})`);
    if (page.value.items.length === 0) return { items: [], total: page.value.total, sources: sourcesOf({ enrollment: page }) as Sources };
    const { views, answers } = await this.views(page.value.items.map((s) => s.id));
    return { items: views, total: page.value.total, sources: sourcesOf(answers) as Sources };
  }

  private async views(schoolIds: string[]): Promise<{ views: SchoolView[]; answers: SummaryAnswers }> {
    const request = { schoolIds, date: dateInTimeZone(this.env.DISTRICT_TIMEZONE) };
    const replies = await Promise.all(DEPARTMENTS.map((d) => this.departments.ask<SchoolSummariesReply<unknown>>(d, DepartmentQueries.schoolSummaries(d), request)));
    const answers = Object.fromEntries(DEPARTMENTS.map((d, i) => [d, replies[i]])) as SummaryAnswers;
    return { views: mergeSchoolViews(schoolIds, answers), answers };
  }
}
