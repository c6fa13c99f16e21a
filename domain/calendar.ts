// The county's official working-day calendar, kept in the database: a year loaded or amended by an
// operator, and how long it still covers.
import type { Db } from '../prisma/client';
import type { CalendarDueDate, ProcessView } from '../workflows/common/view';
import { beijingDay, coverage, holidayRanges, officialYear, type HolidayRange, type MakeUpWorkday, type OfficialDay, type YearProblem } from './calendar-rules';

export interface CalendarKeeper {
  personId: string;
  role: string;
}

export interface CalendarYearInput {
  source: string;
  reason: string;
  holidays: HolidayRange[];
  makeUpWorkdays: MakeUpWorkday[];
  /** Replace a year already loaded (a corrected notice); without it, a different load of a loaded year is a conflict. */
  amend?: boolean;
}

export class CalendarRuleError extends Error {
  constructor(
    readonly code: 'CONFLICT' | 'INVALID_CALENDAR',
    message: string,
    readonly problems: YearProblem[] = [],
  ) {
    super(message);
  }
}

type YearRow = { countyId: string; year: number; source: string; loadedAt: Date; loadedBy: string; days: OfficialDay[] };

function yearView(row: YearRow) {
  return {
    countyId: row.countyId,
    year: row.year,
    source: row.source,
    loadedAt: row.loadedAt.toISOString(),
    loadedBy: row.loadedBy,
    holidays: holidayRanges(row.days),
    makeUpWorkdays: row.days
      .filter((d) => d.kind === 'MAKE_UP_WORKDAY')
      .sort((a, b) => a.date.localeCompare(b.date))
      .map(({ date, name }) => ({ date, name })),
  };
}

export type CalendarYearView = ReturnType<typeof yearView>;

const sameDays = (a: OfficialDay[], b: OfficialDay[]) => {
  const key = (days: OfficialDay[]) => JSON.stringify(days.map(({ date, kind, name }) => [date, kind, name]).sort());
  return key(a) === key(b);
};

export async function calendarYear(db: Db, countyId: string, year: number): Promise<CalendarYearView | undefined> {
  const row = await db.calendarYear.findUnique({ where: { countyId_year: { countyId, year } }, include: { days: true } });
  return row ? yearView({ ...row, days: row.days.map((d) => ({ date: d.date, kind: d.kind as OfficialDay['kind'], name: d.name })) }) : undefined;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === 'P2002';

/**
 * Loads a year's holidays and make-up working days for a county, checked against the rules; the
 * same load repeated changes nothing (`changed: false`), a different one needs `amend`.
 * Every load is recorded in CalendarChange with who, when, the source and why.
 */
/**
 * The version of a county's calendar: its latest change (a load or an amendment of any year), 0 before
 * any. A due date records the version it was counted on, so a later change can find and move it.
 */
export async function calendarVersion(db: Pick<Db, 'calendarChange'>, countyId: string): Promise<number> {
  const latest = await db.calendarChange.findFirst({ where: { countyId }, orderBy: { id: 'desc' }, select: { id: true } });
  return latest?.id ?? 0;
}

export async function loadCalendarYear(
  db: Db,
  countyId: string,
  year: number,
  input: CalendarYearInput,
  by: CalendarKeeper,
): Promise<{ changed: boolean; year: CalendarYearView; version: number }> {
  const result = officialYear(year, input.holidays, input.makeUpWorkdays);
  if ('problems' in result) {
    throw new CalendarRuleError(
      'INVALID_CALENDAR',
      `The calendar of ${year} breaks ${result.problems.length} rule(s): ${result.problems.map((p) => p.detail).join(' ')}`,
      result.problems,
    );
  }
  const attempt = () =>
    db.$transaction(async (tx) => {
      const existing = await tx.calendarYear.findUnique({ where: { countyId_year: { countyId, year } }, include: { days: true } });
      const existingDays = existing?.days.map((d) => ({ date: d.date, kind: d.kind as OfficialDay['kind'], name: d.name }));
      if (existing && existingDays && sameDays(existingDays, result.days)) {
        return { changed: false, year: yearView({ ...existing, days: existingDays }), version: await calendarVersion(tx, countyId) };
      }
      if (existing && !input.amend) {
        throw new CalendarRuleError(
          'CONFLICT',
          `The calendar of ${year} is already loaded for ${countyId} (${existing.source}, by ${existing.loadedBy} at ${existing.loadedAt.toISOString()}) with other days. To correct it, send the whole year again with "amend": true and a reason.`,
        );
      }
      const loadedAt = new Date();
      const row = { source: input.source, loadedAt, loadedBy: by.personId };
      if (existing) {
        await tx.calendarDay.deleteMany({ where: { countyId, year } });
        await tx.calendarYear.update({ where: { countyId_year: { countyId, year } }, data: row });
      } else {
        await tx.calendarYear.create({ data: { countyId, year, ...row } });
      }
      await tx.calendarDay.createMany({ data: result.days.map((d) => ({ countyId, year, ...d })) });
      const change = await tx.calendarChange.create({
        data: {
          at: loadedAt,
          countyId,
          year,
          action: existing ? 'AMENDED' : 'LOADED',
          personId: by.personId,
          role: by.role,
          source: input.source,
          reason: input.reason,
          holidays: result.days.filter((d) => d.kind === 'HOLIDAY').length,
          makeUpWorkdays: result.days.filter((d) => d.kind === 'MAKE_UP_WORKDAY').length,
        },
      });
      return { changed: true, year: yearView({ countyId, year, ...row, days: result.days }), version: change.id };
    });
  // Two loads of a new year at once: the second finds the first's row on its retry.
  return attempt().catch((error: unknown) => {
    if (isUniqueViolation(error)) return attempt();
    throw error;
  });
}

/** The years a county has loaded, and until when its calendar covers (as of `now`). */
export async function calendarSummary(db: Db, countyId: string, now: Date) {
  const years = await db.calendarYear.findMany({ where: { countyId }, orderBy: { year: 'asc' } });
  const counts = await db.calendarDay.groupBy({ by: ['year', 'kind'], where: { countyId }, _count: { _all: true } });
  const count = (year: number, kind: OfficialDay['kind']) => counts.find((c) => c.year === year && c.kind === kind)?._count._all ?? 0;
  return {
    countyId,
    ...coverage(
      years.map((y) => y.year),
      beijingDay(now.toISOString()),
    ),
    years: years.map((y) => ({
      year: y.year,
      source: y.source,
      loadedAt: y.loadedAt.toISOString(),
      loadedBy: y.loadedBy,
      holidays: count(y.year, 'HOLIDAY'),
      makeUpWorkdays: count(y.year, 'MAKE_UP_WORKDAY'),
    })),
  };
}

/**
 * The calendar's part of /healthz: every county, the last day its calendar covers, and whether it is
 * degraded (from 60 days before that day, or already past it). Takes `now` so the window is testable.
 */
export async function calendarHealth(db: Db, now: Date) {
  const today = beijingDay(now.toISOString());
  const [counties, loaded] = await Promise.all([
    db.organisation.findMany({ where: { kind: 'COUNTY' }, select: { id: true } }),
    db.calendarYear.findMany({ select: { countyId: true, year: true } }),
  ]);
  const ids = [...new Set([...counties.map((c) => c.id), ...loaded.map((y) => y.countyId)])].sort();
  const report = ids.map((countyId) => ({
    countyId,
    ...coverage(
      loaded.filter((y) => y.countyId === countyId).map((y) => y.year),
      today,
    ),
  }));
  return { status: report.some((c) => c.degraded) ? ('degraded' as const) : ('ok' as const), counties: report };
}

/** A running process's due dates pending on the calendar (the read model's copy of its view). */
export interface ProcessDueDates {
  workflowId: string;
  processType: string;
  title: string;
  dueDates: CalendarDueDate[];
}

/**
 * The county's running processes with a due date still pending on its calendar, and those due dates:
 * what a change of the calendar may move. `olderThan` keeps the due dates counted on an older version only.
 */
export async function pendingCalendarDueDates(db: Db, countyId: string, options: { olderThan?: number; now?: Date } = {}): Promise<ProcessDueDates[]> {
  const now = (options.now ?? new Date()).getTime();
  const rows = await db.processRecord.findMany({
    where: { countyId, status: 'RUNNING' },
    select: { workflowId: true, processType: true, title: true, state: true },
    orderBy: { workflowId: 'asc' },
  });
  const older = (d: CalendarDueDate) => options.olderThan === undefined || d.calendarVersion < options.olderThan;
  return rows.flatMap(({ state, ...row }) => {
    const dueDates = ((JSON.parse(state) as ProcessView).calendarDueDates ?? []).filter((d) => Date.parse(d.at) > now && older(d));
    return dueDates.length ? [{ ...row, dueDates }] : [];
  });
}
