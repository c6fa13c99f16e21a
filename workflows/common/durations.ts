import type { Duration } from '@temporalio/common';

/**
 * A period a step is given: working days of the official calendar (the rule in force), or a fixed
 * duration (a local rule, or a short one for tests). Every process instance may override its own.
 */
export type Period = { workingDays: number } | { duration: Duration } | { weeklyOn: 'FRIDAY' };

/** Default periods, per county rules (PROCESSES.md); one place for every process. */
export const DEFAULT_PERIODS = {
  admissionConsultation: { workingDays: 5 },
  dispatchReview: { workingDays: 2 },
  minimumLeadTime: { workingDays: 3 },
  deadlineReminder: { duration: '1 day' },
  progressReport: { weeklyOn: 'FRIDAY' },
} satisfies Record<string, Period>;

export type PeriodName = keyof typeof DEFAULT_PERIODS;

export type PeriodOverrides = Partial<Record<PeriodName, Period>>;

export function periodFor(name: PeriodName, overrides: PeriodOverrides | undefined): Period {
  return overrides?.[name] ?? DEFAULT_PERIODS[name];
}

export function describePeriod(period: Period): string {
  if ('workingDays' in period) return `${period.workingDays} working days`;
  if ('weeklyOn' in period) return `every ${period.weeklyOn}`;
  return String(period.duration);
}

/** Official days are days in Beijing (UTC+8). */
export const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/** The end (24:00 Beijing time) of the next Friday after `fromIso` (the same day if it is Friday before its end). */
export function endOfNextFriday(fromIso: string): string {
  const beijing = new Date(Date.parse(fromIso) + BEIJING_OFFSET_MS);
  const daysToFriday = (5 - beijing.getUTCDay() + 7) % 7;
  const midnight = Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate() + daysToFriday + 1);
  return new Date(midnight - BEIJING_OFFSET_MS).toISOString();
}
