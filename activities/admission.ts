// What an admission decision changes outside the workflow: the catalogue, or a once-only admission.
import type { Db } from '../prisma/client';
import type { AdmissionDecision, AdmissionStart } from '../workflows/itemAdmission/messages';
import { addItemToDraft, draftVersion, publishWithItem, type NewCatalogueItem } from './catalogue/store';

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

/** Idempotent: a retried activity finds its own earlier write and returns it. */
export async function applyAdmissionDecision(db: Db, input: AdmissionDecisionInput): Promise<AppliedAdmission> {
  const { start, decision, workflowId } = input;
  const by = { personId: input.byPersonId, role: 'ADMISSION_REVIEWER' };
  const code = start.application.proposedCode;
  if (decision.outcome === 'REFUSE') return {};
  if (decision.outcome === 'ADMIT_ONCE') {
    await db.onceAdmission.upsert({
      where: { workflowId },
      create: { workflowId, countyId: start.countyId, screeningCode: code, title: start.application.title, taskRef: start.application.taskRef, decidedAt: new Date(), decidedBy: input.byPersonId },
      update: {},
    });
    return {};
  }
  const done = await db.catalogueItem.findFirst({ where: { admissionWorkflowId: workflowId } });
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
