// The typed state of a projectBidding process (workflows/projectBidding/messages.ts), to the last field.
import { z } from 'zod';
import { TIE_BREAKS } from '../../workflows/projectBidding/messages';
import { processView } from '../views';

const by = { at: z.string(), personId: z.string() };
const scores = z.record(z.string(), z.number());

const sheet = z.object({ villageId: z.string(), scores, comment: z.string().optional(), ...by }).openapi('RecordedScoreSheet');
const ranked = z
  .object({ villageId: z.string(), rank: z.number().int(), total: z.number(), criterionMeans: scores, tieBrokenBy: z.enum(TIE_BREAKS).optional() })
  .openapi('RankedBid');

export const biddingDetailsSchema = z
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
    panel: z.array(z.object({ personId: z.string(), name: z.string(), villageIds: z.array(z.string()) })),
    townVillages: z.array(z.object({ villageId: z.string(), orgIds: z.array(z.string()) })),
    townOrgIds: z.array(z.string()),
    deadline: z.string(),
    extensions: z.number().int(),
    noBidChoiceDueAt: z.string().optional(),
    escalated: z.boolean(),
    bids: z.array(
      z.object({
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
      }),
    ),
    round: z.number().int(),
    conflicts: z.array(z.object({ personId: z.string(), villageId: z.string(), reason: z.string(), declared: z.boolean() })),
    sheets: z.array(sheet),
    results: z.array(z.object({ round: z.number().int(), ranking: z.array(ranked), sheets: z.array(sheet), closedAt: z.string() })),
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
    passedOver: z.array(z.string()),
    offeredTo: z.string().optional(),
    milestones: z.array(
      z.object({
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
      }),
    ),
    majorMatter: z
      .object({ required: z.boolean(), funds: z.number(), kind: z.string().optional(), threshold: z.number() })
      .optional()
      .openapi({ description: "Whether the winner's use of the funds is a major matter under the pinned majorMatterDecision rules (its kinds and amountThreshold)" }),
    majorMatterWorkflowId: z
      .string()
      .optional()
      .openapi({ description: "The 五议两公开 (majorMatterDecision) process started for the winning village's use of the funds, when a major matter (GET /major-matters/{id})" }),
  })
  .openapi('BiddingDetails');

export const biddingViewSchema = processView('projectBidding', biddingDetailsSchema).openapi('BiddingView');
