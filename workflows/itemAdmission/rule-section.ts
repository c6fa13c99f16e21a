// The admission section of the county's rules (docs/processes.md §1): unit, default, bounds and meaning of
// each; declared by its contract as `admission` (gathered by the registry), its type added to `RuleSections` below.
import type { RuleDefinition } from '../rules/units';

export const ADMISSION_RULES = {
  consultationPeriod: {
    unit: 'WORKING_DAYS',
    default: 5,
    min: 1,
    max: 30,
    meaning: 'Towns are consulted on an admission for this many working days; silence counts as no objection (§1.3).',
    period: 'admissionConsultation',
  },
} as const satisfies Record<string, RuleDefinition>;

declare module '../rules/definitions' {
  interface RuleSections {
    admission: typeof ADMISSION_RULES;
  }
}
