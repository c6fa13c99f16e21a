// The quarterly evaluation's section of the county's rules (docs/processes.md §7): unit, default, bounds
// and meaning of each; declared by its contract as `villageEvaluation` (gathered by the registry), its type added to `RuleSections` below.
import type { RuleDefinition } from '../rules/units';

export const VILLAGE_EVALUATION_RULES = {
  markingPeriod: {
    unit: 'WORKING_DAYS',
    default: 10,
    min: 1,
    max: 30,
    meaning: 'Each participating department marks its items for every village within this many working days after the quarter ends (§7.3).',
    period: 'evaluationMarking',
  },
  publicNotice: {
    unit: 'CALENDAR_DURATION',
    default: '5d',
    min: '1d',
    max: '15d',
    meaning: 'The evaluation is publicly posted for this long, open to objections, before rewards and warnings are recorded (§7.6).',
    period: 'evaluationNotice',
  },
  topMark: { unit: 'COUNT', default: 100, min: 10, max: 1000, meaning: 'A mark for one item of one village is a whole number from 0 to this (§7.3).' },
  rewardedVillages: {
    unit: 'COUNT',
    default: 1,
    min: 0,
    max: 20,
    meaning: "The villages ranked this high or better in their town's quarter are rewarded (§7.6).",
  },
  rewardAmount: { unit: 'COUNT', default: 20000, min: 0, max: 1000000, meaning: 'Yuan each rewarded village receives (§7.6).' },
  yellowCardBelow: {
    unit: 'COUNT',
    default: 60,
    min: 0,
    max: 100,
    meaning: 'A village whose weighted total, as a percentage of the top mark, is below this is given a yellow-card warning (黄牌警示, §7.6).',
  },
} as const satisfies Record<string, RuleDefinition>;

declare module '../rules/definitions' {
  interface RuleSections {
    villageEvaluation: typeof VILLAGE_EVALUATION_RULES;
  }
}
