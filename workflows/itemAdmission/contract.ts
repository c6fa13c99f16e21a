// The itemAdmission process's contract (准入, docs/processes.md §1): its steps, its messages as zod schemas
// (the types below are inferred from them), its actions — each an Update named as in the recorded
// histories, its REST path, the steps it is taken at and who takes it. Bundle-safe.
import { forOperators } from '../common/details';
import { z } from 'zod';
import type { Actor } from '../common/actor';
import { defineContract, type DetailsOf, type ViewOf } from '../common/contract';
import { by } from '../common/view-schema';
import type { ContinuableStart, Withdrawal } from '../common/view';
import type { PeriodOverrides } from '../rules/checks';
import type { PinnedRules } from '../rules/definitions';
import { ADMISSION_RULES } from './rule-section';

export const PROCESS_TYPE = 'itemAdmission';
export const STEPS = ['SCREENING', 'REVIEW', 'CONSULTATION', 'DECISION', 'CLOSED'] as const;
export type AdmissionStep = (typeof STEPS)[number];

export const ITEM_KINDS = ['DUTY', 'ASSIST'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** What a department asks to put on villages (docs/processes.md §1, step 1). */
export const applicationSchema = z.object({
  title: z.string().min(2).max(200),
  proposedCode: z.string().regex(/^[A-Z0-9-]{3,40}$/, 'upper-case letters, digits and dashes'),
  kind: z.enum(ITEM_KINDS),
  whyVillages: z.string().min(2),
  legalBasis: z.string().min(2),
  expectedLoad: z.string().min(2),
  durationMonths: z.number().int().min(1).max(120),
  subItems: z.array(z.string().min(1)).max(50),
  /** CATALOGUE: a standing item; ONCE: let one out-of-list task through (taskRef names it). */
  scope: z.enum(['CATALOGUE', 'ONCE']),
  taskRef: z.string().optional(),
});
export type AdmissionApplication = z.infer<typeof applicationSchema>;

export const screeningSchema = z.object({
  result: z.enum(['IN_CATALOGUE', 'NEGATIVE_LIST', 'UNKNOWN']),
  catalogueVersionId: z.string().optional(),
  matchedName: z.string().optional(),
});
export type Screening = z.infer<typeof screeningSchema>;
export type ScreeningResult = Screening['result'];

// ---- the actions' bodies ----

/** The answer to one of the three admission tests, always with its reason. */
const testAnswer = z.object({ met: z.boolean(), reason: z.string() });
export type TestAnswer = z.infer<typeof testAnswer>;
export const reviewSchema = z
  .object({ requiredByLaw: testAnswer, customarilyNeedsVillage: testAnswer, withinVillageCapacity: testAnswer })
  .meta({ id: 'AdmissionReview' });
export const consultationResponseSchema = z
  .object({ townId: z.string().min(1), objection: z.boolean(), comment: z.string().default('') })
  .meta({ id: 'ConsultationResponse' });
export const decisionSchema = z
  .object({
    outcome: z.enum(['ADMIT_TO_CATALOGUE', 'ADMIT_ONCE', 'REFUSE']),
    reason: z.string(),
    /** For ADMIT_TO_CATALOGUE: in force at once (a new published version) or in the next version's draft. */
    effect: z.enum(['IMMEDIATE', 'NEXT_VERSION']).optional(),
    /** Required when a town objected and the item is admitted all the same. */
    responseToObjections: z.string().optional(),
  })
  .meta({ id: 'AdmissionDecision' });
export const withdrawalSchema = z.object({ reason: z.string() }).meta({ id: 'Withdrawal' });

export type AdmissionReview = z.infer<typeof reviewSchema>;
export type ConsultationResponse = z.infer<typeof consultationResponseSchema>;
export type AdmissionDecision = z.infer<typeof decisionSchema>;
export type AdmissionOutcome = AdmissionDecision['outcome'];
export type { Withdrawal };

// ---- the start and the details ----

const consultationSchema = z.object({
  townIds: z.array(z.string()),
  deadline: z.string(),
  responses: z.array(z.object({ townId: z.string(), objection: z.boolean(), comment: z.string(), ...by })),
  closedBy: z.enum(['ALL_RESPONDED', 'DEADLINE']).optional(),
});
export type Consultation = z.infer<typeof consultationSchema>;

export const startSchema = z.object({ countyId: z.string(), departmentId: z.string(), coordinationOfficeId: z.string(), application: applicationSchema });

export const detailsSchema = z
  .object({
    departmentId: z.string(),
    coordinationOfficeId: z.string(),
    application: applicationSchema,
    screening: screeningSchema.optional(),
    review: reviewSchema.optional(),
    consultation: consultationSchema.optional(),
    decision: z.object({ ...decisionSchema.shape, catalogueVersionId: z.string().optional() }).optional(),
  })
  .meta({ id: 'AdmissionDetails' });

export const admissionContract = defineContract(
  { processType: PROCESS_TYPE, name: 'Admission', steps: STEPS, details: detailsSchema, rules: { admission: ADMISSION_RULES } },
  // The keys are the Update names of the recorded histories: never renamed.
  (action) => ({
    review: action(reviewSchema, {
      path: 'review',
      summary: 'Coordination office reviews on the three tests',
      doing: 'Review of an admission',
      at: ['REVIEW'],
      by: (d) => [{ role: 'ADMISSION_REVIEWER', org: d.coordinationOfficeId }],
    }),
    respondToConsultation: action(consultationResponseSchema, {
      path: 'consultation-responses',
      summary: 'A consulted town responds (silence counts as no objection)',
      doing: 'A consultation response',
      at: ['CONSULTATION'],
      by: (_d, response) => [{ role: 'TOWN_REVIEWER', org: response.townId }],
    }),
    decide: action(decisionSchema, {
      path: 'decision',
      summary: 'Admit into the catalogue, admit once, or refuse',
      doing: 'The admission decision',
      at: ['DECISION'],
      by: (d) => [{ role: 'ADMISSION_REVIEWER', org: d.coordinationOfficeId }],
    }),
    withdraw: action(withdrawalSchema, {
      path: 'withdraw',
      summary: 'The applying department withdraws before the decision',
      doing: 'Withdrawing an application',
      at: ['REVIEW', 'CONSULTATION', 'DECISION'],
      by: (d) => [{ role: 'DISPATCHER', org: d.departmentId }],
    }),
  }),
);

export type AdmissionDetails = DetailsOf<typeof admissionContract>;
export type AdmissionView = ViewOf<typeof admissionContract>;

export type AdmissionStart = z.infer<typeof startSchema> &
  ContinuableStart<AdmissionView> & {
    applicant: Actor;
    /** The county rules in force at the start, kept for the process's whole life. */
    rules: PinnedRules;
    /** Tests and demos only: periods shortened for this instance (refused in production). */
    periods?: PeriodOverrides;
  };

export function admissionWorkflowId(countyId: string, requestId: string): string {
  return `admission-${countyId}-${requestId}`;
}

/** The static summary an operator sees in the Temporal UI. */
export function admissionSummary(start: AdmissionStart): string {
  const scope = start.application.scope === 'ONCE' ? '一事一议 once' : '入清单 into catalogue';
  return forOperators(`准入 Admission · ${start.application.title} (${start.application.proposedCode}) · ${scope} · from ${start.departmentId}`);
}
