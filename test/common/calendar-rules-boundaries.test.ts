// The calendar's pure rules at their edges: the longest search, the longest holiday, order, coverage gaps.
import {
  addDays,
  coverage,
  holidayRanges,
  officialYear,
  weeklyDueAt,
  workingDeadline,
  type OfficialCalendar,
  type OfficialDay,
} from '../../domain/calendar-rules';

/** A calendar covering `years`, with the given official days. */
function calendar(years: number[], days: OfficialDay[]): OfficialCalendar {
  return { countyId: 'c', coveredYears: new Set(years), days: new Map(days.map((d) => [d.date, d])) };
}
const holiday = (date: string, name = 'h'): OfficialDay => ({ date, kind: 'HOLIDAY', name });
const makeUp = (date: string, name = 'm'): OfficialDay => ({ date, kind: 'MAKE_UP_WORKDAY', name });
/** `count` consecutive holidays from `first`. */
const holidaysFrom = (first: string, count: number) => Array.from({ length: count }, (_, i) => holiday(addDays(first, i)));
const YEARS = Array.from({ length: 30 }, (_, i) => 2020 + i);

describe('searching for a working day', () => {
  test('a working day 3660 days away is still found; none within 3660 days means the calendar is broken', () => {
    // From Beijing day 2026-01-01, days 1..3659 are holidays: day 3660 is the first working day (a make-up day).
    const found = calendar(YEARS, [...holidaysFrom('2026-01-02', 3659), makeUp(addDays('2026-01-01', 3660))]);
    expect(workingDeadline(found, '2026-01-01T02:00:00Z', 1).at).toBe(`${addDays('2026-01-01', 3660)}T16:00:00.000Z`);
    const broken = calendar(YEARS, holidaysFrom('2026-01-02', 3700));
    expect(() => workingDeadline(broken, '2026-01-01T02:00:00Z', 1)).toThrow(RangeError);
    expect(() => workingDeadline(broken, '2026-01-02T02:00:00Z', 0)).toThrow(RangeError);
  });

  test('a report day with no working day before it for ten years: broken', () => {
    const broken = calendar(YEARS, holidaysFrom('2020-01-01', 3700));
    expect(() => weeklyDueAt(broken, '2029-06-04T02:00:00Z', 'FRIDAY')).toThrow(RangeError);
  });

  test('a holiday Friday moves back, even when the Saturday after it is a make-up working day', () => {
    // Friday 5 March 2027 off, Saturday 6 March worked: the report is due on Thursday 4 March.
    const cal = calendar([2027], [holiday('2027-03-05'), makeUp('2027-03-06')]);
    expect(weeklyDueAt(cal, '2027-03-01T02:00:00Z', 'FRIDAY')).toEqual({ at: '2027-03-04T16:00:00.000Z' });
  });

  test('days of several years not loaded: each named, in order', () => {
    const counted = workingDeadline(calendar([2026], []), '2026-12-30T02:00:00Z', 300);
    expect(counted.plainWeekdays?.missingYears).toEqual([2027, 2028]);
    expect(counted.plainWeekdays?.reason).toContain('2027, 2028');
  });
});

describe("a year's holidays", () => {
  const codes = (checked: ReturnType<typeof officialYear>) => ('problems' in checked ? checked.problems.map((p) => p.code) : []);

  test('the longest holiday: 31 days is accepted, 32 is too long', () => {
    expect(codes(officialYear(2027, [{ name: 'x', from: '2027-01-01', to: '2027-01-31' }], []))).toEqual([]);
    expect(codes(officialYear(2027, [{ name: 'x', from: '2027-01-01', to: '2027-02-01' }], []))).toEqual(['RANGE_TOO_LONG']);
  });

  test('a range with an end outside the year is refused for that alone', () => {
    expect(codes(officialYear(2027, [{ name: 'x', from: '2027-12-31', to: '2026-12-01' }], []))).toEqual(['OUTSIDE_YEAR']);
  });

  test('anything that is not a date is refused as such', () => {
    expect(codes(officialYear(2027, [{ name: 'x', from: 'soon' }], []))).toEqual(['NOT_A_DATE']);
    expect(codes(officialYear(2027, [{ name: 'x', from: '2027-1-5' }], []))).toEqual(['NOT_A_DATE']);
  });

  test('days come out in date order whatever order the notice lists them', () => {
    const checked = officialYear(
      2027,
      [
        { name: 'b', from: '2027-10-01' },
        { name: 'a', from: '2027-01-01' },
      ],
      [{ date: '2027-09-26', name: 'b' }],
    );
    expect('days' in checked && checked.days.map((d) => d.date)).toEqual(['2027-01-01', '2027-09-26', '2027-10-01']);
  });

  test('ranges: consecutive days of one name; a new name or a gap starts another; any input order', () => {
    const days = [
      holiday('2027-10-08', '国庆节'),
      holiday('2027-10-06', '中秋节'),
      holiday('2027-10-07', '国庆节'),
      holiday('2027-10-10', '国庆节'),
      makeUp('2027-10-09'),
    ];
    expect(holidayRanges(days)).toEqual([
      { name: '中秋节', from: '2027-10-06', to: '2027-10-06' },
      { name: '国庆节', from: '2027-10-07', to: '2027-10-08' },
      { name: '国庆节', from: '2027-10-10', to: '2027-10-10' },
    ]);
  });
});

describe('coverage', () => {
  test('today in a gap: the last covered year before today, not a later one', () => {
    expect(coverage([2025, 2028], '2026-06-01')).toEqual({ lastCoveredDay: '2025-12-31', degradedFrom: '2025-11-01', degraded: true });
    expect(coverage([2028], '2026-06-01')).toEqual({ lastCoveredDay: null, degradedFrom: null, degraded: true });
  });
});
