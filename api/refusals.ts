// Refused steps are recorded here: Temporal keeps no trace of a rejected Update.
import { appendToChain } from '../domain/audit-chain';
import { hashOfJson } from '../domain/canonical-json';
import { z } from 'zod';
import type { Db } from '../prisma/client';
import './openapi'; // zod's .openapi()
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
        businessRequestId: businessRequestIdOf(body),
      },
    });
    await appendToChain(tx, countyId, [{ kind: 'REFUSAL', refusal }]);
  });
}

function businessRequestIdOf(body: unknown): string | null {
  const requestId = (body as { requestId?: unknown } | undefined)?.requestId;
  return typeof requestId === 'string' && requestId.length <= 64 ? requestId : null;
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

export type RefusalRow = Awaited<ReturnType<Db['refusedAttempt']['findMany']>>[number];

export const refusedAttemptSchema = z
  .object({
    at: z.string(),
    requestId: z.string(),
    personId: z.string(),
    roles: z.string(),
    processType: z.string().nullable(),
    workflowId: z.string().nullable(),
    action: z.string(),
    reasonCode: z.string(),
    detail: z.string(),
    httpStatus: z.number().int(),
    rule: z.string().nullable().openapi({ description: 'The rule the refusal applied (e.g. secondment.coolDownMonths); null for one that names none' }),
    ruleSet: z.object({ id: z.string(), version: z.number().int() }).nullable().openapi({ description: 'The rule set and version it applied' }),
    reason: z.object({ zh: z.string(), en: z.string() }).nullable().openapi({ description: 'The reason in Chinese and English' }),
    bodyHash: z.string().nullable().openapi({ description: "SHA-256 of the refused request's body (canonical JSON); null when it sent none" }),
    businessRequestId: z.string().nullable().openapi({ description: 'The request id the body carried (a start’s requestId), if any' }),
  })
  .openapi('RefusedAttempt');

export const presentRefusal = ({
  id: _id,
  countyId: _c,
  at,
  ruleId,
  ruleSetId,
  ruleSetVersion,
  reasonZh,
  ...rest
}: RefusalRow): z.infer<typeof refusedAttemptSchema> => ({
  at: at.toISOString(),
  ...rest,
  rule: ruleId,
  ruleSet: ruleSetId !== null && ruleSetVersion !== null ? { id: ruleSetId, version: ruleSetVersion } : null,
  reason: ruleId !== null ? { zh: reasonZh ?? rest.detail, en: rest.detail } : null,
});
