// The projectBidding section of the county's rules (揭榜挂帅, docs/processes.md §4): unit, default, bounds
// and meaning of each; declared by its contract as `projectBidding` (gathered by the registry), its type added to `RuleSections` below.
import type { RuleDefinition } from '../rules/units';

export const PROJECT_BIDDING_RULES = {
  publicNoticePeriod: {
    unit: 'CALENDAR_DURATION',
    default: '5d',
    min: '1d',
    max: '30d',
    meaning:
      'The proposed winner of a bid for the list is on public notice this long; objections from anyone of the town are answered before the award (§4.5).',
    period: 'biddingPublicNotice',
  },
  noBidChoicePeriod: {
    unit: 'CALENDAR_DURATION',
    default: '3d',
    min: '1h',
    max: '15d',
    meaning:
      'With no bid at the deadline, the poster chooses within this long to extend or cancel; an unanswered choice is escalated to the town reviewer (§4.3).',
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
    meaning:
      'The town accepts (or returns) a milestone the winner reported within this many working days; later it is flagged overdue and the town reviewer told (§4.7).',
    period: 'biddingMilestoneAcceptance',
  },
  tieBreaks: {
    unit: 'LIST',
    default: ['FIRST_CRITERION_THEN_EARLIER_BID', 'HEAVIEST_CRITERION_THEN_EARLIER_BID', 'EARLIER_BID'],
    options: ['FIRST_CRITERION_THEN_EARLIER_BID', 'HEAVIEST_CRITERION_THEN_EARLIER_BID', 'EARLIER_BID'],
    maxItems: 3,
    meaning: 'The tie-break rules a poster may state for equal weighted totals (§4.4: ties broken by a stated rule).',
  },
} as const satisfies Record<string, RuleDefinition>;

declare module '../rules/definitions' {
  interface RuleSections {
    projectBidding: typeof PROJECT_BIDDING_RULES;
  }
}
