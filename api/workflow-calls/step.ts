// Stepping processes: one POST route per Update step, each bounded, idempotent under retries, and
// answered with the state the step published.
import { WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Response } from 'express';
import { z } from 'zod';
import '../openapi'; // zod's .openapi()
import type { Actor } from '../../workflows/common/actor';
import { STATE_QUERY, type ProcessView, type StepAnswer } from '../../workflows/common/view';
import { boundsOf, isUnconfirmed, notConfirmed, withinDeadline } from '../bounded';
import type { AppDeps } from '../deps';
import { route, type HttpDeps } from '../http';
import { bodyHash, IDEMPOTENCY_KEY, idempotencyKeyOf, keepRefusal, nextAttempt, useKey, type KeyUse } from '../idempotency';
import { concealed, Problem, problemFromTemporal } from '../problem';
import type { ProcessRef } from '../refusals';
import { readProcess } from './read';

/** Runs `call` on a process within the step bound, turning Temporal's refusals into problems and a missed deadline into a 503. */
export async function onProcess<T>(
  deps: AppDeps,
  res: Response,
  ref: ProcessRef & { workflowId: string },
  call: (handle: WorkflowHandle) => Promise<T>,
): Promise<T> {
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

export interface ProcessStep {
  path: string;
  /** Its stable name in the OpenAPI document (the registry's: `<process><Update>`). */
  operationId: string;
  summary: string;
  body?: z.ZodType;
  /** Checks the body against the database before the workflow sees it (what a validator cannot). */
  check?: (body: any, process: ProcessRef) => Promise<void>; // eslint-disable-line @typescript-eslint/no-explicit-any
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  update: UpdateDefinition<StepAnswer, [Actor, any]> | UpdateDefinition<StepAnswer, [Actor]>;
}

export const stepHeaders = z.object({
  'idempotency-key': z.string().regex(IDEMPOTENCY_KEY, '6 to 100 letters, digits, -, _, . or :').optional().openapi({
    description:
      'The same key (scoped to the caller) retried returns the first outcome and records nothing twice; with another body it is 409 IDEMPOTENCY_KEY_REUSED. Without it, X-Request-Id serves.',
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
 * The state a step answers with: the read model at the step's revision, which the step published before
 * its Update answered — so answering never asks the worker again. Should the read model not have caught
 * up, the workflow answers.
 */
async function stateAfterStep(deps: AppDeps, res: Response, ref: { processType: string; workflowId: string }, { revision }: StepAnswer): Promise<ProcessView> {
  const row = await deps.db.processRecord.findUnique({ where: { workflowId: ref.workflowId }, select: { revision: true, state: true } });
  if (row && row.revision >= revision) return JSON.parse(row.state) as ProcessView;
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

/** A step refused to an actor who may not read its process answers as a missing process would (`concealed`). */
async function concealingFromNonReaders<T>(workflowId: string, mayRead: () => Promise<boolean>, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof Problem && [403, 409, 422].includes(error.status) && !(await mayRead())) throw concealed(error, `Process ${workflowId}`);
    throw error;
  }
}

/** One POST route per step: the body validated here, the step refused or done by the workflow's Update. */
export function stepRoutes(
  http: HttpDeps,
  deps: AppDeps,
  process: {
    base: string;
    tag: string;
    processType: string;
    params: z.ZodObject<{ id: z.ZodType<string> }>;
    view: z.ZodType;
    /** The state after the step as the actor may see it. */
    present: (view: ProcessView, actor: Actor, res: Response) => Promise<unknown>;
    /** The headers of the answer (the kind of reader it was projected for). */
    answerHeaders: z.ZodObject<z.ZodRawShape>;
    /** Whether the actor may read the process: a step refused to one who may not answers as if it were missing. */
    mayRead: (actor: Actor, workflowId: string) => Promise<boolean>;
  },
  steps: ProcessStep[],
): void {
  for (const step of steps) {
    route(
      http,
      {
        method: 'post',
        path: `${process.base}/{id}/${step.path}`,
        operationId: step.operationId,
        summary: step.summary,
        tag: process.tag,
        params: process.params,
        headers: stepHeaders,
        body: step.body,
        response: process.view,
        answerHeaders: process.answerHeaders,
        refusals: [404, 409, 422, 503],
      },
      async ({ actor, params, body, req, res }) =>
        concealingFromNonReaders(
          params.id,
          () => process.mayRead(actor, params.id),
          async () => {
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
                const answer = await onProcess(deps, res, ref, (h) =>
                  h.executeUpdate(step.update as UpdateDefinition<StepAnswer, [Actor, ...unknown[]]>, { args, updateId }),
                );
                return stateAfterStep(deps, res, ref, answer);
              });
            });
            res.req.log.info({ workflowId: params.id, update: step.update.name }, 'process step done');
            return process.present(view, actor, res);
          },
        ),
    );
  }
}
