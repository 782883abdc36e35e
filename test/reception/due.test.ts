import { describe, expect, it } from 'vitest';
import { DEFAULT_SESSIONS, parseInstant } from '../../shared/domain/deadline';
import { backlogState, dueState, dueStates } from '../../shared/domain/due';

const cal = {
  sessions: DEFAULT_SESSIONS,
  holidays: [{ from: '2026-04-30', to: '2026-05-01', name: 'Giải phóng miền Nam, Quốc tế lao động' }],
};
const at = (s: string) => parseInstant(s);

describe('backlog colours: orange within N working hours, red once overdue', () => {
  it('counts working hours only: lunch, the weekend and holidays do not bring a dossier closer', () => {
    // Friday 16:00, due Monday 09:00: 1 h on Friday + 2 h on Monday = 3 working hours away.
    expect(dueState(cal, '2026-03-09T09:00', at('2026-03-06T16:00'), 3)).toBe('due_soon');
    expect(dueState(cal, '2026-03-09T09:00', at('2026-03-06T16:00'), 2.5)).toBe('on_time');
    // 11:00 to 14:00 the same day is one hour of work (11:30–13:30 is the lunch break).
    expect(dueState(cal, '2026-03-02T14:00', at('2026-03-02T11:00'), 1)).toBe('due_soon');
    expect(dueState(cal, '2026-03-02T14:00', at('2026-03-02T11:00'), 0.75)).toBe('on_time');
    // Over the 30/4–1/5 holidays: Wednesday 29/4 16:00 to Monday 4/5 08:00 is two working hours.
    expect(dueState(cal, '2026-05-04T08:00', at('2026-04-29T16:00'), 2)).toBe('due_soon');
    // A minute late is late.
    expect(dueState(cal, '2026-03-02T14:00', at('2026-03-02T14:01'), 8)).toBe('overdue');
  });

  it('colours only what still needs doing: not a draft, a dossier waiting for the citizen, one handed over or resolved in time', () => {
    const state = dueStates(cal, 8);
    const now = at('2026-03-03T10:00');
    const d = { status: 'received', appointmentAt: '2026-03-03T09:00:00+07:00' };
    expect(backlogState(d, now, state)).toBe('overdue');
    expect(backlogState({ ...d, appointmentAt: '2026-03-03T15:00' }, now, state)).toBe('due_soon');
    expect(backlogState({ ...d, appointmentAt: '2026-03-10T15:00' }, now, state)).toBeNull();
    expect(backlogState({ ...d, status: 'awaiting_completion' }, now, state)).toBeNull();
    expect(backlogState({ ...d, status: 'draft' }, now, state)).toBeNull();
    expect(backlogState({ ...d, handedOverAt: '2026-03-03T09:30:00+07:00' }, now, state)).toBeNull();
    expect(backlogState({ ...d, resolvedAt: '2026-03-03T01:00:00Z' }, now, state)).toBeNull(); // 08:00, in time
    expect(backlogState({ ...d, resolvedAt: '2026-03-03T02:30:00Z' }, now, state)).toBe('overdue'); // 09:30, late
  });
});
