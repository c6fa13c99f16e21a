// The secondment section of the county's rules (docs/processes.md §5): unit, default, bounds and meaning of
// each; declared by its contract as `secondment` (gathered by the registry), its type added to `RuleSections` below.
import type { RuleDefinition } from '../rules/units';

export const SECONDMENT_RULES = {
  bannedCategories: {
    unit: 'LIST',
    default: ['PROBATIONARY_LEADER', 'LEADERSHIP_MEMBER', 'SELECTED_GRADUATE', 'NEW_RECRUIT'],
    options: ['PROBATIONARY_LEADER', 'LEADERSHIP_MEMBER', 'SELECTED_GRADUATE', 'NEW_RECRUIT'],
    maxItems: 4,
    meaning: 'Categories of cadre that may not be seconded: selected graduates and new recruits only while under their years (§5.2).',
  },
  selectedGraduateYears: {
    unit: 'COUNT',
    default: 2,
    min: 0,
    max: 10,
    meaning: 'A selected graduate (选调生) may not be seconded in the first this many years from the start date (§5.2).',
  },
  newRecruitYears: {
    unit: 'COUNT',
    default: 3,
    min: 0,
    max: 10,
    meaning: 'A new recruit may not be seconded in the first this many years from the hire date (§5.2).',
  },
  maxTermMonths: { unit: 'COUNT', default: 6, min: 1, max: 24, meaning: 'A secondment is asked for at most this many months at a time (§5.1).' },
  cumulativeCapMonths: {
    unit: 'COUNT',
    default: 12,
    min: 1,
    max: 36,
    meaning: 'The term of one secondment, with every extension, is at most this many months (§5.2, §5.5).',
  },
  coolDownMonths: { unit: 'COUNT', default: 24, min: 0, max: 60, meaning: 'No second secondment of a cadre within this many months of a return (§5.2).' },
  consentPeriod: {
    unit: 'WORKING_DAYS',
    default: 5,
    min: 1,
    max: 30,
    meaning: 'The source unit and the cadre both consent within this many working days, else the request lapses (§5.3).',
    period: 'secondmentConsent',
  },
  extensionLeadTime: {
    unit: 'WORKING_DAYS',
    default: 10,
    min: 1,
    max: 60,
    meaning: 'An extension is asked at least this many working days before the end of the term (§5.5).',
    period: 'secondmentExtensionLead',
  },
  returnConfirmationPeriod: {
    unit: 'WORKING_DAYS',
    default: 5,
    min: 1,
    max: 30,
    meaning: 'The source unit confirms the return within this many working days, else it is escalated to the organisation department (§5.6).',
    period: 'secondmentReturnConfirmation',
  },
  countyLevelMayBorrow: { unit: 'FLAG', default: false, meaning: 'Units at county level or below (county departments, towns) may borrow cadres (§5.2).' },
  defaultQuota: {
    unit: 'COUNT',
    default: 2,
    min: 0,
    max: 100,
    meaning: 'Cadres a borrowing unit may hold on secondment at once, unless its own quota says otherwise (§5.2).',
  },
  quotas: {
    unit: 'QUOTAS',
    default: {},
    min: 0,
    max: 100,
    maxItems: 200,
    meaning: 'Per borrowing unit (organisation id): cadres it may hold on secondment at once (§5.2).',
  },
} as const satisfies Record<string, RuleDefinition>;

declare module '../rules/definitions' {
  interface RuleSections {
    secondment: typeof SECONDMENT_RULES;
  }
}
