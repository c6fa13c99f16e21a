// The kit's answer to a change of the county's calendar (a year loaded, or corrected): every pending
// due date counted on an older version is counted again from where it started, and where it moved,
// the process moves it, records it with the calendar version, and tells whom the date concerns.
import { defineSignal } from '@temporalio/workflow';
import type { PeriodName } from '../rules/definitions';
import type { ProcessView } from './view';

/** The county's calendar changed: it is now at `calendarVersion` (domain/calendar.ts). Sent by `reviseDueDates`. */
export interface CalendarChange {
  countyId: string;
  calendarVersion: number;
}

export const calendarChanged = defineSignal<[CalendarChange]>('calendarChanged');

/** The platform workflow that tells a county's processes of a change (workflows/platform/revise-due-dates.ts), one per version. */
export const REVISE_DUE_DATES = 'reviseDueDates';
export const reviseDueDatesWorkflowId = (change: CalendarChange) => `revise-due-dates-${change.countyId}-v${change.calendarVersion}`;

/** Where a process keeps the due date of one of its periods, besides `dueAt` and its next actors' (the kit moves those). */
export interface DueDateField<V extends ProcessView> {
  get(view: V): string | undefined;
  set(view: V, at: string): void;
}

/** A process's due-date fields, by the period that counts them. */
export type DueDateFields<V extends ProcessView> = Partial<Record<PeriodName, DueDateField<V>>>;

/** Moves the due date `from` to `to` wherever the view still keeps it; answers whether it kept it anywhere. */
export function moveDueDate<V extends ProcessView>(view: V, field: DueDateField<V> | undefined, from: string, to: string): boolean {
  let kept = false;
  if (view.dueAt === from) {
    view.dueAt = to;
    kept = true;
  }
  for (const next of view.nextActors) {
    if (next.dueAt !== from) continue;
    next.dueAt = to;
    kept = true;
  }
  if (field?.get(view) === from) {
    field.set(view, to);
    kept = true;
  }
  return kept;
}

/** Whom a moved due date concerns: the organisations that act next, else the process's own place. */
export function concernedBy(view: ProcessView): string[] {
  const next = [...new Set(view.nextActors.map((n) => n.orgId))];
  return next.length ? next : [view.villageId ?? view.townId ?? view.countyId];
}
