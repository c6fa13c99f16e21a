import { z } from 'zod';
import { DEFAULT_PERIODS, type PeriodName } from '../../workflows/common/durations';

const period = z.union([
  z.object({ workingDays: z.number().int().min(1).max(60) }),
  z.object({ duration: z.string().regex(/^\d+(ms|s|m|h|d)$/, 'a duration such as 30s, 15m or 2d') }),
  z.object({ weeklyOn: z.literal('FRIDAY') }),
]);

/** Per-instance periods: every process may shorten or lengthen its own (local rules, tests). */
export const periodOverridesSchema = z
  .object(Object.fromEntries(Object.keys(DEFAULT_PERIODS).map((k) => [k, period.optional()])) as Record<PeriodName, z.ZodOptional<typeof period>>)
  .strict()
  .openapi('PeriodOverrides');
