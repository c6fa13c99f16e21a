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
      return rows.map(({ id: _id, countyId: _c, at, ...rest }) => ({ at: at.toISOString(), ...rest }));
    },
  );
}
