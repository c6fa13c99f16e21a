// Starting processes: what every start route does around its own checks: pin the county's rules
// (refusing per-instance periods they do not allow), start the process once (bounded, idempotent by
// request id and body), and answer with its state.
import { WorkflowExecutionAlreadyStartedError, type WorkflowHandle, type WorkflowStartOptions } from '@temporalio/client';
import type { QueryDefinition, Workflow } from '@temporalio/common';
import type { Response } from 'express';
import { z } from 'zod';
import '../openapi'; // zod's .openapi()
import { rulesToPin } from '../../domain/rule-sets';
import type { ProcessView } from '../../workflows/common/view';
import type { PeriodOverrides } from '../../workflows/rules/checks';
import type { PinnedRules } from '../../workflows/rules/definitions';
import { boundsOf, isUnconfirmed, notConfirmed, withinDeadline } from '../bounded';
import type { AppDeps } from '../deps';
import { bodyHash, useKey } from '../idempotency';
import { Problem } from '../problem';
import { checkOverrides } from '../routes/periods';
import { readProcess } from './read';

export const requestIdSchema = z
  .string()
  .regex(/^(?!.*--)[A-Za-z0-9_-]{6,64}$/, '6 to 64 letters, digits, - or _ (no double dash)')
  .openapi({ description: 'Client-chosen idempotency key: the same key never starts a second process' });

/** The rules in force for `countyId`, to be pinned into the process for its whole life (recorded in its start input). */
export async function pinRules(deps: AppDeps, countyId: string, request: { periods?: PeriodOverrides; maxReworkRounds?: number }): Promise<PinnedRules> {
  const rules = await rulesToPin(deps.db, deps.ruleSections, countyId);
  checkOverrides(deps.ruleSections, rules, request);
  return rules;
}

export interface ProcessStart<W extends Workflow, V extends ProcessView> {
  processType: string;
  workflowId: string;
  args: Parameters<W>;
  staticSummary: string;
  /** The request body: the same request id with another body is a conflict. */
  request: unknown;
  /** The organisation starting it: a repeated request id from another organisation is a conflict. */
  starterOrgId: string;
  startedBy(view: V): string;
  query: QueryDefinition<V>;
  /** The first answer of a process just started, when it is not its state (e.g. an Update awaiting screening). */
  firstCall?: (handle: WorkflowHandle) => Promise<V>;
}

/** What the Temporal UI shows of a process for its whole life beside its summary: the county rule set pinned into it at start. */
function staticDetailsOf(start: unknown): string | undefined {
  const rules = (start as { rules?: { ruleSetId?: string; version?: number } } | undefined)?.rules;
  return rules?.ruleSetId ? `**Rules pinned at start**: ${rules.ruleSetId} (version ${rules.version})` : undefined;
}

/** Starts a process once: 201 with its state, or 200 with the state of the one a repeated request id started. */
export async function startProcess<W extends Workflow, V extends ProcessView>(deps: AppDeps, res: Response, start: ProcessStart<W, V>): Promise<V> {
  const { processType, workflowId } = start;
  const outcome = await startOnce<W>(
    deps,
    res,
    processType,
    { workflowId, args: start.args, staticSummary: start.staticSummary, staticDetails: staticDetailsOf(start.args[0]) },
    start.request,
  );
  const read = (live: boolean) => () => readProcess(deps, res, { processType, workflowId }, start.query, live);
  const first = start.firstCall;
  // A process just started answers itself (its read model may not hold its first state yet).
  const view =
    outcome === 'started'
      ? await firstAnswer(deps, workflowId, first ? () => firstOrFinal(deps.temporal.workflow.getHandle(workflowId), first) : read(true))
      : await read(false)();
  if (outcome !== 'started') {
    requireSameStarter(start.startedBy(view), start.starterOrgId, workflowId);
    if (outcome !== 'existing') throw outcome;
    res.locals.status = 200;
  }
  return view;
}

/** The first call's answer; a process that closed before it arrived (refused at once) answers with its final state. */
async function firstOrFinal<V>(handle: WorkflowHandle, first: (handle: WorkflowHandle) => Promise<V>): Promise<V> {
  try {
    return await first(handle);
  } catch (error) {
    const closed = await handle.describe().then(
      (d) => d.status.name !== 'RUNNING',
      () => false,
    );
    if (!closed) throw error;
    return (await handle.result()) as V;
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
  options: { workflowId: string; args: Parameters<W>; staticSummary: string; staticDetails?: string },
  request: unknown,
): Promise<'started' | 'existing' | Problem> {
  try {
    await useKey(deps.db, {
      scope: 'start',
      key: options.workflowId,
      action: `start ${workflowType}`,
      hash: bodyHash(workflowType, request),
      workflowId: options.workflowId,
    });
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
