// Notices to organisations: each kind once per organisation and process, seen in their inbox.
import type { Db } from '../prisma/client';

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
