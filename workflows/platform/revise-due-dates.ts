// After an operator loads or corrects a year of the county's calendar (api/routes/calendar.ts): the
// county's running processes are told, and each moves its pending due dates counted on the older
// calendar. Its result in the Temporal UI lists the processes told.
import { proxyActivities } from '@temporalio/workflow';
import type { PlatformActivities } from '../../activities';
import type { CalendarChange } from '../common/calendar-changes';

const { tellCalendarChanged } = proxyActivities<PlatformActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute' },
});

export async function reviseDueDates(change: CalendarChange): ReturnType<PlatformActivities['tellCalendarChanged']> {
  return tellCalendarChanged(change);
}
