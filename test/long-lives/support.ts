// Long-lived processes driven straight through Temporal (no HTTP in the way, so a test can take a
// year of weekly steps in seconds), and the events of every run of a workflow, counted.
import { randomUUID } from 'node:crypto';
import type { UpdateDefinition } from '@temporalio/common';
import { rulesToPin } from '../../domain/rule-sets';
import { tokenClaimsFor } from '../../domain/identity';
import type { Actor } from '../../workflows/common/actor';
import type { PeriodOverrides } from '../../workflows/rules/checks';
import { dispatchWorkflowId, getDispatch, receiveTask, reviewDispatch, type DispatchContent, type DispatchStart } from '../../workflows/taskDispatch/contract';
import { eventually, type TestPlatform } from '../support/platform';
import { processRegistry } from '../../processes';

export const COUNTY = 'xingcun';
export const QIAOTOU = 'xingcun.qiaotou';
export const DISPATCHER = 'p.qiaotou.dispatcher';
export const REVIEWER = 'p.qiaotou.reviewer';

export async function actorOf(platform: TestPlatform, personId: string): Promise<Actor> {
  const claims = await tokenClaimsFor(platform.db, personId);
  if (!claims) throw new Error(`unknown person ${personId}`);
  return { personId: claims.sub, name: claims.name, roles: claims.roles, requestId: randomUUID() };
}

/** A step as the API would call it (the actor from the person's token), answered by the workflow. */
export async function act<R>(
  platform: TestPlatform,
  workflowId: string,
  update: UpdateDefinition<R, [Actor, ...any[]]>,
  actor: Actor,
  ...args: unknown[]
): Promise<R> {
  return platform.temporal.workflow
    .getHandle(workflowId)
    .executeUpdate(update, { args: [{ ...actor, requestId: randomUUID() }, ...args] as [Actor, ...any[]] });
}

/**
 * A dispatch from Qiaotou started as the API starts one (the county's rules pinned), with what only
 * tests may set: shortened periods and a bound on each run's history.
 */
export async function startDispatch(
  platform: TestPlatform,
  options: { villageIds: string[]; deadline: string; periods?: PeriodOverrides; maxHistoryEvents?: number },
): Promise<string> {
  const dispatcher = await actorOf(platform, DISPATCHER);
  const content: DispatchContent = {
    title: '秸秆禁烧巡查',
    screeningCode: 'XC-ASSIST-001',
    villageIds: options.villageIds,
    requirements: '每周巡查并报告',
    deliverables: ['巡查记录'],
    acceptanceCriteria: '无焚烧点',
    deadline: options.deadline,
    supportingOrgIds: [],
    majorMatter: false,
  };
  const start: DispatchStart = {
    countyId: COUNTY,
    townId: QIAOTOU,
    dispatcherOrgId: QIAOTOU,
    coordinationOfficeId: 'xingcun.coord-office',
    dispatcher,
    content,
    rules: await rulesToPin(platform.db, processRegistry.ruleSections(), COUNTY),
    periods: options.periods,
    ...(options.maxHistoryEvents !== undefined && { maxHistoryEvents: options.maxHistoryEvents }),
  };
  const workflowId = dispatchWorkflowId(QIAOTOU, `long-${randomUUID()}`);
  await platform.temporal.workflow.start('taskDispatch', { workflowId, taskQueue: platform.taskQueue, args: [start] });
  return workflowId;
}

/**
 * A dispatch to `villageIds`, approved and received by every village, that has continued as new: its run
 * holds no handle on the village tasks any more. Answers its id and its tasks' ids, in village order.
 */
export async function continuedDispatch(platform: TestPlatform, villageIds: string[]): Promise<{ dispatchId: string; tasks: string[] }> {
  const dispatchId = await startDispatch(platform, {
    villageIds,
    deadline: new Date(Date.now() + 10 * 86_400_000).toISOString(),
    periods: { minimumLeadTime: { duration: '1s' } },
    maxHistoryEvents: 36,
  });
  const dispatch = platform.temporal.workflow.getHandle(dispatchId);
  await eventually(async () => ((await dispatch.query(getDispatch)).step === 'REVIEW' ? true : undefined));
  await act(platform, dispatchId, reviewDispatch, await actorOf(platform, REVIEWER), { decision: 'APPROVE' });
  const tasks = (await dispatch.query(getDispatch)).details.villages.map((v) => v.workflowId);
  // Each receipt is a workflow task of the dispatch's own: two of them pass the bound however the
  // villages' openings were batched into the dispatch's tasks (a busy machine batches more of them).
  const secretaryOf = (task: string) => `p.qiaotou.${task.split('.').pop()}.secretary`; // <dispatch>--xingcun.qiaotou.<village>
  for (const task of tasks) await act(platform, task, receiveTask, await actorOf(platform, secretaryOf(task)));
  let runs: Run[] = [];
  await eventually(
    async () => ((runs = await runsOf(platform, dispatchId)).length >= 2 ? true : undefined),
    20_000,
    () => runs,
  );
  return { dispatchId, tasks };
}

export interface Run {
  runId: string;
  status: string;
  startTime: Date;
  events: number;
}

/** Every run of a workflow, oldest first, with its history's events. */
export async function runsOf(platform: TestPlatform, workflowId: string): Promise<Run[]> {
  const runs: Run[] = [];
  for await (const execution of platform.temporal.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
    const history = await platform.temporal.workflow.getHandle(workflowId, execution.runId).fetchHistory();
    runs.push({ runId: execution.runId, status: execution.status.name, startTime: execution.startTime, events: history.events?.length ?? 0 });
  }
  return runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
}

/** The events of the current run of `workflowId` once it has settled (no new event for half a second). */
export async function settledEvents(platform: TestPlatform, workflowId: string): Promise<number> {
  const handle = platform.temporal.workflow.getHandle(workflowId);
  let last = -1;
  for (;;) {
    const now = (await handle.describe()).historyLength;
    if (now === last) return now;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
