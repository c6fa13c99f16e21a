import { z } from 'zod';
import { ROLES } from '../../workflows/common/roles';
import type { AppDeps } from '../deps';
import { route, type HttpDeps } from '../http';
import type { ProcessRegistry } from '../process-registry';
import { headingsFor } from '../readers';

const me = z
  .object({
    personId: z.string(),
    name: z.string(),
    roles: z.array(
      z.object({
        role: z.enum(ROLES),
        orgId: z.string(),
        countyId: z.string(),
        orgName: z.string().optional().openapi({ description: 'The organisation as the register names it' }),
      }),
    ),
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

const notice = z
  .object({
    workflowId: z.string(),
    orgId: z.string(),
    kind: z.string().openapi({ description: 'SUPPORTING, REMINDER@<due>, OVERDUE@<due>, REPORT_MISSED@<due>, REVIEW_OVERDUE@<due>' }),
    message: z.string(),
    at: z.string(),
  })
  .openapi('Notice');

export function meRoutes(http: HttpDeps, deps: AppDeps, processes: ProcessRegistry): void {
  route(http, { method: 'get', path: '/me', operationId: 'getMe', summary: 'Who the token says I am', tag: 'me', response: me }, ({ actor }) => ({
    personId: actor.personId,
    name: actor.name,
    roles: actor.roles,
  }));

  route(
    http,
    {
      method: 'get',
      path: '/me/inbox',
      operationId: 'getMyInbox',
      summary: 'What I must act on next, across all processes',
      tag: 'me',
      response: z.array(inboxItem),
    },
    async ({ actor }) => {
      const items = await deps.db.inboxItem.findMany({
        where: { closedAt: null, OR: actor.roles.map((r) => ({ role: r.role, orgId: r.orgId })) },
        orderBy: [{ dueAt: 'asc' }, { createdAt: 'asc' }],
      });
      // Each process's title and action as the caller's projection shows them (docs/processes.md §0.9).
      const shown = await headingsFor(deps, processes, actor, [...new Set(items.map((i) => i.workflowId))]);
      return items.map((i) => ({
        workflowId: i.workflowId,
        processType: i.processType,
        title: shown.get(i.workflowId)?.title ?? i.title,
        action: shown.get(i.workflowId)?.nextActors.find((a) => a.role === i.role && a.orgId === i.orgId)?.action ?? i.action,
        role: i.role,
        orgId: i.orgId,
        dueAt: i.dueAt?.toISOString() ?? null,
        since: i.createdAt.toISOString(),
      }));
    },
  );

  route(
    http,
    {
      method: 'get',
      path: '/me/notifications',
      operationId: 'listMyNotifications',
      summary: 'Notices to my organisations (supporting work, reminders, lateness), newest first',
      tag: 'me',
      query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
      response: z.array(notice),
    },
    async ({ actor, query }) => {
      const rows = await deps.db.notification.findMany({
        where: { orgId: { in: [...new Set(actor.roles.map((r) => r.orgId))] } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: query.limit,
      });
      return rows.map((n) => ({ workflowId: n.workflowId, orgId: n.orgId, kind: n.kind, message: n.message, at: n.createdAt.toISOString() }));
    },
  );
}
