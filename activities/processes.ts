// Read models, inbox and notices, projected from every process at every step. Each publication
// carries the process's revision: the read model only ever moves forward.
import type { Db } from '../prisma/client';
import type { ProcessView } from '../workflows/common/process';

export async function projectProcess(db: Db, view: ProcessView): Promise<void> {
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
      await tx.processRecord.create({ data: { workflowId: view.workflowId, ...record, revision, villages: { create: villages.map((villageId) => ({ villageId })) } } });
    }
    // An item still asked of the same actor keeps its place (and its "since"); the rest close or open.
    const open = await tx.inboxItem.findMany({ where: { workflowId: view.workflowId, closedAt: null } });
    const key = (i: { role: string; orgId: string; action: string; title: string; dueAt: Date | null }) => `${i.role}|${i.orgId}|${i.action}|${i.title}|${i.dueAt?.getTime()}`;
    const wanted = new Set(inbox.map(key));
    const kept = new Set(open.filter((i) => wanted.has(key(i))).map(key));
    await tx.inboxItem.updateMany({ where: { id: { in: open.filter((i) => !wanted.has(key(i))).map((i) => i.id) } }, data: { closedAt: new Date() } });
    await tx.inboxItem.createMany({ data: inbox.filter((i) => !kept.has(key(i))) });
  });
}

export interface Notice {
  workflowId: string;
  orgIds: string[];
  /** With the organisation and process, what makes a notice one: e.g. SUPPORTING, REMINDER@<deadline>. */
  kind: string;
  message: string;
}

export async function notifyOrganisations(db: Db, notice: Notice): Promise<void> {
  for (const orgId of new Set(notice.orgIds)) {
    await db.notification.upsert({
      where: { orgId_workflowId_kind: { orgId, workflowId: notice.workflowId, kind: notice.kind } },
      create: { orgId, workflowId: notice.workflowId, kind: notice.kind, message: notice.message },
      update: {},
    });
  }
}
