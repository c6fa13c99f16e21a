// The calendar's pure rules: counting working days, weekly report days, a year's validation, coverage.
import {
  coverage,
  holidayRanges,
  officialYear,
  weeklyDueAt,
  workingDeadline,
  type HolidayRange,
  type MakeUpWorkday,
  type OfficialCalendar,
  type OfficialDay,
} from '../../domain/calendar-rules';
import { packageCalendarYears } from '../../prisma/seed/data/calendar';
import { TEST_2027 } from '../support/calendar-2027';
import { findWorkday } from 'chinese-days';

function calendarOf(years: { year: number; holidays: HolidayRange[]; makeUpWorkdays: MakeUpWorkday[] }[]): OfficialCalendar {
  const days = new Map<string, OfficialDay>();
  for (const y of years) {
    const checked = officialYear(y.year, y.holidays, y.makeUpWorkdays);
    if (!('days' in checked)) throw new Error(JSON.stringify(checked.problems));
    for (const d of checked.days) days.set(d.date, d);
  }
  return { countyId: 'test-county', coveredYears: new Set(years.map((y) => y.year)), days };
}

const packageYears = packageCalendarYears();
const through2026 = calendarOf(packageYears);
const through2027 = calendarOf([...packageYears, { year: 2027, ...TEST_2027 }]);

describe('working-day deadlines', () => {
  test('skip weekends and end at 24:00 Beijing of the last counted day', () => {
    // Friday 2026-03-06 10:00 Beijing: 2 working days later is Tuesday 10 March.
    expect(workingDeadline(through2026, '2026-03-06T02:00:00Z', 2)).toEqual({ at: '2026-03-10T16:00:00.000Z' });
    // 17:00Z is already Friday 6 March in Beijing.
    expect(workingDeadline(through2026, '2026-03-05T17:00:00Z', 1)).toEqual({ at: '2026-03-09T16:00:00.000Z' });
  });

  test('zero working days: the day itself when it is a working day, else the next one', () => {
    expect(workingDeadline(through2026, '2026-03-06T02:00:00Z', 0)).toEqual({ at: '2026-03-06T16:00:00.000Z' });
    expect(workingDeadline(through2026, '2026-10-03T02:00:00Z', 0)).toEqual({ at: '2026-10-08T16:00:00.000Z' });
  });

  test('skip the whole National Day week and count its make-up Saturday', () => {
    expect(workingDeadline(through2026, '2026-09-30T02:00:00Z', 1)).toEqual({ at: '2026-10-08T16:00:00.000Z' });
    expect(workingDeadline(through2026, '2026-10-01T02:00:00Z', 3)).toEqual({ at: '2026-10-10T16:00:00.000Z' });
    expect(workingDeadline(through2026, '2026-10-09T02:00:00Z', 1)).toEqual({ at: '2026-10-10T16:00:00.000Z' });
  });

  test('the same as chinese-days for every start in 2025–2026 the package covers', () => {
    for (let ms = Date.parse('2025-01-01T02:00:00Z'); ms < Date.parse('2026-11-30T02:00:00Z'); ms += 86_400_000) {
      const from = new Date(ms).toISOString();
      for (const n of [1, 2, 5]) {
        const expected = new Date(Date.parse(`${findWorkday(n, from.slice(0, 10))}T00:00:00+08:00`) + 86_400_000).toISOString();
        expect({ from, n, at: workingDeadline(through2026, from, n).at }).toEqual({ from, n, at: expected });
      }
    }
  });

  test('a 2027 date before 2027 is loaded: plain weekdays, and a reason naming the year', () => {
    // Wednesday 30 December 2026 + 3: Thursday 31 (official), then 1 January 2027 counted as a plain Friday.
    const plain = workingDeadline(through2026, '2026-12-30T02:00:00Z', 3);
    expect(plain.at).toBe('2027-01-04T16:00:00.000Z');
    expect(plain.plainWeekdays?.reason).toMatch(/calendar of 2027 is not loaded for county test-county.*plain weekdays/);
  });

  test('the same date once 2027 is loaded: its New Year holiday is skipped, no reason', () => {
    expect(workingDeadline(through2027, '2026-12-30T02:00:00Z', 3)).toEqual({ at: '2027-01-05T16:00:00.000Z' });
  });

  test('a deadline wholly inside covered years gives no reason even when later years are missing', () => {
    expect(workingDeadline(through2026, '2026-12-28T02:00:00Z', 2).plainWeekdays).toBeUndefined();
  });

  test('refuses a negative or fractional count', () => {
    expect(() => workingDeadline(through2026, '2026-03-06T02:00:00Z', -1)).toThrow(RangeError);
    expect(() => workingDeadline(through2026, '2026-03-06T02:00:00Z', 1.5)).toThrow(RangeError);
  });
});

describe('weekly report days', () => {
  test('an ordinary week: the end of Friday, the same Friday until its end', () => {
    expect(weeklyDueAt(through2026, '2026-11-18T02:00:00Z', 'FRIDAY')).toEqual({ at: '2026-11-20T16:00:00.000Z' });
    expect(weeklyDueAt(through2026, '2026-11-20T12:00:00Z', 'FRIDAY')).toEqual({ at: '2026-11-20T16:00:00.000Z' });
    expect(weeklyDueAt(through2026, '2026-11-20T16:00:00Z', 'FRIDAY')).toEqual({ at: '2026-11-27T16:00:00.000Z' });
    expect(weeklyDueAt(through2026, '2026-11-18T02:00:00Z', 'MONDAY')).toEqual({ at: '2026-11-23T16:00:00.000Z' });
  });

  test('a Friday holiday moves the report to the last working day before it', () => {
    // Friday 1 October 2027 is National Day: the report is due on Thursday 30 September.
    expect(weeklyDueAt(through2027, '2027-09-27T02:00:00Z', 'FRIDAY')).toEqual({ at: '2027-09-30T16:00:00.000Z' });
  });

  test('a make-up working Saturday is the last working day before a Friday holiday', () => {
    // Spring Festival 2026: 15–23 February off; Saturday 14 February is a make-up working day.
    expect(weeklyDueAt(through2026, '2026-02-14T01:00:00Z', 'FRIDAY')).toEqual({ at: '2026-02-14T16:00:00.000Z' });
  });

  test('a moved day already past gives way to the next week’s report day', () => {
    expect(weeklyDueAt(through2026, '2026-02-15T01:00:00Z', 'FRIDAY')).toEqual({ at: '2026-02-27T16:00:00.000Z' });
    // Once the moved Thursday has ended, the next report is the following Friday, not the holiday one.
    expect(weeklyDueAt(through2027, '2027-09-30T16:00:00Z', 'FRIDAY')).toEqual({ at: '2027-10-08T16:00:00.000Z' });
  });

  test('a whole holiday week: Friday and Monday both move back before it, or on to the week after', () => {
    // National Day 2026: Thursday 1 – Wednesday 7 October off.
    expect(weeklyDueAt(through2026, '2026-09-28T02:00:00Z', 'FRIDAY')).toEqual({ at: '2026-09-30T16:00:00.000Z' });
    expect(weeklyDueAt(through2026, '2026-10-01T02:00:00Z', 'FRIDAY')).toEqual({ at: '2026-10-09T16:00:00.000Z' });
    expect(weeklyDueAt(through2026, '2026-09-29T02:00:00Z', 'MONDAY')).toEqual({ at: '2026-09-30T16:00:00.000Z' });
    expect(weeklyDueAt(through2026, '2026-10-02T02:00:00Z', 'MONDAY')).toEqual({ at: '2026-10-12T16:00:00.000Z' });
  });

  test('a report day in a year not loaded is kept as it is, and says so', () => {
    const plain = weeklyDueAt(through2026, '2027-09-27T02:00:00Z', 'FRIDAY');
    expect(plain.at).toBe('2027-10-01T16:00:00.000Z');
    expect(plain.plainWeekdays?.reason).toMatch(/calendar of 2027 is not loaded/);
  });
});

describe("a year's calendar", () => {
  test('the package years are valid and cover 2004 through 2026 (chinese-days 1.5.7)', () => {
    expect(packageYears.map((y) => y.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    const y2026 = packageYears.find((y) => y.year === 2026)!;
    expect(y2026.holidays).toContainEqual({ name: '国庆节', from: '2026-10-01', to: '2026-10-07' });
    expect(y2026.makeUpWorkdays).toContainEqual({ date: '2026-10-10', name: '国庆节' });
  });

  test('accepts a complete year and lists its days', () => {
    const checked = officialYear(2027, TEST_2027.holidays, TEST_2027.makeUpWorkdays);
    expect('days' in checked && checked.days.filter((d) => d.kind === 'HOLIDAY')).toHaveLength(26);
    expect('days' in checked && holidayRanges(checked.days)).toEqual(TEST_2027.holidays.map((h) => ({ ...h, to: h.to ?? h.from })));
  });

  const problems = (holidays: HolidayRange[], makeUp: MakeUpWorkday[] = []) => {
    const checked = officialYear(2027, holidays, makeUp);
    return 'problems' in checked ? checked.problems.map((p) => p.code) : [];
  };

  test('refuses dates outside the year, impossible dates and reversed or endless ranges', () => {
    expect(problems([{ name: '元旦', from: '2026-12-31', to: '2027-01-01' }])).toEqual(['OUTSIDE_YEAR']);
    expect(problems([{ name: 'x', from: '2027-02-30' }])).toEqual(['NOT_A_DATE']);
    expect(problems([{ name: 'x', from: '2027-02-30', to: '2028-01-01' }])).toEqual(['NOT_A_DATE', 'OUTSIDE_YEAR']);
    expect(problems([{ name: 'x', from: '2027-05-05', to: '2027-05-01' }])).toEqual(['RANGE_REVERSED']);
    expect(problems([{ name: 'x', from: '2027-01-01', to: '2027-03-01' }])).toEqual(['RANGE_TOO_LONG']);
    expect(problems([{ name: 'x', from: '2027-10-01' }], [{ date: '2028-01-01', name: 'y' }])).toEqual(['OUTSIDE_YEAR']);
  });

  test('refuses a holiday named twice, a make-up day named twice, a day both off and worked, a weekday made up', () => {
    expect(
      problems([
        { name: '国庆节', from: '2027-10-01', to: '2027-10-07' },
        { name: '中秋节', from: '2027-10-07' },
      ]),
    ).toEqual(['DUPLICATE_HOLIDAY']);
    expect(
      problems(TEST_2027.holidays, [
        { date: '2027-10-09', name: 'a' },
        { date: '2027-10-09', name: 'b' },
      ]),
    ).toEqual(['DUPLICATE_MAKE_UP_DAY']);
    expect(problems(TEST_2027.holidays, [{ date: '2027-10-02', name: '国庆节' }])).toEqual(['HOLIDAY_AND_MAKE_UP_DAY']);
    expect(problems(TEST_2027.holidays, [{ date: '2027-10-08', name: '国庆节' }])).toEqual(['MAKE_UP_DAY_NOT_WEEKEND']);
    expect(problems([])).toEqual(['NO_HOLIDAYS']);
  });
});

describe('coverage', () => {
  const through = (last: number) => Array.from({ length: last - 2003 }, (_, i) => 2004 + i);

  test('is ok until 60 days before the last covered day, degraded from then on, naming the day it runs out', () => {
    expect(coverage(through(2026), '2026-10-31')).toEqual({ lastCoveredDay: '2026-12-31', degradedFrom: '2026-11-01', degraded: false });
    expect(coverage(through(2026), '2026-11-01')).toEqual({ lastCoveredDay: '2026-12-31', degradedFrom: '2026-11-01', degraded: true });
    expect(coverage(through(2026), '2027-01-05')).toMatchObject({ lastCoveredDay: '2026-12-31', degraded: true });
  });

  test('loading next year moves the day it runs out; a gap year ends the run', () => {
    expect(coverage([...through(2026), 2027], '2026-11-23')).toEqual({ lastCoveredDay: '2027-12-31', degradedFrom: '2027-11-01', degraded: false });
    expect(coverage([2026, 2028], '2026-06-01')).toMatchObject({ lastCoveredDay: '2026-12-31', degraded: false });
    expect(coverage([], '2026-06-01')).toEqual({ lastCoveredDay: null, degradedFrom: null, degraded: true });
  });
});
