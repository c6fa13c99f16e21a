// Refused steps are recorded here: Temporal keeps no trace of a rejected Update.
import type { Db } from '../prisma/client';
import type { Actor } from '../workflows/common/actor';
import type { Problem, RuleNamed } from './problem';

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
      ...ruleColumns(problem.extras as Partial<RuleNamed>),
      httpStatus: problem.status,
    },
  });
}

/** The rule a refusal names, as the log keeps it (nothing when it names none). */
function ruleColumns(named: Partial<RuleNamed>) {
  if (!named.rule) return {};
  return { ruleId: named.rule, ruleSetId: named.ruleSet?.id ?? null, ruleSetVersion: named.ruleSet?.version ?? null, reasonZh: named.reason?.zh ?? null };
}
