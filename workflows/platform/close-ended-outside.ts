// The platform's housekeeping: a small workflow run by a Temporal Schedule (platform/schedules.ts), not a process.
import { proxyActivities } from '@temporalio/workflow';
import type { PlatformActivities } from '../../activities';

const { closeProcessesEndedOutside: close } = proxyActivities<PlatformActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute', maximumAttempts: 5 },
});

/** Closes on the record the processes an operator terminated or cancelled in Temporal (or that timed out or failed); answers their ids. */
export async function closeProcessesEndedOutside(): ReturnType<PlatformActivities['closeProcessesEndedOutside']> {
  return close();
}
