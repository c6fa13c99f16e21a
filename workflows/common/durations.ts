// Official days are days in Beijing (UTC+8): the end of a day is 24:00 Beijing time.
import { WEEKDAYS, type Weekday } from '../rules/definitions';

export type { Period, PeriodOverrides } from '../rules/checks';
export type { PeriodName } from '../rules/definitions';

export const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/** The Beijing day (YYYY-MM-DD) of an instant; a plain day stays itself. */
export const beijingDayOf = (iso: string): string => new Date(Date.parse(iso) + BEIJING_OFFSET_MS).toISOString().slice(0, 10);

/** The end (24:00 Beijing) of the first `weekday` that ends after `fromIso` (the same day while it lasts). */
export function endOfWeekday(fromIso: string, weekday: Weekday): string {
  const beijing = new Date(Date.parse(fromIso) + BEIJING_OFFSET_MS);
  const target = (WEEKDAYS.indexOf(weekday) + 1) % 7;
  const days = (target - beijing.getUTCDay() + 7) % 7;
  const midnight = Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate() + days + 1);
  return new Date(midnight - BEIJING_OFFSET_MS).toISOString();
}
