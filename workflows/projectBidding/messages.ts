// The projectBidding process's messages (揭榜挂帅: 贴榜 → 竞榜 → 综合比对 → 公示 → 揭榜 → 实施).
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../common/actor';
import { STATE_QUERY, type ContinuableStart, type ProcessView, type StepAnswer } from '../common/view';
import type { PeriodOverrides } from '../rules/checks';
import type { MajorMatterKind, PinnedRules } from '../rules/definitions';

export const PROCESS_TYPE = 'projectBidding';

export const TIE_BREAKS = ['FIRST_CRITERION_THEN_EARLIER_BID', 'HEAVIEST_CRITERION_THEN_EARLIER_BID', 'EARLIER_BID'] as const;
/** How equal weighted totals are ordered, stated in the post (the county's rules list the ones allowed). */
export type TieBreak = (typeof TIE_BREAKS)[number];

/** One criterion bids are scored on: its weight (the weights of a post sum to 100) and its score range. */
export interface Criterion {
  id: string;
  name: string;
  weight: number;
  minScore: number;
  maxScore: number;
}

/** What a town posts (docs/processes.md §4.1). */
export interface BiddingPost {
  title: string;
  description: string;
  /** Funds the town puts behind the project, in yuan. */
  funds: number;
  eligibility: {
    /** Villages of the town that may bid. */
    villageIds: string[];
    /** Conditions a bid must say how it meets, one statement each. */
    conditions: string[];
  };
  criteria: Criterion[];
  deadline: string;
  tieBreak: TieBreak;
  /** The milestones of implementation, reported by the winner and accepted by the town. */
  milestones: string[];
}

/** A panel member, with the villages they belong to (a member tied to a bidding village may not score its bid). */
export interface PanelMember {
  personId: string;
  name: string;
  villageIds: string[];
}

export interface BiddingStart extends ContinuableStart<BiddingView> {
  countyId: string;
  townId: string;
  poster: Actor;
  post: BiddingPost;
  panel: PanelMember[];
  /** Every village of the town with the organisations inside it (itself, its grids): who is "of the town" and of which village. */
  townVillages: { villageId: string; orgIds: string[] }[];
  /** The town's own organisations (itself, its stations). */
  townOrgIds: string[];
  rules: PinnedRules;
  /** Tests and demos only: periods shortened for this instance (refused in production). */
  periods?: PeriodOverrides;
}

/** A village's bid (竞榜): its advantages, groundwork, plan and what it asks of the town. */
export interface BidContent {
  advantages: string;
  groundwork: string;
  plan: string;
  resourcesRequested: string;
  /** How the village meets each of the post's conditions, in their order. */
  conditionStatements: string[];
}

export interface Bid extends BidContent {
  villageId: string;
  personId: string;
  submittedAt: string;
  revisedAt?: string;
  revisions: number;
}

/** One panel member's scores of one bid, criterion by criterion. */
export interface ScoreSheet {
  villageId: string;
  scores: Record<string, number>;
  comment?: string;
}

export interface RecordedSheet extends ScoreSheet {
  personId: string;
  at: string;
}

export interface ConflictDeclaration {
  villageId: string;
  reason: string;
}

/** A panel member who may not score a village's bid, and why. */
export interface Conflict {
  personId: string;
  villageId: string;
  reason: string;
  declared: boolean;
}

/** One bid's place in the result: its weighted total, its mean score per criterion, and how a tie was broken. */
export interface RankedBid {
  villageId: string;
  rank: number;
  total: number;
  criterionMeans: Record<string, number>;
  tieBrokenBy?: TieBreak;
}

/** A finished evaluation round: every score sheet and the ranking the workflow computed from them. */
export interface EvaluationResult {
  round: number;
  ranking: RankedBid[];
  sheets: RecordedSheet[];
  closedAt: string;
}

export interface Objection {
  reason: string;
}

export interface RecordedObjection extends Objection {
  seq: number;
  /** The evaluation round whose proposed winner it objects to. */
  round: number;
  personId: string;
  name: string;
  at: string;
  answer?: { upheld: boolean; answer: string; personId: string; at: string };
}

export interface ObjectionAnswer {
  seq: number;
  upheld: boolean;
  answer: string;
}

export type NoBidChoice = { choice: 'EXTEND'; newDeadline: string; reason?: string } | { choice: 'CANCEL'; reason: string };

export interface MilestoneReport {
  milestone: number;
  summary: string;
  evidenceRefs: string[];
}

export type MilestoneAcceptance = { milestone: number; decision: 'ACCEPT'; comment?: string } | { milestone: number; decision: 'RETURN'; reasons: string };

export interface Milestone {
  name: string;
  status: 'OPEN' | 'REPORTED' | 'ACCEPTED';
  reports: (MilestoneReport & { personId: string; at: string })[];
  acceptanceDueAt?: string;
  overdue: boolean;
  decisions: (MilestoneAcceptance & { personId: string; at: string })[];
}

export interface Withdrawal {
  reason: string;
}

export type Reoffer = { choice: 'OFFER_RUNNER_UP'; reason?: string } | { choice: 'REPOST'; reason: string };

export interface OfferAnswer {
  accept: boolean;
  reason?: string;
}

/** The use of the funds by the winning village as a major matter (五议两公开): the link to that process. */
/** Whether the winner's use of the funds is a major matter, as the pinned majorMatterDecision rules decided it. */
export interface MajorMatterLink {
  required: boolean;
  funds: number;
  kind: MajorMatterKind;
  /** The amountThreshold of the pinned majorMatterDecision rules. */
  threshold: number;
}

export interface BiddingDetails {
  townId: string;
  post: BiddingPost;
  panel: PanelMember[];
  townVillages: { villageId: string; orgIds: string[] }[];
  townOrgIds: string[];
  deadline: string;
  extensions: number;
  noBidChoiceDueAt?: string;
  escalated: boolean;
  bids: Bid[];
  round: number;
  conflicts: Conflict[];
  sheets: RecordedSheet[];
  results: EvaluationResult[];
  proposedWinner?: string;
  noticeEndsAt?: string;
  objections: RecordedObjection[];
  winner?: string;
  awardedAt?: string;
  /** Villages that withdrew after winning, or declined an offer: never offered again. */
  passedOver: string[];
  offeredTo?: string;
  milestones: Milestone[];
  majorMatter?: MajorMatterLink;
  /** The majorMatterDecision process started for the winning village's use of the funds, when a major matter. */
  majorMatterWorkflowId?: string;
}

export type BiddingView = ProcessView<BiddingDetails>;

export type BiddingStep = 'BIDDING' | 'NO_BID' | 'EVALUATION' | 'PUBLIC_NOTICE' | 'IMPLEMENTATION' | 'REOFFER' | 'OFFERED' | 'CLOSED';

export const getBidding = defineQuery<BiddingView>(STATE_QUERY);
export const submitBid = defineUpdate<StepAnswer, [Actor, BidContent]>('bid');
export const reviseBid = defineUpdate<StepAnswer, [Actor, BidContent]>('reviseBid');
export const chooseAfterNoBid = defineUpdate<StepAnswer, [Actor, NoBidChoice]>('chooseAfterNoBid');
export const declareConflict = defineUpdate<StepAnswer, [Actor, ConflictDeclaration]>('declareConflict');
export const scoreBid = defineUpdate<StepAnswer, [Actor, ScoreSheet]>('score');
export const objectToWinner = defineUpdate<StepAnswer, [Actor, Objection]>('object');
export const answerObjection = defineUpdate<StepAnswer, [Actor, ObjectionAnswer]>('answerObjection');
export const reportMilestone = defineUpdate<StepAnswer, [Actor, MilestoneReport]>('reportMilestone');
export const acceptMilestone = defineUpdate<StepAnswer, [Actor, MilestoneAcceptance]>('acceptMilestone');
export const withdrawWinner = defineUpdate<StepAnswer, [Actor, Withdrawal]>('withdrawWinner');
export const declareFailure = defineUpdate<StepAnswer, [Actor, Withdrawal]>('declareFailure');
export const chooseReoffer = defineUpdate<StepAnswer, [Actor, Reoffer]>('reoffer');
export const answerOffer = defineUpdate<StepAnswer, [Actor, OfferAnswer]>('answerOffer');

export function biddingWorkflowId(townId: string, requestId: string): string {
  return `bidding-${townId}-${requestId}`;
}

/** The static summary an operator sees in the Temporal UI: it names the project. */
export function biddingSummary(start: BiddingStart): string {
  const { post } = start;
  return `揭榜挂帅 Bid for the list · ${post.title} · ${start.townId} · ${post.funds} 元 · ${post.eligibility.villageIds.length} eligible village(s) · bids until ${post.deadline.slice(0, 10)}`;
}
