import { placeStudents, PlacementRun, PlacementStudent } from './place-students';

const ORIGIN = { latitude: 42.3601, longitude: -71.0589 };
/** a point `miles` due north of the origin */
const north = (miles: number) => ({ latitude: ORIGIN.latitude + miles / 69.055, longitude: ORIGIN.longitude });
const student = (id: string, miles: number, sessions: ('AM' | 'PM')[] = ['AM']): PlacementStudent => ({ id, ...north(miles), sessions });
const run = (id: string, capacity: number, stops: [string, number][], over: Partial<PlacementRun> = {}): PlacementRun => ({
  id, session: 'AM', capacity, assigned: 0, stops: stops.map(([sid, miles]) => ({ id: sid, ...north(miles) })), ...over,
});

describe('stop assignment', () => {
  it('puts each student at the nearest stop within the walk limit', () => {
    const { placements, unplaced } = placeStudents([student('a', 1.0), student('b', 2.05)], [run('r1', 50, [['s1', 0.8], ['s2', 1.1], ['s3', 2.0]])], 0.5);
    expect(unplaced).toEqual([]);
    expect(placements).toEqual([
      expect.objectContaining({ studentId: 'b', stopId: 's3', runId: 'r1' }),
      expect.objectContaining({ studentId: 'a', stopId: 's2', runId: 'r1' }),
    ]);
    expect(placements.find((p) => p.studentId === 'a')!.distanceMiles).toBeCloseTo(0.1, 2);
  });

  it('never assigns a stop beyond the walk limit', () => {
    const { placements, unplaced } = placeStudents([student('a', 1.0)], [run('r1', 50, [['s1', 1.6]])], 0.5);
    expect(placements).toEqual([]);
    expect(unplaced).toEqual([{ studentId: 'a', session: 'AM', reason: 'no-stop-within-walk-limit' }]);
    // a wider configured limit reaches it
    expect(placeStudents([student('a', 1.0)], [run('r1', 50, [['s1', 1.6]])], 0.75).placements).toHaveLength(1);
  });

  it('never fills a run past its seats, counting students already assigned', () => {
    const students = ['a', 'b', 'c', 'd'].map((id, i) => student(id, 1 + i * 0.01));
    const { placements, unplaced } = placeStudents(students, [run('r1', 5, [['s1', 1.0]], { assigned: 3 })], 0.5);
    expect(placements.map((p) => p.studentId)).toEqual(['a', 'b']);
    expect(unplaced).toEqual([
      { studentId: 'c', session: 'AM', reason: 'runs-full' },
      { studentId: 'd', session: 'AM', reason: 'runs-full' },
    ]);
  });

  it('moves a student to the next nearest stop of another run when the nearest run is full', () => {
    const { placements } = placeStudents([student('a', 1.0), student('b', 1.05)], [run('full', 1, [['near', 1.0]]), run('other', 10, [['far', 1.3]])], 0.5);
    expect(placements).toEqual([
      expect.objectContaining({ studentId: 'a', runId: 'full', stopId: 'near' }),
      expect.objectContaining({ studentId: 'b', runId: 'other', stopId: 'far' }),
    ]);
  });

  it('places AM and PM separately and says when no run serves a session', () => {
    const { placements, unplaced } = placeStudents([student('a', 1.0, ['AM', 'PM'])], [run('am', 10, [['s', 1.0]])], 0.5);
    expect(placements).toEqual([expect.objectContaining({ studentId: 'a', session: 'AM' })]);
    expect(unplaced).toEqual([{ studentId: 'a', session: 'PM', reason: 'no-run' }]);
  });

  it('is deterministic whatever the input order', () => {
    const students = ['x', 'y', 'z'].map((id) => student(id, 1.0));
    const runs = [run('r1', 2, [['s1', 1.0]])];
    expect(placeStudents([...students].reverse(), runs, 0.5)).toEqual(placeStudents(students, runs, 0.5));
  });
});
