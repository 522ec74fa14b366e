import { ProblemException } from '@district/service-kit';
import { CalendarGapError } from '../calendar/domain/district-calendar';
import { GrievanceRuleError } from '../grievances/domain/grievance-rules';

/** Maps the domain's refusals to problems: a state conflict is 409, a rule about the values is 422 naming the field. */
export function toProblemException(err: unknown): unknown {
  if (err instanceof GrievanceRuleError) {
    return err.kind === 'conflict'
      ? new ProblemException(409, err.message)
      : new ProblemException(422, err.message, err.field ? { errors: [{ field: err.field, message: err.message }] } : {});
  }
  if (err instanceof CalendarGapError) return new ProblemException(422, err.message, { errors: [{ field: 'date', message: err.message }] });
  return err;
}

/** Runs `fn`, rethrowing domain refusals as problems. */
export async function domainCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toProblemException(err);
  }
}
