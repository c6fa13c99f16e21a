// The county's rules (docs/processes.md: numbers in italics): what each rule means, its unit, its
// default and its documented bounds. A county's rule set gives each a value inside its bounds;
// a process pins the rule set in force when it starts and keeps it for its whole life.
//
// Rules are organised by process section. A new process adds its section to RULE_SECTIONS in the
// same shape (for example `majorMatterDecision: { noticeDays: { unit: 'CALENDAR_DURATION', … } }`),
// kept in its own folder (workflows/<process>/rule-section.ts, like secondment's) and named here:
// the rule-set API, its bound checks, the defaults of older rule sets and the pinning follow.
import { ADMISSION_RULES } from '../itemAdmission/rule-section';
import { MAJOR_MATTER_RULES } from '../majorMatterDecision/rule-section';
import { PROJECT_BIDDING_RULES } from '../projectBidding/rule-section';
import { SECONDMENT_RULES } from '../secondment/rule-section';
import { DISPATCH_RULES } from '../taskDispatch/rule-section';
import { VILLAGE_EVALUATION_RULES } from '../villageEvaluation/rule-section';
import { PLATFORM_RULES } from './platform-section';
import type { RuleDefinition } from './units';

export { WEEKDAYS, type Weekday } from './units';

export { MAJOR_MATTER_KINDS, type MajorMatterKind } from '../majorMatterDecision/rule-section';

export type { RuleDefinition } from './units';

export type RuleUnit = RuleDefinition['unit'];

export const RULE_SECTIONS = {
  admission: ADMISSION_RULES,
  dispatch: DISPATCH_RULES,
  majorMatterDecision: MAJOR_MATTER_RULES,
  platform: PLATFORM_RULES,
  projectBidding: PROJECT_BIDDING_RULES,
  secondment: SECONDMENT_RULES,
  villageEvaluation: VILLAGE_EVALUATION_RULES,
} as const satisfies Record<string, Record<string, RuleDefinition>>;

export type RuleSections = typeof RULE_SECTIONS;
export type SectionName = keyof RuleSections;

type PeriodsOf<Section> = { [K in keyof Section]: Section[K] extends { period: infer P extends string } ? P : never }[keyof Section];
/** Every period a rule names: what the deadline helper computes and a test or demo may shorten (never in production). */
export type PeriodName = { [S in SectionName]: PeriodsOf<RuleSections[S]> }[SectionName];

type ValueOf<D> = D extends { unit: 'FLAG' }
  ? boolean
  : D extends { unit: 'LIST' }
    ? string[]
    : D extends { unit: 'QUOTAS' }
      ? Record<string, number>
      : D extends { default: infer V }
        ? V extends number
          ? number
          : string
        : never;

/** A complete set of rule values, section by section. */
export type RuleValues = { [S in SectionName]: { [K in keyof RuleSections[S]]: ValueOf<RuleSections[S][K]> } };

/** The rule set a process runs under, pinned at its start and recorded in its history. */
export interface PinnedRules {
  ruleSetId: string;
  version: number;
  values: RuleValues;
}
