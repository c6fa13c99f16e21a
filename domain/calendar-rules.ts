// The official working-day calendar as pure rules: Beijing days, deadlines counted in working days,
// weekly report days that move off holidays, what makes a year's calendar valid, and when the
// calendar is about to run out. No database, no clock: callers pass the calendar and the instants.

/** A day in Beijing (UTC+8), as YYYY-MM-DD. */
export type Day = string;

export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type OfficialDayKind = 'HOLIDAY' | 'MAKE_UP_WORKDAY';
export interface OfficialDay {
  date: Day;
  kind: OfficialDayKind;
  name: string;
}

/** What a county's calendar holds: the years it covers, and their holidays and make-up working days. */
export interface OfficialCalendar {
  countyId: string;
  coveredYears: ReadonlySet<number>;
  days: ReadonlyMap<Day, OfficialDay>;
}

/** An instant a deadline falls on; `plainWeekdays` says why it was counted without the official calendar. */
export interface Deadline {
  at: string;
  plainWeekdays?: { reason: string };
}

/** A deadline as counted, with the years it had to count as plain weekdays. */
export interface CountedDeadline extends Deadline {
  plainWeekdays?: { reason: string; missingYears: number[] };
}

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
/** No official calendar keeps a village waiting this long for a working day: past it, the calendar is broken. */
const LONGEST_SEARCH_DAYS = 3660;

export function beijingDay(instantIso: string): Day {
  const ms = Date.parse(instantIso);
  if (Number.isNaN(ms)) throw new RangeError(`Not an instant: ${instantIso}`);
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(day: Day, days: number): Day {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(day: Day): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

export const isWeekend = (day: Day) => dayOfWeek(day) === 0 || dayOfWeek(day) === 6;
export const yearOf = (day: Day) => Number(day.slice(0, 4));

/** 24:00 Beijing time of `day`, as an ISO instant. */
export function endOfDay(day: Day): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS - BEIJING_OFFSET_MS).toISOString();
}

export function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && addDays(value, 0) === value;
}

/** Reads days off the calendar, noting every uncovered year it had to count with plain weekdays. */
class DayReader {
  private readonly missing = new Set<number>();

  constructor(private readonly calendar: OfficialCalendar) {}

  private covered(day: Day): boolean {
    if (this.calendar.coveredYears.has(yearOf(day))) return true;
    this.missing.add(yearOf(day));
    return false;
  }

  isWorkingDay(day: Day): boolean {
    if (!this.covered(day)) return !isWeekend(day);
    const official = this.calendar.days.get(day);
    return official ? official.kind === 'MAKE_UP_WORKDAY' : !isWeekend(day);
  }

  isHoliday(day: Day): boolean {
    return this.covered(day) && this.calendar.days.get(day)?.kind === 'HOLIDAY';
  }

  deadline(day: Day): CountedDeadline {
    if (!this.missing.size) return { at: endOfDay(day) };
    const missingYears = [...this.missing].sort((a, b) => a - b);
    const years = missingYears.join(', ');
    const reason =
      `The official calendar of ${years} is not loaded for county ${this.calendar.countyId}: ` +
      `days in ${years} were counted as plain weekdays (Monday to Friday), without holidays or make-up working days.`;
    return { at: endOfDay(day), plainWeekdays: { reason, missingYears } };
  }
}

function step(day: Day, by: 1 | -1, steps: { n: number }): Day {
  if (++steps.n > LONGEST_SEARCH_DAYS) throw new RangeError(`No working day within ${LONGEST_SEARCH_DAYS} days of ${day}: the calendar is broken.`);
  return addDays(day, by);
}

/**
 * The end (24:00 Beijing) of the `workingDays`-th working day after the Beijing day of `fromIso`
 * (0: that day if it is a working day, else the next one). Holidays are skipped, make-up days count.
 */
export function workingDeadline(calendar: OfficialCalendar, fromIso: string, workingDays: number): CountedDeadline {
  if (!Number.isInteger(workingDays) || workingDays < 0) throw new RangeError(`Working days must be a whole number ≥ 0, not ${workingDays}`);
  const reader = new DayReader(calendar);
  const steps = { n: 0 };
  let day = beijingDay(fromIso);
  if (workingDays === 0) {
    while (!reader.isWorkingDay(day)) day = step(day, 1, steps);
    return reader.deadline(day);
  }
  for (let left = workingDays; left > 0;) {
    day = step(day, 1, steps);
    if (reader.isWorkingDay(day)) left--;
  }
  return reader.deadline(day);
}

/**
 * The end of the report day of the first week whose report day ends after `fromIso`. A report day
 * that is a holiday moves to the last working day before it (make-up weekend days count); a moved
 * day already past gives way to the next week's.
 */
export function weeklyDueAt(calendar: OfficialCalendar, fromIso: string, weekday: Weekday): CountedDeadline {
  const reader = new DayReader(calendar);
  const steps = { n: 0 };
  const from = beijingDay(fromIso);
  const target = (WEEKDAYS.indexOf(weekday) + 1) % 7;
  for (let reportDay = addDays(from, (target - dayOfWeek(from) + 7) % 7); ; reportDay = addDays(reportDay, 7)) {
    let due = reportDay;
    if (reader.isHoliday(reportDay)) {
      due = step(due, -1, steps);
      while (!reader.isWorkingDay(due)) due = step(due, -1, steps);
    }
    if (due >= from) return reader.deadline(due);
    steps.n += 7;
  }
}

// ——— A year's official calendar, as the State Council publishes it ———

export interface HolidayRange {
  name: string;
  from: Day;
  /** The last day off, inclusive; a one-day holiday may leave it out. */
  to?: Day;
}

export interface MakeUpWorkday {
  date: Day;
  name: string;
}

export interface YearProblem {
  code:
    | 'NOT_A_DATE'
    | 'OUTSIDE_YEAR'
    | 'RANGE_REVERSED'
    | 'RANGE_TOO_LONG'
    | 'DUPLICATE_HOLIDAY'
    | 'DUPLICATE_MAKE_UP_DAY'
    | 'HOLIDAY_AND_MAKE_UP_DAY'
    | 'MAKE_UP_DAY_NOT_WEEKEND'
    | 'NO_HOLIDAYS';
  detail: string;
}

/** Longer than any official holiday (the longest, Spring Festival 2020, ran ten days). */
export const LONGEST_HOLIDAY_DAYS = 31;

/** The days of a year's calendar, each checked, or every problem found (never just the first). */
export function officialYear(year: number, holidays: HolidayRange[], makeUpWorkdays: MakeUpWorkday[]): { days: OfficialDay[] } | { problems: YearProblem[] } {
  const problems: YearProblem[] = [];
  const holidayDays = new Map<Day, string>();
  const inYear = (day: Day, what: string) => {
    if (!isCalendarDate(day)) problems.push({ code: 'NOT_A_DATE', detail: `${what}: ${day} is not a date.` });
    else if (yearOf(day) !== year) problems.push({ code: 'OUTSIDE_YEAR', detail: `${what}: ${day} is not in ${year}.` });
    else return true;
    return false;
  };

  if (!holidays.length) problems.push({ code: 'NO_HOLIDAYS', detail: `A year's calendar names its public holidays; none were given for ${year}.` });
  for (const range of holidays) {
    const to = range.to ?? range.from;
    const what = `Holiday ${range.name} (${range.from}${range.to ? ` to ${range.to}` : ''})`;
    if (![inYear(range.from, what), range.to === undefined || inYear(range.to, what)].every(Boolean)) continue;
    if (to < range.from) {
      problems.push({ code: 'RANGE_REVERSED', detail: `${what} ends before it starts.` });
      continue;
    }
    if (Date.parse(to) - Date.parse(range.from) >= LONGEST_HOLIDAY_DAYS * DAY_MS) {
      problems.push({ code: 'RANGE_TOO_LONG', detail: `${what} is longer than ${LONGEST_HOLIDAY_DAYS} days.` });
      continue;
    }
    for (let day = range.from; day <= to; day = addDays(day, 1)) {
      const earlier = holidayDays.get(day);
      if (earlier !== undefined) problems.push({ code: 'DUPLICATE_HOLIDAY', detail: `${day} is named twice as a holiday (${earlier}, ${range.name}).` });
      else holidayDays.set(day, range.name);
    }
  }

  const makeUpDays = new Map<Day, string>();
  for (const { date, name } of makeUpWorkdays) {
    const what = `Make-up working day ${name} (${date})`;
    if (!inYear(date, what)) continue;
    if (makeUpDays.has(date)) problems.push({ code: 'DUPLICATE_MAKE_UP_DAY', detail: `${date} is named twice as a make-up working day.` });
    else if (holidayDays.has(date))
      problems.push({ code: 'HOLIDAY_AND_MAKE_UP_DAY', detail: `${date} is both a holiday (${holidayDays.get(date)}) and a make-up working day.` });
    else if (!isWeekend(date))
      problems.push({ code: 'MAKE_UP_DAY_NOT_WEEKEND', detail: `${what} is a weekday: only a Saturday or Sunday can be made a working day.` });
    else makeUpDays.set(date, name);
  }

  if (problems.length) return { problems };
  const days: OfficialDay[] = [
    ...[...holidayDays].map(([date, name]) => ({ date, kind: 'HOLIDAY' as const, name })),
    ...[...makeUpDays].map(([date, name]) => ({ date, kind: 'MAKE_UP_WORKDAY' as const, name })),
  ];
  return { days: days.sort((a, b) => a.date.localeCompare(b.date)) };
}

/** Holidays as the notice states them: runs of consecutive days with the same name. */
export function holidayRanges(days: OfficialDay[]): Required<HolidayRange>[] {
  const ranges: Required<HolidayRange>[] = [];
  for (const d of days.filter((x) => x.kind === 'HOLIDAY').sort((a, b) => a.date.localeCompare(b.date))) {
    const last = ranges[ranges.length - 1];
    if (last && last.name === d.name && addDays(last.to, 1) === d.date) last.to = d.date;
    else ranges.push({ name: d.name, from: d.date, to: d.date });
  }
  return ranges;
}

// ——— Running out ———

/** The calendar is reported degraded from this many days before its last covered day. */
export const CALENDAR_WARNING_DAYS = 60;

export interface Coverage {
  /** The last day of the covered run that holds today (or of the last covered year before it); null when no year is covered. */
  lastCoveredDay: Day | null;
  degradedFrom: Day | null;
  degraded: boolean;
}

export function coverage(coveredYears: Iterable<number>, today: Day): Coverage {
  const years = new Set(coveredYears);
  let last = yearOf(today);
  if (years.has(last)) while (years.has(last + 1)) last++;
  else last = Math.max(-Infinity, ...[...years].filter((y) => y < yearOf(today)));
  if (!Number.isFinite(last)) return { lastCoveredDay: null, degradedFrom: null, degraded: true };
  const lastCoveredDay = `${last}-12-31`;
  const degradedFrom = addDays(lastCoveredDay, -CALENDAR_WARNING_DAYS);
  return { lastCoveredDay, degradedFrom, degraded: today >= degradedFrom };
}
