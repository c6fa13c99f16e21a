// The platform section of the county's rules (docs/processes.md §0.4): what the platform keeps for a
// county besides its processes; the registry's own section `platform` (ProcessRegistry.ruleSections()), its type added to `RuleSections` below.
import type { RuleDefinition } from './units';

export const PLATFORM_RULES = {
  stepRequestRetention: {
    unit: 'CALENDAR_DURATION',
    default: '90d',
    min: '1d',
    max: '3650d',
    meaning:
      'How long an idempotency record (a request id or Idempotency-Key bound to its step) is kept; a retry after this is a new request. Older records are pruned by a daily scheduled job (§0.4).',
  },
} as const satisfies Record<string, RuleDefinition>;

declare module './definitions' {
  interface RuleSections {
    platform: typeof PLATFORM_RULES;
  }
}
