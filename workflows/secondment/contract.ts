// The secondment process's contract (借调审批与清退, docs/processes.md §5): its steps, its messages as zod
// schemas (the types below are inferred from them), its actions — each an Update named as in the
// recorded histories, its REST path, the steps it is taken at and who takes it — and its search
// attribute. Bundle-safe: read by the workflow, the API (processes/secondment) and the tests.
import { forOperators } from '../common/details';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import type { Actor } from '../common/actor';
import { defineContract, type DetailsOf, type ViewOf } from '../common/contract';
import type { Role } from '../common/roles';
import { by } from '../common/view-schema';
import type { ContinuableStart } from '../common/view';
import type { PeriodOverrides } from '../rules/checks';
import type { PinnedRules } from '../rules/definitions';
import { SECONDMENT_RULES } from './rule-section';

export const PROCESS_TYPE = 'secondment';

export const STEPS = [
  'ELIGIBILITY',
  'CONSENT',
  'REVIEW',
  'APPROVAL',
  'REGISTRATION',
  'ACTIVE',
  'EXTENSION_REVIEW',
  'EXTENSION_APPROVAL',
  'CLAWBACK',
  'RETURN_CONFIRMATION',
  'CLOSED',
] as const;
export type SecondmentStep = (typeof STEPS)[number];

export const CADRE_CATEGORIES = ['ORDINARY_CADRE', 'PROBATIONARY_LEADER', 'LEADERSHIP_MEMBER', 'SELECTED_GRADUATE', 'NEW_RECRUIT'] as const;
export type CadreCategory = (typeof CADRE_CATEGORIES)[number];
export const SECONDMENT_REASONS = ['URGENT', 'SPECIAL_NEED'] as const;

const text = z.string().max(2000);

/** What the borrowing unit asks for (§5.1): the cadre, why, from when and for how many months. */
export const requestSchema = z.object({
  personId: z.string().min(1).max(120).meta({ example: 'p.qiaotou.dongshan.cadre1' }),
  reason: z.enum(SECONDMENT_REASONS),
  explanation: z.string().min(2).max(2000),
  /** The first day asked for (YYYY-MM-DD); the term runs from it, or from registration when that comes later. */
  start: z.iso.date(),
  months: z.number().int().min(1).max(36),
});
export type SecondmentRequest = z.infer<typeof requestSchema>;

/** An organisation as the rules read it: its id, kind and, for a village, its town. */
export const unitSchema = z.object({ id: z.string(), kind: z.string(), name: z.string(), townId: z.string().optional() });
export type Unit = z.infer<typeof unitSchema>;

// ---- the actions' bodies ----

export const consentSchema = z
  .object({ party: z.enum(['SOURCE_UNIT', 'CADRE']), consent: z.boolean(), comment: text.optional() })
  .strict()
  .meta({ id: 'SecondmentConsent' });
export const decisionSchema = z
  .object({ decision: z.enum(['APPROVE', 'REJECT']), comment: text.optional() })
  .strict()
  .meta({ id: 'SecondmentDecision' });
export const registrationSchema = z
  .object({ registrationRef: z.string().min(1).max(200) })
  .strict()
  .meta({ id: 'SecondmentRegistration' });
export const extensionSchema = z
  .object({ months: z.number().int().min(1).max(36), reason: z.string().min(1).max(2000) })
  .strict()
  .meta({ id: 'SecondmentExtension' });
export const confirmationSchema = z.object({ note: text.optional() }).strict().meta({ id: 'ReturnConfirmation' });
export const clawbackSchema = z
  .object({ grounds: z.enum(['UNAPPROVED', 'EXPIRED', 'INELIGIBLE']), reason: z.string().min(1).max(2000) })
  .strict()
  .meta({ id: 'SecondmentClawback' });

export const withdrawalSchema = z
  .object({ reason: z.string().min(1).max(2000) })
  .strict()
  .meta({ id: 'SecondmentWithdrawal' });

export type Consent = z.infer<typeof consentSchema>;
export type ConsentParty = Consent['party'];
export type Decision = z.infer<typeof decisionSchema>;
export type Registration = z.infer<typeof registrationSchema>;
export type ExtensionRequest = z.infer<typeof extensionSchema>;
export type ReturnConfirmation = z.infer<typeof confirmationSchema>;
export type Clawback = z.infer<typeof clawbackSchema>;
export type SecondmentWithdrawal = z.infer<typeof withdrawalSchema>;
export type ClawbackGrounds = Clawback['grounds'];

// ---- eligibility ----

const failureCode = z.enum([
  'NO_CADRE_RECORD',
  'BANNED_CATEGORY',
  'COOL_DOWN',
  'ALREADY_SECONDED',
  'TERM_TOO_LONG',
  'OVER_CAP',
  'OVER_QUOTA',
  'COUNTY_LEVEL_BORROWER',
  'OWN_UNIT',
]);
const eligibilitySchema = z.object({
  eligible: z.boolean(),
  failures: z
    .array(
      z.object({
        code: failureCode,
        rule: z.string().meta({ description: 'The rule it failed, e.g. secondment.coolDownMonths', example: 'secondment.coolDownMonths' }),
        reason: z.string(),
        zh: z.string().meta({ description: 'The reason in Chinese' }),
      }),
    )
    .meta({ description: 'Every reason the request cannot go ahead, not only the first' }),
  checkedAt: z.string(),
  /** The day the term would start, which every period rule is measured to (the later of the day asked and the check). */
  measuredTo: z.string().optional(),
});
export type Eligibility = z.infer<typeof eligibilitySchema>;
export type EligibilityFailure = Eligibility['failures'][number];

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

/** What the eligibility activity is asked. */
export interface FactsInput {
  countyId: string;
  personId: string;
  borrowingUnitId: string;
  /** This secondment: its own history row is not a past secondment. */
  workflowId: string;
}

/** The secondment's history row as it now stands (active, returned, clawed back). */
export interface SecondmentRecordInput {
  id: string;
  countyId: string;
  personId: string;
  sourceUnitId: string;
  borrowingUnitId: string;
  approved: boolean;
  status: 'ACTIVE' | 'RETURNED' | 'CLAWED_BACK';
  startedAt: string;
  endsAt: string;
  returnedAt?: string;
  clawbackReason?: string;
  clawedBackBy?: string;
}

/** The process's own activities, as the workflow calls them (activities/secondment.ts implements them). */
export type SecondmentActivities = {
  secondmentFacts: (input: FactsInput) => Promise<EligibilityFacts>;
  recordSecondment: (input: SecondmentRecordInput) => Promise<void>;
};

// ---- the start and the details ----

const stage = z.enum(['REQUEST', 'EXTENSION']);

/** The process's own start input; the kit's part (requester, pinned rules, periods, continuation) is `SecondmentStart`. */
export const startSchema = z.object({
  countyId: z.string(),
  origin: z.enum(['REQUEST', 'CENSUS']),
  cadre: z.object({ personId: z.string(), name: z.string() }),
  sourceUnit: unitSchema,
  borrowingUnit: unitSchema,
  /** Who reviews and registers, who approves, who claws back: the county's own organisations. */
  orgDepartmentId: z.string(),
  approverOrgId: z.string(),
  inspectorOrgId: z.string(),
  request: requestSchema,
  foundSince: z.string().optional().meta({ description: 'A census finding: since when the unapproved secondment has run' }),
  monthLasts: z.string().optional().meta({ description: 'Tests and demos only: how long a month of this term lasts' }),
});

export const detailsSchema = startSchema
  .omit({ countyId: true })
  .extend({
    cadre: z.object({ personId: z.string(), name: z.string(), category: z.enum(CADRE_CATEGORIES).optional() }),
    eligibility: eligibilitySchema.optional(),
    consentDueAt: z.string().optional(),
    consents: z.array(z.object({ ...consentSchema.shape, ...by })),
    reviews: z.array(z.object({ ...decisionSchema.shape, stage, ...by })),
    approvals: z.array(z.object({ ...decisionSchema.shape, stage, ...by })),
    registration: z.object({ ...registrationSchema.shape, ...by }).optional(),
    termStartedAt: z.string().optional(),
    /** Months of the term with every approved extension. */
    monthsApproved: z.number().int(),
    endsAt: z.string().optional(),
    extensions: z.array(
      z.object({ months: z.number().int(), reason: z.string(), askedAt: z.string(), status: z.enum(['PENDING', 'APPROVED', 'REJECTED', 'LAPSED']) }),
    ),
    returnedAt: z.string().optional(),
    returnDueAt: z.string().optional(),
    escalated: z.boolean(),
    returnConfirmed: z.object({ ...confirmationSchema.shape, ...by }).optional(),
    clawback: z.object({ ...clawbackSchema.shape, ...by }).optional(),
    /** How the process ended when it did not run its course. */
    ending: z.enum(['INELIGIBLE', 'CONSENT_REFUSED', 'LAPSED', 'REJECTED', 'WITHDRAWN', 'RETURNED', 'CLAWED_BACK']).optional(),
  })
  .meta({ id: 'SecondmentDetails' });

/** Who consents for the source unit: a town's deputy party secretary, a village's party secretary, else its dispatcher. */
export function sourceRole(unit: Pick<Unit, 'kind'>): Role {
  if (unit.kind === 'TOWN') return 'TOWN_REVIEWER';
  if (unit.kind === 'VILLAGE') return 'VILLAGE_SECRETARY';
  return 'DISPATCHER';
}

export const secondmentContract = defineContract(
  {
    processType: PROCESS_TYPE,
    rules: { secondment: SECONDMENT_RULES },
    steps: STEPS,
    details: detailsSchema,
    /** When a secondment's term ends (借调期满). */
    searchAttributes: { endsAt: defineSearchAttributeKey('CunwuSecondmentEndsAt', SearchAttributeType.DATETIME) },
  },
  // The keys are the Update names of the recorded histories: never renamed.
  (action) => ({
    consent: action(consentSchema, {
      path: 'consent',
      summary: 'The source unit, or the cadre, consents or refuses',
      doing: 'Consent',
      at: ['CONSENT'],
      by: (d, consent) =>
        consent.party === 'CADRE' ? [{ person: d.cadre.personId, name: d.cadre.name }] : [{ role: sourceRole(d.sourceUnit), org: d.sourceUnit.id }],
    }),
    review: action(decisionSchema, {
      path: 'review',
      summary: 'The organisation department reviews the request or an extension',
      doing: 'Review of a secondment',
      at: ['REVIEW', 'EXTENSION_REVIEW'],
      by: (d) => [{ role: 'ORG_DEPARTMENT', org: d.orgDepartmentId }],
    }),
    approve: action(decisionSchema, {
      path: 'approval',
      summary: 'The approving leader decides on the request or an extension',
      doing: 'Approval of a secondment',
      at: ['APPROVAL', 'EXTENSION_APPROVAL'],
      by: (d) => [{ role: 'APPROVER', org: d.approverOrgId }],
    }),
    register: action(registrationSchema, {
      path: 'registration',
      summary: 'The organisation department registers it (备案): then it is active',
      doing: 'Registration (备案) of a secondment',
      at: ['REGISTRATION'],
      by: (d) => [{ role: 'ORG_DEPARTMENT', org: d.orgDepartmentId }],
    }),
    requestExtension: action(extensionSchema, {
      path: 'extensions',
      summary: 'The borrowing unit asks for an extension, before the lead time and within the cap',
      doing: 'Asking for an extension',
      at: ['ACTIVE'],
      by: (d) => [{ role: 'DISPATCHER', org: d.borrowingUnit.id }],
    }),
    confirmReturn: action(confirmationSchema, {
      path: 'return-confirmation',
      summary: 'The source unit (or, once escalated, the organisation department) confirms the cadre is back',
      doing: 'Confirming the return',
      at: ['RETURN_CONFIRMATION'],
      by: (d) => [
        { role: sourceRole(d.sourceUnit), org: d.sourceUnit.id },
        ...(d.escalated ? [{ role: 'ORG_DEPARTMENT' as const, org: d.orgDepartmentId }] : []),
      ],
    }),
    withdraw: action(withdrawalSchema, {
      path: 'withdraw',
      summary: 'The borrowing unit that asked withdraws its request, with a reason, before the term starts',
      doing: 'Withdrawing a secondment request',
      at: ['CONSENT', 'REVIEW', 'APPROVAL', 'REGISTRATION'],
      by: (d) => [{ role: 'DISPATCHER', org: d.borrowingUnit.id }],
    }),
    clawback: action(clawbackSchema, {
      path: 'clawback',
      summary: 'An inspector claws back an unapproved, expired or ineligible secondment (清退)',
      doing: 'Clawback of a secondment',
      at: ['CONSENT', 'REVIEW', 'APPROVAL', 'REGISTRATION', 'ACTIVE', 'EXTENSION_REVIEW', 'EXTENSION_APPROVAL', 'CLAWBACK'],
      by: (d) => [{ role: 'INSPECTOR', org: d.inspectorOrgId }],
    }),
  }),
);

export type SecondmentDetails = DetailsOf<typeof secondmentContract>;
export type SecondmentView = ViewOf<typeof secondmentContract>;

export type SecondmentStart = z.infer<typeof startSchema> &
  ContinuableStart<SecondmentView> & {
    requester: Actor;
    /** The county rules in force at the start, kept for the process's whole life. */
    rules: PinnedRules;
    /** Tests and demos only: periods shortened for this instance (refused in production). */
    periods?: PeriodOverrides;
  };

/** The start answers once eligibility is checked (the first call of a request). */
export const awaitEligibility = defineUpdate<SecondmentView, []>('awaitEligibility');

export function secondmentWorkflowId(sourceUnitId: string, requestId: string): string {
  return `${PROCESS_TYPE}-${sourceUnitId}-${requestId}`;
}

/** The static summary an operator sees in the Temporal UI: the cadre and both units. */
export function secondmentSummary(start: SecondmentStart): string {
  const kind = start.origin === 'CENSUS' ? '摸底发现 census' : `${start.request.months} 个月 months`;
  return forOperators(`借调 Secondment · ${start.cadre.name} (${start.cadre.personId}) · ${start.sourceUnit.name} → ${start.borrowingUnit.name} · ${kind}`);
}
