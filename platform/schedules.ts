// The platform's Temporal Schedules, created or brought up to date at every start of the platform or a
// worker (idempotent): the daily pruning of idempotency records (domain/step-requests.ts), the closing
// on the record of processes ended from outside the platform (activities/ended-outside.ts), and the
// archive of closed processes beyond Temporal's retention (activities/archive.ts).
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';

/** The schedule's id: one per task queue, so the workers of one deployment share it. */
export function pruneScheduleId(taskQueue: string): string {
  return `cunwu-prune-step-requests@${taskQueue}`;
}

function pruneSchedule(taskQueue: string): ScheduleOptions {
  return {
    scheduleId: pruneScheduleId(taskQueue),
    // Every night at 03:00 in the counties' time zone, when no one is stepping.
    spec: { calendars: [{ hour: 3, minute: 0 }], timezone: 'Asia/Shanghai' },
    action: { type: 'startWorkflow', workflowType: 'pruneStepRequests', taskQueue, args: [], workflowExecutionTimeout: '1 hour' },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    state: { note: 'Prunes idempotency records older than the county rule platform.stepRequestRetention (docs/processes.md §0.4)' },
  };
}

/** The schedule's id: one per task queue. */
export function endedOutsideScheduleId(taskQueue: string): string {
  return `cunwu-close-ended-outside@${taskQueue}`;
}

function endedOutsideSchedule(taskQueue: string): ScheduleOptions {
  return {
    scheduleId: endedOutsideScheduleId(taskQueue),
    // Every minute: an operator's terminate shows in the API, the inboxes and the claims within one.
    spec: { intervals: [{ every: '1 minute' }] },
    action: { type: 'startWorkflow', workflowType: 'closeProcessesEndedOutside', taskQueue, args: [], workflowExecutionTimeout: '5 minutes' },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
    state: { note: 'Closes on the record the processes terminated, cancelled, timed out or failed outside the platform (README, "For operators")' },
  };
}

/** The schedule's id: one per task queue. */
export function archiveScheduleId(taskQueue: string): string {
  return `cunwu-archive-closed@${taskQueue}`;
}

function archiveSchedule(taskQueue: string): ScheduleOptions {
  return {
    scheduleId: archiveScheduleId(taskQueue),
    // Well within any retention Temporal is given (24 hours in development).
    spec: { intervals: [{ every: '10 minutes' }] },
    action: { type: 'startWorkflow', workflowType: 'archiveClosedProcesses', taskQueue, args: [], workflowExecutionTimeout: '30 minutes' },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '10 minutes' },
    state: { note: 'Keeps each closed process (state, refusals, raw histories, pinned rules) beyond Temporal\'s retention (README, "For auditors")' },
  };
}

/** Creates the platform's schedules, or updates them to this code's spec and action when they exist. */
export async function ensureSchedules(client: Client, taskQueue: string): Promise<void> {
  for (const options of [pruneSchedule(taskQueue), endedOutsideSchedule(taskQueue), archiveSchedule(taskQueue)]) await ensureSchedule(client, options);
}

async function ensureSchedule(client: Client, options: ScheduleOptions): Promise<void> {
  try {
    await client.schedule.create(options);
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(options.scheduleId).update((previous) => ({
      ...previous,
      spec: options.spec,
      action: options.action,
      policies: { ...previous.policies, ...options.policies },
      state: { ...previous.state, note: options.state?.note },
    }));
  }
}
