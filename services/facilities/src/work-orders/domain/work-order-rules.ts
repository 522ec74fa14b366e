import type { WorkOrderPriority, WorkOrderStatus } from '@district/contracts';
import { endOfLocalDay } from '../../common/domain/dates';

/** Response targets per priority (DOMAIN.md defaults: emergency 4 h, urgent 24 h, routine 7 days, scheduled by due date). */
export interface ResponseTargets {
  emergencyHours: number;
  urgentHours: number;
  routineDays: number;
}

export const DEFAULT_RESPONSE_TARGETS: ResponseTargets = { emergencyHours: 4, urgentHours: 24, routineDays: 7 };

const HOUR = 3_600_000;

/**
 * When a work order must be completed: requested time plus its priority's target, or for scheduled
 * (preventive) work the end of its due date in the district's time zone. Fixed when the order is
 * requested or re-triaged, so changing the configuration does not move targets already given.
 */
export function targetAt(priority: WorkOrderPriority, requestedAt: Date, dueDate: string | null, targets: ResponseTargets, tz: string): Date {
  switch (priority) {
    case 'emergency':
      return new Date(requestedAt.getTime() + targets.emergencyHours * HOUR);
    case 'urgent':
      return new Date(requestedAt.getTime() + targets.urgentHours * HOUR);
    case 'routine':
      return new Date(requestedAt.getTime() + targets.routineDays * 24 * HOUR);
    case 'scheduled':
      if (!dueDate) throw new RangeError('a scheduled work order needs a due date');
      return endOfLocalDay(dueDate, tz);
  }
}

export const OPEN_STATUSES: readonly WorkOrderStatus[] = ['open', 'assigned', 'in-progress', 'on-hold'];

export function isOpen(status: WorkOrderStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Open and past its target at `asOf`. */
export function isOverdue(wo: { status: WorkOrderStatus; targetAt: Date }, asOf: Date): boolean {
  return isOpen(wo.status) && wo.targetAt.getTime() < asOf.getTime();
}

/** Completed no later than its target. */
export function completedWithinTarget(wo: { completedAt: Date; targetAt: Date }): boolean {
  return wo.completedAt.getTime() <= wo.targetAt.getTime();
}

const NEXT: Record<WorkOrderStatus, readonly WorkOrderStatus[]> = {
  open: ['assigned', 'in-progress', 'cancelled'],
  assigned: ['assigned', 'in-progress', 'on-hold', 'completed', 'cancelled'],
  'in-progress': ['assigned', 'on-hold', 'completed', 'cancelled'],
  'on-hold': ['assigned', 'in-progress', 'cancelled'],
  completed: [],
  cancelled: [],
};

export interface TransitionRequest {
  to: WorkOrderStatus;
  at: Date;
  assignee?: string;
}

/** Why a status change is refused (undefined when allowed). `assigned` needs someone to assign; time never runs backwards. */
export function transitionProblem(
  current: { status: WorkOrderStatus; lastChangeAt: Date; assignee: string | null },
  req: TransitionRequest,
): string | undefined {
  if (!NEXT[current.status].includes(req.to)) {
    return current.status === 'completed' || current.status === 'cancelled'
      ? `the work order is ${current.status}; it cannot change any more`
      : `a work order cannot go from ${current.status} to ${req.to}`;
  }
  if (req.at.getTime() < current.lastChangeAt.getTime()) return 'the change cannot be earlier than the previous one';
  if (req.to === 'assigned' && !req.assignee) return 'assigning needs an assignee (a trade crew or contractor)';
  if ((req.to === 'in-progress' || req.to === 'completed') && !req.assignee && !current.assignee) return 'assign the work order before starting or completing it';
  return undefined;
}

/** Labor, material and contractor cost of a work order. */
export function totalCost(wo: { laborCost: number; materialCost: number; contractorCost: number }): number {
  return Math.round((wo.laborCost + wo.materialCost + wo.contractorCost) * 100) / 100;
}
