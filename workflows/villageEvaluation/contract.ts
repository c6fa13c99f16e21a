// The quarterly evaluation's contract (一季一评比, docs/processes.md §7): its steps, its messages as zod
// schemas (the types below are inferred from them), its actions — each an Update named as in the
// recorded histories, its REST path, the steps it is taken at and who takes it — and its search
// attribute. Bundle-safe: read by the workflow, the API (processes/villageEvaluation) and the tests.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { z } from 'zod';
import type { Actor } from '../common/actor';
import { defineContract, type Party, type ViewOf } from '../common/contract';
import { forOperators } from '../common/details';
import { by } from '../common/view-schema';
import type { ContinuableStart } from '../common/view';
import type { PeriodOverrides } from '../rules/checks';
import type { PinnedRules } from '../rules/definitions';
import { VILLAGE_EVALUATION_RULES } from './rule-section';

export const PROCESS_TYPE = 'villageEvaluation';

export const STEPS = ['QUARTER', 'MARKING', 'EVALUATION', 'CONFIRMATION', 'PUBLIC_NOTICE', 'CLOSED'] as const;
export type EvaluationStep = (typeof STEPS)[number];

/** A quarter's name: `2027-Q1`. */
export const quarterSchema = z
  .string()
  .regex(/^\d{4}-Q[1-4]$/, 'a quarter: YYYY-Q1 to YYYY-Q4')
  .meta({ example: '2027-Q1' });

const text = z.string().min(1).max(2000);
const orgRef = z.object({ id: z.string(), name: z.string() });

/** One item of the quarter's list: a catalogue item, its weight this quarter, the department that marks it. */
export const listItemSchema = z.object({ code: z.string(), name: z.string(), weight: z.number().int().min(1).max(100), departmentId: z.string() });
export type ListItem = z.infer<typeof listItemSchema>;

/** What the processes already know of a village's quarter (the burden ledger): its village tasks. */
export const figuresSchema = z.object({
  villageId: z.string(),
  onTime: z.number().int().meta({ description: 'Village tasks done by their deadline in the quarter' }),
  overdue: z.number().int().meta({ description: 'Village tasks done late in the quarter, or still open past their deadline' }),
  reworked: z.number().int().meta({ description: 'Of those, tasks sent back for rework at least once' }),
});
export type VillageFigures = z.infer<typeof figuresSchema>;

// ---- the actions' bodies ----

/** A mark's widest bounds: the county's top mark (its rule) can never exceed this; within it, the rule decides. */
const mark = z.number().int().min(0).max(VILLAGE_EVALUATION_RULES.topMark.max);
/** The number of a dispute or an objection on the record. */
const seq = z.number().int().min(1).max(10_000);
export const markSchema = z.object({ villageId: z.string().min(1).max(120), code: z.string().min(1).max(40), mark, reason: text });
export const marksSchema = z
  .object({ marks: z.array(markSchema).min(1).max(200) })
  .strict()
  .meta({ id: 'EvaluationMarks' });
export const evaluationSchema = z.object({ comment: text.optional() }).strict().meta({ id: 'TownEvaluation' });
export const signatureSchema = z
  .object({ villageId: z.string().min(1).max(120).optional().meta({ description: "The village a secretary signs for; absent for the town's leader" }) })
  .strict()
  .meta({ id: 'EvaluationSignature' });
export const disputeSchema = z
  .object({ villageId: z.string().min(1).max(120), code: z.string().min(1).max(40), reason: text })
  .strict()
  .meta({ id: 'EvaluationDispute' });
export const disputeAnswerSchema = z
  .object({
    dispute: seq,
    answer: text,
    mark: mark.optional().meta({ description: 'The corrected mark, when the dispute is upheld' }),
  })
  .strict()
  .meta({ id: 'EvaluationDisputeAnswer' });
export const objectionSchema = z
  .object({ villageId: z.string().min(1).max(120), text })
  .strict()
  .meta({ id: 'EvaluationObjection' });
export const objectionAnswerSchema = z.object({ objection: seq, answer: text }).strict().meta({ id: 'EvaluationObjectionAnswer' });

export type Marks = z.infer<typeof marksSchema>;
export type Mark = z.infer<typeof markSchema>;
export type Signature = z.infer<typeof signatureSchema>;
export type Dispute = z.infer<typeof disputeSchema>;
export type DisputeAnswer = z.infer<typeof disputeAnswerSchema>;
export type Objection = z.infer<typeof objectionSchema>;
export type ObjectionAnswer = z.infer<typeof objectionAnswerSchema>;

const answerSchema = z.object({ answer: z.string(), ...by });

/** A village's place in the town's quarter: its weighted total (hundredths of a mark), rank, reward, warning. */
export const standingSchema = z.object({
  villageId: z.string(),
  total: z.number().int().meta({ description: 'Weighted total as a percentage of the top mark, in hundredths (8550 = 85.50%)' }),
  rank: z.number().int(),
  tieBroken: z.boolean().meta({ description: 'Its rank was decided by the tie-break (fewer overdue tasks)' }),
  reward: z.number().int().optional(),
  yellowCard: z.boolean(),
});
export type Standing = z.infer<typeof standingSchema>;

// ---- the start and the details ----

/** The process's own start input; the kit's part (requester, pinned rules, periods, continuation) is `EvaluationStart`. */
export const startSchema = z.object({
  countyId: z.string(),
  quarter: quarterSchema,
  town: orgRef,
  villages: z.array(orgRef).min(1),
  departments: z.array(orgRef).min(1),
  items: z.array(listItemSchema).min(1),
  previousListSize: z.number().int().optional().meta({ description: "Items of the town's list of the quarter before, when there was one" }),
  /** When each month of the quarter starts, and when the quarter ends (Beijing midnights). */
  monthStarts: z.array(z.string()).length(3),
  quarterEndsAt: z.string(),
});

export const detailsSchema = startSchema
  .omit({ countyId: true })
  .extend({
    remindedMonths: z.number().int(),
    figures: z.array(figuresSchema),
    markingDueAt: z.string().optional(),
    marks: z.array(z.object({ ...markSchema.shape, departmentId: z.string(), ...by })),
    evaluation: z.object({ comment: z.string().optional(), standings: z.array(standingSchema), ...by }).optional(),
    signatures: z.array(z.object({ orgId: z.string(), ...by })),
    disputes: z.array(
      z.object({ seq: z.number().int(), ...disputeSchema.shape, ...by, answer: answerSchema.extend({ mark: z.number().int().optional() }).optional() }),
    ),
    noticeEndsAt: z.string().optional(),
    objections: z.array(z.object({ seq: z.number().int(), ...objectionSchema.shape, ...by, answer: answerSchema.optional() })),
  })
  .meta({ id: 'EvaluationDetails' });

export type EvaluationDetails = z.infer<typeof detailsSchema>;

const townReviewer = (d: EvaluationDetails): Party[] => [{ role: 'TOWN_REVIEWER', org: d.town.id }];
/** The departments that mark the items a body names. */
const markers = (d: EvaluationDetails, marks: Mark[]): Party[] =>
  [...new Set(marks.map((m) => d.items.find((i) => i.code === m.code)?.departmentId).filter((id): id is string => id !== undefined))].map((org) => ({
    role: 'DISPATCHER',
    org,
  }));
/** Everyone of a listed village may object to the posted result. */
const villagePeople = (villageId: string): Party[] =>
  (['VILLAGE_SECRETARY', 'VILLAGE_CADRE', 'SUPERVISOR', 'PARTY_MEMBER', 'VILLAGER'] as const).map((role) => ({ role, org: villageId }));
const listed = (d: EvaluationDetails, villageId: string | undefined) => d.villages.some((v) => v.id === villageId);

export const evaluationContract = defineContract(
  {
    processType: PROCESS_TYPE,
    rules: { villageEvaluation: VILLAGE_EVALUATION_RULES },
    name: 'Evaluation',
    steps: STEPS,
    details: detailsSchema,
    /** Which quarter an evaluation is of (the town is the kit's attribute). */
    searchAttributes: { quarter: defineSearchAttributeKey('CunwuQuarter', SearchAttributeType.KEYWORD) },
  },
  // The keys are the Update names of the recorded histories: never renamed.
  (action) => ({
    mark: action(marksSchema, {
      path: 'marks',
      summary: 'A participating department marks villages on its own items of the list, each with a reason',
      doing: 'Marking villages',
      at: ['MARKING'],
      by: (d, body) => markers(d, body.marks),
    }),
    evaluate: action(evaluationSchema, {
      path: 'evaluation',
      summary: "The town's reviewer evaluates: weighted totals, ranking and ties by the rules",
      doing: 'Evaluating the quarter',
      at: ['EVALUATION'],
      by: townReviewer,
    }),
    sign: action(signatureSchema, {
      path: 'signatures',
      summary: "The town's responsible leader (分管领导), or a village's secretary, signs the result",
      doing: 'Signing the evaluation',
      at: ['CONFIRMATION'],
      by: (d, body) =>
        body.villageId === undefined
          ? [{ role: 'DISPATCHER', org: d.town.id }]
          : listed(d, body.villageId)
            ? [{ role: 'VILLAGE_SECRETARY', org: body.villageId }]
            : [],
    }),
    dispute: action(disputeSchema, {
      path: 'disputes',
      summary: "A village's secretary disputes a mark, with reasons",
      doing: 'Disputing a mark',
      at: ['CONFIRMATION'],
      by: (d, body) => (listed(d, body.villageId) ? [{ role: 'VILLAGE_SECRETARY', org: body.villageId }] : []),
    }),
    answerDispute: action(disputeAnswerSchema, {
      path: 'dispute-answers',
      summary: "The town's reviewer answers a dispute on the record (and corrects the mark when it is upheld)",
      doing: 'Answering a dispute',
      at: ['CONFIRMATION'],
      by: townReviewer,
    }),
    object: action(objectionSchema, {
      path: 'objections',
      summary: 'Someone of a listed village objects to the posted result',
      doing: 'Objecting to the evaluation',
      at: ['PUBLIC_NOTICE'],
      by: (d, body) => (listed(d, body.villageId) ? villagePeople(body.villageId) : []),
    }),
    answerObjection: action(objectionAnswerSchema, {
      path: 'objection-answers',
      summary: "The town's reviewer answers an objection on the record",
      doing: 'Answering an objection',
      at: ['PUBLIC_NOTICE'],
      by: townReviewer,
    }),
  }),
);

export type EvaluationView = ViewOf<typeof evaluationContract>;

export type EvaluationStart = z.infer<typeof startSchema> &
  ContinuableStart<EvaluationView> & {
    requester: Actor;
    /** The county rules in force at the start, kept for the process's whole life. */
    rules: PinnedRules;
    /** Tests and demos only: periods shortened for this instance (refused in production). */
    periods?: PeriodOverrides;
  };

/** What the figures activity is asked: the villages and the quarter's span. */
export interface FiguresInput {
  villageIds: string[];
  from: string;
  to: string;
}

/** The process's own activities, as the workflow calls them (activities/villageEvaluation.ts implements them). */
export type EvaluationActivities = {
  evaluationFigures: (input: FiguresInput) => Promise<VillageFigures[]>;
};

export function evaluationWorkflowId(townId: string, quarter: string): string {
  return `${PROCESS_TYPE}-${townId}-${quarter}`;
}

/** The static summary an operator sees in the Temporal UI: the town, the quarter, the list. */
export function evaluationSummary(start: EvaluationStart): string {
  return forOperators(
    `一季一评比 Quarterly evaluation · ${start.town.name} · ${start.quarter} · ${start.items.length} items · ${start.villages.length} villages`,
  );
}
