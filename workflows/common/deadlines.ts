// Deadlines from the pinned rules: working-day and calendar deadlines, reminders before them, and
// recurring due dates (weekly reports) caught up week by week after the worker was down.
import { msToNumber } from '@temporalio/common/lib/time';
import { periodOf, DAY_MS, type Period, type PeriodOverrides } from '../rules/checks';
import type { PeriodName, RuleSectionMap, RuleValues } from '../rules/definitions';
import type { ProcessActivities } from './publication';
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
    const { platform, inStep } = this.context.activities;
    const calendar = options.inStep ? inStep : platform;
    const { countyId } = this.context;
    const found =
      'weeklyOn' in period
        ? await calendar.weeklyDueAt({ countyId, fromIso: from, weekday: period.weeklyOn })
        : await calendar.workingDeadline({ countyId, fromIso: from, workingDays: period.workingDays });
    if (found.plainWeekdays) await this.context.onPlainWeekdays(found.plainWeekdays.reason, found.at, options.inStep ?? false);
    return found.at;
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
