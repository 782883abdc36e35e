/** Placeholder until the lunar computation lands. */
import type { Holiday } from './deadline';
export function prefillHolidays(years: number[]): Holiday[] {
  void years;
  return [];
}
