// After a change of a county's calendar: every running process with a due date counted on an older
// version is told, and counts it again itself (workflows/common/calendar-changes.ts).
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import { pendingCalendarDueDates } from '../domain/calendar';
import type { Db } from '../prisma/client';
import { calendarChanged, type CalendarChange } from '../workflows/common/calendar-changes';

/** Tells each running process of the county whose due dates were counted before `change`; answers their ids. A retry tells again: a process counts only what is older. */
export async function tellCalendarChanged(db: Db, change: CalendarChange): Promise<{ told: string[] }> {
  const context = Context.current();
  const told: string[] = [];
  for (const { workflowId } of await pendingCalendarDueDates(db, change.countyId, { olderThan: change.calendarVersion })) {
    try {
      await context.client.workflow.getHandle(workflowId).signal(calendarChanged, change);
      told.push(workflowId);
    } catch (error) {
      // Ended since the read model saw it running: nothing of it is pending any more.
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
    context.heartbeat(told.length);
  }
  return { told };
}
