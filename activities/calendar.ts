// The official working-day calendar (holidays and make-up working days) as processes need it.
// These bodies read the `chinese-days` package; the county calendar in the database replaces them
// with the same signatures. A deadline reaching a year the calendar does not hold is computed on
// plain weekdays and says so (`plainWeekdays`), so the process can record it and tell operators.
import { findWorkday, isWorkday } from 'chinese-days';
import { BEIJING_OFFSET_MS } from '../workflows/common/durations';
import { WEEKDAYS, type Weekday } from '../workflows/rules/definitions';

/** The last year whose holidays the packaged calendar holds. */
const LAST_COVERED_YEAR = 2026;
const DAY_MS = 86_400_000;

export interface CalendarDeadline {
  at: string;
  plainWeekdays?: { reason: string };
}

function beijingDate(instant: Date): string {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

const endOfDay = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`) + DAY_MS).toISOString();

function coverage(lastDay: string): CalendarDeadline['plainWeekdays'] {
  const year = Number(lastDay.slice(0, 4));
  return year > LAST_COVERED_YEAR ? { reason: `The official calendar holds no holidays for ${year}: plain weekdays (Monday to Friday) were counted.` } : undefined;
}

/**
 * The end (24:00 Beijing time) of the `workingDays`-th working day after `fromIso`, following the
 * official calendar: public holidays are skipped and make-up working days count.
 */
export function endOfWorkingDaysAfter(fromIso: string, workingDays: number): string {
  return endOfDay(findWorkday(workingDays, beijingDate(new Date(fromIso))));
}

export async function workingDeadline(input: { countyId: string; fromIso: string; workingDays: number }): Promise<CalendarDeadline> {
  const day = findWorkday(input.workingDays, beijingDate(new Date(input.fromIso)));
  return { at: endOfDay(day), plainWeekdays: coverage(day) };
}

/**
 * The end of the report day of the first week whose report day ends after `fromIso`; when that day
 * is not a working day, the last working day before it (make-up working days count), never before `fromIso`.
 */
export async function weeklyDueAt(input: { countyId: string; fromIso: string; weekday: Weekday }): Promise<CalendarDeadline> {
  const from = Date.parse(input.fromIso);
  const beijing = new Date(from + BEIJING_OFFSET_MS);
  const target = (WEEKDAYS.indexOf(input.weekday) + 1) % 7;
  let reportDay = Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate() + ((target - beijing.getUTCDay() + 7) % 7));
  const dayOf = (utcMidnight: number) => new Date(utcMidnight).toISOString().slice(0, 10);
  if (Date.parse(endOfDay(dayOf(reportDay))) <= from) reportDay += 7 * DAY_MS;
  let day = reportDay;
  while (!isWorkday(dayOf(day)) && day - DAY_MS >= reportDay - 6 * DAY_MS) day -= DAY_MS;
  const at = Math.max(Date.parse(endOfDay(dayOf(isWorkday(dayOf(day)) ? day : reportDay))), from);
  return { at: new Date(at).toISOString(), plainWeekdays: coverage(dayOf(reportDay)) };
}
