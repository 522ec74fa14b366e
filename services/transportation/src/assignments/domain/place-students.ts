import { haversineMiles, RunSession } from '@district/contracts';

export interface PlacementStudent {
  id: string;
  latitude: number;
  longitude: number;
  /** the sessions the student still needs a stop for */
  sessions: readonly RunSession[];
}

export interface PlacementRun {
  id: string;
  session: RunSession;
  /** seats on the run's vehicle */
  capacity: number;
  /** students already assigned to the run */
  assigned: number;
  stops: readonly { id: string; latitude: number; longitude: number }[];
}

export interface Placement {
  studentId: string;
  session: RunSession;
  runId: string;
  stopId: string;
  distanceMiles: number;
}

/**
 * `no-run`: no active run of that session serves the school; `no-stop-within-walk-limit`: every stop is
 * farther than the walk limit; `runs-full`: stops are near enough but their runs have no seat left.
 */
export type UnplacedReason = 'no-run' | 'no-stop-within-walk-limit' | 'runs-full';

export interface Unplaced {
  studentId: string;
  session: RunSession;
  reason: UnplacedReason;
}

const MILES_PER_DEGREE_LATITUDE = 69.0;

/**
 * Assigns students of one school to stops (DOMAIN.md section 2): each student, for each session they need,
 * to the nearest stop of a run of that session within `walkLimitMiles` of home, never past a run's seats.
 * Where seats are short, the students closest to a stop get it first and the others fall back to their next
 * nearest stop: all (student, stop) pairs within the limit are taken in order of distance. Deterministic:
 * ties break on student id then stop id.
 */
export function placeStudents(
  students: readonly PlacementStudent[],
  runs: readonly PlacementRun[],
  walkLimitMiles: number,
): { placements: Placement[]; unplaced: Unplaced[] } {
  const placements: Placement[] = [];
  const unplaced: Unplaced[] = [];
  for (const session of ['AM', 'PM'] as const) {
    const wanting = students.filter((s) => s.sessions.includes(session));
    if (!wanting.length) continue;
    const sessionRuns = runs.filter((r) => r.session === session);
    if (!sessionRuns.length) {
      for (const s of wanting) unplaced.push({ studentId: s.id, session, reason: 'no-run' });
      continue;
    }
    const seatsLeft = new Map(sessionRuns.map((r) => [r.id, Math.max(0, r.capacity - r.assigned)]));
    const stops = sessionRuns.flatMap((r) => r.stops.map((stop) => ({ ...stop, runId: r.id })));
    const pairs: { student: PlacementStudent; stop: (typeof stops)[number]; d: number }[] = [];
    const nearSome = new Set<string>();
    for (const student of wanting) {
      // cheap box test before the haversine
      const dLat = walkLimitMiles / MILES_PER_DEGREE_LATITUDE;
      const dLon = dLat / Math.max(0.01, Math.cos((student.latitude * Math.PI) / 180));
      for (const stop of stops) {
        if (Math.abs(stop.latitude - student.latitude) > dLat * 1.01 || Math.abs(stop.longitude - student.longitude) > dLon * 1.01) continue;
        const d = haversineMiles(student.latitude, student.longitude, stop.latitude, stop.longitude);
        if (d <= walkLimitMiles) {
          pairs.push({ student, stop, d });
          nearSome.add(student.id);
        }
      }
    }
    pairs.sort((a, b) => a.d - b.d || cmp(a.student.id, b.student.id) || cmp(a.stop.id, b.stop.id));
    const placed = new Set<string>();
    for (const { student, stop, d } of pairs) {
      if (placed.has(student.id)) continue;
      const left = seatsLeft.get(stop.runId)!;
      if (left <= 0) continue;
      seatsLeft.set(stop.runId, left - 1);
      placed.add(student.id);
      placements.push({ studentId: student.id, session, runId: stop.runId, stopId: stop.id, distanceMiles: Math.round(d * 1000) / 1000 });
    }
    for (const s of wanting) {
      if (placed.has(s.id)) continue;
      unplaced.push({ studentId: s.id, session, reason: nearSome.has(s.id) ? 'runs-full' : 'no-stop-within-walk-limit' });
    }
  }
  return { placements, unplaced };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
