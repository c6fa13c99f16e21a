// Calling processes: starting, querying and stepping workflows, with refusals as problems.
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type WorkflowHandle, type WorkflowStartOptions } from '@temporalio/client';
import type { QueryDefinition, UpdateDefinition, Workflow } from '@temporalio/common';
import type { Response } from 'express';
import { z } from 'zod';
import type { Prisma } from '../prisma/client';
import type { Actor } from '../workflows/common/actor';
import type { ProcessView } from '../workflows/common/process';
import type { AppDeps } from './app';
import { route, type HttpDeps } from './http';
import { notFound, Problem, problemFromTemporal } from './problem';
import type { ProcessRef } from './refusals';

export const requestIdSchema = z
  .string()
  .regex(/^(?!.*--)[A-Za-z0-9_-]{6,64}$/, '6 to 64 letters, digits, - or _ (no double dash)')
  .openapi({ description: 'Client-chosen idempotency key: the same key never starts a second process' });

export const processSummarySchema = z
  .object({
    workflowId: z.string(),
    processType: z.string(),
    title: z.string(),
    countyId: z.string(),
    townId: z.string().nullable(),
    villageId: z.string().nullable(),
    step: z.string(),
    status: z.string(),
    nextRoles: z.array(z.string()),
    dueAt: z.string().nullable(),
    overdue: z.boolean(),
    updatedAt: z.string(),
  })
  .openapi('ProcessSummary');

/** Runs `call` on a process, turning Temporal's refusals into problems; marks the request for the refusal log. */
export async function onProcess<T>(deps: AppDeps, res: Response, ref: ProcessRef & { workflowId: string }, call: (handle: WorkflowHandle) => Promise<T>): Promise<T> {
  res.locals.process = ref;
  const handle = deps.temporal.workflow.getHandle(ref.workflowId);
  try {
    return await call(handle);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) await refuseIfClosed(handle);
    throw problemFromTemporal(error, `Process ${ref.workflowId}`) ?? error;
  }
}

/** A process's full state: from its workflow, or from its read model once Temporal no longer keeps it (retention). */
export async function readProcess<V extends ProcessView>(deps: AppDeps, res: Response, ref: { processType: string; workflowId: string }, query: QueryDefinition<V>): Promise<V> {
  res.locals.process = { ...ref, countyId: '' };
  let view: V;
  try {
    view = await deps.temporal.workflow.getHandle(ref.workflowId).query(query);
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw problemFromTemporal(error, `Process ${ref.workflowId}`) ?? error;
    const row = await deps.db.processRecord.findUnique({ where: { workflowId: ref.workflowId } });
    if (!row || row.processType !== ref.processType) throw notFound(`Process ${ref.workflowId}`);
    view = JSON.parse(row.state) as V;
  }
  res.locals.process = { ...ref, countyId: view.countyId };
  return view;
}

/** An Update sent to a process that has ended finds no running workflow: say it ended, not that it is unknown. */
async function refuseIfClosed(handle: WorkflowHandle): Promise<void> {
  const description = await handle.describe().catch(() => undefined);
  if (description && description.status.name !== 'RUNNING') {
    throw new Problem(409, 'PROCESS_CLOSED', `Process ${handle.workflowId} has ended (${description.status.name}); no further step is possible.`);
  }
}

/** A repeated request id finds the process it started; from another organisation it is a conflict, not a view of theirs. */
export function requireSameStarter(startedBy: string, orgId: string, workflowId: string): void {
  if (startedBy !== orgId) throw new Problem(409, 'CONFLICT', `The request id is already used by ${workflowId}, started by ${startedBy}: choose another.`);
}

/** Starts a process once: a repeated request id, even of a closed process, finds the one already started. */
export async function startOnce<W extends Workflow>(
  deps: AppDeps,
  res: Response,
  workflowType: string,
  options: { workflowId: string; args: Parameters<W>; staticSummary: string },
): Promise<'started' | 'existing'> {
  try {
    const startOptions = { ...options, taskQueue: deps.taskQueue, workflowIdReusePolicy: 'REJECT_DUPLICATE', workflowIdConflictPolicy: 'FAIL' };
    await deps.temporal.workflow.start<W>(workflowType, startOptions as unknown as WorkflowStartOptions<W>);
    res.req.log.info({ workflowId: options.workflowId, workflowType }, 'process started');
    return 'started';
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return 'existing';
    throw error;
  }
}

export async function listProcesses(
  deps: AppDeps,
  { villageId, ...where }: { processType: string; countyId: string; status?: string; step?: string; townId?: string; villageId?: string; overdue?: boolean; screeningCode?: string },
  take: number,
  readable: Prisma.ProcessRecordWhereInput = {},
) {
  const rows = await deps.db.processRecord.findMany({ where: { AND: [{ ...where, ...(villageId && { villages: { some: { villageId } } }) }, readable] }, orderBy: { updatedAt: 'desc' }, take });
  return rows.map((r) => ({
    workflowId: r.workflowId,
    processType: r.processType,
    title: r.title,
    countyId: r.countyId,
    townId: r.townId,
    villageId: r.villageId,
    step: r.step,
    status: r.status,
    nextRoles: r.nextRoles ? r.nextRoles.split(',') : [],
    dueAt: r.dueAt?.toISOString() ?? null,
    overdue: r.overdue,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

export interface ProcessStep {
  path: string;
  summary: string;
  body?: z.ZodType;
  /** Checks the body against the database before the workflow sees it (what a validator cannot). */
  check?: (body: any, process: ProcessRef) => Promise<void>; // eslint-disable-line @typescript-eslint/no-explicit-any
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  update: UpdateDefinition<unknown, [Actor, any]> | UpdateDefinition<unknown, [Actor]>;
}

/** One POST route per step: the body validated here, the step refused or done by the workflow's Update. */
export function stepRoutes(
  http: HttpDeps,
  deps: AppDeps,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  process: { base: string; tag: string; processType: string; params: z.ZodObject<{ id: z.ZodType<string> }>; view: z.ZodType; present?: (view: any) => unknown },
  steps: ProcessStep[],
): void {
  for (const step of steps) {
    route(
      http,
      { method: 'post', path: `${process.base}/{id}/${step.path}`, summary: step.summary, tag: process.tag, params: process.params, body: step.body, response: process.view, refusals: [404, 409, 422] },
      async ({ actor, params, body, res }) => {
        const known = await deps.db.processRecord.findUnique({ where: { workflowId: params.id }, select: { countyId: true } });
        const ref = { processType: process.processType, countyId: known?.countyId ?? actor.roles[0]?.countyId ?? '', workflowId: params.id };
        res.locals.process = ref;
        await step.check?.(body, ref);
        const args: [Actor, ...unknown[]] = step.body ? [actor, body] : [actor];
        const view = await onProcess(deps, res, ref, (h) => h.executeUpdate(step.update as UpdateDefinition<unknown, [Actor, ...unknown[]]>, { args }));
        res.req.log.info({ workflowId: params.id, update: step.update.name }, 'process step done');
        return process.present ? process.present(view) : view;
      },
    );
  }
}
