// Processes ended from outside the platform (an operator's terminate or cancel in the Temporal UI or
// CLI, an execution timeout, a failure): the workflow never ran its closing step, so the read model
// still says RUNNING. Found through Temporal's visibility, each is closed on the record with what
// Temporal kept of its end: the read model shows it, its inbox items close, its claims lapse.
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client, type WorkflowExecutionInfo } from '@temporalio/client';
import { childEndedOutside } from '../workflows/common/children';
import { temporal } from '@temporalio/proto';
import type { Db } from '../prisma/client';
import type { EndedProcess } from '../workflows/common/view';
import { closeEndedProcess } from './read-model';

const STATUS: Record<string, EndedProcess['status']> = {
  TERMINATED: 'TERMINATED',
  CANCELLED: 'CANCELLED',
  TIMED_OUT: 'TIMED_OUT',
  FAILED: 'FAILED',
};

/** How far back a run looks: ended processes the read model still shows running are found again until closed. */
const LOOK_BACK_MS = 7 * 86_400_000;

const closedOutside = (since: Date) =>
  `CunwuStatus = 'RUNNING' AND ExecutionStatus IN ('Terminated', 'Canceled', 'TimedOut', 'Failed') AND CloseTime > '${since.toISOString()}'`;

/** What Temporal kept of a run's end: who terminated it and why, or how it ended. */
async function endOf(client: Client, execution: WorkflowExecutionInfo): Promise<string> {
  const { history } = await client.workflowService.getWorkflowExecutionHistory({
    namespace: client.options.namespace,
    execution: { workflowId: execution.workflowId, runId: execution.runId },
    historyEventFilterType: temporal.api.enums.v1.HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT,
  });
  const event = history?.events?.[0];
  const terminated = event?.workflowExecutionTerminatedEventAttributes;
  if (terminated) return `Terminated in Temporal by ${terminated.identity || 'an unnamed client'}: ${terminated.reason || 'no reason given'}`;
  if (event?.workflowExecutionCanceledEventAttributes) return 'Cancelled in Temporal, outside the platform';
  if (event?.workflowExecutionTimedOutEventAttributes) return 'Timed out: its execution timeout passed';
  return `Failed: ${event?.workflowExecutionFailedEventAttributes?.failure?.message ?? 'no failure recorded'}`;
}

/** Its parent (which may have continued as new, holding no handle on it) learns how it ended; a parent that ended too is not there to tell. */
async function tellParent(client: Client, execution: WorkflowExecutionInfo, ended: EndedProcess): Promise<void> {
  const parent = execution.parentExecution?.workflowId;
  if (!parent) return;
  await client.workflow
    .getHandle(parent)
    .signal(childEndedOutside, ended)
    .catch((error: unknown) => {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    });
}

/** Closes, on the record, every process that ended outside the platform in the last week and still reads RUNNING; answers their ids. */
export async function closeProcessesEndedOutside(db: Db): Promise<{ closed: string[] }> {
  const client = Context.current().client;
  const closed: string[] = [];
  for await (const execution of client.workflow.list({ query: closedOutside(new Date(Date.now() - LOOK_BACK_MS)) })) {
    const status = STATUS[execution.status.name];
    if (!status) continue;
    const ended = { workflowId: execution.workflowId, status, reason: await endOf(client, execution), seenBy: 'the platform' };
    await closeEndedProcess(db, ended);
    await tellParent(client, execution, ended);
    closed.push(execution.workflowId);
  }
  return { closed };
}
