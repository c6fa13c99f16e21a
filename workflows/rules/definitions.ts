// The county's rules (docs/processes.md: numbers in italics): what each rule means, its unit, its
// default and its documented bounds. A county's rule set gives each a value inside its bounds;
// a process pins the rule set in force when it starts and keeps it for its whole life.
//
// Rules are organised by section, each kept in the folder of what owns it (workflows/<process>/rule-section.ts,
// the platform's in ./platform-section.ts) and named nowhere else: at run time a contract declares
// the sections it owns (`defineContract({ …, rules: { secondment: SECONDMENT_RULES } })`) and the
// registry of processes gathers them with the platform's (`ProcessRegistry.ruleSections()`), which the
// rule-set API, its bound checks, the defaults of older rule sets and the pinning are given; for the
// types, each section file adds itself to `RuleSections` below:
//   declare module '../rules/definitions' { interface RuleSections { secondment: typeof SECONDMENT_RULES } }
import type { RuleDefinition } from './units';

export { WEEKDAYS, type Weekday } from './units';

export type { RuleDefinition } from './units';

export type RuleUnit = RuleDefinition['unit'];

/** Sections of rules by name, each rule by name: what the checks, the defaults and the API read. */
export type RuleSectionMap = Readonly<Record<string, Readonly<Record<string, RuleDefinition>>>>;

/** Every section's rules by the section's name: filled by declaration merging, each section file adding its own. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- augmented by each section's own file
export interface RuleSections {}

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
