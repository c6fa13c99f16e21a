// Per-instance periods and bounds of a start request: for tests and demos only. Malformed ones are a 400
// in every mode; against the pinned rules (production, lengthening, under one second) a 422.
import { z } from 'zod';
import '../openapi'; // zod's .openapi()
import { overrideRefusals, PERIOD_NAMES, type PeriodOverrides } from '../../workflows/rules/checks';
import { WEEKDAYS, type PeriodName, type PinnedRules } from '../../workflows/rules/definitions';
import { Problem } from '../problem';

const period = z.union([
  z.object({ workingDays: z.number().int().min(1).max(60) }).strict(),
  z
    .object({
      duration: z
        .string()
        .regex(/^\d{1,9}[smhd]$/, 'a whole number of seconds, minutes, hours or days: 30s, 15m, 2h, 1d')
        .openapi({ description: 'At least one second, and never longer than the rule it shortens (else 422)' }),
    })
    .strict(),
  z.object({ weeklyOn: z.enum(WEEKDAYS) }).strict(),
]);

export const periodOverridesSchema = z
  .object(Object.fromEntries(PERIOD_NAMES.map((k) => [k, period.optional()])) as Record<PeriodName, z.ZodOptional<typeof period>>)
  .strict()
  .openapi('PeriodOverrides', {
    description: 'Tests and demos only (refused in production): shortens a county rule for this process, down to one second; never lengthens it.',
  });

/** Rework rounds for this process: tests and demos only, never more than the county's rule. */
export const maxReworkRoundsSchema = z
  .number()
  .int()
  .min(1)
  .max(10)
  .openapi({ description: "Tests and demos only (refused in production): fewer rework rounds than the county's rule" });

const production = () => process.env.NODE_ENV === 'production';

/** Refuses, with a 422 naming each, per-instance periods and bounds the pinned rules do not allow. */
export function checkOverrides(rules: PinnedRules, request: { periods?: PeriodOverrides; maxReworkRounds?: number }): void {
  const refusals = overrideRefusals(rules.values, request, production());
  if (refusals.length) throw new Problem(422, 'RULE_BROKEN', refusals.join(' '));
}
