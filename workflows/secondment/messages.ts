// The secondment process's messages (借调审批与清退, docs/processes.md §5): one definition, used by the workflow and by the API.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../common/actor';
import { STATE_QUERY, type ContinuableStart, type ProcessView, type StepAnswer } from '../common/view';
import type { PeriodOverrides } from '../rules/checks';
import type { PinnedRules } from '../rules/definitions';

export const PROCESS_TYPE = 'secondment';

export const CADRE_CATEGORIES = ['ORDINARY_CADRE', 'PROBATIONARY_LEADER', 'LEADERSHIP_MEMBER', 'SELECTED_GRADUATE', 'NEW_RECRUIT'] as const;
export type CadreCategory = (typeof CADRE_CATEGORIES)[number];

export const SECONDMENT_REASONS = ['URGENT', 'SPECIAL_NEED'] as const;

/** What the borrowing unit asks for (§5.1): the cadre, why, from when and for how many months. */
export interface SecondmentRequest {
  personId: string;
  reason: (typeof SECONDMENT_REASONS)[number];
  explanation: string;
  /** The first day asked for (YYYY-MM-DD); the term runs from it, or from registration when that comes later. */
  start: string;
  months: number;
}

/** An organisation as the rules read it: its id, kind and, for a village, its town. */
export interface Unit {
  id: string;
  kind: string;
  name: string;
  townId?: string;
}

/** The cadre as the organisation data record them. */
export interface Cadre {
  personId: string;
  name: string;
  unitId: string;
  category: CadreCategory;
  since: string;
}

/** A secondment of the cadre's history (approved or found by a census). */
export interface PastSecondment {
  id: string;
  borrowingUnitId: string;
  status: 'ACTIVE' | 'RETURNED' | 'CLAWED_BACK';
  startedAt: string;
  endsAt: string;
  returnedAt?: string;
}

/** What eligibility is decided from, read from the database by an activity at the request. */
export interface EligibilityFacts {
  cadre?: Cadre;
  history: PastSecondment[];
  borrowingUnit: Unit;
  /** Cadres the borrowing unit holds on secondment now (other than this one). */
  borrowingUnitActive: number;
}

export interface EligibilityFailure {
  code: 'NO_CADRE_RECORD' | 'BANNED_CATEGORY' | 'COOL_DOWN' | 'ALREADY_SECONDED' | 'TERM_TOO_LONG' | 'OVER_CAP' | 'OVER_QUOTA' | 'COUNTY_LEVEL_BORROWER' | 'OWN_UNIT';
  reason: string;
}

export interface Eligibility {
  eligible: boolean;
  failures: EligibilityFailure[];
  checkedAt: string;
}

export interface SecondmentStart extends ContinuableStart<SecondmentView> {
  countyId: string;
  origin: 'REQUEST' | 'CENSUS';
  requester: Actor;
  cadre: { personId: string; name: string };
  sourceUnit: Unit;
  borrowingUnit: Unit;
  /** Who reviews and registers, who approves, who claws back: the county's own organisations. */
  orgDepartmentId: string;
  approverOrgId: string;
  inspectorOrgId: string;
  request: SecondmentRequest;
  /** A census: since when the unapproved secondment has run, as found. */
  foundSince?: string;
  rules: PinnedRules;
  /** Tests and demos only: periods shortened for this instance (refused in production). */
  periods?: PeriodOverrides;
  /** Tests and demos only: how long a month of this instance's term lasts, e.g. '5s' (refused in production). */
  monthLasts?: string;
}

export type ConsentParty = 'SOURCE_UNIT' | 'CADRE';
export interface Consent {
  party: ConsentParty;
  consent: boolean;
  comment?: string;
}

export interface Decision {
  decision: 'APPROVE' | 'REJECT';
  comment?: string;
}

export interface Registration {
  registrationRef: string;
}

export interface ExtensionRequest {
  months: number;
  reason: string;
}

export interface ReturnConfirmation {
  note?: string;
}

export type ClawbackGrounds = 'UNAPPROVED' | 'EXPIRED' | 'INELIGIBLE';
export interface Clawback {
  grounds: ClawbackGrounds;
  reason: string;
}

interface By {
  at: string;
  personId: string;
}

export interface Extension {
  months: number;
  reason: string;
  askedAt: string;
  status: 'PENDING' | 'APPROVED' | 'REJECTED' | 'LAPSED';
}

export interface SecondmentDetails {
  origin: 'REQUEST' | 'CENSUS';
  cadre: { personId: string; name: string; category?: CadreCategory };
  sourceUnit: Unit;
  borrowingUnit: Unit;
  orgDepartmentId: string;
  approverOrgId: string;
  inspectorOrgId: string;
  request: SecondmentRequest;
  /** A census finding: since when the unapproved secondment has run. */
  foundSince?: string;
  monthLasts?: string;
  eligibility?: Eligibility;
  consentDueAt?: string;
  consents: (Consent & By)[];
  reviews: (Decision & By & { stage: 'REQUEST' | 'EXTENSION' })[];
  approvals: (Decision & By & { stage: 'REQUEST' | 'EXTENSION' })[];
  registration?: Registration & By;
  termStartedAt?: string;
  /** Months of the term with every approved extension. */
  monthsApproved: number;
  endsAt?: string;
  extensions: Extension[];
  returnedAt?: string;
  returnDueAt?: string;
  escalated: boolean;
  returnConfirmed?: ReturnConfirmation & By;
  clawback?: Clawback & By;
  /** How the process ended when it did not run its course. */
  ending?: 'INELIGIBLE' | 'CONSENT_REFUSED' | 'LAPSED' | 'REJECTED' | 'RETURNED' | 'CLAWED_BACK';
}

export type SecondmentView = ProcessView<SecondmentDetails>;

export type SecondmentStep =
  | 'ELIGIBILITY'
  | 'CONSENT'
  | 'REVIEW'
  | 'APPROVAL'
  | 'REGISTRATION'
  | 'ACTIVE'
  | 'EXTENSION_REVIEW'
  | 'EXTENSION_APPROVAL'
  | 'CLAWBACK'
  | 'RETURN_CONFIRMATION'
  | 'CLOSED';

export const getSecondment = defineQuery<SecondmentView>(STATE_QUERY);
export const awaitEligibility = defineUpdate<SecondmentView, []>('awaitEligibility');
export const giveConsent = defineUpdate<StepAnswer, [Actor, Consent]>('consent');
export const reviewSecondment = defineUpdate<StepAnswer, [Actor, Decision]>('review');
export const approveSecondment = defineUpdate<StepAnswer, [Actor, Decision]>('approve');
export const registerSecondment = defineUpdate<StepAnswer, [Actor, Registration]>('register');
export const requestExtension = defineUpdate<StepAnswer, [Actor, ExtensionRequest]>('requestExtension');
export const confirmReturn = defineUpdate<StepAnswer, [Actor, ReturnConfirmation]>('confirmReturn');
export const clawBack = defineUpdate<StepAnswer, [Actor, Clawback]>('clawback');

export function secondmentWorkflowId(sourceUnitId: string, requestId: string): string {
  return `secondment-${sourceUnitId}-${requestId}`;
}

/** The static summary an operator sees in the Temporal UI: the cadre and both units. */
export function secondmentSummary(start: SecondmentStart): string {
  const kind = start.origin === 'CENSUS' ? '摸底发现 census' : `${start.request.months} 个月 months`;
  return `借调 Secondment · ${start.cadre.name} (${start.cadre.personId}) · ${start.sourceUnit.name} → ${start.borrowingUnit.name} · ${kind}`;
}
