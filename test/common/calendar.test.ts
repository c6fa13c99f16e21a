import { endOfWorkingDaysAfter, weeklyDueAt, workingDeadline } from '../../activities/calendar';
import type { Weekday } from '../../workflows/rules/definitions';

test('working days skip weekends', () => {
  // Friday 2026-03-06 10:00 Beijing: 2 working days later is Tuesday 2026-03-10, ending at 24:00 Beijing.
  expect(endOfWorkingDaysAfter('2026-03-06T02:00:00Z', 2)).toBe('2026-03-10T16:00:00.000Z');
});

test('working days skip the National Day holiday and count its make-up working day', () => {
  // Official 2026 calendar: 1–7 October off; Saturday 10 October is a make-up working day.
  expect(endOfWorkingDaysAfter('2026-09-30T02:00:00Z', 1)).toBe('2026-10-08T16:00:00.000Z');
  expect(endOfWorkingDaysAfter('2026-10-09T02:00:00Z', 1)).toBe('2026-10-10T16:00:00.000Z');
});

test('a period starting late in the Beijing day counts from that Beijing day', () => {
  // 2026-03-05T17:00Z is already Friday 6 March in Beijing.
  expect(endOfWorkingDaysAfter('2026-03-05T17:00:00Z', 1)).toBe('2026-03-09T16:00:00.000Z');
});

describe('workingDeadline (the calendar activity)', () => {
  test('inside the years the calendar holds: the official calendar, no fallback', async () => {
    expect(await workingDeadline({ countyId: 'xingcun', fromIso: '2026-09-30T02:00:00Z', workingDays: 1 })).toEqual({ at: '2026-10-08T16:00:00.000Z' });
  });

  test('a deadline in a year the calendar does not hold says it used plain weekdays, and why', async () => {
    // Friday 31 December 2026 + 2 working days: Monday 4 and Tuesday 5 January 2027 on plain weekdays (1 January not known as a holiday).
    const found = await workingDeadline({ countyId: 'xingcun', fromIso: '2026-12-31T02:00:00Z', workingDays: 2 });
    expect(found.at).toBe('2027-01-04T16:00:00.000Z');
    expect(found.plainWeekdays?.reason).toContain('2027');
  });
});

describe('weeklyDueAt (the calendar activity)', () => {
  const due = (fromIso: string, weekday: Weekday) => weeklyDueAt({ countyId: 'xingcun', fromIso, weekday });

  test('an ordinary Friday: its end, Beijing time', async () => {
    expect(await due('2026-11-18T02:00:00Z', 'FRIDAY')).toEqual({ at: '2026-11-20T16:00:00.000Z' });
    // From the very end of a report day, the next week's.
    expect(await due('2026-11-20T16:00:00.000Z', 'FRIDAY')).toEqual({ at: '2026-11-27T16:00:00.000Z' });
  });

  test('a Friday that is a holiday moves the report to the last working day before it', async () => {
    // 1–7 October 2026 are off: the report of the week of Friday 2 October is due at the end of Wednesday 30 September.
    expect(await due('2026-09-28T02:00:00Z', 'FRIDAY')).toEqual({ at: '2026-09-30T16:00:00.000Z' });
    // …but never before the moment it is asked from.
    expect(await due('2026-10-01T02:00:00Z', 'FRIDAY')).toEqual({ at: '2026-10-01T02:00:00.000Z' });
  });

  test('a make-up working Saturday counts; an ordinary Saturday moves to Friday', async () => {
    expect(await due('2026-10-08T02:00:00Z', 'SATURDAY')).toEqual({ at: '2026-10-10T16:00:00.000Z' });
    expect(await due('2026-10-12T02:00:00Z', 'SATURDAY')).toEqual({ at: '2026-10-16T16:00:00.000Z' });
  });

  test('a report week in a year the calendar does not hold is flagged', async () => {
    const found = await due('2027-03-01T02:00:00Z', 'FRIDAY');
    expect(found.at).toBe('2027-03-05T16:00:00.000Z');
    expect(found.plainWeekdays?.reason).toContain('2027');
  });
});
