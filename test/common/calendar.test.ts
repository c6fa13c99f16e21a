import { endOfWorkingDaysAfter } from '../../activities/calendar';
import { endOfNextFriday } from '../../workflows/common/durations';

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

test('the weekly report is due at the end of the next Friday, Beijing time', () => {
  // Wednesday 2026-11-18 10:00 Beijing → Friday 20 November, 24:00 Beijing.
  expect(endOfNextFriday('2026-11-18T02:00:00Z')).toBe('2026-11-20T16:00:00.000Z');
  // Friday evening in Beijing still counts for that Friday; Saturday morning rolls to the next one.
  expect(endOfNextFriday('2026-11-20T12:00:00Z')).toBe('2026-11-20T16:00:00.000Z');
  expect(endOfNextFriday('2026-11-20T17:00:00Z')).toBe('2026-11-27T16:00:00.000Z');
});
