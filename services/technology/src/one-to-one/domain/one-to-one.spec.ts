import { gradeListProblems, Holdings, pairQueue, planStudent } from './one-to-one';

const config = (id: string) => (id === 'A' || id === 'B' ? ['3', '4', '5'] : []);
const none: Holdings = { assignments: [], queuedAt: null };
const holding = (schoolId: string, returnTaskId: string | null = null) => ({ assignmentId: `asg-${schoolId}`, schoolId, returnTaskOpen: !!returnTaskId, returnTaskId });

describe('1:1 plan for a student', () => {
  it('a student enrolling in a 1:1 grade needs a device there', () => {
    expect(planStudent({ status: 'enrolled', schoolId: 'A', grade: '3' }, none, config)).toEqual({ openReturnTasks: [], cancelReturnTasks: [], dequeue: false, needsDeviceAt: 'A' });
  });

  it('a grade or school that is not 1:1 needs nothing', () => {
    expect(planStudent({ status: 'enrolled', schoolId: 'A', grade: 'K' }, none, config).needsDeviceAt).toBeNull();
    expect(planStudent({ status: 'enrolled', schoolId: 'C', grade: '3' }, none, config).needsDeviceAt).toBeNull();
  });

  it('is idempotent: holding a device, or waiting, at the school needs nothing more', () => {
    const after = { status: 'enrolled' as const, schoolId: 'A', grade: '3' };
    expect(planStudent(after, { assignments: [holding('A')], queuedAt: null }, config)).toEqual({ openReturnTasks: [], cancelReturnTasks: [], dequeue: false, needsDeviceAt: null });
    expect(planStudent(after, { assignments: [], queuedAt: 'A' }, config)).toEqual({ openReturnTasks: [], cancelReturnTasks: [], dequeue: false, needsDeviceAt: null });
  });

  it('a withdrawal opens a return task for each device and leaves the queue', () => {
    expect(planStudent({ status: 'withdrawn', schoolId: null, grade: '3' }, { assignments: [holding('A')], queuedAt: 'B' }, config)).toEqual({
      openReturnTasks: [{ assignmentId: 'asg-A', reason: 'withdrawn' }], cancelReturnTasks: [], dequeue: true, needsDeviceAt: null,
    });
  });

  it('a return task already open is not opened twice', () => {
    expect(planStudent({ status: 'withdrawn', schoolId: null, grade: '3' }, { assignments: [holding('A', 'rt1')], queuedAt: null }, config).openReturnTasks).toEqual([]);
  });

  it('a transfer returns the old school’s device and needs one at the new school', () => {
    expect(planStudent({ status: 'enrolled', schoolId: 'B', grade: '4' }, { assignments: [holding('A')], queuedAt: null }, config)).toEqual({
      openReturnTasks: [{ assignmentId: 'asg-A', reason: 'transferred' }], cancelReturnTasks: [], dequeue: false, needsDeviceAt: 'B',
    });
  });

  it('a transfer out of the school where the student waits leaves that queue', () => {
    expect(planStudent({ status: 'enrolled', schoolId: 'B', grade: '4' }, { assignments: [], queuedAt: 'A' }, config)).toMatchObject({ dequeue: true, needsDeviceAt: 'B' });
  });

  it('coming back before returning the device cancels the return task', () => {
    expect(planStudent({ status: 'enrolled', schoolId: 'A', grade: '3' }, { assignments: [holding('A', 'rt1')], queuedAt: null }, config)).toEqual({
      openReturnTasks: [], cancelReturnTasks: ['rt1'], dequeue: false, needsDeviceAt: null,
    });
  });

  it('moving to a grade that is not 1:1 leaves the queue but keeps the device', () => {
    expect(planStudent({ status: 'enrolled', schoolId: 'A', grade: '6' }, { assignments: [], queuedAt: 'A' }, config)).toMatchObject({ dequeue: true, needsDeviceAt: null });
    expect(planStudent({ status: 'enrolled', schoolId: 'A', grade: '6' }, { assignments: [holding('A')], queuedAt: null }, config).openReturnTasks).toEqual([]);
  });
});

describe('serving the queue', () => {
  it('gives each school’s stock to its own waiting students in queue order', () => {
    const queue = [{ studentId: 's1', schoolId: 'A' }, { studentId: 's2', schoolId: 'B' }, { studentId: 's3', schoolId: 'A' }, { studentId: 's4', schoolId: 'A' }];
    const stock = [{ deviceId: 'd1', schoolId: 'A' }, { deviceId: 'd2', schoolId: 'A' }, { deviceId: 'd3', schoolId: 'C' }];
    expect(pairQueue(queue, stock).map((p) => [p.student.studentId, p.device.deviceId])).toEqual([['s1', 'd1'], ['s3', 'd2']]);
  });
});

describe('1:1 grade lists', () => {
  it('names unknown and repeated grades', () => {
    expect(gradeListProblems(['3', '3', '13'], ['3', '4'])).toEqual(['3 is listed twice', '13 is not a grade']);
    expect(gradeListProblems(['3', '4'], ['3', '4'])).toEqual([]);
  });
});
