// The platform's schedules a test created on its own task queue, removed when it is done: a schedule
// left behind would keep starting workflows that no worker of a stopped platform takes.
import { archiveScheduleId, endedOutsideScheduleId, pruneScheduleId } from '../../platform/schedules';
import type { TestPlatform } from './platform';

export async function removeSchedules(platform: TestPlatform): Promise<void> {
  for (const id of [pruneScheduleId, endedOutsideScheduleId, archiveScheduleId]) {
    await platform.temporal.schedule
      .getHandle(id(platform.taskQueue))
      .delete()
      .catch(() => undefined);
  }
}
