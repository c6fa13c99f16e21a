// Calling processes: starting, querying and stepping workflows, with refusals as problems.
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type WorkflowHandle, type WorkflowStartOptions } from '@temporalio/client';
import type { QueryDefinition, UpdateDefinition, Workflow } from '@temporalio/common';
import type { Response } from 'express';
import { z } from 'zod';
import type { Prisma } from '../prisma/client';
import type { Actor } from '../workflows/common/actor';
import { STATE_QUERY, type ProcessView } from '../workflows/common/process';
import type { AppDeps } from './app';
import { route, type HttpDeps } from './http';
import type { ApiTag } from './openapi';
import { DEFAULT_BOUNDS, isUnconfirmed, notConfirmed, withinDeadline, type TemporalBounds } from './bounded';
import { bodyHash, IDEMPOTENCY_KEY, idempotencyKeyOf, keepRefusal, nextAttempt, useKey, type KeyUse } from './idempotency';
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

/** Runs `call` on a process within the step bound, turning Temporal's refusals into problems and a missed deadline into a 503. */
export async function onProcess<T>(deps: AppDeps, res: Response, ref: ProcessRef & { workflowId: string }, call: (handle: WorkflowHandle) => Promise<T>): Promise<T> {
  res.locals.process = ref;
  const bounds = boundsOf(deps);
  const handle = deps.temporal.workflow.getHandle(ref.workflowId);
  try {
    return await withinDeadline(deps.temporal, bounds.stepMs, () => call(handle));
  } catch (error) {
    if (isUnconfirmed(error)) throw notConfirmed(error, `The step on ${ref.workflowId}`, bounds);
    if (error instanceof WorkflowNotFoundError) await refuseIfClosedOrNotYetOpen(deps, handle);
    const problem = problemFromTemporal(error, `Process ${ref.workflowId}`);
    // The workflow refused the step because what it needed failed: nothing was recorded; the client tries again later.
    if (problem?.code === 'UNAVAILABLE') throw new Problem(503, problem.code, problem.detail, { applied: 'NOT_APPLIED', retryAfter: bounds.retryAfterSeconds });
    throw problem ?? error;
  }
}

export function boundsOf(deps: AppDeps): TemporalBounds {
  return { ...DEFAULT_BOUNDS, ...deps.bounds };
}

/**
 * Where a state answer comes from:
 * - `read-model`: the process's latest publication (`ProcessRecord.state`, with its `revision` and
 *   `Last-Modified`). Every step publishes before its Update answers, so it holds every step already
 *   answered; it never waits on a worker, a replay or the worker's cache.
 * - `read-model; closed`: the same, of a process that has ended: final.
 * - `temporal`: the workflow answered its state query: before its first publication, or when the
 *   client asks for it (`Cache-Control: no-cache`, e.g. to see a change not yet published).
 */
export const STATE_SOURCE = 'X-State-Source';

/** A read's request headers: `Cache-Control: no-cache` asks the workflow itself rather than the read model. */
export const readHeaders = z.object({
  'cache-control': z.string().max(200).optional().openapi({
    description: 'no-cache: ask the running workflow for its state (X-State-Source: temporal), falling back to the read model when no worker answers in time. Otherwise the state comes from the read model, as of the latest step.',
  }),
});

/** The client asked for the workflow's own answer (`Cache-Control: no-cache`); a header out of its documented bounds is a 400. */
export function wantsLiveState(res: Response): boolean {
  const headers = readHeaders.safeParse({ 'cache-control': res.req.get('cache-control') });
  if (!headers.success) throw new Problem(400, 'INVALID_REQUEST', `Cache-Control: ${headers.error.issues.map((i) => i.message).join('; ')}`);
  return /(^|,)\s*no-cache\s*(,|$)/i.test(headers.data['cache-control'] ?? '');
}

interface ReadModelRow {
  processType: string;
  status: string;
  state: string;
  updatedAt: Date;
}

function fromReadModel<V extends ProcessView>(res: Response, row: ReadModelRow, source: string): V {
  res.setHeader(STATE_SOURCE, source);
  res.setHeader('Last-Modified', row.updatedAt.toUTCString());
  return JSON.parse(row.state) as V;
}

/**
 * A process's full state, from its read model (see `STATE_SOURCE`): a read never depends on the
 * worker or its cache. The workflow's state query answers only while the read model has no row yet
 * (the process is being opened) or when `live` (the client asked, or a start's first answer); if no
 * worker answers it in time, the read model answers after all, or a 503 when it has nothing yet.
 */
export async function readProcess<V extends ProcessView>(
  deps: AppDeps,
  res: Response,
  ref: { processType: string; workflowId: string },
  query: QueryDefinition<V> | string,
  live = wantsLiveState(res),
): Promise<V> {
  res.locals.process = { ...ref, countyId: '' };
  const readModel = () => deps.db.processRecord.findUnique({ where: { workflowId: ref.workflowId }, select: { processType: true, status: true, state: true, updatedAt: true } });
  const row = live ? null : await readModel();
  if (row && row.processType !== ref.processType) throw notFound(`Process ${ref.workflowId}`);
  const view = row ? fromReadModel<V>(res, row, row.status === 'RUNNING' ? 'read-model' : 'read-model; closed') : await askWorkflow(deps, res, ref, query, readModel);
  res.locals.process = { ...ref, countyId: view.countyId };
  return view;
}

/** The workflow's own answer to its state query, or the read model's when no worker answers in time or Temporal no longer keeps it. */
async function askWorkflow<V extends ProcessView>(deps: AppDeps, res: Response, ref: { processType: string; workflowId: string }, query: QueryDefinition<V> | string, readModel: () => Promise<ReadModelRow | null>): Promise<V> {
  try {
    const view = await withinDeadline(deps.temporal, boundsOf(deps).readMs, () => deps.temporal.workflow.getHandle(ref.workflowId).query(query));
    res.setHeader(STATE_SOURCE, 'temporal');
    return view;
  } catch (error) {
    const unanswered = isUnconfirmed(error);
    if (!unanswered && !(error instanceof WorkflowNotFoundError)) throw problemFromTemporal(error, `Process ${ref.workflowId}`) ?? error;
    const row = await readModel();
    if (!row && unanswered) throw stateUnavailable(deps, ref.workflowId);
    if (!row || row.processType !== ref.processType) throw notFound(`Process ${ref.workflowId}`);
    return fromReadModel<V>(res, row, unanswered && row.status === 'RUNNING' ? 'read-model' : 'read-model; closed');
  }
}

function stateUnavailable(deps: AppDeps, workflowId: string): Problem {
  const bounds = boundsOf(deps);
  return new Problem(503, 'STATE_UNAVAILABLE', `No worker answered for ${workflowId} within ${bounds.readMs / 1000} s and the read model has no state of it yet; try again later.`, {
    retryAfter: bounds.retryAfterSeconds,
  });
}

/**
 * An Update that finds no running workflow: say the process ended, or that it is not open yet (a
 * village task its dispatch is still starting, just after approval), rather than that it is unknown.
 */
async function refuseIfClosedOrNotYetOpen(deps: AppDeps, handle: WorkflowHandle): Promise<void> {
  const description = await withinDeadline(deps.temporal, boundsOf(deps).readMs, () => handle.describe()).catch(() => undefined);
  if (description && description.status.name !== 'RUNNING') {
    throw new Problem(409, 'PROCESS_CLOSED', `Process ${handle.workflowId} has ended (${description.status.name}); no further step is possible.`);
  }
  const [dispatchId] = handle.workflowId.split('--');
  if (dispatchId === handle.workflowId) return;
  const dispatch = await deps.db.processRecord.findUnique({ where: { workflowId: dispatchId }, select: { status: true, state: true } });
  const villages = dispatch ? ((JSON.parse(dispatch.state) as { details?: { villages?: { workflowId: string }[] } }).details?.villages ?? []) : [];
  if (dispatch?.status === 'RUNNING' && villages.some((v) => v.workflowId === handle.workflowId)) {
    throw new Problem(409, 'NOT_YET_OPEN', `${handle.workflowId} is being opened by its dispatch; try again in a moment.`, { retryAfter: 1 });
  }
}

/** A repeated request id finds the process it started; from another organisation it is a conflict, not a view of theirs. */
export function requireSameStarter(startedBy: string, orgId: string, workflowId: string): void {
  if (startedBy !== orgId) throw new Problem(409, 'CONFLICT', `The request id is already used by ${workflowId}, started by ${startedBy}: choose another.`);
}

/**
 * Starts a process once: a repeated request id, even of a closed process, finds the one already
 * started; the same request id with another body is a conflict (its hash is kept with the id), which
 * the caller answers once it has checked the first starter.
 */
export async function startOnce<W extends Workflow>(
  deps: AppDeps,
  res: Response,
  workflowType: string,
  options: { workflowId: string; args: Parameters<W>; staticSummary: string },
  request: unknown,
): Promise<'started' | 'existing' | Problem> {
  try {
    await useKey(deps.db, { scope: 'start', key: options.workflowId, action: `start ${workflowType}`, hash: bodyHash(workflowType, request), workflowId: options.workflowId });
  } catch (error) {
    // Answered after the caller is checked against the first starter: another organisation learns only that the id is taken.
    if (error instanceof Problem && error.code === 'IDEMPOTENCY_KEY_REUSED') return error;
    throw error;
  }
  const bounds = boundsOf(deps);
  try {
    const startOptions = { ...options, taskQueue: deps.taskQueue, workflowIdReusePolicy: 'REJECT_DUPLICATE', workflowIdConflictPolicy: 'FAIL' };
    await withinDeadline(deps.temporal, bounds.stepMs, () => deps.temporal.workflow.start<W>(workflowType, startOptions as unknown as WorkflowStartOptions<W>));
    res.req.log.info({ workflowId: options.workflowId, workflowType }, 'process started');
    return 'started';
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return 'existing';
    if (isUnconfirmed(error)) throw notConfirmed(error, `Starting ${options.workflowId}`, bounds, 'start');
    throw error;
  }
}

/** The first answer of a process just started (its state, or the result of a first Update), within the step bound. */
export async function firstAnswer<T>(deps: AppDeps, workflowId: string, call: () => Promise<T>): Promise<T> {
  const bounds = boundsOf(deps);
  try {
    return await withinDeadline(deps.temporal, bounds.stepMs, call);
  } catch (error) {
    const unanswered = isUnconfirmed(error) || (error instanceof Problem && error.code === 'STATE_UNAVAILABLE');
    if (unanswered) throw notConfirmed(error, `The first state of ${workflowId}`, bounds, 'started');
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

export const stepHeaders = z.object({
  'idempotency-key': z.string().regex(IDEMPOTENCY_KEY, '6 to 100 letters, digits, -, _, . or :').optional().openapi({
    description: 'The same key (scoped to the caller) retried returns the first outcome and records nothing twice; with another body it is 409 IDEMPOTENCY_KEY_REUSED. Without it, X-Request-Id serves.',
  }),
});

/**
 * Refusals for who acts or what was sent (403, 422) stay with the key: a retry gets them again. Timing ones
 * (404, 409) do not; after an UNAVAILABLE one (nothing recorded) the retry is the step's next try.
 */
async function keepingRefusal<T>(deps: AppDeps, use: (KeyUse & { attempt: number }) | undefined, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (use && error instanceof Problem && (error.status === 403 || error.status === 422)) await keepRefusal(deps.db, use, error);
    if (use && error instanceof Problem && error.code === 'UNAVAILABLE') await nextAttempt(deps.db, use, use.attempt);
    throw error;
  }
}

/**
 * The state a step answers with: its Update's result when that is the whole view; when it is small
 * (its revision), the read model, which the step published before its Update answered — so answering
 * never asks the worker again. Should the read model not have caught up, the workflow answers.
 */
async function stateAfterStep(deps: AppDeps, res: Response, ref: { processType: string; workflowId: string }, answer: unknown): Promise<ProcessView> {
  const { revision, record } = (answer ?? {}) as { revision?: number; record?: unknown };
  if (record !== undefined) return answer as ProcessView;
  const row = await deps.db.processRecord.findUnique({ where: { workflowId: ref.workflowId }, select: { revision: true, state: true } });
  if (row && revision !== undefined && row.revision >= revision) return JSON.parse(row.state) as ProcessView;
  return readProcess(deps, res, ref, STATE_QUERY, true);
}

/** Runs `step`; a failure first learns the process's county, which the log of a refusal names. */
async function knowingCountyOnRefusal<T>(ref: ProcessRef, knowCounty: () => Promise<void>, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!ref.countyId) await knowCounty().catch(() => undefined);
    throw error;
  }
}

/** `secondment` and `return-confirmation` → `secondmentReturnConfirmation`. */
function stepOperationId(operation: string, stepPath: string): string {
  return operation + stepPath.replace(/(?:^|-)([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * One POST route per step: the body validated here, the step refused or done by the workflow's Update.
 * Its operationId is the process's `operation` name followed by the step's path in PascalCase:
 * `secondment` + `return-confirmation` → `secondmentReturnConfirmation` (POST /secondments/{id}/return-confirmation).
 */
export function stepRoutes(
  http: HttpDeps,
  deps: AppDeps,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  process: { base: string; /** The process in camelCase, singular (`secondment`): its steps' operationIds begin with it. */ operation: string; tag: ApiTag; processType: string; params: z.ZodObject<{ id: z.ZodType<string> }>; view: z.ZodType; present?: (view: any) => unknown },
  steps: ProcessStep[],
): void {
  for (const step of steps) {
    route(
      http,
      { method: 'post', path: `${process.base}/{id}/${step.path}`, operationId: stepOperationId(process.operation, step.path), summary: step.summary, tag: process.tag, params: process.params, headers: stepHeaders, body: step.body, response: process.view, refusals: [404, 409, 422, 503] },
      async ({ actor, params, body, req, res }) => {
        // The county (for a check, and for the log of a refusal) is read only when needed: not on the path of a step done.
        const ref = { processType: process.processType, countyId: '', workflowId: params.id };
        const knowCounty = async () => {
          const known = await deps.db.processRecord.findUnique({ where: { workflowId: params.id }, select: { countyId: true } });
          ref.countyId = known?.countyId ?? actor.roles[0]?.countyId ?? '';
        };
        res.locals.process = ref;
        if (step.check) await knowCounty();
        const key = idempotencyKeyOf(req);
        const action = `POST ${process.base}/${params.id}/${step.path}`;
        const use = key ? { scope: `person:${actor.personId}`, key, action, hash: bodyHash(action, body ?? null), workflowId: params.id } : undefined;
        const view = await knowingCountyOnRefusal(ref, knowCounty, async () => {
          const found = use && (await useKey(deps.db, use));
          if (found?.refusal) {
            res.locals.repeated = true;
            throw found.refusal;
          }
          const args: [Actor, ...unknown[]] = step.body ? [actor, body] : [actor];
          // The key, scoped to the person, is the Update's id (Temporal applies an Update id once and answers its
          // repeats with the first outcome); after an UNAVAILABLE refusal, the next try has an id of its own.
          const updateId = use && `${actor.personId}:${use.key}${found?.attempt ? `/${found.attempt}` : ''}`;
          return keepingRefusal(deps, use && { ...use, attempt: found?.attempt ?? 0 }, async () => {
            await step.check?.(body, ref);
            const answer = await onProcess(deps, res, ref, (h) => h.executeUpdate(step.update as UpdateDefinition<unknown, [Actor, ...unknown[]]>, { args, updateId }));
            return stateAfterStep(deps, res, ref, answer);
          });
        });
        res.req.log.info({ workflowId: params.id, update: step.update.name }, 'process step done');
        return process.present ? process.present(view) : view;
      },
    );
  }
}
