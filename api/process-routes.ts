// The HTTP half of the registry: every registered process gets its start routes, its list, its read,
// one POST per action and its own extra routes, each through `route()`, so the OpenAPI document
// follows; reads and lists are decided by the process's place and readers (api/access.ts).
import { z } from 'zod';
import type { Actor } from '../workflows/common/actor';
import { mayReadProcess, readableRowsAt, readableWhere, readScope, requireReaderAt } from './access';
import { requireCounty } from './auth';
import type { AppDeps } from './deps';
import { route, type HttpDeps } from './http';
import { forbidden, notFound, Problem } from './problem';
import { stateAt } from '../domain/process-history';
import type { ProcessView } from '../workflows/common/view';
import { operationIds, projectionSchemas, type Begun, type ProcessDescriptor, type ProcessRegistry } from './process-registry';
import { answerTo, isSubjectOfStored, projectedAnswerHeaders, READER_KIND } from './readers';
import { isLoggedRead, logRead } from './read-log';
import type { ReaderKind } from '../workflows/common/projection';
import { listProcesses, processSummarySchema, readHeaders, readProcess } from './workflow-calls/read';
import { startProcess } from './workflow-calls/start';
import { stepRoutes } from './workflow-calls/step';

const orgId = z.string().min(1).max(120);

/** A read of a process as it stood at an instant (auditors); now when absent. */
const asOfQuery = z.object({
  at: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({ description: 'The instant to read the process as it stood then (as the platform showed it); now when absent' }),
});

/** The state of a process as it stood at `at`; a 404 before it was first published. */
async function stateAsOf(deps: AppDeps, workflowId: string, at: string): Promise<ProcessView> {
  const state = await stateAt(deps.db, workflowId, new Date(at));
  if (!state) throw notFound(`Process ${workflowId} as it stood at ${at}`);
  return state;
}

/** The query of a process list: the county, and optionally its town, village, step and status. */
export const listQuery = z.object({
  countyId: orgId,
  townId: orgId.optional(),
  villageId: orgId.optional(),
  step: z.string().max(40).optional(),
  status: z.string().max(40).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function mountProcesses(http: HttpDeps, deps: AppDeps, registry: ProcessRegistry): void {
  listAcrossTypes(http, deps, registry);
  for (const descriptor of registry.all) mountProcess(http, deps, registry, descriptor);
}

/** `GET /processes`: every type's list at once, each type's rows as its readers may list them. */
function listAcrossTypes(http: HttpDeps, deps: AppDeps, registry: ProcessRegistry): void {
  const types = registry.all.map((d) => d.contract.processType) as [string, ...string[]];
  route(
    http,
    {
      method: 'get',
      path: '/processes',
      operationId: 'listProcesses',
      summary: "Processes of every type, filtered like each type's list (from the read model), newest change first",
      tag: 'processes',
      query: listQuery.extend({ processType: z.enum(types).optional() }),
      response: z.array(processSummarySchema),
    },
    async ({ actor, query }) => {
      requireCounty(actor, query.countyId);
      const { limit, processType, ...where } = query;
      const scope = await readScope(deps.db, actor);
      const readable = registry.all.flatMap((d) => {
        const rows = (!processType || processType === d.contract.processType) && readableWhere(scope, d.readers, query.countyId);
        return rows ? [{ AND: [{ processType: d.contract.processType }, rows] }] : [];
      });
      if (!readable.length) throw forbidden(`Your roles do not let you list ${processType ?? 'any'} processes of ${query.countyId}.`);
      return listProcesses(deps, where, limit, { OR: readable });
    },
  );
}

function mountProcess(http: HttpDeps, deps: AppDeps, registry: ProcessRegistry, d: ProcessDescriptor): void {
  const { contract } = d;
  const { processType } = contract;
  const { base, tag } = d.http;
  const ids = operationIds(d);
  const params = z.object({ id: d.http.id });
  // What its readers get: each kind's projection of the view (one schema each, in the document).
  const [only, ...more] = projectionSchemas(d);
  const view = more.length ? z.union([only, ...more]) : only;
  const mayRead = async (actor: Actor, workflowId: string) => {
    const place = await registry.place(deps.db, processType, workflowId).catch((error: unknown) => {
      if (error instanceof Problem && error.status === 404) return undefined;
      throw error;
    });
    return !!place && (await mayReadProcess(deps, actor, place, d.readers, () => isSubjectOfStored(deps, d, actor, workflowId)));
  };

  d.starts.forEach((start, i) => {
    const operationId = start.operationId ?? (i === 0 ? ids.start : undefined);
    if (!operationId) throw new Error(`${processType}: a second start route names its operationId (${start.path}).`);
    route(
      http,
      {
        method: 'post',
        path: start.path,
        operationId,
        summary: start.summary,
        tag,
        body: start.body,
        response: view,
        answerHeaders: projectedAnswerHeaders,
        status: 201,
        refusals: [404, 409, 422, 503],
      },
      async ({ actor, body, res }) => {
        res.locals.process = { processType, countyId: '' };
        const begun: Begun<unknown> = await start.begin({
          deps,
          actor,
          body: body as unknown,
          res,
          inCounty: (countyId) => (res.locals.process = { processType, countyId }),
        });
        const first = start.firstCall;
        const state = await startProcess(deps, res, {
          processType,
          workflowId: begun.workflowId,
          args: [begun.start],
          staticSummary: d.staticSummary(begun.start),
          starterOrgId: begun.starterOrgId,
          request: body,
          startedBy: d.startedBy,
          query: contract.query,
          ...(first && { firstCall: (handle) => handle.executeUpdate(first) }),
        });
        const refusal = start.refusedAt?.(state as never);
        if (refusal) {
          res.locals.process = { processType, countyId: state.countyId, workflowId: begun.workflowId };
          // A repeated request answered with its first refusal was logged the first time.
          res.locals.repeated = res.locals.status === 200;
          throw refusal;
        }
        return answerTo(deps, res, d, actor, state);
      },
    );
  });

  route(
    http,
    {
      method: 'get',
      path: base,
      operationId: ids.list,
      summary: d.http.listSummary,
      tag,
      query: (d.http.listFilters ? listQuery.extend(d.http.listFilters) : listQuery) as typeof listQuery,
      response: z.array(processSummarySchema),
    },
    async ({ actor, query }) => {
      requireCounty(actor, query.countyId);
      const { limit, ...where } = query;
      return listProcesses(deps, { processType, ...where }, limit, await readableRowsAt(deps, actor, processType, d.readers, query.countyId));
    },
  );

  // Its own routes before `{id}`: a path like `/secondments/reports` is not an id.
  d.routes?.(http, deps);

  route(
    http,
    {
      method: 'get',
      path: `${base}/{id}`,
      operationId: ids.get,
      summary: d.http.readSummary,
      tag,
      params,
      query: asOfQuery,
      headers: readHeaders,
      response: view,
      answerHeaders: projectedAnswerHeaders,
      refusals: [404, 503],
    },
    async ({ actor, params, query, res }) => {
      const place = await registry.place(deps.db, processType, params.id);
      await requireReaderAt(deps, actor, res, place, d.readers, () => isSubjectOfStored(deps, d, actor, params.id));
      const state = query.at
        ? await stateAsOf(deps, params.id, query.at)
        : await readProcess(deps, res, { processType, workflowId: params.id }, contract.query);
      const answer = await answerTo(deps, res, d, actor, state);
      const readerKind = res.getHeader(READER_KIND) as ReaderKind;
      if (isLoggedRead(readerKind, d.personalData)) {
        await logRead(deps.db, actor, { countyId: state.countyId, processType, workflowId: params.id, readerKind, what: 'state' });
      }
      return answer;
    },
  );

  stepRoutes(
    http,
    deps,
    {
      base,
      tag,
      processType,
      params,
      view,
      present: (state, actor, res) => answerTo(deps, res, d, actor, state),
      answerHeaders: projectedAnswerHeaders,
      mayRead,
    },
    Object.values(contract.actions).map((action) => ({
      path: action.path,
      operationId: ids.action(action.name),
      summary: action.summary,
      body: action.body,
      update: action.update,
      check: d.checks?.[action.name] && ((body: unknown, process) => d.checks![action.name]!(deps, body, process)),
    })),
  );
}
