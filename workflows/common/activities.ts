// Activities as workflows see them: types only, through proxyActivities.
import { proxyActivities } from '@temporalio/workflow';
import type { PlatformActivities } from '../../activities';
import { endOfNextFriday, type Period } from './durations';
import type { ProcessView } from './process';
import { deadlineAfter, nowIso, showInTemporal } from './workflow-support';

export const platform = proxyActivities<PlatformActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** When a period that starts now ends: working days come from the official calendar, once, recorded in history. */
export async function deadlineFor(period: Period): Promise<string> {
  if ('duration' in period) return deadlineAfter(period.duration);
  if ('weeklyOn' in period) return endOfNextFriday(nowIso());
  return platform.endOfWorkingDays({ fromIso: nowIso(), workingDays: period.workingDays });
}

/** Makes a step visible: search attributes, current details, read model and inbox. */
export async function publish(view: ProcessView, details: string): Promise<void> {
  showInTemporal(view, details);
  await platform.publishProcess(view);
}
