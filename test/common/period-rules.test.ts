// Periods are rules: the county's defaults, the weekly Friday and working days, each to the exact instant it ends.
import { endOfWorkingDaysAfter } from '../../activities/calendar';
import { DEFAULT_PERIODS, describePeriod, endOfNextFriday, periodFor, type Period } from '../../workflows/common/durations';

test('the county defaults (PROCESSES.md)', () => {
  expect(DEFAULT_PERIODS).toEqual({
    admissionConsultation: { workingDays: 5 },
    dispatchReview: { workingDays: 2 },
    minimumLeadTime: { workingDays: 3 },
    deadlineReminder: { duration: '1 day' },
    progressReport: { weeklyOn: 'FRIDAY' },
  });
});

test('a process pins its own period for a name, else the default', () => {
  const short: Period = { duration: '2 seconds' };
  expect(periodFor('dispatchReview', undefined)).toEqual({ workingDays: 2 });
  expect(periodFor('dispatchReview', {})).toEqual({ workingDays: 2 });
  expect(periodFor('dispatchReview', { dispatchReview: short })).toBe(short);
  expect(periodFor('admissionConsultation', { dispatchReview: short })).toEqual({ workingDays: 5 });
});

test('each kind of period reads as what it is', () => {
  expect(describePeriod({ workingDays: 5 })).toBe('5 working days');
  expect(describePeriod({ weeklyOn: 'FRIDAY' })).toBe('every FRIDAY');
  expect(describePeriod({ duration: '1 day' })).toBe('1 day');
});

describe('the weekly report is due at the end (24:00 Beijing) of the next Friday', () => {
  // 2026-11-27 is a Friday; 24:00 Beijing that day is 2026-11-27T16:00Z.
  const fridayEnd = '2026-11-27T16:00:00.000Z';
  test.each([
    ['Saturday', '2026-11-21T02:00:00Z'],
    ['Sunday', '2026-11-22T02:00:00Z'],
    ['Monday', '2026-11-23T02:00:00Z'],
    ['Tuesday', '2026-11-24T02:00:00Z'],
    ['Wednesday', '2026-11-25T02:00:00Z'],
    ['Thursday', '2026-11-26T02:00:00Z'],
    ['Friday', '2026-11-27T02:00:00Z'],
  ])('from %s 10:00 Beijing', (_day, from) => {
    expect(endOfNextFriday(from)).toBe(fridayEnd);
  });

  test('the last instant of a Friday is still that Friday; the first of Saturday is the next one', () => {
    expect(endOfNextFriday('2026-11-26T16:00:00.000Z')).toBe(fridayEnd); // Friday 00:00 Beijing
    expect(endOfNextFriday('2026-11-27T15:59:59.999Z')).toBe(fridayEnd); // Friday 23:59:59.999 Beijing
    expect(endOfNextFriday('2026-11-27T16:00:00.000Z')).toBe('2026-12-04T16:00:00.000Z'); // Saturday 00:00 Beijing
  });

  test('across a month and a year', () => {
    expect(endOfNextFriday('2026-12-30T02:00:00Z')).toBe('2027-01-01T16:00:00.000Z');
  });
});

describe('a working-day period ends at 24:00 Beijing of its last working day', () => {
  test('counted from the Beijing day of the start, to its last instant', () => {
    // Friday 2026-03-06, 23:59:59.999 Beijing: one working day is Monday 9 March.
    expect(endOfWorkingDaysAfter('2026-03-06T15:59:59.999Z', 1)).toBe('2026-03-09T16:00:00.000Z');
    // Thursday 5 March, 23:59:59.999 Beijing: one working day is Friday 6 March.
    expect(endOfWorkingDaysAfter('2026-03-05T15:59:59.999Z', 1)).toBe('2026-03-06T16:00:00.000Z');
    expect(endOfWorkingDaysAfter('2026-03-05T16:00:00.000Z', 1)).toBe('2026-03-09T16:00:00.000Z');
  });

  test('a Beijing evening is still that Beijing day, on a server on Beijing time too (jest.rules.config.js)', () => {
    // Thursday 5 March, 20:00 Beijing: one working day is Friday 6 March.
    expect(endOfWorkingDaysAfter('2026-03-05T12:00:00Z', 1)).toBe('2026-03-06T16:00:00.000Z');
  });
});
