// Read models and inbox, projected from every process at every step. Each publication
// carries the process's revision: the read model only ever moves forward.
import { ApplicationFailure, Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import { applyPatch, type Operation } from 'fast-json-patch';
import { appendToChain, unchainedSteps } from '../domain/audit-chain';
import type { Db } from '../prisma/client';
import { READ_MODEL_BEHIND, type EndedProcess, type ProcessView, type Publication, type Tell } from '../workflows/common/view';

/**
 * A publication: the whole state (first in a run), or its change since the revision the read model
 * holds, applied to the stored state. A change whose base the read model lacks is refused as
 * READ_MODEL_BEHIND: the workflow then sends the whole state.
 */
export async function publishProcess(db: Db, publication: Publication): Promise<void> {
  await project(db, publication);
  if (publication.tell) await tell(publication.tell);
}

async function project(db: Db, publication: Publication): Promise<void> {
  if ('view' in publication) return projectProcess(db, publication.view);
  const row = await db.processRecord.findUnique({ where: { workflowId: publication.workflowId }, select: { revision: true, state: true } });
  if (row && row.revision >= publication.revision) return;
  if (!row || row.revision !== publication.base) {
    throw ApplicationFailure.create({
      type: READ_MODEL_BEHIND,
      message: `The read model holds revision ${row?.revision ?? 'none'} of ${publication.workflowId}, not ${publication.base}.`,
      nonRetryable: true,
    });
  }
  const { newDocument } = applyPatch(JSON.parse(row.state) as ProcessView, publication.patch, false, true);
  const change: Operation[] = [...publication.patch, { op: 'add', path: '/revision', value: publication.revision }];
  await projectProcess(db, { ...newDocument, revision: publication.revision }, change);
}

/** A parent that has ended (withdrawn, terminated by an operator) is not there to tell: the child's work goes on. */
async function tell({ workflowId, signal, payload }: Tell): Promise<void> {
  await Context.current()
    .client.workflow.getHandle(workflowId)
    .signal(signal, payload)
    .catch((error: unknown) => {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    });
}

/**
 * A process that ended without closing its own record (terminated by an operator, failed, timed out) is
 * closed in the read model by the parent that saw it end: its status, the reason, an entry on its record
 * (chained into the audit log like any step) and no one asked to act, so it leaves every inbox.
 */
export async function closeEndedProcess(db: Db, ended: EndedProcess): Promise<void> {
  const row = await db.processRecord.findUnique({ where: { workflowId: ended.workflowId }, select: { state: true } });
  if (!row) return;
  const view = JSON.parse(row.state) as ProcessView;
  if (view.status !== 'RUNNING') return;
  const at = new Date().toISOString();
  view.record.push({ seq: view.record.length + 1, at, step: ended.status, summary: `${ended.reason} (seen by ${ended.seenBy})` });
  await projectProcess(db, {
    ...view,
    step: 'CLOSED',
    status: ended.status,
    outcome: { status: ended.status, reason: ended.reason },
    nextActors: [],
    dueAt: undefined,
    overdue: false,
    updatedAt: at,
    revision: (view.revision ?? 0) + 1,
  });
}

/**
 * Projects a process's state: its read model row, its revision (kept so the state can be read as it
 * stood at any instant: `change` when the state is the stored one changed by it, else the whole state),
 * its steps into the audit chain, its inbox.
 */
export async function projectProcess(db: Db, view: ProcessView, change?: Operation[]): Promise<void> {
  const record = {
    processType: view.processType,
    countyId: view.countyId,
    townId: view.townId ?? null,
    villageId: view.villageId ?? null,
    screeningCode: view.screeningCode ?? null,
    title: view.title,
    step: view.step,
    status: view.status,
    nextRoles: view.nextActors.map((a) => a.role).join(','),
    dueAt: view.dueAt ? new Date(view.dueAt) : null,
    overdue: view.overdue,
    startedAt: new Date(view.startedAt),
    updatedAt: new Date(view.updatedAt),
    state: JSON.stringify(view),
  };
  const inbox = view.nextActors.map((a) => ({
    workflowId: view.workflowId,
    processType: view.processType,
    role: a.role,
    orgId: a.orgId,
    title: view.title,
    action: a.action,
    dueAt: a.dueAt ? new Date(a.dueAt) : null,
  }));
  const villages = view.villageIds ?? (view.villageId ? [view.villageId] : []);
  const revision = view.revision ?? 0;
  await db.$transaction(async (tx) => {
    // An older publication (a retried activity overtaken by a newer one) never overwrites a newer.
    const newer = await tx.processRecord.updateMany({ where: { workflowId: view.workflowId, revision: { lt: revision } }, data: { ...record, revision } });
    if (newer.count === 0) {
      const existing = await tx.processRecord.findUnique({ where: { workflowId: view.workflowId }, select: { revision: true } });
      if (existing) return;
      await tx.processRecord.create({
        data: { workflowId: view.workflowId, ...record, revision, villages: { create: villages.map((villageId) => ({ villageId })) } },
      });
    }
    // When the platform took it: from this instant on, the process read so.
    const stored = JSON.stringify(change ? { patch: change } : { whole: view });
    await tx.processRevision.create({ data: { workflowId: view.workflowId, revision, at: new Date(), change: stored } });
    const steps = await unchainedSteps(tx, view.workflowId, view.record);
    await appendToChain(
      tx,
      view.countyId,
      steps.map((entry) => ({ kind: 'STEP', workflowId: view.workflowId, processType: view.processType, entry })),
    );
    // An item still asked of the same actor keeps its place (and its "since"); the rest close or open.
    const open = await tx.inboxItem.findMany({ where: { workflowId: view.workflowId, closedAt: null } });
    const key = (i: { role: string; orgId: string; action: string; title: string; dueAt: Date | null }) =>
      `${i.role}|${i.orgId}|${i.action}|${i.title}|${i.dueAt?.getTime()}`;
    const wanted = new Set(inbox.map(key));
    const kept = new Set(open.filter((i) => wanted.has(key(i))).map(key));
    await tx.inboxItem.updateMany({ where: { id: { in: open.filter((i) => !wanted.has(key(i))).map((i) => i.id) } }, data: { closedAt: new Date() } });
    await tx.inboxItem.createMany({ data: inbox.filter((i) => !kept.has(key(i))) });
  });
}
