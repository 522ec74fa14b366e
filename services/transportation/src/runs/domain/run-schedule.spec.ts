import { scheduleProblems } from './run-schedule';

describe('run timetable', () => {
  it('accepts an AM run that reaches school before the bell with its stops earlier', () => {
    expect(scheduleProblems({ session: 'AM', bellTime: '08:00', scheduledArrival: '07:45', stops: [{ scheduledTime: '07:10' }, { scheduledTime: '07:25' }] })).toEqual([]);
  });
  it('refuses an AM arrival after the bell and stops after the arrival or out of order', () => {
    expect(scheduleProblems({ session: 'AM', bellTime: '08:00', scheduledArrival: '08:05', stops: [] }).map((e) => e.field)).toEqual(['scheduledArrival']);
    const errors = scheduleProblems({ session: 'AM', bellTime: '08:00', scheduledArrival: '07:45', stops: [{ scheduledTime: '07:30' }, { scheduledTime: '07:20' }, { scheduledTime: '07:50' }] });
    expect(errors.map((e) => e.field)).toEqual(['stops.1.scheduledTime', 'stops.2.scheduledTime']);
  });
  it('wants PM stops after dismissal and no later than the last arrival', () => {
    expect(scheduleProblems({ session: 'PM', bellTime: '14:30', scheduledArrival: '15:20', stops: [{ scheduledTime: '14:50' }, { scheduledTime: '15:20' }] })).toEqual([]);
    expect(scheduleProblems({ session: 'PM', bellTime: '14:30', scheduledArrival: '14:20', stops: [{ scheduledTime: '14:10' }] }).map((e) => e.field)).toEqual(['scheduledArrival', 'stops.0.scheduledTime']);
  });
});
