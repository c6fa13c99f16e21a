import { z } from 'zod';
import { msToNumber } from '@temporalio/common/lib/time';
import { DEFAULT_PERIODS, type PeriodName } from '../../workflows/common/durations';

const MAX_PERIOD_MS = 366 * 86_400_000;

const period = z.union([
  z.object({ workingDays: z.number().int().min(1).max(60) }),
  z.object({
    duration: z
      .string()
      .regex(/^\d{1,9}(ms|s|m|h|d)$/, 'a duration such as 30s, 15m or 2d')
      .refine((d) => msToNumber(d as `${number}d`) <= MAX_PERIOD_MS, 'at most 366 days'),
  }),
  z.object({ weeklyOn: z.literal('FRIDAY') }),
]);

/** Per-instance periods: every process may shorten or lengthen its own (local rules, tests). */
export const periodOverridesSchema = z
  .object(Object.fromEntries(Object.keys(DEFAULT_PERIODS).map((k) => [k, period.optional()])) as Record<PeriodName, z.ZodOptional<typeof period>>)
  .strict()
  .openapi('PeriodOverrides');
