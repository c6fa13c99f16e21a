// The platform's housekeeping: a small workflow run by a Temporal Schedule (platform/schedules.ts), not a process.
import { proxyActivities } from '@temporalio/workflow';
import type { PlatformActivities } from '../../activities';

const { archiveClosedProcesses: archive } = proxyActivities<PlatformActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute', maximumAttempts: 5 },
});

/** Keeps the closed processes beyond Temporal's retention (activities/archive.ts); answers their ids. */
export async function archiveClosedProcesses(): ReturnType<PlatformActivities['archiveClosedProcesses']> {
  return archive();
}
