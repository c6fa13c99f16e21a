// The taskDispatch process's messages (派单—审核—接单—办理—验收): the dispatch and its village tasks.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ActedAs, Actor } from '../common/actor';
import { STATE_QUERY, type ContinuableStart, type StepAnswer, type ProcessStatus, type ProcessView, type Withdrawal } from '../common/view';
import type { PeriodOverrides } from '../rules/checks';
import type { PinnedRules } from '../rules/definitions';
import type { AdmissionApplication, AdmissionView, Screening } from '../itemAdmission/contract';

export const DISPATCH_PROCESS = 'taskDispatch';
export const VILLAGE_TASK_PROCESS = 'villageTask';

/** What a dispatcher sends down (docs/processes.md §2.1). */
export interface DispatchContent {
  title: string;
  screeningCode?: string;
  villageIds: string[];
  requirements: string;
  deliverables: string[];
  acceptanceCriteria: string;
  deadline: string;
  supportingOrgIds: string[];
  majorMatter: boolean;
}

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

export type UnclearReason = 'NO_DELIVERABLES' | 'NO_ACCEPTANCE_CRITERIA' | 'DEADLINE_TOO_CLOSE';

export interface DispatchScreening {
  catalogue: Screening['result'] | 'ADMITTED_ONCE' | 'NO_CODE';
  /** The catalogue version in force when screened. */
  catalogueVersionId?: string;
  matchedName?: string;
  duplicates: { villageId: string; workflowId: string }[];
  unclear: UnclearReason[];
}

export type ReviewDecision =
  | { decision: 'APPROVE'; comment?: string }
  | { decision: 'RETURN'; reasons: string }
  | { decision: 'REJECT'; grounds: 'OUT_OF_LIST' | 'UNCLEAR' | 'DUPLICATE' | 'OTHER'; reasons: string };

export interface CollectiveDecision {
  meetingDate: string;
  minutesRef: string;
  approved: boolean;
  note?: string;
}

export type { Withdrawal };

/** Sent by a village task to its dispatch; the dispatch takes it only from its own village task (workflow id and village match). */
export interface VillageProgress {
  villageId: string;
  workflowId: string;
  step: string;
  status: ProcessStatus;
  overdue: boolean;
}

export interface DispatchDetails {
  townId: string;
  dispatcherOrgId: string;
  content: DispatchContent;
  screening?: DispatchScreening;
  /** The once-only admission asked for this task, and the code it admitted. */
  admission?: { workflowId: string; code: string; outcome?: string };
  reviewDueAt?: string;
  reviews: (ReviewDecision & { at: string; personId: string })[];
  collectiveDecision?: CollectiveDecision;
  villages: VillageProgress[];
}

export type DispatchView = ProcessView<DispatchDetails>;

export type DispatchStep = 'SCREENING' | 'AWAITING_ADMISSION' | 'REVIEW' | 'REVISION' | 'COLLECTIVE_DECISION' | 'IN_VILLAGES' | 'CLOSED';

export const getDispatch = defineQuery<DispatchView>(STATE_QUERY);
/** Not a step: answers with the state once screening is over, so a submission can answer with its screening. */
export const awaitScreening = defineUpdate<DispatchView, []>('awaitScreening');
/**
 * A revision changes everything but the villages (a dispatch to other villages is a new dispatch);
 * it may add the admission application that out-of-list work needs.
 */
export type DispatchRevision = Omit<DispatchContent, 'villageIds'> & { admission?: OutOfListAdmission };
export const reviseDispatch = defineUpdate<StepAnswer, [Actor, DispatchRevision]>('revise');
export const reviewDispatch = defineUpdate<StepAnswer, [Actor, ReviewDecision]>('review');
export const recordCollectiveDecision = defineUpdate<StepAnswer, [Actor, CollectiveDecision]>('collectiveDecision');
export const withdrawDispatch = defineUpdate<StepAnswer, [Actor, Withdrawal]>('withdraw');
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

export interface StaffMember {
  personId: string;
  name: string;
  role: 'VILLAGE_CADRE' | 'GRID_MEMBER';
  orgId: string;
}

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

export interface Assignment {
  personIds: string[];
  note?: string;
}

export interface ProgressReport {
  items: { text: string; done: boolean }[];
  note?: string;
}

export interface Completion {
  summary: string;
  evidenceRefs: string[];
}

export type AcceptanceDecision = { decision: 'ACCEPT'; comment?: string } | { decision: 'REWORK'; reasons: string; newDeadline: string };

export interface VillageTaskDetails {
  dispatchWorkflowId: string;
  townId: string;
  dispatcherOrgId: string;
  content: DispatchContent;
  deadline: string;
  staff: StaffMember[];
  assignees: StaffMember[];
  reports: (ProgressReport & { at: string; personId: string; weekDueAt: string })[];
  nextReportDueAt?: string;
  missedReports: string[];
  reminded: boolean;
  completions: (Completion & { at: string; personId: string })[];
  reworkRounds: number;
  escalated: boolean;
}

export type VillageTaskView = ProcessView<VillageTaskDetails>;

export type VillageTaskStep = 'RECEIVE' | 'ASSIGN' | 'IN_PROGRESS' | 'ACCEPTANCE' | 'CLOSED';

export const getVillageTask = defineQuery<VillageTaskView>(STATE_QUERY);
export const receiveTask = defineUpdate<StepAnswer, [Actor]>('receive');
export const assignTask = defineUpdate<StepAnswer, [Actor, Assignment]>('assign');
export const reportProgress = defineUpdate<StepAnswer, [Actor, ProgressReport]>('reportProgress');
export const completeTask = defineUpdate<StepAnswer, [Actor, Completion]>('complete');
export const acceptTask = defineUpdate<StepAnswer, [Actor, AcceptanceDecision]>('accept');
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
  return `派单 Dispatch · ${start.content.title} (${code}) · ${start.townId} → ${start.content.villageIds.length} village(s) · due ${start.content.deadline.slice(0, 10)}`;
}

export function villageTaskSummary(start: VillageTaskStart): string {
  return `村级任务 Village task · ${start.content.title} · ${start.villageId} · due ${start.content.deadline.slice(0, 10)}`;
}
