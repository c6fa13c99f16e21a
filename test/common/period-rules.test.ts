// Periods are rules: the county's defaults, and what a process pins for itself.
import { DEFAULT_PERIODS, describePeriod, periodFor, type Period } from '../../workflows/common/durations';

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
