/**
 * How close a dossier is to its appointment, as the clerk's and the supervisor's backlogs
 * colour it: red once the appointment has passed, orange while it is at most `soonHours`
 * working hours away (the unit's office hours and holidays), nothing before. Pure: the
 * renderer, the CLI and the engine use it.
 */
import { parseInstant, type WorkCalendar, workingMinutesCounter } from './deadline';

export type DueState = 'overdue' | 'due_soon' | 'on_time';

/** The state of an appointment at `at` (both instants, ISO or ms). */
export function dueState(
  cal: WorkCalendar,
  appointmentAt: string,
  at: number | string,
  soonHours: number,
): DueState {
  return dueStates(cal, soonHours)(appointmentAt, at);
}

/** `dueState` with the calendar checked once, for a whole backlog. */
export function dueStates(
  cal: WorkCalendar,
  soonHours: number,
): (appointmentAt: string, at: number | string) => DueState {
  const minutes = workingMinutesCounter(cal);
  return (appointmentAt, at) => {
    const due = parseInstant(appointmentAt);
    const now = typeof at === 'number' ? at : parseInstant(at);
    if (now > due) return 'overdue';
    return minutes(now, due) <= soonHours * 60 ? 'due_soon' : 'on_time';
  };
}

/** Whether a dossier resolved (or, unresolved, looked at) at `at` kept its appointment. */
export const isLate = (appointmentAt: string, at: number | string): boolean =>
  (typeof at === 'number' ? at : parseInstant(at)) > parseInstant(appointmentAt);

/**
 * The colour a dossier takes in a backlog: none once handed over, or once its result came in
 * time; red once its result came late, or none came by its appointment; orange while it is due
 * within the warning window. Drafts and dossiers waiting for the citizen (clock stopped) take none.
 */
export function backlogState(
  d: {
    status: string;
    appointmentAt?: string | null;
    resolvedAt?: string | null;
    handedOverAt?: string | null;
  },
  now: number,
  state: (appointmentAt: string, at: number | string) => DueState,
): DueState | null {
  if (d.status !== 'received' || !d.appointmentAt || d.handedOverAt) return null;
  if (d.resolvedAt) return isLate(d.appointmentAt, d.resolvedAt) ? 'overdue' : null;
  const s = state(d.appointmentAt, now);
  return s === 'on_time' ? null : s;
}
