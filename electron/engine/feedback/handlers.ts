import { StationError } from '../../../shared/api/errors';
import type { feedbackCalls } from '../../../shared/api/rooms/feedback';
import { addDays, dateToDay, localDate, VN_OFFSET_MS } from '../../../shared/domain/deadline';
import type { RoomHandlers } from '../context';
import type { Feedback } from './service';

const DAY_MS = 86_400_000;

/** [from, to] local dates as UTC instants [start, end); refused when not real dates or reversed. */
export function periodInstants(from: string, to: string): { start: string; end: string } {
  let start: number;
  let end: number;
  try {
    start = dateToDay(from) - VN_OFFSET_MS;
    end = dateToDay(to) + DAY_MS - VN_OFFSET_MS;
  } catch {
    throw new StationError('report_period_invalid', { from, to });
  }
  if (end <= start) throw new StationError('report_period_invalid', { from, to });
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

export function feedbackHandlers(
  feedback: Feedback,
  now: () => number = () => Date.now(),
): RoomHandlers<keyof typeof feedbackCalls> {
  return {
    'feedback.list': (p) => {
      const today = localDate(now());
      const to = p.to ?? today;
      const from = p.from ?? addDays(to, -29);
      const { start, end } = periodInstants(from, to);
      return feedback.between(start, end, p.level);
    },
  };
}
