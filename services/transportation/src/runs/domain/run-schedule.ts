import type { RunSession } from '@district/contracts';
import { minutesOfDay } from '../../common/domain/dates';

export interface RunSchedule {
  session: RunSession;
  /** the school's bell: start of day for AM, dismissal for PM (HH:MM) */
  bellTime: string;
  /** AM: arrival at school; PM: arrival at the last stop (HH:MM) */
  scheduledArrival: string;
  /** in riding order */
  stops: readonly { scheduledTime: string }[];
}

export interface FieldError {
  field: string;
  message: string;
}

/**
 * What makes a run's timetable coherent (DOMAIN.md section 2): an AM run reaches school before the bell,
 * its stops come before that arrival; a PM run leaves after dismissal, its stops after the bell and no later
 * than its last arrival; stops are in time order.
 */
export function scheduleProblems(s: RunSchedule): FieldError[] {
  const errors: FieldError[] = [];
  const bell = minutesOfDay(s.bellTime);
  const arrival = minutesOfDay(s.scheduledArrival);
  if (s.session === 'AM' && arrival > bell) errors.push({ field: 'scheduledArrival', message: 'an AM run is scheduled to arrive at school no later than the bell' });
  if (s.session === 'PM' && arrival <= bell) errors.push({ field: 'scheduledArrival', message: 'a PM run arrives at its last stop after the dismissal bell' });
  let previous = -1;
  s.stops.forEach((stop, i) => {
    const t = minutesOfDay(stop.scheduledTime);
    const field = `stops.${i}.scheduledTime`;
    if (t < previous) errors.push({ field, message: 'stops are listed in riding order: each is scheduled no earlier than the one before' });
    if (s.session === 'AM' && t >= arrival) errors.push({ field, message: 'an AM stop is served before the run arrives at school' });
    if (s.session === 'PM' && (t <= bell || t > arrival)) errors.push({ field, message: 'a PM stop is served after the dismissal bell and no later than the run’s last arrival' });
    previous = Math.max(previous, t);
  });
  return errors;
}
