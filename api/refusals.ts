// Refused steps are recorded here: Temporal keeps no trace of a rejected Update.
import type { Db } from '../prisma/client';
import type { Actor } from '../workflows/common/actor';
import type { Problem } from './problem';

export interface ProcessRef {
  processType: string;
  countyId: string;
  workflowId?: string;
}

export async function recordRefusal(db: Db, actor: Actor, action: string, problem: Problem, process?: ProcessRef): Promise<void> {
  await db.refusedAttempt.create({
    data: {
      requestId: actor.requestId,
      countyId: process?.countyId ?? actor.roles[0]?.countyId ?? '',
      personId: actor.personId,
      roles: actor.roles.map((r) => `${r.role}@${r.orgId}`).join(','),
      processType: process?.processType ?? null,
      workflowId: process?.workflowId ?? null,
      action,
      reasonCode: problem.code,
      detail: problem.detail,
      httpStatus: problem.status,
    },
  });
}
