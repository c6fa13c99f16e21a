import { z } from 'zod';
import { ROLES } from '../../workflows/common/roles';
import type { AppDeps } from '../app';
import { route, type HttpDeps } from '../http';

const me = z
  .object({
    personId: z.string(),
    name: z.string(),
    roles: z.array(z.object({ role: z.enum(ROLES), orgId: z.string(), countyId: z.string() })),
  })
  .openapi('Me');

const inboxItem = z
  .object({
    workflowId: z.string(),
    processType: z.string(),
    title: z.string(),
    action: z.string(),
    role: z.string(),
    orgId: z.string(),
    dueAt: z.string().nullable(),
    since: z.string(),
  })
  .openapi('InboxItem');

export function meRoutes(http: HttpDeps, deps: AppDeps): void {
  route(http, { method: 'get', path: '/me', summary: 'Who the token says I am', tag: 'me', response: me }, async ({ actor }) => ({
    personId: actor.personId,
    name: actor.name,
    roles: actor.roles,
  }));

  route(
    http,
    { method: 'get', path: '/me/inbox', summary: 'What I must act on next, across all processes', tag: 'me', response: z.array(inboxItem) },
    async ({ actor }) => {
      const items = await deps.db.inboxItem.findMany({
        where: { closedAt: null, OR: actor.roles.map((r) => ({ role: r.role, orgId: r.orgId })) },
        orderBy: [{ dueAt: 'asc' }, { createdAt: 'asc' }],
      });
      return items.map((i) => ({
        workflowId: i.workflowId,
        processType: i.processType,
        title: i.title,
        action: i.action,
        role: i.role,
        orgId: i.orgId,
        dueAt: i.dueAt?.toISOString() ?? null,
        since: i.createdAt.toISOString(),
      }));
    },
  );
}
