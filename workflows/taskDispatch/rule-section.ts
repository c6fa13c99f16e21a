// The dispatch section of the county's rules (docs/processes.md §2): unit, default, bounds and meaning of
// each; declared by its contract as `dispatch` (gathered by the registry), its type added to `RuleSections` below.
import { WEEKDAYS, type RuleDefinition } from '../rules/units';

export const DISPATCH_RULES = {
  reviewPeriod: {
    unit: 'WORKING_DAYS',
    default: 2,
    min: 1,
    max: 10,
    meaning: 'The town review of a dispatch is due within this many working days; later it is reminded and flagged (§2.3).',
    period: 'dispatchReview',
  },
  minimumLeadTime: {
    unit: 'WORKING_DAYS',
    default: 3,
    min: 1,
    max: 20,
    meaning: 'A dispatch whose deadline is closer than this many working days is flagged unclear (§2.2).',
    period: 'minimumLeadTime',
  },
  deadlineReminder: {
    unit: 'CALENDAR_DURATION',
    default: '1d',
    min: '1h',
    max: '7d',
    meaning: "A village task's workers are reminded this long before its deadline (§2.6).",
    period: 'deadlineReminder',
  },
  progressReportDay: {
    unit: 'CHOICE',
    default: 'FRIDAY',
    options: WEEKDAYS,
    meaning: 'The weekday whose end an itemised progress report is due every week; a holiday moves it to the working day before (§2.6).',
    period: 'progressReport',
  },
  maxReworkRounds: {
    unit: 'COUNT',
    default: 3,
    min: 1,
    max: 10,
    meaning: 'Rounds of rework the dispatcher may order before acceptance is escalated to the town reviewer (§2.8).',
  },
} as const satisfies Record<string, RuleDefinition>;

declare module '../rules/definitions' {
  interface RuleSections {
    dispatch: typeof DISPATCH_RULES;
  }
}
