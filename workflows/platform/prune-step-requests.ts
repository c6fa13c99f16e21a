// The platform's housekeeping: a small workflow run by a Temporal Schedule (platform/schedules.ts), not a process.
import { proxyActivities } from '@temporalio/workflow';
import type { PlatformActivities } from '../../activities';

const { pruneStepRequests: prune } = proxyActivities<PlatformActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '5 minutes', maximumAttempts: 10 },
});

/** Prunes the idempotency records older than the counties' retention rule (`platform.stepRequestRetention`); answers what it did. */
export async function pruneStepRequests(): ReturnType<PlatformActivities['pruneStepRequests']> {
  return prune();
}
