// Deadlines and weekly report days computed from the county's official working-day calendar, as
// activities (the calendar itself is kept in domain/calendar.ts).
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../prisma/client';
import { calendarVersion } from '../domain/calendar';
import { notifyOrganisations } from '../domain/notices';
import {
  WEEKDAYS,
  beijingDay,
  weeklyDueAt as weeklyDueOn,
  workingDeadline as workingDeadlineOn,
  yearOf,
  type CountedDeadline,
  type Deadline as BaseDeadline,
  type OfficialCalendar,
  type OfficialDay,
  type Weekday,
} from '../domain/calendar-rules';

export type { Weekday };

/** A due date as counted, with the version of the county's calendar it was counted on (domain/calendar.ts). */
export interface Deadline extends BaseDeadline {
  calendarVersion: number;
}

export interface WorkingDeadlineInput {
  countyId: string;
  fromIso: string;
  workingDays: number;
}

export interface WeeklyDueInput {
  countyId: string;
  fromIso: string;
  weekday: Weekday;
}

/** The county's loaded years from `fromYear` to `toYear`, with their official days. */
async function calendarOf(db: Db, countyId: string, fromYear: number, toYear: number): Promise<OfficialCalendar> {
  const where = { countyId, year: { gte: fromYear, lte: toYear } };
  const [years, days] = await Promise.all([db.calendarYear.findMany({ where, select: { year: true } }), db.calendarDay.findMany({ where })]);
  return {
    countyId,
    coveredYears: new Set(years.map((y) => y.year)),
    days: new Map(days.map((d) => [d.date, { date: d.date, kind: d.kind as OfficialDay['kind'], name: d.name }])),
  };
}

/** Bad input to a calendar activity will not get better on a retry. */
function checked<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof RangeError) throw ApplicationFailure.nonRetryable(error.message, 'INVALID_INPUT');
    throw error;
  }
}

function startDay(input: { countyId: string; fromIso: string }): string {
  if (typeof input.countyId !== 'string' || !input.countyId) throw ApplicationFailure.nonRetryable('A county is required', 'INVALID_INPUT');
  return checked(() => beijingDay(input.fromIso));
}

/** The workflow an activity runs for, when it runs as one. */
function callingWorkflow(): string | undefined {
  try {
    return Context.current().info.workflowExecution?.workflowId;
  } catch {
    return undefined;
  }
}

/**
 * A deadline counted with plain weekdays is never silent: the county's operators (who hold their
 * role at the county) get a notice, once per process and missing years, saying what to load.
 */
async function answered(db: Db, countyId: string, { at, plainWeekdays }: CountedDeadline): Promise<Deadline> {
  const version = await calendarVersion(db, countyId);
  if (!plainWeekdays) return { at, calendarVersion: version };
  const county = await db.organisation.findUnique({ where: { id: countyId }, select: { kind: true } });
  if (county?.kind === 'COUNTY') {
    await notifyOrganisations(db, {
      workflowId: callingWorkflow() ?? `calendar-${countyId}`,
      orgIds: [countyId],
      kind: `CALENDAR_NOT_LOADED@${plainWeekdays.missingYears.join(',')}`,
      message: `${plainWeekdays.reason} Load it: POST /counties/${countyId}/calendar/years/${plainWeekdays.missingYears[0]}.`,
    });
  }
  return { at, calendarVersion: version, plainWeekdays: { reason: plainWeekdays.reason } };
}

/** Fewer working days than this in a year never happen: a window this wide holds any deadline. */
const FEWEST_WORKING_DAYS_A_YEAR = 200;

/**
 * Activity: the end (24:00 Beijing) of the `workingDays`-th working day after `fromIso` by the
 * county's calendar. Days of a year the county has not loaded count as plain weekdays, and the
 * answer says so in `plainWeekdays.reason`.
 */
export async function workingDeadline(db: Db, input: WorkingDeadlineInput): Promise<Deadline> {
  const fromYear = yearOf(startDay(input));
  if (!Number.isInteger(input.workingDays) || input.workingDays < 0)
    throw ApplicationFailure.nonRetryable(`Working days must be a whole number ≥ 0, not ${input.workingDays}`, 'INVALID_INPUT');
  let toYear = fromYear + 1 + Math.ceil(input.workingDays / FEWEST_WORKING_DAYS_A_YEAR);
  for (;;) {
    const calendar = await calendarOf(db, input.countyId, fromYear, toYear);
    const deadline = checked(() => workingDeadlineOn(calendar, input.fromIso, input.workingDays));
    // A deadline past the window would have counted its last year as not loaded: widen and count again.
    const lastDay = beijingDay(new Date(Date.parse(deadline.at) - 1).toISOString());
    if (yearOf(lastDay) <= toYear) return answered(db, input.countyId, deadline);
    toYear += 2;
  }
}

/**
 * Activity: the end of the report day (`weekday`) of the first week whose report day ends after
 * `fromIso`; a report day that is a holiday moves to the last working day before it.
 */
export async function weeklyDueAt(db: Db, input: WeeklyDueInput): Promise<Deadline> {
  if (!WEEKDAYS.includes(input.weekday)) throw ApplicationFailure.nonRetryable(`Not a weekday: ${String(input.weekday)}`, 'INVALID_INPUT');
  const fromYear = yearOf(startDay(input));
  const calendar = await calendarOf(db, input.countyId, fromYear - 1, fromYear + 1);
  return answered(
    db,
    input.countyId,
    checked(() => weeklyDueOn(calendar, input.fromIso, input.weekday)),
  );
}
