// Per-instance periods and bounds of a start request: for tests and demos only. Malformed ones are a
// 400 in every mode; a period no rule names, and any against the pinned rules (production, lengthening,
// under one second), a 422. Which periods exist is the rules' sections' to say (the registry's), at the start.
import { z } from 'zod';
import '../openapi'; // zod's .openapi()
import { overrideRefusals, periodNames, type PeriodOverrides } from '../../workflows/rules/checks';
import { WEEKDAYS, type PinnedRules, type RuleSectionMap } from '../../workflows/rules/definitions';
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

/** Period name → period; a name no rule gives (GET /rules/definitions: `period`) is a 422 at the start. */
export const periodOverridesSchema = z.record(z.string(), period).openapi('PeriodOverrides', {
  description:
    'Tests and demos only (refused in production): shortens a county rule for this process, down to one second; never lengthens it. Keys: the `period` of a rule (GET /rules/definitions); another key is a 422.',
}) as unknown as z.ZodType<PeriodOverrides>;

/** Rework rounds for this process: tests and demos only, never more than the county's rule. */
export const maxReworkRoundsSchema = z
  .number()
  .int()
  .min(1)
  .max(10)
  .openapi({ description: "Tests and demos only (refused in production): fewer rework rounds than the county's rule" });

const production = () => process.env.NODE_ENV === 'production';

/** Refuses, with a 422 naming each, periods no rule of `sections` names, then per-instance periods and bounds the pinned rules do not allow. */
export function checkOverrides(sections: RuleSectionMap, rules: PinnedRules, request: { periods?: PeriodOverrides; maxReworkRounds?: number }): void {
  const known = new Set<string>(periodNames(sections));
  const unknown = Object.keys(request.periods ?? {}).filter((name) => !known.has(name));
  if (unknown.length) {
    const issues = unknown.map((name) => ({ path: `body.periods.${name}`, message: 'no rule names this period' }));
    throw new Problem(422, 'RULE_BROKEN', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  }
  const refusals = overrideRefusals(sections, rules.values, request, production());
  if (refusals.length) throw new Problem(422, 'RULE_BROKEN', refusals.join(' '));
}
