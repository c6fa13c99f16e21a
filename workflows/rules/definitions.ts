// The county's rules (docs/processes.md: numbers in italics): what each rule means, its unit, its
// default and its documented bounds. A county's rule set gives each a value inside its bounds;
// a process pins the rule set in force when it starts and keeps it for its whole life.
//
// Rules are organised by process section. A new process adds its section to RULE_SECTIONS in the
// same shape (for example `majorMatterDecision: { noticeDays: { unit: 'CALENDAR_DURATION', … } }`),
// kept in its own folder (workflows/<process>/rule-section.ts, like secondment's) and named here:
// the rule-set API, its bound checks, the defaults of older rule sets and the pinning follow.
import { SECONDMENT_RULES } from '../secondment/rule-section';
import { DISPATCH_RULES } from '../taskDispatch/rule-section';
import type { RuleDefinition } from './units';

export { WEEKDAYS, type Weekday } from './units';

/** What a village's major matter is about (docs/processes.md §3). */
export const MAJOR_MATTER_KINDS = ['LAND_CONTRACT', 'COLLECTIVE_ASSETS', 'PUBLIC_WORKS', 'BORROWING', 'VILLAGE_PLAN', 'OTHER'] as const;
export type MajorMatterKind = (typeof MAJOR_MATTER_KINDS)[number];

export type { RuleDefinition } from './units';

export type RuleUnit = RuleDefinition['unit'];

export const RULE_SECTIONS = {
  admission: {
    consultationPeriod: {
      unit: 'WORKING_DAYS',
      default: 5,
      min: 1,
      max: 30,
      meaning: 'Towns are consulted on an admission for this many working days; silence counts as no objection (§1.3).',
      period: 'admissionConsultation',
    },
  },
  dispatch: DISPATCH_RULES,
  majorMatterDecision: {
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
      meaning: "The joint meeting (村务联席会议) passes with votes for above this share of its members (§3.3).",
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
      meaning: "The proposal reaches party members at least this many days before their meeting (§3.4).",
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
      meaning: 'The base of a resolution\'s majority: those present (the law), or all entitled to attend (the stricter local rule "more than half of all") (§3.5).',
    },
    stepPeriod: {
      unit: 'WORKING_DAYS',
      default: 20,
      min: 1,
      max: 60,
      meaning: 'Each next step of a major matter (proposal, meeting, acceptance) is due within this many working days of the one before; later it is flagged overdue and the village told (§3).',
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
  },
  // ---- projectBidding (揭榜挂帅, §4) ----
  projectBidding: {
    publicNoticePeriod: {
      unit: 'CALENDAR_DURATION',
      default: '5d',
      min: '1d',
      max: '30d',
      meaning: 'The proposed winner of a bid for the list is on public notice this long; objections from anyone of the town are answered before the award (§4.5).',
      period: 'biddingPublicNotice',
    },
    noBidChoicePeriod: {
      unit: 'CALENDAR_DURATION',
      default: '3d',
      min: '1h',
      max: '15d',
      meaning: 'With no bid at the deadline, the poster chooses within this long to extend or cancel; an unanswered choice is escalated to the town reviewer (§4.3).',
      period: 'biddingNoBidChoice',
    },
    maxExtensions: {
      unit: 'COUNT',
      default: 1,
      min: 0,
      max: 3,
      meaning: 'How many times a post without bids may have its deadline extended before it can only be cancelled (§4.3: extend once).',
    },
    milestoneAcceptancePeriod: {
      unit: 'WORKING_DAYS',
      default: 5,
      min: 1,
      max: 20,
      meaning: 'The town accepts (or returns) a milestone the winner reported within this many working days; later it is flagged overdue and the town reviewer told (§4.7).',
      period: 'biddingMilestoneAcceptance',
    },
    tieBreaks: {
      unit: 'LIST',
      default: ['FIRST_CRITERION_THEN_EARLIER_BID', 'HEAVIEST_CRITERION_THEN_EARLIER_BID', 'EARLIER_BID'],
      options: ['FIRST_CRITERION_THEN_EARLIER_BID', 'HEAVIEST_CRITERION_THEN_EARLIER_BID', 'EARLIER_BID'],
      maxItems: 3,
      meaning: 'The tie-break rules a poster may state for equal weighted totals (§4.4: ties broken by a stated rule).',
    },
  },
  secondment: SECONDMENT_RULES,
} as const satisfies Record<string, Record<string, RuleDefinition>>;

export type RuleSections = typeof RULE_SECTIONS;
export type SectionName = keyof RuleSections;

type PeriodsOf<Section> = { [K in keyof Section]: Section[K] extends { period: infer P extends string } ? P : never }[keyof Section];
/** Every period a rule names: what the deadline helper computes and a test or demo may shorten (never in production). */
export type PeriodName = { [S in SectionName]: PeriodsOf<RuleSections[S]> }[SectionName];

type ValueOf<D> = D extends { unit: 'FLAG' } ? boolean : D extends { unit: 'LIST' } ? string[] : D extends { unit: 'QUOTAS' } ? Record<string, number> : D extends { default: infer V } ? (V extends number ? number : string) : never;

/** A complete set of rule values, section by section. */
export type RuleValues = { [S in SectionName]: { [K in keyof RuleSections[S]]: ValueOf<RuleSections[S][K]> } };

/** The rule set a process runs under, pinned at its start and recorded in its history. */
export interface PinnedRules {
  ruleSetId: string;
  version: number;
  values: RuleValues;
}
