import { z } from 'zod';
import { msToNumber } from '@temporalio/common/lib/time';
import { DEFAULT_PERIODS, type PeriodName, type PeriodOverrides } from '../../workflows/common/durations';
import { Problem } from '../problem';

const MAX_PERIOD_MS = 366 * 86_400_000;

const period = z.union([
  z.object({ workingDays: z.number().int().min(1).max(60) }),
  z.object({ duration: z.string().regex(/^\d{1,9}(ms|s|m|h|d)$/, 'a duration such as 30s, 15m or 2d').openapi({ description: 'Longer than nothing and at most 366 days (else 422)' }) }),
  z.object({ weeklyOn: z.literal('FRIDAY') }),
]);

/** Per-instance periods: every process may shorten or lengthen its own (local rules, tests). */
export const periodOverridesSchema = z
  .object(Object.fromEntries(Object.keys(DEFAULT_PERIODS).map((k) => [k, period.optional()])) as Record<PeriodName, z.ZodOptional<typeof period>>)
  .strict()
  .openapi('PeriodOverrides');

/** A well-formed duration out of bounds breaks a rule (422): a period lasts something, and at most 366 days. */
export function refuseUnboundedPeriods(periods: PeriodOverrides | undefined): void {
  for (const [name, p] of Object.entries(periods ?? {})) {
    if (!p || !('duration' in p)) continue;
    const ms = msToNumber(p.duration as `${number}d`);
    if (!(ms > 0 && ms <= MAX_PERIOD_MS)) throw new Problem(422, 'RULE_BROKEN', `periods.${name}: ${String(p.duration)} is not a period between 1 ms and 366 days.`);
  }
}
