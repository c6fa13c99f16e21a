// The weekly report (周五条目式汇报) is due at 24:00 Beijing of the next Friday, to the instant.
import { endOfWeekday } from '../../workflows/common/durations';

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
    expect(endOfWeekday(from, 'FRIDAY')).toBe(fridayEnd);
  });

  test('the last instant of a Friday is still that Friday; the first of Saturday is the next one', () => {
    expect(endOfWeekday('2026-11-26T16:00:00.000Z', 'FRIDAY')).toBe(fridayEnd); // Friday 00:00 Beijing
    expect(endOfWeekday('2026-11-27T15:59:59.999Z', 'FRIDAY')).toBe(fridayEnd); // Friday 23:59:59.999 Beijing
    expect(endOfWeekday('2026-11-27T16:00:00.000Z', 'FRIDAY')).toBe('2026-12-04T16:00:00.000Z'); // Saturday 00:00 Beijing
  });

  test('across a month and a year', () => {
    expect(endOfWeekday('2026-12-30T02:00:00Z', 'FRIDAY')).toBe('2027-01-01T16:00:00.000Z');
  });
});
