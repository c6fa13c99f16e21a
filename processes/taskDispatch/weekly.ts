import { z } from 'zod';
import { findOrganisation } from '../../domain/organisation';
import { deploymentList, townWeeklyReport } from '../../domain/weekly';
import type { AppDeps } from '../../api/deps';
import { readerKindAt, readScope, requirePlaceReader, type ReadLevel } from '../../api/access';
import { route, type HttpDeps } from '../../api/http';
import { notFound } from '../../api/problem';

import type { VillageTaskView } from '../../workflows/taskDispatch/contract';
import { villageTaskProjections } from '../../workflows/taskDispatch/projections';

const tag = 'weekly';
/** Who reads a village's task (its descriptor's readers). */
export const villageTaskReaders: readonly ReadLevel[] = ['county', 'town', 'village'];
const atQuery = z.object({ at: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Any instant in the week wanted; now when absent' }) });

const deployment = z
  .object({
    villageId: z.string(),
    weekStarting: z.string(),
    tasks: z.array(
      z.object({
        workflowId: z.string(),
        title: z.string(),
        screeningCode: z.string().nullable(),
        step: z.string(),
        deadline: z.string(),
        overdue: z.boolean(),
        dueThisWeek: z.boolean(),
        nextReportDueAt: z.string().nullable(),
        missedReports: z.array(z.string()).openapi({ description: 'Report due dates that passed without a report' }),
        assigned: z.number().int(),
        assignees: z.array(z.string()).openapi({
          description: "Who is assigned: named to the task's staff, auditors and the village's own people; empty to its villagers and party members",
        }),
      }),
    ),
  })
  .openapi('DeploymentList');

const rollUp = z
  .object({
    townId: z.string(),
    weekStarting: z.string(),
    weekEnding: z.string(),
    villages: z.array(
      z.object({
        villageId: z.string(),
        open: z.number().int(),
        overdue: z.number().int(),
        acceptedThisWeek: z.number().int(),
        reworkedThisWeek: z.number().int(),
        reportsThisWeek: z.number().int(),
        withoutReportThisWeek: z.array(z.string()),
        tasks: z.array(
          z.object({
            workflowId: z.string(),
            title: z.string(),
            step: z.string(),
            status: z.string(),
            overdue: z.boolean(),
            deadline: z.string(),
            reports: z.array(z.object({ at: z.string(), items: z.array(z.object({ text: z.string(), done: z.boolean() })), note: z.string().nullable() })),
            missedReports: z.array(z.string()),
          }),
        ),
      }),
    ),
  })
  .openapi('TownWeeklyReport');

async function orgOfKind(deps: AppDeps, id: string, kind: string) {
  const org = await findOrganisation(deps.db, id);
  if (!org || org.kind !== kind) throw notFound(`${kind.toLowerCase()} ${id}`);
  return org;
}

export function weeklyRoutes(http: HttpDeps, deps: AppDeps): void {
  route(
    http,
    {
      method: 'get',
      path: '/villages/{villageId}/deployment-list',
      operationId: 'getDeploymentList',
      summary: "Monday's deployment list: the village's open tasks, due dates, what is late",
      tag,
      params: z.object({ villageId: z.string() }),
      query: atQuery,
      response: deployment,
      refusals: [404],
    },
    async ({ actor, params, query }) => {
      const village = await orgOfKind(deps, params.villageId, 'VILLAGE');
      await requirePlaceReader(deps, actor, { countyId: village.countyId, townId: village.parentId ?? '', villageId: village.id });
      const scope = await readScope(deps.db, actor);
      const reader = { personId: actor.personId, roles: actor.roles };
      const namesShown = (task: VillageTaskView) =>
        readerKindAt(scope, actor, task, villageTaskReaders, () => villageTaskProjections.isSubject!(task, { ...reader, now: '' })) !== 'public';
      return deploymentList(deps.db, village.id, query.at ? new Date(query.at) : new Date(), namesShown);
    },
  );

  route(
    http,
    {
      method: 'get',
      path: '/towns/{townId}/weekly-report',
      operationId: 'getWeeklyReport',
      summary: "Friday's roll-up of a town's villages, computed from the processes",
      tag,
      params: z.object({ townId: z.string() }),
      query: atQuery,
      response: rollUp,
      refusals: [404],
    },
    async ({ actor, params, query }) => {
      const town = await orgOfKind(deps, params.townId, 'TOWN');
      await requirePlaceReader(deps, actor, { countyId: town.countyId, townId: town.id });
      return townWeeklyReport(deps.db, town.id, query.at ? new Date(query.at) : new Date());
    },
  );
}
