import { Injectable } from '@nestjs/common';
import { EnrollmentRpc, SchoolEnrollmentOverview, TransportationRpc, TransportationSchoolSummary } from '@district/contracts';
import { RpcRemoteError } from '@district/messaging';
import { AuthUser, assertSchoolScope, ProblemException } from '@district/service-kit';
import { Department, DepartmentClient, describeFailure } from '../clients/department-client';
import { DepartmentAnswer, mergeSchoolOverview, SchoolOverview } from './domain/merge-school-overview';

@Injectable()
export class SchoolOverviewService {
  constructor(private readonly departments: DepartmentClient) {}

  /** Asks enrollment and transportation at once and merges what came back (404 when enrollment knows no such school). */
  async overview(schoolId: string, user: AuthUser): Promise<SchoolOverview> {
    assertSchoolScope(user, schoolId);
    const [enrollment, transportation] = await Promise.all([
      this.ask<SchoolEnrollmentOverview>('enrollment', EnrollmentRpc.SchoolOverviewGet, { schoolId }),
      this.ask<TransportationSchoolSummary>('transportation', TransportationRpc.SchoolSummaryGet, { schoolId }),
    ]);
    const result = mergeSchoolOverview(enrollment, transportation);
    if (!result.found) throw new ProblemException(404, result.detail);
    return result.overview;
  }

  /** Never throws: the answer, a 404 from the department, or why there is no answer, with the time it took. */
  private async ask<T>(department: Department, subject: string, payload: unknown): Promise<DepartmentAnswer<T>> {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    try {
      const value = await this.departments.call<T>(department, subject, payload);
      return { status: 'ok', value, ms: ms() };
    } catch (err) {
      if (err instanceof RpcRemoteError && err.status === 404) return { status: 'not-found', detail: err.detail ?? err.title, ms: ms() };
      return { status: 'unavailable', detail: describeFailure(err), ms: ms() };
    }
  }
}
