// The itemAdmission process's messages: one definition, used by the workflow and by the API.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../common/actor';
import { STATE_QUERY, type ContinuableStart, type StepAnswer, type ProcessView, type Withdrawal } from '../common/view';
import type { PeriodOverrides } from '../rules/checks';
import type { PinnedRules } from '../rules/definitions';

export const PROCESS_TYPE = 'itemAdmission';

export type ItemKind = 'DUTY' | 'ASSIST';

/** What a department asks to put on villages (docs/processes.md §1.1). */
export interface AdmissionApplication {
  title: string;
  proposedCode: string;
  kind: ItemKind;
  whyVillages: string;
  legalBasis: string;
  expectedLoad: string;
  durationMonths: number;
  subItems: string[];
  /** CATALOGUE: a standing item; ONCE: let one out-of-list task through (taskRef names it). */
  scope: 'CATALOGUE' | 'ONCE';
  taskRef?: string;
}

export interface AdmissionStart extends ContinuableStart<AdmissionView> {
  countyId: string;
  departmentId: string;
  coordinationOfficeId: string;
  applicant: Actor;
  application: AdmissionApplication;
  /** The county rules in force at the start, kept for the process's whole life. */
  rules: PinnedRules;
  /** Tests and demos only: periods shortened for this instance (refused in production). */
  periods?: PeriodOverrides;
}

/** The answer to one of the three admission tests, always with its reason. */
export interface TestAnswer {
  met: boolean;
  reason: string;
}

export interface AdmissionReview {
  requiredByLaw: TestAnswer;
  customarilyNeedsVillage: TestAnswer;
  withinVillageCapacity: TestAnswer;
}

export interface ConsultationResponse {
  townId: string;
  objection: boolean;
  comment: string;
}

export type AdmissionOutcome = 'ADMIT_TO_CATALOGUE' | 'ADMIT_ONCE' | 'REFUSE';

export interface AdmissionDecision {
  outcome: AdmissionOutcome;
  reason: string;
  /** For ADMIT_TO_CATALOGUE: in force at once (a new published version) or in the next version's draft. */
  effect?: 'IMMEDIATE' | 'NEXT_VERSION';
  /** Required when a town objected and the item is admitted all the same. */
  responseToObjections?: string;
}

export type ScreeningResult = 'IN_CATALOGUE' | 'NEGATIVE_LIST' | 'UNKNOWN';

export interface Screening {
  result: ScreeningResult;
  catalogueVersionId?: string;
  matchedName?: string;
}

export interface Consultation {
  townIds: string[];
  deadline: string;
  responses: (ConsultationResponse & { at: string; personId: string })[];
  closedBy?: 'ALL_RESPONDED' | 'DEADLINE';
}

export interface AdmissionDetails {
  departmentId: string;
  coordinationOfficeId: string;
  application: AdmissionApplication;
  screening?: Screening;
  review?: AdmissionReview;
  consultation?: Consultation;
  decision?: AdmissionDecision & { catalogueVersionId?: string };
}

export type AdmissionView = ProcessView<AdmissionDetails>;

export type { Withdrawal };

export type AdmissionStep = 'SCREENING' | 'REVIEW' | 'CONSULTATION' | 'DECISION' | 'CLOSED';

export const getAdmission = defineQuery<AdmissionView>(STATE_QUERY);
export const reviewAdmission = defineUpdate<StepAnswer, [Actor, AdmissionReview]>('review');
export const respondToConsultation = defineUpdate<StepAnswer, [Actor, ConsultationResponse]>('respondToConsultation');
export const decideAdmission = defineUpdate<StepAnswer, [Actor, AdmissionDecision]>('decide');
export const withdrawAdmission = defineUpdate<StepAnswer, [Actor, Withdrawal]>('withdraw');

export function admissionWorkflowId(countyId: string, requestId: string): string {
  return `admission-${countyId}-${requestId}`;
}

/** The static summary an operator sees in the Temporal UI. */
export function admissionSummary(start: AdmissionStart): string {
  const scope = start.application.scope === 'ONCE' ? '一事一议 once' : '入清单 into catalogue';
  return `准入 Admission · ${start.application.title} (${start.application.proposedCode}) · ${scope} · from ${start.departmentId}`;
}
