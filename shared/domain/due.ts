/**
 * How close a dossier is to its appointment, as the clerk's and the supervisor's backlogs
 * colour it: red once the appointment has passed, orange while it is at most `soonHours`
 * working hours away (the unit's office hours and holidays), nothing before. Pure: the
 * renderer, the CLI and the engine use it.
 */
import { parseInstant, type WorkCalendar, workingMinutesBetween } from './deadline';

export type DueState = 'overdue' | 'due_soon' | 'on_time';

/** The state of an appointment at `at` (both instants, ISO or ms). */
export function dueState(
  cal: WorkCalendar,
  appointmentAt: string,
  at: number | string,
  soonHours: number,
): DueState {
  const due = parseInstant(appointmentAt);
  const now = typeof at === 'number' ? at : parseInstant(at);
  if (now > due) return 'overdue';
  return workingMinutesBetween(cal, now, due) <= soonHours * 60 ? 'due_soon' : 'on_time';
}

/** Whether a dossier resolved (or, unresolved, looked at) at `at` kept its appointment. */
export const isLate = (appointmentAt: string, at: number | string): boolean =>
  (typeof at === 'number' ? at : parseInstant(at)) > parseInstant(appointmentAt);
