// What every start route does around its own checks: pin the county's rules (refusing per-instance
// periods they do not allow), start the process once, and answer with its state.
import type { WorkflowHandle } from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import type { Response } from 'express';
import { rulesToPin } from '../activities/rules/store';
import type { ProcessView } from '../workflows/common/process';
import type { PeriodOverrides } from '../workflows/rules/checks';
import type { PinnedRules } from '../workflows/rules/definitions';
import type { AppDeps } from './app';
import { requireSameStarter, startOnce } from './processes';
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
  /** The organisation starting it: a repeated request id from another organisation is a conflict. */
  starterOrgId: string;
  startedBy(view: V): string;
  /** The state to answer with; by default the state query. */
  firstAnswer(handle: WorkflowHandle, started: boolean): Promise<V>;
}

/** Starts a process once: 201 with its state, or 200 with the state of the one a repeated request id started. */
export async function startProcess<W extends Workflow, V extends ProcessView>(deps: AppDeps, res: Response, start: ProcessStart<W, V>): Promise<V> {
  const outcome = await startOnce<W>(deps, res, start.processType, { workflowId: start.workflowId, args: start.args, staticSummary: start.staticSummary });
  const view = await start.firstAnswer(deps.temporal.workflow.getHandle(start.workflowId), outcome === 'started');
  if (outcome === 'existing') {
    requireSameStarter(start.startedBy(view), start.starterOrgId, start.workflowId);
    res.locals.status = 200;
  }
  return view;
}
