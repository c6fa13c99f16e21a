// What an admission decision changes outside the workflow: the catalogue, or a once-only admission.
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../prisma/client';
import type { ReasonCode } from '../workflows/common/reasons';
import type { AdmissionDecision, AdmissionStart } from '../workflows/itemAdmission/contract';
import { addItemToDraft, CatalogueRuleError, draftVersion, publishWithItem, type NewCatalogueItem } from '../domain/catalogue';

export interface AppliedAdmission {
  catalogueVersionId?: string;
}

export interface AdmissionDecisionInput {
  workflowId: string;
  start: AdmissionStart;
  decision: AdmissionDecision;
  byPersonId: string;
}

async function responsibleDepartment(db: Db, departmentId: string): Promise<string> {
  const org = await db.organisation.findUnique({ where: { id: departmentId } });
  return org?.name ?? departmentId;
}

const REFUSALS: Record<CatalogueRuleError['code'], ReasonCode> = { NEGATIVE_LIST: 'NEGATIVE_LIST', CONFLICT: 'ALREADY_IN_CATALOGUE', NOT_FOUND: 'RULE_BROKEN' };

/**
 * Idempotent: a retried activity finds its own earlier write and returns it. A change the catalogue's
 * rules refuse (put on the negative list or into the catalogue since screening) fails at once, with
 * a reason code, instead of being retried for ever.
 */
export async function applyAdmissionDecision(db: Db, input: AdmissionDecisionInput): Promise<AppliedAdmission> {
  try {
    return await applyToCatalogue(db, input);
  } catch (error) {
    if (!(error instanceof CatalogueRuleError)) throw error;
    throw ApplicationFailure.create({ type: REFUSALS[error.code], message: error.message, nonRetryable: true });
  }
}

async function applyToCatalogue(db: Db, input: AdmissionDecisionInput): Promise<AppliedAdmission> {
  const { start, decision, workflowId } = input;
  const by = { personId: input.byPersonId, role: 'ADMISSION_REVIEWER' };
  const code = start.application.proposedCode;
  if (decision.outcome === 'REFUSE') return {};
  if (decision.outcome === 'ADMIT_ONCE') {
    await db.onceAdmission.upsert({
      where: { workflowId },
      create: {
        workflowId,
        countyId: start.countyId,
        screeningCode: code,
        title: start.application.title,
        taskRef: start.application.taskRef,
        decidedAt: new Date(),
        decidedBy: input.byPersonId,
      },
      update: {},
    });
    return {};
  }
  const done = await db.catalogueItem.findFirst({ where: { admissionWorkflowId: workflowId }, orderBy: { id: 'asc' } });
  if (done) return { catalogueVersionId: done.versionId };
  const item: NewCatalogueItem = {
    screeningCode: code,
    name: start.application.title,
    kind: start.application.kind,
    legalBasis: start.application.legalBasis,
    responsibleDepartmentId: start.departmentId,
    responsibleDepartment: await responsibleDepartment(db, start.departmentId),
    subItems: start.application.subItems,
    admissionWorkflowId: workflowId,
  };
  if (decision.effect === 'IMMEDIATE') {
    return { catalogueVersionId: await publishWithItem(db, start.countyId, item, by, decision.reason) };
  }
  const draft =
    (await db.catalogueVersion.findFirst({ where: { countyId: start.countyId, status: 'DRAFT' } })) ??
    (await draftVersion(db, start.countyId, by, `opened for admission ${workflowId}`));
  await addItemToDraft(db, draft.id, item, by, decision.reason);
  return { catalogueVersionId: draft.id };
}
