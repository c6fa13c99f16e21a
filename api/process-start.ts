// What every start route does around its own checks: pin the county's rules (refusing per-instance
// periods they do not allow), start the process once (bounded, idempotent by request id and body),
// and answer with its state.
import type { WorkflowHandle } from '@temporalio/client';
import type { QueryDefinition, Workflow } from '@temporalio/common';
import type { Response } from 'express';
import { rulesToPin } from '../activities/rules/store';
import type { ProcessView } from '../workflows/common/process';
import type { PeriodOverrides } from '../workflows/rules/checks';
import type { PinnedRules } from '../workflows/rules/definitions';
import type { AppDeps } from './app';
import { firstAnswer, readProcess, requireSameStarter, startOnce } from './processes';
import { checkOverrides } from './routes/periods';

/** The rules in force for `countyId`, to be pinned into the process for its whole life (recorded in its start input). */
export async function pinRules(deps: AppDeps, countyId: string, request: { periods?: PeriodOverrides; maxReworkRounds?: number }): Promise<PinnedRules> {
  const rules = await rulesToPin(deps.db, countyId);
  checkOverrides(rules, request);
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
  firstCall?(handle: WorkflowHandle): Promise<V>;
}

/** Starts a process once: 201 with its state, or 200 with the state of the one a repeated request id started. */
export async function startProcess<W extends Workflow, V extends ProcessView>(deps: AppDeps, res: Response, start: ProcessStart<W, V>): Promise<V> {
  const { processType, workflowId } = start;
  const outcome = await startOnce<W>(deps, res, processType, { workflowId, args: start.args, staticSummary: start.staticSummary }, start.request);
  const read = (live: boolean) => () => readProcess(deps, res, { processType, workflowId }, start.query, live);
  const first = start.firstCall;
  // A process just started answers itself (its read model may not hold its first state yet).
  const view = outcome === 'started' ? await firstAnswer(deps, workflowId, first ? () => firstOrFinal(deps.temporal.workflow.getHandle(workflowId), first) : read(true)) : await read(false)();
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
