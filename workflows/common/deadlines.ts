// Deadlines from the pinned rules: working-day and calendar deadlines, reminders before them, and
// recurring due dates (weekly reports) caught up week by week after the worker was down.
import { msToNumber } from '@temporalio/common/lib/time';
import { periodOf, DAY_MS, type Period, type PeriodOverrides } from '../rules/checks';
import type { PeriodName, RuleSectionMap, RuleValues } from '../rules/definitions';
import type { ProcessActivities } from './publication';
import type { CalendarDueDate } from './view';
import { endOfWeekday } from './durations';
import { nowIso } from './workflow-support';

export interface DeadlineContext {
  countyId: string;
  rules: RuleValues;
  /** The sections of the rules the process owns (its contract's `rules`): where its periods are defined. */
  sections: RuleSectionMap;
  periods?: PeriodOverrides;
  activities: ProcessActivities;
  /** A deadline was computed on plain weekdays (the calendar lacks its year): record it and tell operators. */
  onPlainWeekdays(reason: string, at: string, inStep: boolean): Promise<void>;
  /** A due date was counted on the calendar: the process keeps it pending, so a change of the calendar can move it. */
  onCalendarDue(due: CalendarDueDate): void;
}

export class Deadlines {
  constructor(private readonly context: DeadlineContext) {}

  /** The period a rule gives this process (shortened for this instance where a test or demo asked). */
  period(name: PeriodName): Period {
    return periodOf(this.context.sections, this.context.rules, name, this.context.periods);
  }

  /** When `name` ends if it starts at `from` (now by default). In a step, the calendar is asked with a bounded wait. */
  async due(name: PeriodName, options: { from?: string; inStep?: boolean } = {}): Promise<string> {
    const period = this.period(name);
    const from = options.from ?? nowIso();
    if ('duration' in period) return new Date(Date.parse(from) + msToNumber(period.duration as `${number}s`)).toISOString();
    const { due, plainWeekdays } = await this.counted(name, from, options.inStep ?? false);
    if (plainWeekdays) await this.context.onPlainWeekdays(plainWeekdays, due.at, options.inStep ?? false);
    this.context.onCalendarDue(due);
    return due.at;
  }

  /** A pending due date counted again, from where it started, on the calendar as it is now. */
  async recount(pending: CalendarDueDate): Promise<CalendarDueDate> {
    if ('duration' in this.period(pending.period as PeriodName)) return pending;
    return (await this.counted(pending.period as PeriodName, pending.from, false)).due;
  }

  /** `name` counted from `from` on the county's calendar; `plainWeekdays` says why it could not be, in full. */
  private async counted(name: PeriodName, from: string, duringStep: boolean): Promise<{ due: CalendarDueDate; plainWeekdays?: string }> {
    const period = this.period(name);
    const { platform, inStep } = this.context.activities;
    const calendar = duringStep ? inStep : platform;
    const { countyId } = this.context;
    const found =
      'weeklyOn' in period
        ? await calendar.weeklyDueAt({ countyId, fromIso: from, weekday: period.weeklyOn })
        : await calendar.workingDeadline({ countyId, fromIso: from, workingDays: 'workingDays' in period ? period.workingDays : 0 });
    const plainWeekdays = found.plainWeekdays?.reason;
    // Counted before calendars had versions (an older run's history): version 0.
    const due = { period: name, from, at: found.at, calendarVersion: found.calendarVersion ?? 0, ...(plainWeekdays && { plainWeekdays: true }) };
    return { due, plainWeekdays };
  }

  /** When to remind before `deadline`. */
  reminderAt(deadline: string): number {
    const lead = this.period('deadlineReminder');
    const ms = 'duration' in lead ? msToNumber(lead.duration as `${number}s`) : 'workingDays' in lead ? lead.workingDays * DAY_MS : 0;
    return Date.parse(deadline) - ms;
  }

  /**
   * A recurring due date has passed: every due date since, up to now, each on its own (a worker down
   * for weeks misses each week, not one), and the next one to wait for.
   */
  async recurring(name: PeriodName, passed: string): Promise<{ passed: string[]; next: string }> {
    const all = [passed];
    let next = await this.after(name, passed);
    while (Date.parse(next) <= Date.now()) {
      all.push(next);
      next = await this.after(name, next);
    }
    return { passed: all, next };
  }

  /** The due date that follows `previous`: the next week's report day (from its nominal end, since a holiday may have moved it earlier). */
  private after(name: PeriodName, previous: string): Promise<string> {
    const period = this.period(name);
    const nominal = 'weeklyOn' in period ? endOfWeekday(new Date(Date.parse(previous) - 1).toISOString(), period.weeklyOn) : previous;
    return this.due(name, { from: nominal });
  }
}
