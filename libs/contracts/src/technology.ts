import type { KpiDefinition } from './department-queries';
import { defineEvent } from './envelope';

/**
 * Technology's contract (DOMAIN.md section 5): device fleet, 1:1 assignment driven by enrollment's events,
 * return tasks, help desk, refresh planning. Events carry full snapshots with a `version` that increases
 * with every change of the record, so consumers keep the newest copy and ignore a late older one.
 */

export const DEVICE_STATUSES = ['in-stock', 'assigned', 'loaner', 'in-repair', 'lost', 'retired'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

export const DEVICE_TYPES = ['chromebook', 'laptop', 'tablet', 'desktop', 'hotspot', 'other'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

/** `one-to-one`: a 1:1 device given to a student; `loaner`: lent for a while (student or staff); `staff`: a staff device. */
export type AssignmentKind = 'one-to-one' | 'loaner' | 'staff';
export type AssignmentEndReason = 'returned' | 'lost' | 'stolen' | 'retired' | 'unrepairable';

/** A device held by someone: the state of one assignment (snapshot). */
export interface DeviceAssignmentSnapshot {
  assignmentId: string;
  deviceId: string;
  serial: string;
  model: string;
  deviceType: DeviceType;
  /** null for a staff assignment or a loaner to a staff member */
  studentId: string | null;
  schoolId: string;
  kind: AssignmentKind;
  /** business dates, YYYY-MM-DD */
  assignedOn: string;
  endedOn: string | null;
  endReason: AssignmentEndReason | null;
  /** 1 when made, 2 when ended */
  version: number;
}

export type ReturnTaskReason = 'withdrawn' | 'transferred';
export type ReturnTaskStatus = 'open' | 'returned' | 'cancelled' | 'lost';

/** A device to collect from a student who left the school (withdrawal or transfer). */
export interface ReturnTaskSnapshot {
  returnTaskId: string;
  deviceId: string;
  serial: string;
  studentId: string;
  schoolId: string;
  reason: ReturnTaskReason;
  status: ReturnTaskStatus;
  openedOn: string;
  closedOn: string | null;
  /** 1 when opened, 2 when closed */
  version: number;
}

/** A student in a 1:1 grade waiting for a device because the school has none in stock. */
export interface StudentQueued {
  studentId: string;
  schoolId: string;
  queuedOn: string;
}

export const TechnologyEvents = {
  /** a device was given to a student (1:1 or loaner) or a staff member */
  DeviceAssigned: defineEvent<DeviceAssignmentSnapshot>('technology', 'device', 'assigned', 1),
  /** an assignment ended: the device came back, or was lost, stolen or retired while held */
  DeviceUnassigned: defineEvent<DeviceAssignmentSnapshot>('technology', 'device', 'unassigned', 1),
  ReturnTaskOpened: defineEvent<ReturnTaskSnapshot>('technology', 'return-task', 'opened', 1),
  ReturnTaskClosed: defineEvent<ReturnTaskSnapshot>('technology', 'return-task', 'closed', 1),
  StudentQueued: defineEvent<StudentQueued>('technology', 'student', 'queued', 1),
} as const;

// ---------------------------------------------------------------- gateway query replies

/** `technology.school-summaries.get`: one school's section. */
export interface TechnologySchoolSummary {
  schoolId: string;
  devicesByStatus: Record<DeviceStatus, number>;
  /** devices in stock that may be given out as 1:1 devices (loaner pool excluded) */
  oneToOneStock: number;
  /** the school's 1:1 grades (configuration); empty when the school is not 1:1 */
  oneToOneGrades: string[];
  /** students enrolled in those grades */
  oneToOneStudents: number;
  /** students in 1:1 grades holding no 1:1 device (the queue, plus any not yet processed) */
  studentsWithoutDevice: number;
  /** students waiting for stock, and since when the longest has waited */
  queued: number;
  oldestQueuedOn: string | null;
  openReturnTasks: number;
  openTickets: number;
  overdueTickets: number;
  /** active devices past the refresh cycle or their auto-update expiration on `date` */
  dueForRefresh: number;
}

export interface TechnologyStudentDevice {
  assignmentId: string;
  deviceId: string;
  serial: string;
  model: string;
  deviceType: DeviceType;
  deviceStatus: DeviceStatus;
  kind: AssignmentKind;
  schoolId: string;
  assignedOn: string;
  /** loaners only */
  dueOn: string | null;
}

/** `technology.student-summary.get`: the student's devices, open return tasks and queue place. */
export interface TechnologyStudentSummary {
  studentId: string;
  devices: TechnologyStudentDevice[];
  openReturnTasks: { returnTaskId: string; deviceId: string; serial: string; schoolId: string; reason: ReturnTaskReason; openedOn: string }[];
  /** waiting for a 1:1 device; position 1 is next */
  queued: { schoolId: string; queuedOn: string; position: number } | null;
}

// ---------------------------------------------------------------- KPIs

export const TECHNOLOGY_KPIS: KpiDefinition[] = [
  {
    id: 'technology.devices-per-student', department: 'technology', name: 'Devices per student', unit: 'ratio', direction: 'higher', perSchool: true,
    description: 'student-assigned 1:1 devices at the end of the month ÷ students enrolled then (target 1.0 in 1:1 grades)',
  },
  {
    id: 'technology.fleet-due-for-refresh', department: 'technology', name: '% fleet due for refresh', unit: '%', direction: 'lower', perSchool: true,
    description: 'active devices older than the refresh cycle (default 4 years) or past their auto-update expiration ÷ active fleet, at the end of the month',
  },
  {
    id: 'technology.average-device-age', department: 'technology', name: 'Average device age', unit: 'years', direction: 'lower', perSchool: true,
    description: 'mean years since purchase of the active fleet at the end of the month',
  },
  {
    id: 'technology.ticket-resolution-time', department: 'technology', name: 'Ticket resolution time (median)', unit: 'hours', direction: 'lower', perSchool: true,
    description: 'median of (resolved − opened) over help-desk tickets resolved in the month',
  },
  {
    id: 'technology.first-contact-resolution', department: 'technology', name: 'First-contact resolution', unit: '%', direction: 'higher', perSchool: true,
    description: 'tickets resolved on first contact ÷ tickets resolved in the month',
  },
  {
    id: 'technology.repairs-per-100-devices', department: 'technology', name: 'Repairs per 100 devices', unit: 'per 100', direction: 'lower', perSchool: true,
    description: 'repairs opened in the month ÷ active fleet at the end of the month × 100',
  },
  {
    id: 'technology.loss-rate', department: 'technology', name: 'Loss rate', unit: '%', direction: 'lower', perSchool: true,
    description: 'devices reported lost or stolen in the month ÷ (active fleet at the end of the month + those devices) × 100',
  },
  {
    id: 'technology.bandwidth-per-user', department: 'technology', name: 'Bandwidth per user', unit: 'kbps', direction: 'higher', perSchool: true,
    description: 'contracted internet Kbps in effect at the end of the month ÷ students enrolled (FCC targets: 100 Kbps short term, 1 Mbps long term)',
  },
];
