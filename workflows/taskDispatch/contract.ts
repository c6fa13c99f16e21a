// The dispatch process's contract (派单—审核—接单—办理—验收, docs/processes.md §2): the dispatch
// (`taskDispatch`) and its per-village child (`villageTask`), each with its steps, its messages as zod
// schemas (the types below are inferred from them) and its actions — each an Update named as in the
// recorded histories, its REST path, the steps it is taken at and who takes it. Bundle-safe: read by
// the workflows, the API (processes/taskDispatch) and the tests. The signals between the two, the
// screening's Update and the ids stay plain definitions.
import { forOperators } from '../common/details';
import { defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import type { ActedAs, Actor } from '../common/actor';
import { defineContract, type DetailsOf, type ViewOf } from '../common/contract';
import { by, STATUSES } from '../common/view-schema';
import type { ContinuableStart, ProcessStatus, StepAnswer, Withdrawal } from '../common/view';
import type { PeriodOverrides } from '../rules/checks';
import type { PinnedRules } from '../rules/definitions';
import type { AdmissionApplication, AdmissionView } from '../itemAdmission/contract';
import { DISPATCH_RULES } from './rule-section';

export const DISPATCH_PROCESS = 'taskDispatch';
export const VILLAGE_TASK_PROCESS = 'villageTask';

const instant = z.iso.datetime({ offset: true });

/** What a dispatcher sends down (docs/processes.md §2.1), as a request gives it. */
export const contentBodySchema = z
  .object({
    title: z.string().min(2).max(200),
    screeningCode: z
      .string()
      .regex(/^[A-Z0-9-]{3,40}$/, 'upper-case letters, digits and dashes')
      .optional(),
    villageIds: z
      .array(z.string().min(1))
      .min(1)
      .max(100)
      .meta({ example: ['xingcun.qiaotou.dongshan'] }),
    requirements: z.string().min(2),
    deliverables: z.array(z.string().min(1)).max(50),
    acceptanceCriteria: z.string(),
    deadline: instant,
    supportingOrgIds: z.array(z.string().min(1)).max(20).default([]),
    majorMatter: z.boolean().default(false),
  })
  .meta({ id: 'DispatchContent' });

/** What a dispatcher sends down, as the process keeps it. */
const contentSchema = z.object({
  title: z.string(),
  screeningCode: z.string().optional(),
  villageIds: z.array(z.string()),
  requirements: z.string(),
  deliverables: z.array(z.string()),
  acceptanceCriteria: z.string(),
  deadline: z.string(),
  supportingOrgIds: z.array(z.string()),
  majorMatter: z.boolean(),
});
export type DispatchContent = z.infer<typeof contentSchema>;

/** The admission application out-of-list work needs (the rest of it comes from the dispatch). */
export const outOfListAdmissionSchema = z
  .object({
    kind: z.enum(['DUTY', 'ASSIST']),
    whyVillages: z.string().min(2),
    legalBasis: z.string().min(2),
    expectedLoad: z.string().min(2),
    durationMonths: z.number().int().min(1).max(120),
    subItems: z.array(z.string().min(1)).max(50).default([]),
  })
  .meta({ id: 'OutOfListAdmission' });

export type OutOfListAdmission = Omit<AdmissionApplication, 'title' | 'proposedCode' | 'scope' | 'taskRef'>;

export interface DispatchStart extends ContinuableStart<DispatchView> {
  countyId: string;
  townId: string;
  dispatcherOrgId: string;
  coordinationOfficeId: string;
  dispatcher: Actor;
  content: DispatchContent;
  /** For work outside the catalogue: the application the coordination office decides on first. */
  admission?: OutOfListAdmission;
  /** The county rules in force at the start, kept for the process's whole life. */
  rules: PinnedRules;
  /** Tests and demos only: periods shortened for this instance (refused in production). */
  periods?: PeriodOverrides;
  /** Tests and demos only: fewer rework rounds than the rule allows (refused in production). */
  maxReworkRounds?: number;
}

export const UNCLEAR_REASONS = ['NO_DELIVERABLES', 'NO_ACCEPTANCE_CRITERIA', 'DEADLINE_TOO_CLOSE'] as const;
export type UnclearReason = (typeof UNCLEAR_REASONS)[number];

const screeningSchema = z.object({
  catalogue: z.enum(['IN_CATALOGUE', 'NEGATIVE_LIST', 'UNKNOWN', 'ADMITTED_ONCE', 'NO_CODE']),
  /** The catalogue version in force when screened. */
  catalogueVersionId: z.string().optional(),
  matchedName: z.string().optional(),
  duplicates: z.array(z.object({ villageId: z.string(), workflowId: z.string() })),
  unclear: z.array(z.enum(UNCLEAR_REASONS)),
});
export type DispatchScreening = z.infer<typeof screeningSchema>;

// ---- the dispatch's actions' bodies ----

const reviewFields = {
  APPROVE: { decision: z.literal('APPROVE'), comment: z.string().optional() },
  RETURN: { decision: z.literal('RETURN'), reasons: z.string() },
  REJECT: { decision: z.literal('REJECT'), grounds: z.enum(['OUT_OF_LIST', 'UNCLEAR', 'DUPLICATE', 'OTHER']), reasons: z.string() },
};
export const reviewSchema = z
  .discriminatedUnion('decision', [z.object(reviewFields.APPROVE), z.object(reviewFields.RETURN), z.object(reviewFields.REJECT)])
  .meta({ id: 'DispatchReview' });
export const collectiveDecisionSchema = z
  .object({ meetingDate: z.iso.date(), minutesRef: z.string(), approved: z.boolean(), note: z.string().optional() })
  .meta({ id: 'CollectiveDecision' });
export const withdrawalSchema = z.object({ reason: z.string() }).meta({ id: 'DispatchWithdrawal' });
/**
 * A revision changes everything but the villages (a dispatch to other villages is a new dispatch);
 * it may add the admission application that out-of-list work needs.
 */
export const revisionSchema = contentBodySchema
  .omit({ villageIds: true })
  .extend({ admission: outOfListAdmissionSchema.optional().meta({ description: 'For out-of-list work returned for want of admission' }) })
  .strict()
  .meta({ id: 'DispatchRevision' });

export type ReviewDecision = z.infer<typeof reviewSchema>;
export type CollectiveDecision = z.infer<typeof collectiveDecisionSchema>;
export type DispatchRevision = z.infer<typeof revisionSchema>;

export type { Withdrawal };

/** Sent by a village task to its dispatch; the dispatch takes it only from its own village task (workflow id and village match). */
const villageProgressSchema = z.object({ villageId: z.string(), workflowId: z.string(), step: z.string(), status: z.enum(STATUSES), overdue: z.boolean() });
export type VillageProgress = z.infer<typeof villageProgressSchema> & { status: ProcessStatus };

export const dispatchDetailsSchema = z
  .object({
    townId: z.string(),
    dispatcherOrgId: z.string(),
    content: contentSchema,
    screening: screeningSchema.optional(),
    /** The once-only admission asked for this task, and the code it admitted. */
    admission: z.object({ workflowId: z.string(), code: z.string(), outcome: z.string().optional() }).optional(),
    reviewDueAt: z.string().optional(),
    reviews: z.array(
      z.discriminatedUnion('decision', [
        z.object({ ...reviewFields.APPROVE, ...by }),
        z.object({ ...reviewFields.RETURN, ...by }),
        z.object({ ...reviewFields.REJECT, ...by }),
      ]),
    ),
    collectiveDecision: z.object({ meetingDate: z.string(), minutesRef: z.string(), approved: z.boolean(), note: z.string().optional() }).optional(),
    villages: z.array(villageProgressSchema),
  })
  .meta({ id: 'DispatchDetails' });

export const DISPATCH_STEPS = ['SCREENING', 'AWAITING_ADMISSION', 'REVIEW', 'REVISION', 'COLLECTIVE_DECISION', 'IN_VILLAGES', 'CLOSED'] as const;
export type DispatchStep = (typeof DISPATCH_STEPS)[number];

export const taskDispatchContract = defineContract(
  { processType: DISPATCH_PROCESS, steps: DISPATCH_STEPS, details: dispatchDetailsSchema, name: 'Dispatch', rules: { dispatch: DISPATCH_RULES } },
  // The keys are the Update names of the recorded histories: never renamed.
  (action) => ({
    revise: action(revisionSchema, {
      path: 'revise',
      summary: 'The dispatcher revises a returned dispatch (screening runs again); the villages stay',
      doing: 'Revising a dispatch',
      at: ['REVISION'],
      by: (d) => [{ role: 'DISPATCHER', org: d.dispatcherOrgId }],
    }),
    review: action(reviewSchema, {
      path: 'review',
      summary: 'The town reviewer approves, returns for revision, or rejects',
      doing: 'Review of a dispatch',
      at: ['REVIEW'],
      by: (d) => [{ role: 'TOWN_REVIEWER', org: d.townId }],
    }),
    collectiveDecision: action(collectiveDecisionSchema, {
      path: 'collective-decision',
      summary: "A major matter: the town meeting's decision",
      doing: 'Recording the collective decision',
      at: ['COLLECTIVE_DECISION'],
      by: (d) => [{ role: 'TOWN_REVIEWER', org: d.townId }],
    }),
    // At AWAITING_ADMISSION too, so the dispatcher hears how to withdraw it then (the own rule refuses, saying so).
    withdraw: action(withdrawalSchema, {
      path: 'withdraw',
      summary: 'The dispatcher withdraws before any village received it',
      doing: 'Withdrawing a dispatch',
      at: ['AWAITING_ADMISSION', 'REVIEW', 'REVISION', 'COLLECTIVE_DECISION', 'IN_VILLAGES'],
      by: (d) => [{ role: 'DISPATCHER', org: d.dispatcherOrgId }],
    }),
  }),
);

export type DispatchDetails = DetailsOf<typeof taskDispatchContract>;
export type DispatchView = ViewOf<typeof taskDispatchContract>;

export const getDispatch = taskDispatchContract.query;
/** Not a step: answers with the state once screening is over, so a submission can answer with its screening. */
export const awaitScreening = defineUpdate<DispatchView, []>('awaitScreening');
export const reviseDispatch = taskDispatchContract.actions.revise.update;
export const reviewDispatch = taskDispatchContract.actions.review.update;
export const recordCollectiveDecision = taskDispatchContract.actions.collectiveDecision.update;
export const withdrawDispatch = taskDispatchContract.actions.withdraw.update;
export const villageProgressed = defineSignal<[VillageProgress]>('villageProgressed');
/**
 * Sent by a dispatch whose screening found this one claiming the same code for some of the same
 * villages (a duplicate both ways): taken only if that dispatch's claim is really there.
 */
export interface DuplicateReport {
  dispatchWorkflowId: string;
  countyId: string;
  screeningCode: string;
  villageIds: string[];
}
export const duplicateReported = defineSignal<[DuplicateReport]>('duplicateReported');

// ---- one village's task (a child of the dispatch) ----

const staffSchema = z.object({ personId: z.string(), name: z.string(), role: z.enum(['VILLAGE_CADRE', 'GRID_MEMBER']), orgId: z.string() });
export type StaffMember = z.infer<typeof staffSchema>;

export interface VillageTaskStart extends ContinuableStart<VillageTaskView> {
  dispatchWorkflowId: string;
  countyId: string;
  townId: string;
  villageId: string;
  dispatcherOrgId: string;
  content: DispatchContent;
  /** The dispatch's pinned rules: a village task runs under the rules its dispatch started with. */
  rules: PinnedRules;
  periods?: PeriodOverrides;
  maxReworkRounds: number;
}

// ---- the village task's actions' bodies ----

export const assignmentSchema = z.object({ personIds: z.array(z.string().min(1)).max(50), note: z.string().optional() }).meta({ id: 'Assignment' });
export const progressReportSchema = z
  .object({ items: z.array(z.object({ text: z.string().min(1), done: z.boolean() })).max(100), note: z.string().optional() })
  .meta({ id: 'ProgressReport' });
export const completionSchema = z.object({ summary: z.string(), evidenceRefs: z.array(z.string().min(1)).max(50).default([]) }).meta({ id: 'Completion' });
export const acceptanceSchema = z
  .discriminatedUnion('decision', [
    z.object({ decision: z.literal('ACCEPT'), comment: z.string().optional() }),
    z.object({ decision: z.literal('REWORK'), reasons: z.string(), newDeadline: instant }),
  ])
  .meta({ id: 'AcceptanceDecision' });

export type Assignment = z.infer<typeof assignmentSchema>;
export type ProgressReport = z.infer<typeof progressReportSchema>;
export type Completion = z.infer<typeof completionSchema>;
export type AcceptanceDecision = z.infer<typeof acceptanceSchema>;

export const villageTaskDetailsSchema = z
  .object({
    dispatchWorkflowId: z.string(),
    townId: z.string(),
    dispatcherOrgId: z.string(),
    content: contentSchema,
    deadline: z.string(),
    staff: z.array(staffSchema),
    assignees: z.array(staffSchema),
    reports: z.array(
      z.object({ items: z.array(z.object({ text: z.string(), done: z.boolean() })), note: z.string().optional(), weekDueAt: z.string(), ...by }),
    ),
    nextReportDueAt: z.string().optional(),
    missedReports: z.array(z.string()),
    reminded: z.boolean(),
    completions: z.array(z.object({ summary: z.string(), evidenceRefs: z.array(z.string()), ...by })),
    reworkRounds: z.number().int(),
    escalated: z.boolean(),
  })
  .meta({ id: 'VillageTaskDetails' });

export const VILLAGE_TASK_STEPS = ['RECEIVE', 'ASSIGN', 'IN_PROGRESS', 'ACCEPTANCE', 'CLOSED'] as const;
export type VillageTaskStep = (typeof VILLAGE_TASK_STEPS)[number];

/** The secretary of the task's village, and the people it is assigned to. */
const workers = (d: z.infer<typeof villageTaskDetailsSchema>, village: string | undefined) => [
  { role: 'VILLAGE_SECRETARY' as const, org: village! },
  ...d.assignees.map((a) => ({ person: a.personId, name: a.name })),
];

export const villageTaskContract = defineContract(
  { processType: VILLAGE_TASK_PROCESS, steps: VILLAGE_TASK_STEPS, details: villageTaskDetailsSchema, rules: { dispatch: DISPATCH_RULES } },
  // The keys are the Update names of the recorded histories: never renamed.
  (action) => ({
    receive: action(undefined, {
      path: 'receive',
      summary: 'The village secretary receives the task (接单)',
      doing: 'Receiving a task',
      at: ['RECEIVE'],
      by: (_d, _b, view) => [{ role: 'VILLAGE_SECRETARY', org: view.villageId! }],
    }),
    assign: action(assignmentSchema, {
      path: 'assign',
      summary: 'The secretary assigns cadres or grid members of the village',
      doing: 'Assigning a task',
      at: ['ASSIGN', 'IN_PROGRESS'],
      by: (_d, _b, view) => [{ role: 'VILLAGE_SECRETARY', org: view.villageId! }],
    }),
    reportProgress: action(progressReportSchema, {
      path: 'progress-reports',
      summary: "The week's itemised progress report (周五条目式汇报)",
      doing: 'A progress report',
      at: ['IN_PROGRESS'],
      by: (d, _b, view) => workers(d, view.villageId),
    }),
    complete: action(completionSchema, {
      path: 'complete',
      summary: 'What was done, with evidence references',
      doing: 'Completing a task',
      at: ['IN_PROGRESS'],
      by: (d, _b, view) => workers(d, view.villageId),
    }),
    accept: action(acceptanceSchema, {
      path: 'acceptance',
      summary: 'Accept, or return for rework with reasons and a new deadline (验收)',
      doing: 'Acceptance',
      at: ['ACCEPTANCE'],
      // The dispatcher's organisation, or the town reviewer once rework is escalated.
      by: (d) => [d.escalated ? { role: 'TOWN_REVIEWER', org: d.townId } : { role: 'DISPATCHER', org: d.dispatcherOrgId }],
    }),
  }),
);

export type VillageTaskDetails = DetailsOf<typeof villageTaskContract>;
export type VillageTaskView = ViewOf<typeof villageTaskContract>;

export const getVillageTask = villageTaskContract.query;
/** Receipt takes no body: its Update carries the actor alone (as the recorded histories do). */
export const receiveTask = defineUpdate<StepAnswer, [Actor]>('receive');
export const assignTask = villageTaskContract.actions.assign.update;
export const reportProgress = villageTaskContract.actions.reportProgress.update;
export const completeTask = villageTaskContract.actions.complete.update;
export const acceptTask = villageTaskContract.actions.accept.update;
/** The dispatch's withdrawal, sent to its village tasks: who withdrew it, from which dispatch (a task takes it only from its own). */
export interface DispatchWithdrawal extends Withdrawal {
  dispatchWorkflowId?: string;
  by?: { actor: Actor; as: ActedAs };
}
export const dispatchWithdrawn = defineSignal<[DispatchWithdrawal]>('dispatchWithdrawn');

export type { AdmissionView };

export function dispatchWorkflowId(townId: string, requestId: string): string {
  return `dispatch-${townId}-${requestId}`;
}

export function villageTaskWorkflowId(dispatchId: string, villageId: string): string {
  return `${dispatchId}--${villageId}`;
}

export function dispatchSummary(start: DispatchStart): string {
  const code = start.content.screeningCode ?? '无编码 no code';
  return forOperators(
    `派单 Dispatch · ${start.content.title} (${code}) · ${start.townId} → ${start.content.villageIds.length} village(s) · due ${start.content.deadline}`,
  );
}

export function villageTaskSummary(start: VillageTaskStart): string {
  return forOperators(`村级任务 Village task · ${start.content.title} · ${start.villageId} · due ${start.content.deadline}`);
}
