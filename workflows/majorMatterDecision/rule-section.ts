// The majorMatterDecision section of the county's rules (docs/processes.md §3): unit, default, bounds and
// meaning of each; declared by its contract as `majorMatterDecision` (gathered by the registry), its type added to `RuleSections` below.
import type { RuleDefinition } from '../rules/units';

/** What a village's major matter is about (docs/processes.md §3). */
export const MAJOR_MATTER_KINDS = ['LAND_CONTRACT', 'COLLECTIVE_ASSETS', 'PUBLIC_WORKS', 'BORROWING', 'VILLAGE_PLAN', 'OTHER'] as const;
export type MajorMatterKind = (typeof MAJOR_MATTER_KINDS)[number];

export const MAJOR_MATTER_RULES = {
  kinds: {
    unit: 'LIST',
    default: ['LAND_CONTRACT', 'COLLECTIVE_ASSETS', 'PUBLIC_WORKS', 'BORROWING', 'VILLAGE_PLAN'],
    options: MAJOR_MATTER_KINDS,
    maxItems: MAJOR_MATTER_KINDS.length,
    meaning: 'Kinds of matter that are major whatever their amount: they go through the five deliberations and two disclosures (§3).',
  },
  amountThreshold: {
    unit: 'COUNT',
    default: 100_000,
    min: 0,
    max: 100_000_000,
    meaning: 'A matter of any other kind is major when its estimated amount (yuan) reaches this (§3).',
  },
  raisedOnPaperDays: {
    unit: 'COUNT',
    default: 30,
    min: 0,
    max: 365,
    meaning: 'A suggestion first raised on paper may carry that date (raisedOn), at most this many days before it is entered; its timeline starts then (§3.1).',
  },
  mergeProposeAndDeliberate: {
    unit: 'FLAG',
    default: false,
    meaning: 'Where one person holds both the secretary and director posts, the proposal may carry its joint meeting: propose and deliberate merged (§3.2).',
  },
  jointMeetingMajority: {
    unit: 'RATIO',
    default: 0.5,
    min: 0.5,
    max: 1,
    meaning: 'The joint meeting (村务联席会议) passes with votes for above this share of its members (§3.3).',
  },
  partyMeetingQuorum: {
    unit: 'RATIO',
    default: 2 / 3,
    min: 0.5,
    max: 1,
    meaning: "The party members' meeting (党员大会) needs at least this share of party members with voting rights present (§3.4).",
  },
  partyMeetingMajority: {
    unit: 'RATIO',
    default: 0.5,
    min: 0.5,
    max: 1,
    meaning: "The party members' meeting passes with votes for above this share of those entitled to attend (§3.4).",
  },
  reviewNoticeDays: {
    unit: 'COUNT',
    default: 3,
    min: 1,
    max: 30,
    meaning: 'The proposal reaches party members at least this many days before their meeting (§3.4).',
  },
  representativesQuorum: {
    unit: 'RATIO',
    default: 2 / 3,
    min: 0.5,
    max: 1,
    meaning: "The representatives' meeting (村民代表会议) needs at least this share of representatives present (§3.5).",
  },
  representativesNoticeDays: {
    unit: 'COUNT',
    default: 3,
    min: 1,
    max: 30,
    meaning: "A representatives' meeting is announced at least this many days before it (§3.5).",
  },
  villagersAdultsQuorum: {
    unit: 'RATIO',
    default: 0.5,
    min: 0.5,
    max: 1,
    meaning: "A villagers' meeting (村民会议) is quorate by adults with more than this share of adult villagers present (§3.5).",
  },
  villagersHouseholdsQuorum: {
    unit: 'RATIO',
    default: 2 / 3,
    min: 0.5,
    max: 1,
    meaning: "A villagers' meeting is quorate by households with at least this share of households represented (§3.5).",
  },
  villagersQuorumBasis: {
    unit: 'CHOICE',
    default: 'ADULTS_OR_HOUSEHOLDS',
    options: ['ADULTS_OR_HOUSEHOLDS', 'ADULTS', 'HOUSEHOLDS'],
    meaning: "Which quorum a villagers' meeting must reach: either (the law), or only the adults' or only the households' (§3.5).",
  },
  villagersNoticeDays: {
    unit: 'COUNT',
    default: 10,
    min: 1,
    max: 30,
    meaning: "A villagers' meeting is announced at least this many days before it (§3.5).",
  },
  resolutionMajority: {
    unit: 'RATIO',
    default: 0.5,
    min: 0.5,
    max: 1,
    meaning: 'A resolution passes with votes for above this share of its base (§3.5).',
  },
  resolutionMajorityBase: {
    unit: 'CHOICE',
    default: 'PRESENT',
    options: ['PRESENT', 'ALL'],
    meaning:
      'The base of a resolution\'s majority: those present (the law), or all entitled to attend (the stricter local rule "more than half of all") (§3.5).',
  },
  stepPeriod: {
    unit: 'WORKING_DAYS',
    default: 20,
    min: 1,
    max: 60,
    meaning:
      'Each next step of a major matter (proposal, meeting, acceptance) is due within this many working days of the one before; later it is flagged overdue and the village told (§3).',
    period: 'majorMatterStep',
  },
  resolutionDisclosure: {
    unit: 'CALENDAR_DURATION',
    default: '7d',
    min: '1d',
    max: '30d',
    meaning: 'A resolution is posted this long before it is carried out; it closes only when every objection is answered (§3.6).',
    period: 'resolutionDisclosure',
  },
  resultDisclosure: {
    unit: 'CALENDAR_DURATION',
    default: '7d',
    min: '1d',
    max: '30d',
    meaning: 'The result is posted this long from the day after acceptance; it closes only when every objection is answered (§3.8).',
    period: 'resultDisclosure',
  },
} as const satisfies Record<string, RuleDefinition>;

declare module '../rules/definitions' {
  interface RuleSections {
    majorMatterDecision: typeof MAJOR_MATTER_RULES;
  }
}
