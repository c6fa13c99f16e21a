// The majorMatterDecision process's contract (五议两公开, docs/processes.md §3): its steps, its messages as zod
// schemas (the types below are inferred from them), its actions — each an Update named as in the
// recorded histories, its REST path, the steps it is taken at and who takes it — and its search
// attributes. Bundle-safe: read by the workflow, the API (processes/majorMatterDecision), the boards.
import { forOperators } from '../common/details';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { z } from 'zod';
import type { ActedAs, Actor } from '../common/actor';
import { defineContract, type DetailsOf, type ViewOf } from '../common/contract';
import type { ContinuableStart } from '../common/view';
import type { PeriodOverrides } from '../rules/checks';
import type { PinnedRules } from '../rules/definitions';
import { MAJOR_MATTER_KINDS, type MajorMatterKind, MAJOR_MATTER_RULES } from './rule-section';

export const MAJOR_MATTER_PROCESS = 'majorMatterDecision';
export type { MajorMatterKind };

export const STEPS = [
  'PROPOSE',
  'DELIBERATE',
  'REVIEW',
  'RESOLVE',
  'RESOLUTION_DISCLOSURE',
  'IMPLEMENTATION',
  'ACCEPTANCE',
  'RESULT_DISCLOSURE',
  'CLOSED',
] as const;
export type MajorMatterStep = (typeof STEPS)[number];
export const DISCLOSURE_STEPS = ['RESOLUTION_DISCLOSURE', 'RESULT_DISCLOSURE'] as const;
export const MEETINGS = ['JOINT_MEETING', 'PARTY_MEMBERS_MEETING', 'REPRESENTATIVES_MEETING', 'VILLAGERS_MEETING'] as const;
export type MeetingKind = (typeof MEETINGS)[number];

const kind = z.enum(MAJOR_MATTER_KINDS);
const text = (max = 2000) => z.string().min(1).max(max);
const amount = z.number().int().min(0).max(10_000_000_000).meta({ description: 'Estimated amount, in yuan' });
const count = z.number().int().min(0).max(1_000_000);

/** What a party member, villager or cadre suggests (docs/processes.md §3.1). */
export const suggestionSchema = z
  .object({
    title: text(200),
    description: text(),
    reason: text(),
    kind,
    estimatedAmount: amount,
    protectIdentity: z.boolean().optional().meta({
      description: 'Who suggested it is then known only to the village secretary, who takes it up, and to auditors (docs/processes.md §0.9)',
    }),
    raisedOn: z.iso.date().optional().meta({
      description:
        "When the matter was first raised on paper, before it was entered (YYYY-MM-DD): at most the county's raisedOnPaperDays before today; its timeline starts then",
    }),
  })
  .strict()
  .meta({ id: 'MajorMatterSuggestion' });
export type Suggestion = z.infer<typeof suggestionSchema>;

// ---- the actions' bodies ----

const meetingFields = {
  meetingDate: z.iso.date(),
  noticeDate: z.iso.date().meta({ description: 'When the meeting was announced (for the party members: when the proposal reached them)' }),
  expected: count.meta({ description: 'Entitled to attend: members, party members with voting rights, representatives, or adult villagers' }),
  present: count,
  householdsExpected: count.optional().meta({ description: "Villagers' meeting: the village's households" }),
  householdsPresent: count.optional().meta({ description: "Villagers' meeting: households represented" }),
  votesFor: count,
  votesAgainst: count,
  abstentions: count,
  minutesRef: text(200),
  attachmentRefs: z.array(text(200)).max(50).default([]),
};
/**
 * A meeting as its minutes record it. `expected` counts those entitled to attend; a villagers' meeting
 * also counts households. The caller never says whether it passed: the process decides from these
 * figures and the pinned rules.
 */
export const meetingRecordSchema = z
  .object(meetingFields)
  .strict()
  .meta({ id: 'MeetingRecord', description: 'The minutes: the process decides from these figures and the pinned rules whether the meeting passed' });
/** The proposal as the joint meeting amended it (a new revision, voted on by the meetings after it). */
export const amendmentSchema = z
  .object({ description: text().optional(), estimatedAmount: amount.optional(), note: text() })
  .strict()
  .meta({ id: 'ProposalAmendment' });
export const jointMeetingSchema = z
  .object({ ...meetingFields, amendment: amendmentSchema.optional() })
  .strict()
  .meta({ id: 'JointMeetingRecord' });
export const resolutionMeetingSchema = z
  .object({ ...meetingFields, meeting: z.enum(['REPRESENTATIVES_MEETING', 'VILLAGERS_MEETING']) })
  .strict()
  .meta({ id: 'ResolutionMeetingRecord' });
export const proposalSchema = z
  .discriminatedUnion('decision', [
    z
      .object({
        decision: z.literal('PROPOSE'),
        title: text(200),
        description: text(),
        kind,
        estimatedAmount: amount,
        note: text().optional(),
        /** Where the rules allow merging propose and deliberate: the joint meeting held with the proposal. */
        jointMeeting: meetingRecordSchema.optional().meta({ description: 'Only where the rules merge propose and deliberate' }),
      })
      .strict(),
    z.object({ decision: z.literal('DECLINE'), reason: text() }).strict(),
  ])
  .meta({ id: 'ProposalDecision' });
export const objectionSchema = z.object({ text: text() }).strict().meta({ id: 'Objection' });
export const objectionAnswerSchema = z
  .object({ objectionSeq: z.number().int().min(1).max(100_000), upheld: z.boolean(), answer: text() })
  .strict()
  .meta({ id: 'ObjectionAnswer' });
export const townOrderSchema = z
  .object({ order: z.enum(['CORRECT', 'QUASH']), reasons: text() })
  .strict()
  .meta({ id: 'TownOrder' });
export const progressSchema = z
  .object({ text: text(), completed: z.boolean().default(false), evidenceRefs: z.array(text(200)).max(50).default([]) })
  .strict()
  .meta({ id: 'MatterProgress' });
export const acceptanceSchema = z
  .discriminatedUnion('decision', [
    z.object({ decision: z.literal('ACCEPT'), reportRef: text(200), comment: text().optional() }).strict(),
    z.object({ decision: z.literal('REWORK'), reasons: text() }).strict(),
  ])
  .meta({ id: 'MatterAcceptance' });
export const concernSchema = z.object({ text: text() }).strict().meta({ id: 'SupervisoryConcern' });
export const concernAnswerSchema = z
  .object({ concernSeq: z.number().int().min(1).max(100_000), answer: text() })
  .strict()
  .meta({ id: 'ConcernAnswer' });

export type MeetingRecord = z.infer<typeof meetingRecordSchema>;
export type Amendment = z.infer<typeof amendmentSchema>;
export type JointMeeting = z.infer<typeof jointMeetingSchema>;
export type ResolutionMeeting = z.infer<typeof resolutionMeetingSchema>;
export type ProposalDecision = z.infer<typeof proposalSchema>;
export type Objection = z.infer<typeof objectionSchema>;
export type ObjectionAnswer = z.infer<typeof objectionAnswerSchema>;
export type TownOrder = z.infer<typeof townOrderSchema>;
export type ProgressRecord = z.infer<typeof progressSchema>;
export type AcceptanceRecord = z.infer<typeof acceptanceSchema>;
export type Concern = z.infer<typeof concernSchema>;
export type ConcernAnswer = z.infer<typeof concernAnswerSchema>;

// ---- the details ----

/** The process a matter was started by (a bidding's award: the winning village's use of the funds), kept both ways. */
const originSchema = z.object({ processType: z.literal('projectBidding'), workflowId: z.string() });
export type MatterOrigin = z.infer<typeof originSchema>;

/** One version of the proposal: every revision is kept, and each meeting names the one it voted on. */
const revisionSchema = z.object({
  version: z.number().int(),
  title: z.string(),
  description: z.string(),
  kind,
  estimatedAmount: z.number(),
  at: z.string(),
  note: z.string(),
});
export type ProposalRevision = z.infer<typeof revisionSchema>;

const heldMeetingSchema = z.object({
  meeting: z.enum(MEETINGS),
  meetingDate: z.string(),
  noticeDate: z.string(),
  expected: z.number().int(),
  present: z.number().int(),
  householdsExpected: z.number().int().optional(),
  householdsPresent: z.number().int().optional(),
  votesFor: z.number().int(),
  votesAgainst: z.number().int(),
  abstentions: z.number().int(),
  minutesRef: z.string(),
  attachmentRefs: z.array(z.string()),
  proposalVersion: z.number().int(),
  passed: z.boolean(),
  /** The thresholds applied, in words (which rule, which figures). */
  reckoning: z.string(),
  /** Villagers' meeting: whether its quorum counted households (the pinned villagersQuorumBasis HOUSEHOLDS or EITHER). */
  quorumCountsHouseholds: z.boolean().optional(),
  at: z.string(),
});
export type HeldMeeting = z.infer<typeof heldMeetingSchema>;

/** A meeting that failed its quorum: a fact of the matter (docs/processes.md §3), though it could not decide. */
const failedQuorumSchema = z.object({
  meeting: z.enum(MEETINGS),
  meetingDate: z.string(),
  expected: z.number().int(),
  present: z.number().int(),
  householdsExpected: z.number().int().optional(),
  householdsPresent: z.number().int().optional(),
  minutesRef: z.string(),
  proposalVersion: z.number().int(),
  /** The county rule it failed, e.g. majorMatterDecision.partyMeetingQuorum. */
  rule: z.string(),
  /** The quorum applied, in words (which figures, how many were needed). */
  reckoning: z.string(),
  at: z.string(),
});
export type FailedQuorum = z.infer<typeof failedQuorumSchema>;

export type DisclosureKind = 'RESOLUTION' | 'RESULT';
const disclosureSchema = z.object({
  kind: z.enum(['RESOLUTION', 'RESULT']),
  startsAt: z.string(),
  endsAt: z.string(),
  heldOpen: z.boolean(),
  closedAt: z.string().optional(),
});
export type Disclosure = z.infer<typeof disclosureSchema>;

/** Anyone's objection is public by its text and answer; who objected stays in the record, off the board. */
const recordedObjectionSchema = z.object({
  seq: z.number().int(),
  text: z.string(),
  /** The disclosure it was made in (its position in `disclosures`, from 1). */
  disclosure: z.number().int(),
  at: z.string(),
  personId: z.string(),
  answer: z.object({ objectionSeq: z.number().int(), upheld: z.boolean(), answer: z.string(), at: z.string() }).optional(),
});
export type RecordedObjection = z.infer<typeof recordedObjectionSchema>;

const recordedConcernSchema = z.object({
  seq: z.number().int(),
  text: z.string(),
  step: z.string(),
  at: z.string(),
  personId: z.string(),
  answer: z.object({ answer: z.string(), at: z.string(), personId: z.string() }).optional(),
});
export type RecordedConcern = z.infer<typeof recordedConcernSchema>;

/** Why the matter went back to propose (failed vote, upheld objection, town's order), shown at propose. */
const returnSchema = z.object({ from: z.string(), reasons: z.string(), at: z.string() });
export type Return = z.infer<typeof returnSchema>;

export const detailsSchema = z
  .object({
    townId: z.string(),
    suggestion: z.object({
      title: z.string(),
      description: z.string(),
      reason: z.string(),
      kind,
      estimatedAmount: z.number(),
      protectIdentity: z.boolean().optional(),
      at: z.string(),
      raisedOn: z.string().optional().meta({ description: 'The day it was first raised on paper, when earlier than its entry (`at`)' }),
    }),
    origin: originSchema.optional().meta({
      description: "The process whose step started this matter (a bidding award: the winning village's use of the funds); absent when a person suggested it",
    }),
    proposal: z.array(revisionSchema),
    meetings: z.array(heldMeetingSchema),
    failedQuorums: z
      .array(failedQuorumSchema)
      .optional()
      .meta({ description: 'Meetings that failed their quorum: date, figures and the rule failed (the step was refused, the meeting is on record)' }),
    disclosures: z.array(disclosureSchema),
    objections: z.array(recordedObjectionSchema),
    concerns: z.array(recordedConcernSchema),
    returns: z.array(returnSchema),
    progress: z.array(z.object({ text: z.string(), completed: z.boolean(), evidenceRefs: z.array(z.string()), at: z.string(), personId: z.string() })),
    acceptance: z
      .discriminatedUnion('decision', [
        z.object({ decision: z.literal('ACCEPT'), reportRef: z.string(), comment: z.string().optional(), at: z.string() }),
        z.object({ decision: z.literal('REWORK'), reasons: z.string(), at: z.string() }),
      ])
      .optional(),
    townOrders: z.array(z.object({ order: z.enum(['CORRECT', 'QUASH']), reasons: z.string(), at: z.string() })),
    next: z.object({ what: z.string(), dueAt: z.string().optional() }).optional().meta({ description: 'The next meeting (or step) and its due date' }),
  })
  .meta({ id: 'MajorMatterDetails' });

const village = (view: { villageId?: string }) => view.villageId!;
const RUNNING_STEPS = STEPS.filter((s) => s !== 'CLOSED');

export const majorMatterContract = defineContract(
  {
    processType: MAJOR_MATTER_PROCESS,
    rules: { majorMatterDecision: MAJOR_MATTER_RULES },
    name: 'MajorMatter',
    steps: STEPS,
    details: detailsSchema,
    // What a matter is about, its estimated amount (yuan), and an unanswered supervisory concern.
    searchAttributes: {
      matterKind: defineSearchAttributeKey('CunwuMatterKind', SearchAttributeType.KEYWORD),
      amount: defineSearchAttributeKey('CunwuAmount', SearchAttributeType.INT),
      openConcern: defineSearchAttributeKey('CunwuOpenConcern', SearchAttributeType.BOOL),
    },
  },
  // The keys are the Update names of the recorded histories: never renamed.
  (action) => ({
    propose: action(proposalSchema, {
      path: 'proposal',
      summary: 'The village party organisation takes the suggestion up as a proposal (提议), revises it after a return, or declines it',
      doing: 'Taking up a proposal',
      at: ['PROPOSE'],
      by: (_d, _b, view) => [{ role: 'VILLAGE_SECRETARY', org: village(view) }],
    }),
    deliberate: action(jointMeetingSchema, {
      path: 'joint-meeting',
      summary: 'The joint meeting (村务联席会议, 商议): its record; it may amend the proposal',
      doing: 'Recording a 村务联席会议 joint meeting',
      at: ['DELIBERATE'],
      by: (_d, _b, view) => [{ role: 'VILLAGE_SECRETARY', org: village(view) }],
    }),
    review: action(meetingRecordSchema, {
      path: 'party-members-meeting',
      summary: "The party members' meeting (党员大会, 审议): its record",
      doing: "Recording a 党员大会 party members' meeting",
      at: ['REVIEW'],
      by: (_d, _b, view) => [{ role: 'VILLAGE_SECRETARY', org: village(view) }],
    }),
    resolve: action(resolutionMeetingSchema, {
      path: 'resolution-meeting',
      summary: "The representatives' or villagers' meeting (决议): its record",
      doing: 'Recording a resolution meeting',
      at: ['RESOLVE'],
      by: (_d, _b, view) => [
        { role: 'VILLAGE_SECRETARY', org: village(view) },
        { role: 'VILLAGE_CADRE', org: village(view) },
      ],
    }),
    object: action(objectionSchema, {
      path: 'objections',
      summary: 'A party member or villager of the village objects during a disclosure (异议)',
      doing: 'An objection',
      at: DISCLOSURE_STEPS,
      by: (_d, _b, view) => [
        { role: 'PARTY_MEMBER', org: village(view) },
        { role: 'VILLAGER', org: village(view) },
      ],
    }),
    answerObjection: action(objectionAnswerSchema, {
      path: 'objection-answers',
      summary: 'The village answers an objection; an upheld one sends the matter back',
      doing: 'Answering an objection',
      at: DISCLOSURE_STEPS,
      by: (_d, _b, view) => [{ role: 'VILLAGE_SECRETARY', org: village(view) }],
    }),
    townOrder: action(townOrderSchema, {
      path: 'town-orders',
      summary: 'The town orders an unlawful resolution corrected, or quashes it',
      doing: "The town's order on a resolution",
      at: ['RESOLUTION_DISCLOSURE', 'IMPLEMENTATION'],
      by: (d) => [{ role: 'TOWN_REVIEWER', org: d.townId }],
    }),
    progress: action(progressSchema, {
      path: 'progress',
      summary: 'Implementation progress, and completion',
      doing: 'A progress record',
      at: ['IMPLEMENTATION'],
      by: (_d, _b, view) => [
        { role: 'VILLAGE_SECRETARY', org: village(view) },
        { role: 'VILLAGE_CADRE', org: village(view) },
      ],
    }),
    accept: action(acceptanceSchema, {
      path: 'acceptance',
      summary: 'The supervisory committee accepts the work (验收), or returns it for rework',
      doing: 'Acceptance (验收)',
      at: ['ACCEPTANCE'],
      by: (_d, _b, view) => [{ role: 'SUPERVISOR', org: village(view) }],
    }),
    concern: action(concernSchema, {
      path: 'concerns',
      summary: 'The supervisory committee records a concern at any step',
      doing: 'A supervisory concern',
      at: RUNNING_STEPS,
      by: (_d, _b, view) => [{ role: 'SUPERVISOR', org: village(view) }],
    }),
    answerConcern: action(concernAnswerSchema, {
      path: 'concern-answers',
      summary: 'The village answers a supervisory concern on the record',
      doing: 'Answering a supervisory concern',
      at: RUNNING_STEPS,
      by: (_d, _b, view) => [{ role: 'VILLAGE_SECRETARY', org: village(view) }],
    }),
  }),
);

export type MajorMatterDetails = DetailsOf<typeof majorMatterContract>;
export type MajorMatterView = ViewOf<typeof majorMatterContract>;

export type MajorMatterStart = ContinuableStart<MajorMatterView> & {
  countyId: string;
  townId: string;
  villageId: string;
  suggestedBy: { actor: Actor; as: ActedAs };
  suggestion: Suggestion;
  /** Absent when a person suggested it; the process whose step started it otherwise. */
  origin?: MatterOrigin;
  /** The county rules in force at the start, kept for the matter's whole life. */
  rules: PinnedRules;
  /** Tests and demos only: periods shortened for this instance (refused in production). */
  periods?: PeriodOverrides;
};

export function majorMatterWorkflowId(villageId: string, requestId: string): string {
  return `matter-${villageId}--${requestId}`;
}

/** The village a matter's id names (what comes before its first double dash), or undefined when the id is not a matter's. */
export function villageOfMatter(workflowId: string): string | undefined {
  const end = workflowId.indexOf('--');
  return workflowId.startsWith('matter-') && end > 'matter-'.length && end < workflowId.length - 2 ? workflowId.slice('matter-'.length, end) : undefined;
}

/** The static summary an operator sees in the Temporal UI. */
export function majorMatterSummary(start: MajorMatterStart): string {
  const { suggestion } = start;
  return forOperators(`五议两公开 Major matter · ${suggestion.title} · ${start.villageId} · ${suggestion.kind} · ¥${suggestion.estimatedAmount}`);
}
