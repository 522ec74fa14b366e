import { haversineMiles } from '@district/contracts';
import { mulberry32 } from '@district/seed-data';
import { minutesOfDay } from '../common/domain/dates';

/**
 * The demo district's fleet, runs and stops, planned from the projected schools and their yellow-bus eligible
 * students (pure and deterministic: the same schools and students give the same plan).
 */

export interface PlanSchool {
  id: string;
  code: string;
  latitude: number;
  longitude: number;
  /** yellow-bus eligible students, in a stable order */
  students: { id: string; latitude: number; longitude: number }[];
}

export interface PlannedVehicle {
  number: string;
  capacity: number;
  type: 'bus' | 'minibus';
  operator: 'district' | 'contractor';
  contractor: string | null;
  fuel: 'diesel' | 'propane' | 'electric';
  inServiceDate: string;
  status: 'active' | 'maintenance';
}

export interface PlannedStop {
  name: string;
  latitude: number;
  longitude: number;
  scheduledTime: string;
}

export interface PlannedRun {
  code: string;
  schoolId: string;
  session: 'AM' | 'PM';
  bellTime: string;
  scheduledArrival: string;
  /** index into the plan's vehicles */
  vehicle: number;
  stops: PlannedStop[];
}

/** DOMAIN.md: about one bus per 60 eligible riders (BPS: ~25,000 riders, ~650 buses) */
export const RIDERS_PER_BUS = 60;
/** a run's share of a school's riders (a bus makes 2-3 runs a morning, at schools with different bells) */
const RIDERS_PER_RUN = 40;
/** students within this distance of a stop share it */
const STOP_SPACING_MILES = 0.35;
const MAX_STOPS_PER_RUN = 24;
const BELL_TIERS = ['07:30', '08:30', '09:30'];
const DAY_LENGTH_MINUTES = 390;
const CONTRACTORS = ['Transdev', 'First Student'];
const STREETS = ['Maple', 'Oak', 'Elm', 'Cedar', 'Pine', 'Birch', 'Willow', 'Summit', 'Harbor', 'Meadow', 'Orchard', 'Garden'];

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(Math.round(minutes % 60)).padStart(2, '0')}`;

export function planDemoFleet(schools: readonly PlanSchool[], seed = 2026): { vehicles: PlannedVehicle[]; runs: PlannedRun[] } {
  const random = mulberry32(seed);
  const eligible = schools.reduce((n, s) => n + s.students.length, 0);
  const inService = Math.max(1, Math.ceil(eligible / RIDERS_PER_BUS));
  const spares = Math.ceil(inService * 0.1);
  const vehicles: PlannedVehicle[] = [];
  for (let i = 0; i < inService + spares; i++) {
    const contractor = random() < 0.8;
    const small = random() < 0.1;
    const fuelDraw = random();
    const year = 2010 + Math.floor(random() * 16);
    const month = 1 + Math.floor(random() * 12);
    vehicles.push({
      number: `B-${String(1001 + i)}`,
      capacity: small ? 29 : 71,
      type: small ? 'minibus' : 'bus',
      operator: contractor ? 'contractor' : 'district',
      contractor: contractor ? CONTRACTORS[Math.floor(random() * CONTRACTORS.length)] : null,
      fuel: fuelDraw < 0.75 ? 'diesel' : fuelDraw < 0.9 ? 'propane' : 'electric',
      inServiceDate: `${year}-${String(month).padStart(2, '0')}-01`,
      status: i < inService ? 'active' : 'maintenance',
    });
  }
  // big buses first for the runs, so a run rarely has more riders than seats
  const order = vehicles.map((v, i) => ({ v, i })).filter(({ v }) => v.status === 'active').sort((a, b) => b.v.capacity - a.v.capacity || a.i - b.i).map(({ i }) => i);

  const amRuns: (PlannedRun & { tier: number; pm: PlannedStop[]; pmBell: string; pmArrival: string })[] = [];
  for (const school of [...schools].sort((a, b) => (a.code < b.code ? -1 : 1))) {
    if (!school.students.length) continue;
    const tier = Math.floor(random() * BELL_TIERS.length);
    const bell = minutesOfDay(BELL_TIERS[tier]);
    const runs = Math.max(1, Math.ceil(school.students.length / RIDERS_PER_RUN));
    // sectors by bearing from the school, so a run's stops lie in one direction
    const around = school.students
      .map((s) => ({ ...s, angle: Math.atan2(s.latitude - school.latitude, s.longitude - school.longitude), miles: haversineMiles(s.latitude, s.longitude, school.latitude, school.longitude) }))
      .sort((a, b) => a.angle - b.angle);
    const size = Math.ceil(around.length / runs);
    for (let k = 0; k < runs; k++) {
      const sector = around.slice(k * size, (k + 1) * size).sort((a, b) => b.miles - a.miles);
      const stops: { latitude: number; longitude: number; miles: number }[] = [];
      for (const s of sector) {
        if (stops.length >= MAX_STOPS_PER_RUN) break;
        if (stops.some((t) => haversineMiles(t.latitude, t.longitude, s.latitude, s.longitude) <= STOP_SPACING_MILES)) continue;
        // a corner near the student's home (never the home itself)
        const lat = s.latitude + (random() - 0.5) * 0.002;
        const lon = s.longitude + (random() - 0.5) * 0.002;
        stops.push({ latitude: lat, longitude: lon, miles: haversineMiles(lat, lon, school.latitude, school.longitude) });
      }
      stops.sort((a, b) => b.miles - a.miles); // AM: farthest first
      const arrival = bell - 15;
      let t = arrival - 8 - Math.round(stops[stops.length - 1].miles * 3);
      const amTimes: number[] = [];
      for (let i = stops.length - 1; i >= 0; i--) {
        amTimes[i] = t;
        t -= 3 + Math.round(random() * 2);
      }
      const name = () => `${STREETS[Math.floor(random() * STREETS.length)]} St & ${STREETS[Math.floor(random() * STREETS.length)]} Ave`;
      const names = stops.map(name);
      const am = stops.map((s, i) => ({ name: names[i], latitude: s.latitude, longitude: s.longitude, scheduledTime: hhmm(amTimes[i]) }));
      const pmBell = bell + DAY_LENGTH_MINUTES;
      let p = pmBell + 12 + Math.round(stops[stops.length - 1].miles * 3);
      const pm: PlannedStop[] = [];
      for (let i = stops.length - 1; i >= 0; i--) {
        pm.push({ name: names[i], latitude: stops[i].latitude, longitude: stops[i].longitude, scheduledTime: hhmm(p) });
        p += 3 + Math.round(random() * 2);
      }
      amRuns.push({
        code: `${school.code}-AM-${k + 1}`, schoolId: school.id, session: 'AM', bellTime: hhmm(bell), scheduledArrival: hhmm(arrival), vehicle: -1, stops: am,
        tier, pm, pmBell: hhmm(pmBell), pmArrival: pm[pm.length - 1].scheduledTime,
      });
    }
  }
  // runs of one bell tier go to different buses where there are enough; each bus then serves the other tiers
  amRuns.sort((a, b) => a.tier - b.tier || (a.code < b.code ? -1 : 1));
  const runs: PlannedRun[] = [];
  amRuns.forEach(({ tier: _t, pm, pmBell, pmArrival, ...am }, i) => {
    const vehicle = order[i % order.length];
    runs.push({ ...am, vehicle });
    runs.push({ code: am.code.replace('-AM-', '-PM-'), schoolId: am.schoolId, session: 'PM', bellTime: pmBell, scheduledArrival: pmArrival, vehicle, stops: pm });
  });
  return { vehicles, runs };
}
