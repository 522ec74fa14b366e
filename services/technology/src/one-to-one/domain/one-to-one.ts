/**
 * 1:1 rules (DOMAIN.md section 5), pure: what a change in a student's enrollment means for their devices.
 * The plan depends only on the student's new state and what they hold now, so applying it twice changes
 * nothing the second time (an event delivered again is harmless even past the inbox).
 */

export interface StudentState {
  status: 'enrolled' | 'withdrawn' | 'not-enrolled';
  schoolId: string | null;
  grade: string;
}

/** What the student holds in technology's records now. */
export interface Holdings {
  /** open 1:1 assignments, with whether a return task is open for each */
  assignments: { assignmentId: string; schoolId: string; returnTaskOpen: boolean; returnTaskId: string | null }[];
  /** the school where the student waits for a device, if any */
  queuedAt: string | null;
}

export interface StudentPlan {
  /** open a return task for these assignments */
  openReturnTasks: { assignmentId: string; reason: 'withdrawn' | 'transferred' }[];
  /** the student is back where the device came from before returning it: the task is void */
  cancelReturnTasks: string[];
  /** leave the queue */
  dequeue: boolean;
  /** give the student a device at this school (from stock, else queue them) */
  needsDeviceAt: string | null;
}

/** The configured 1:1 grades of a school (empty: not a 1:1 school). */
export type OneToOneConfig = (schoolId: string) => readonly string[];

export function isOneToOne(config: OneToOneConfig, schoolId: string | null, grade: string): boolean {
  return !!schoolId && config(schoolId).includes(grade);
}

export function planStudent(after: StudentState, holdings: Holdings, config: OneToOneConfig): StudentPlan {
  const enrolledAt = after.status === 'enrolled' ? after.schoolId : null;
  const plan: StudentPlan = { openReturnTasks: [], cancelReturnTasks: [], dequeue: false, needsDeviceAt: null };
  for (const a of holdings.assignments) {
    if (a.schoolId === enrolledAt) {
      if (a.returnTaskOpen && a.returnTaskId) plan.cancelReturnTasks.push(a.returnTaskId);
    } else if (!a.returnTaskOpen) {
      plan.openReturnTasks.push({ assignmentId: a.assignmentId, reason: enrolledAt ? 'transferred' : 'withdrawn' });
    }
  }
  const wantsDevice = isOneToOne(config, enrolledAt, after.grade);
  const holdsHere = holdings.assignments.some((a) => a.schoolId === enrolledAt);
  if (holdings.queuedAt && (!wantsDevice || holdings.queuedAt !== enrolledAt || holdsHere)) plan.dequeue = true;
  if (wantsDevice && !holdsHere && holdings.queuedAt !== enrolledAt) plan.needsDeviceAt = enrolledAt;
  return plan;
}

/**
 * Pairs waiting students with devices in stock, school by school, first come first served: the queue in
 * its order, the stock in the order given (newest devices first is the caller's choice).
 */
export function pairQueue<Q extends { studentId: string; schoolId: string }, D extends { deviceId: string; schoolId: string }>(
  queue: readonly Q[],
  stock: readonly D[],
): { student: Q; device: D }[] {
  const bySchool = new Map<string, D[]>();
  for (const d of stock) {
    const list = bySchool.get(d.schoolId) ?? [];
    list.push(d);
    bySchool.set(d.schoolId, list);
  }
  const pairs: { student: Q; device: D }[] = [];
  for (const student of queue) {
    const device = bySchool.get(student.schoolId)?.shift();
    if (device) pairs.push({ student, device });
  }
  return pairs;
}

/** Checks a school's 1:1 grade list: known grades, no repeats. Returns the problems (empty when valid). */
export function gradeListProblems(grades: readonly string[], known: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const g of grades) {
    if (!known.includes(g)) problems.push(`${g} is not a grade`);
    else if (seen.has(g)) problems.push(`${g} is listed twice`);
    seen.add(g);
  }
  return problems;
}
