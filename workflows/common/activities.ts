// Activities as workflows see them: types only, through proxyActivities.
import { proxyActivities } from '@temporalio/workflow';
import type { PlatformActivities } from '../../activities';
import type { ProcessView } from './process';
import { showInTemporal } from './workflow-support';

/** For the main body: retried until done (a process waits out a database outage rather than fail). */
export const platform = proxyActivities<PlatformActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** For the work a step does before it changes anything: bounded, so a failing dependency refuses the step instead of holding it. */
export const inStep = proxyActivities<PlatformActivities>({
  startToCloseTimeout: '5 seconds',
  scheduleToCloseTimeout: '15 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '2 seconds' },
});

/** Makes a step visible: search attributes, current details, read model and inbox; each publish carries the next revision. */
export async function publish(view: ProcessView, details: string): Promise<void> {
  view.revision = (view.revision ?? 0) + 1;
  showInTemporal(view, details);
  await platform.publishProcess(view);
}
