import { z } from 'zod';
import type { AppDeps } from '../deps';
import { requireAnyRole } from '../auth';
import { route, type HttpDeps } from '../http';

const refusal = z
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
  })
  .openapi('RefusedAttempt');

export function auditRoutes(http: HttpDeps, deps: AppDeps): void {
  route(
    http,
    {
      method: 'get',
      path: '/audit/refusals',
      operationId: 'listRefusals',
      summary: 'Refused steps (authorisation or rule), newest first',
      tag: 'audit',
      query: z.object({
        countyId: z.string().min(1),
        workflowId: z.string().optional(),
        personId: z.string().optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: z.array(refusal),
    },
    async ({ actor, query }) => {
      requireAnyRole(actor, ['AUDITOR', 'INSPECTOR', 'OPERATOR'], query.countyId);
      const rows = await deps.db.refusedAttempt.findMany({
        where: { workflowId: query.workflowId, personId: query.personId, countyId: query.countyId },
        orderBy: { id: 'desc' },
        take: query.limit,
      });
      return rows.map(({ id: _id, countyId: _c, at, ruleId, ruleSetId, ruleSetVersion, reasonZh, ...rest }) => ({
        at: at.toISOString(),
        ...rest,
        rule: ruleId,
        ruleSet: ruleSetId !== null && ruleSetVersion !== null ? { id: ruleSetId, version: ruleSetVersion } : null,
        reason: ruleId !== null ? { zh: reasonZh ?? rest.detail, en: rest.detail } : null,
      }));
    },
  );
}
