// Refused steps are recorded here: Temporal keeps no trace of a rejected Update.
import { appendToChain } from '../domain/audit-chain';
import { hashOfJson } from '../domain/canonical-json';
import type { Db } from '../prisma/client';
import type { Actor } from '../workflows/common/actor';
import type { Problem, RuleNamed } from './problem';

export interface ProcessRef {
  processType: string;
  countyId: string;
  workflowId?: string;
}

/** Records a refused attempt (with a hash of the body it sent) and appends it to the county's audit chain. */
export async function recordRefusal(db: Db, actor: Actor, action: string, problem: Problem, process?: ProcessRef, body?: unknown): Promise<void> {
  const countyId = process?.countyId ?? actor.roles[0]?.countyId ?? '';
  await db.$transaction(async (tx) => {
    const refusal = await tx.refusedAttempt.create({
      data: {
        requestId: actor.requestId,
        countyId,
        personId: actor.personId,
        roles: actor.roles.map((r) => `${r.role}@${r.orgId}`).join(','),
        processType: process?.processType ?? null,
        workflowId: process?.workflowId ?? null,
        action,
        reasonCode: problem.code,
        detail: problem.detail,
        httpStatus: problem.status,
        ...ruleColumns(problem.extras as Partial<RuleNamed>),
        bodyHash: bodyHashOf(body),
      },
    });
    await appendToChain(tx, countyId, [{ kind: 'REFUSAL', refusal }]);
  });
}

function bodyHashOf(body: unknown): string | null {
  if (body === undefined || (typeof body === 'object' && body !== null && Object.keys(body).length === 0)) return null;
  return hashOfJson(body);
}

/** The rule a refusal names, as the log keeps it (nothing when it names none). */
function ruleColumns(named: Partial<RuleNamed>) {
  if (!named.rule) return {};
  return { ruleId: named.rule, ruleSetId: named.ruleSet?.id ?? null, ruleSetVersion: named.ruleSet?.version ?? null, reasonZh: named.reason?.zh ?? null };
}
