// The projectBidding process's contract (揭榜挂帅: 贴榜 → 竞榜 → 综合比对 → 公示 → 揭榜 → 实施, docs/processes.md §4):
// its steps, its messages as zod schemas (the types below are inferred from them), its actions — each an
// Update named as in the recorded histories, its REST path, the steps it is taken at and who takes it —
// and its search attributes. Bundle-safe: read by the workflow, the API (processes/projectBidding), the board.
import { forOperators } from '../common/details';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { z } from 'zod';
import type { Actor } from '../common/actor';
import { defineContract, type DetailsOf, type Party, type ViewOf } from '../common/contract';
import { ROLES } from '../common/roles';
import type { ContinuableStart } from '../common/view';
import type { PeriodOverrides } from '../rules/checks';
import type { PinnedRules } from '../rules/definitions';
import { PROJECT_BIDDING_RULES } from './rule-section';

export const PROCESS_TYPE = 'projectBidding';

export const STEPS = ['BIDDING', 'NO_BID', 'EVALUATION', 'PUBLIC_NOTICE', 'IMPLEMENTATION', 'REOFFER', 'OFFERED', 'CLOSED'] as const;
export type BiddingStep = (typeof STEPS)[number];

export const TIE_BREAKS = ['FIRST_CRITERION_THEN_EARLIER_BID', 'HEAVIEST_CRITERION_THEN_EARLIER_BID', 'EARLIER_BID'] as const;
/** How equal weighted totals are ordered, stated in the post (the county's rules list the ones allowed). */
export type TieBreak = (typeof TIE_BREAKS)[number];

const instant = z.iso.datetime({ offset: true });
const text = (max = 2000) => z.string().min(1).max(max);
const reason = z.string().max(2000);

// ---- the post (the start's body, in processes/projectBidding/api.ts) ----

/** One criterion bids are scored on: its weight (the weights of a post sum to 100) and its score range. */
export const criterionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,30}$/, 'lower-case letters, digits and dashes'),
    name: text(100),
    weight: z.number().int().min(1).max(100).meta({ description: 'The weights of a post sum to 100 (else 422)' }),
    minScore: z.number().int().min(0).max(1000),
    maxScore: z.number().int().min(1).max(1000),
  })
  .meta({ id: 'BiddingCriterion' });

/** What a town posts (docs/processes.md §4.1). */
export const postSchema = z
  .object({
    title: z.string().min(2).max(200),
    description: text(),
    funds: z.number().int().min(0).max(1_000_000_000).meta({ description: 'Yuan' }),
    eligibility: z.object({
      villageIds: z
        .array(z.string().min(1).max(100))
        .min(1)
        .max(50)
        .meta({ example: ['xingcun.qiaotou.dongshan'] }),
      conditions: z.array(text(500)).max(20).default([]),
    }),
    criteria: z.array(criterionSchema).min(1).max(10),
    deadline: instant,
    tieBreak: z.enum(TIE_BREAKS).meta({ description: "How equal weighted totals are ordered: one of the county's rules (projectBidding.tieBreaks)" }),
    milestones: z.array(text(200)).min(1).max(20),
  })
  .meta({ id: 'BiddingPost' });

// ---- the actions' bodies ----

/** A village's bid (竞榜): its advantages, groundwork, plan and what it asks of the town. */
export const bidSchema = z
  .object({ advantages: text(), groundwork: text(), plan: text(), resourcesRequested: text(), conditionStatements: z.array(text(1000)).max(20).default([]) })
  .meta({ id: 'Bid' });
export const noBidChoiceSchema = z
  .discriminatedUnion('choice', [
    z.object({ choice: z.literal('EXTEND'), newDeadline: instant, reason: reason.optional() }),
    z.object({ choice: z.literal('CANCEL'), reason }),
  ])
  .meta({ id: 'NoBidChoice' });
export const conflictSchema = z.object({ villageId: z.string().min(1).max(100), reason }).meta({ id: 'ConflictDeclaration' });
export const sheetSchema = z
  .object({
    villageId: z.string().min(1).max(100),
    scores: z
      .record(z.string(), z.number().min(-1_000_000).max(1_000_000))
      .meta({ description: 'Criterion id → score, every criterion within its range (else 422)' }),
    comment: z.string().max(2000).optional(),
  })
  .meta({ id: 'ScoreSheet' });
export const objectionSchema = z.object({ reason }).meta({ id: 'BiddingObjection' });
export const objectionAnswerSchema = z
  .object({ seq: z.number().int().min(1).max(10_000), upheld: z.boolean(), answer: reason })
  .meta({ id: 'BiddingObjectionAnswer' });
const milestoneIndex = z.number().int().min(0).max(19);
export const milestoneReportSchema = z
  .object({ milestone: milestoneIndex, summary: reason, evidenceRefs: z.array(text(200)).max(50).default([]) })
  .meta({ id: 'MilestoneReport' });
export const milestoneAcceptanceSchema = z
  .discriminatedUnion('decision', [
    z.object({ milestone: milestoneIndex, decision: z.literal('ACCEPT'), comment: z.string().max(2000).optional() }),
    z.object({ milestone: milestoneIndex, decision: z.literal('RETURN'), reasons: reason }),
  ])
  .meta({ id: 'MilestoneAcceptance' });
export const withdrawalSchema = z.object({ reason }).meta({ id: 'BiddingWithdrawal' });
export const reofferSchema = z
  .discriminatedUnion('choice', [
    z.object({ choice: z.literal('OFFER_RUNNER_UP'), reason: reason.optional() }),
    z.object({ choice: z.literal('REPOST'), reason }),
  ])
  .meta({ id: 'Reoffer' });
export const offerAnswerSchema = z.object({ accept: z.boolean(), reason: reason.optional() }).meta({ id: 'OfferAnswer' });

export type Criterion = z.infer<typeof criterionSchema>;
export type BiddingPost = z.infer<typeof postSchema>;
export type BidContent = z.infer<typeof bidSchema>;
export type NoBidChoice = z.infer<typeof noBidChoiceSchema>;
export type ConflictDeclaration = z.infer<typeof conflictSchema>;
export type ScoreSheet = z.infer<typeof sheetSchema>;
export type Objection = z.infer<typeof objectionSchema>;
export type ObjectionAnswer = z.infer<typeof objectionAnswerSchema>;
export type MilestoneReport = z.infer<typeof milestoneReportSchema>;
export type MilestoneAcceptance = z.infer<typeof milestoneAcceptanceSchema>;
export type Withdrawal = z.infer<typeof withdrawalSchema>;
export type Reoffer = z.infer<typeof reofferSchema>;
export type OfferAnswer = z.infer<typeof offerAnswerSchema>;

// ---- the details ----

const by = { at: z.string(), personId: z.string() };
const scores = z.record(z.string(), z.number());

const recordedSheetSchema = z.object({ villageId: z.string(), scores, comment: z.string().optional(), ...by }).meta({ id: 'RecordedScoreSheet' });
const rankedSchema = z
  .object({ villageId: z.string(), rank: z.number().int(), total: z.number(), criterionMeans: scores, tieBrokenBy: z.enum(TIE_BREAKS).optional() })
  .meta({ id: 'RankedBid' });
const bidRecordSchema = z.object({
  villageId: z.string(),
  personId: z.string(),
  advantages: z.string(),
  groundwork: z.string(),
  plan: z.string(),
  resourcesRequested: z.string(),
  conditionStatements: z.array(z.string()),
  submittedAt: z.string(),
  revisedAt: z.string().optional(),
  revisions: z.number().int(),
});
/** A panel member, with the villages they belong to (a member tied to a bidding village may not score its bid). */
const panelMemberSchema = z.object({ personId: z.string(), name: z.string(), villageIds: z.array(z.string()) });
const milestoneSchema = z.object({
  name: z.string(),
  status: z.enum(['OPEN', 'REPORTED', 'ACCEPTED']),
  reports: z.array(z.object({ milestone: z.number().int(), summary: z.string(), evidenceRefs: z.array(z.string()), ...by })),
  acceptanceDueAt: z.string().optional(),
  overdue: z.boolean(),
  decisions: z.array(
    z.discriminatedUnion('decision', [
      z.object({ milestone: z.number().int(), decision: z.literal('ACCEPT'), comment: z.string().optional(), ...by }),
      z.object({ milestone: z.number().int(), decision: z.literal('RETURN'), reasons: z.string(), ...by }),
    ]),
  ),
});

export const detailsSchema = z
  .object({
    townId: z.string(),
    post: z.object({
      title: z.string(),
      description: z.string(),
      funds: z.number(),
      eligibility: z.object({ villageIds: z.array(z.string()), conditions: z.array(z.string()) }),
      criteria: z.array(z.object({ id: z.string(), name: z.string(), weight: z.number(), minScore: z.number(), maxScore: z.number() })),
      deadline: z.string(),
      tieBreak: z.enum(TIE_BREAKS),
      milestones: z.array(z.string()),
    }),
    panel: z.array(panelMemberSchema),
    townVillages: z.array(z.object({ villageId: z.string(), orgIds: z.array(z.string()) })),
    townOrgIds: z.array(z.string()),
    deadline: z.string(),
    extensions: z.number().int(),
    noBidChoiceDueAt: z.string().optional(),
    escalated: z.boolean(),
    bids: z.array(bidRecordSchema),
    round: z.number().int(),
    conflicts: z.array(z.object({ personId: z.string(), villageId: z.string(), reason: z.string(), declared: z.boolean() })),
    sheets: z.array(recordedSheetSchema),
    results: z.array(z.object({ round: z.number().int(), ranking: z.array(rankedSchema), sheets: z.array(recordedSheetSchema), closedAt: z.string() })),
    proposedWinner: z.string().optional(),
    noticeEndsAt: z.string().optional(),
    objections: z.array(
      z.object({
        seq: z.number().int(),
        round: z.number().int(),
        reason: z.string(),
        name: z.string(),
        ...by,
        answer: z.object({ upheld: z.boolean(), answer: z.string(), ...by }).optional(),
      }),
    ),
    winner: z.string().optional(),
    awardedAt: z.string().optional(),
    /** Villages that withdrew after winning, or declined an offer: never offered again. */
    passedOver: z.array(z.string()),
    offeredTo: z.string().optional(),
    milestones: z.array(milestoneSchema),
    majorMatter: z.object({ required: z.boolean(), funds: z.number(), kind: z.string().optional(), threshold: z.number() }).optional().meta({
      description: "Whether the winner's use of the funds is a major matter under the pinned majorMatterDecision rules (its kinds and amountThreshold)",
    }),
    majorMatterWorkflowId: z.string().optional().meta({
      description:
        "The 五议两公开 (majorMatterDecision) process started for the winning village's use of the funds, when a major matter (GET /major-matters/{id})",
    }),
  })
  .meta({ id: 'BiddingDetails' });

const RUNNING = STEPS.filter((s) => s !== 'CLOSED');
const town =
  (role: 'DISPATCHER' | 'TOWN_REVIEWER') =>
  (d: { townId: string }): Party[] => [{ role, org: d.townId }];
const secretaryOf = (villageId: string | undefined): Party[] => [{ role: 'VILLAGE_SECRETARY', org: villageId! }];
/** The secretaries of the town's villages: eligibility for the post is the process's own rule (422, not 403). */
const townSecretaries = (d: { townVillages: { villageId: string }[] }): Party[] => d.townVillages.map((v) => ({ role: 'VILLAGE_SECRETARY', org: v.villageId }));
/** The county's panel members: being on this post's panel is the process's own rule. */
const panelMembers = (view: { countyId: string }): Party[] => [{ role: 'PANEL_MEMBER', org: view.countyId }];
/** Anyone of the town: any role in the town's organisations (itself, its stations) or its villages' (the villages, their grids). */
const ofTown = (d: { townOrgIds: string[]; townVillages: { orgIds: string[] }[] }): Party[] =>
  [...d.townOrgIds, ...d.townVillages.flatMap((v) => v.orgIds)].flatMap((org) => ROLES.map((role) => ({ role, org })));

export const biddingContract = defineContract(
  {
    processType: PROCESS_TYPE,
    rules: { projectBidding: PROJECT_BIDDING_RULES },
    name: 'Bidding',
    steps: STEPS,
    details: detailsSchema,
    // What makes a post findable in the Temporal UI besides the kit's attributes: the villages it is open to, and its winner.
    searchAttributes: {
      eligibleVillages: defineSearchAttributeKey('CunwuEligibleVillages', SearchAttributeType.KEYWORD_LIST),
      winner: defineSearchAttributeKey('CunwuWinner', SearchAttributeType.KEYWORD),
    },
  },
  // The keys are the Update names of the recorded histories: never renamed.
  (action) => ({
    // A bid's step is its own rule (after its eligibility and its deadline, as ever): a late bid is told the deadline passed.
    bid: action(bidSchema, {
      path: 'bids',
      summary: 'The secretary of an eligible village bids (竞榜): one bid per village, until the deadline',
      doing: 'A bid',
      at: RUNNING,
      by: (d) => townSecretaries(d),
    }),
    reviseBid: action(bidSchema, {
      path: 'bid-revision',
      summary: 'The village revises its own bid until the deadline',
      doing: 'Revising a bid',
      at: RUNNING,
      by: (d) => townSecretaries(d),
    }),
    chooseAfterNoBid: action(noBidChoiceSchema, {
      path: 'no-bid-choice',
      summary: 'No bid at the deadline: the poster extends once or cancels (the town reviewer too, once escalated)',
      doing: 'The choice after no bid',
      at: ['NO_BID'],
      by: (d) => [...town('DISPATCHER')(d), ...(d.escalated ? town('TOWN_REVIEWER')(d) : [])],
    }),
    declareConflict: action(conflictSchema, {
      path: 'conflicts',
      summary: 'A panel member declares a tie to a bidding village, and will not score its bid',
      doing: 'Declaring a conflict',
      at: ['BIDDING', 'EVALUATION'],
      by: (_d, _b, view) => panelMembers(view),
    }),
    score: action(sheetSchema, {
      path: 'scores',
      summary: 'A panel member scores one bid on every criterion within its range (综合比对)',
      doing: 'Scoring a bid',
      at: ['EVALUATION'],
      by: (_d, _b, view) => panelMembers(view),
    }),
    object: action(objectionSchema, {
      path: 'objections',
      summary: 'Anyone of the town objects to the proposed winner during the public notice',
      doing: 'An objection',
      at: ['PUBLIC_NOTICE'],
      by: (d) => ofTown(d),
    }),
    answerObjection: action(objectionAnswerSchema, {
      path: 'objection-answers',
      summary: 'The town reviewer answers an objection; an upheld one sends the bids back to evaluation',
      doing: 'Answering an objection',
      at: ['PUBLIC_NOTICE'],
      by: town('TOWN_REVIEWER'),
    }),
    reportMilestone: action(milestoneReportSchema, {
      path: 'milestone-reports',
      summary: 'The winning village reports a milestone of implementation',
      doing: 'A milestone report',
      at: ['IMPLEMENTATION'],
      by: (d) => secretaryOf(d.winner ?? d.proposedWinner),
    }),
    acceptMilestone: action(milestoneAcceptanceSchema, {
      path: 'milestone-acceptances',
      summary: 'The town accepts a reported milestone, or returns it with reasons',
      doing: 'Accepting a milestone',
      at: ['IMPLEMENTATION'],
      by: town('DISPATCHER'),
    }),
    withdrawWinner: action(withdrawalSchema, {
      path: 'withdraw',
      summary: 'The winning (or proposed) village withdraws',
      doing: 'Withdrawing',
      at: ['PUBLIC_NOTICE', 'IMPLEMENTATION'],
      by: (d) => secretaryOf(d.winner ?? d.proposedWinner),
    }),
    declareFailure: action(withdrawalSchema, {
      path: 'failure',
      summary: 'The town finds that the winner failed to implement',
      doing: 'Declaring a failure',
      at: ['IMPLEMENTATION'],
      by: town('DISPATCHER'),
    }),
    reoffer: action(reofferSchema, {
      path: 'reoffer',
      summary: 'After a withdrawal or failure: offer to the runner-up, or post again',
      doing: 'Offering to the runner-up or posting again',
      at: ['REOFFER'],
      by: town('DISPATCHER'),
    }),
    answerOffer: action(offerAnswerSchema, {
      path: 'offer-answer',
      summary: 'The runner-up offered the project accepts or declines it',
      doing: 'Answering the offer',
      at: ['OFFERED'],
      by: (d) => secretaryOf(d.offeredTo),
    }),
  }),
);

export type BiddingDetails = DetailsOf<typeof biddingContract>;
export type BiddingView = ViewOf<typeof biddingContract>;
export type Bid = BiddingDetails['bids'][number];
export type PanelMember = BiddingDetails['panel'][number];
export type RecordedSheet = BiddingDetails['sheets'][number];
export type RankedBid = BiddingDetails['results'][number]['ranking'][number];
export type EvaluationResult = BiddingDetails['results'][number];
export type RecordedObjection = BiddingDetails['objections'][number];
export type Milestone = BiddingDetails['milestones'][number];
export type Conflict = BiddingDetails['conflicts'][number];

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

export function biddingWorkflowId(townId: string, requestId: string): string {
  return `bidding-${townId}-${requestId}`;
}

/** The static summary an operator sees in the Temporal UI: it names the project. */
export function biddingSummary(start: BiddingStart): string {
  const { post } = start;
  return forOperators(
    `揭榜挂帅 Bid for the list · ${post.title} · ${start.townId} · ${post.funds} 元 · ${post.eligibility.villageIds.length} eligible village(s) · bids until ${post.deadline}`,
  );
}
