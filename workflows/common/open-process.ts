// The process kit: what every process needs besides its own steps, rules, timers and transitions.
// A workflow opens its process with `openProcess` and then says only what is its own.
import {
  allHandlersFinished,
  CancellationScope,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  setCurrentDetails,
  setHandler,
  sleep,
  workflowInfo,
  type QueryDefinition,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair, SignalDefinition } from '@temporalio/common';
import { stepsOf } from './contract';
import { childEndedOutside, childEndOf, closedByOrigin, closedByParent, type ChildEnd } from './children';
import { calendarChanged, concernedBy, moveDueDate, type CalendarChange, type DueDateFields } from './calendar-changes';
import { Deadlines } from './deadlines';
import type { CalendarDueDate, ContinuableStart, Continuation, NextActor, ProcessStatus, ProcessView } from './view';
import { closingOnCancel, enforce, nowIso, processSteps, recordStep, stepAnswer, workflowId } from './workflow-support';
import { LOCAL_ACTIVITIES, publisher, type OwnSearchAttributes, type ParentLink } from './publication';
import type { RuleResult } from './reasons';
import type { PeriodOverrides } from '../rules/checks';
import type { PeriodName, PinnedRules, RuleSectionMap } from '../rules/definitions';

/** A timer for the earliest due moment of a watch: `rang` once it is reached, unless cancelled. */
interface Alarm {
  at: number;
  rang: boolean;
  cancel(): void;
}

function setAlarm(at: number): Alarm {
  const scope = new CancellationScope();
  const alarm = { at, rang: false, cancel: () => scope.cancel() };
  scope
    .run(() => sleep(at - Date.now()))
    .then(
      () => (alarm.rang = true),
      () => undefined,
    );
  return alarm;
}

/** What a process's view starts with; the kit fills in the rest. */
export type ViewStart<V extends ProcessView> = Pick<V, 'processType' | 'title' | 'countyId' | 'step' | 'details'> &
  Partial<Pick<V, 'townId' | 'villageId' | 'villageIds' | 'screeningCode' | 'dueAt'>>;

/** A moment a process waits for besides its steps: active while `active()` holds, due at `at()`, then `fire`d under the lock. */
export interface Timer {
  active(): boolean;
  at(): number;
  fire(): Promise<void>;
}

export interface ProcessOptions<V extends ProcessView> {
  query: QueryDefinition<V>;
  view: ViewStart<V>;
  /** The UI's current details for the view (markdown). */
  details(view: V): string;
  /** The rules pinned at start. */
  rules: PinnedRules;
  /** The sections of the rules the process owns (its contract's `rules`): its deadlines' periods are theirs. */
  ruleSections: RuleSectionMap;
  /** Periods shortened for this instance (tests and demos; refused in production at the door). */
  periods?: PeriodOverrides;
  /**
   * The process that started it (a bidding's award starting a major matter): it may close this one with a
   * reason (`closeStarted`), which closes it WITHDRAWN, recorded; a message from any other is ignored.
   */
  origin?: { workflowId: string };
  /** Its parent process: told by the publication whenever what it `shows` of this process changes. */
  parent?: ParentLink<V>;
  /** Search attributes of its own, upserted with the kit's when they change. */
  searchAttributes?: (view: V) => SearchAttributeUpdatePair[];
  /** The process's start input: giving it opts the process in to continuing as new (see `openProcess`). */
  start?: ContinuableStart<V>;
  /** The state a previous run carried over (`start.continued`): the process resumes from it instead of opening anew. */
  continued?: Continuation<V>;
  /**
   * A child of its ended outside the platform (`childEndedOutside`): answers whether it was its child and
   * still running to it, having marked it ended; the kit then records it.
   */
  onChildEnded?: (view: V, child: ChildEnd & { workflowId: string }) => boolean;
  /**
   * Where it keeps the due dates of its periods besides `dueAt` and its next actors', so that a change of
   * the county's calendar moves them (calendar-changes.ts).
   */
  dueDateFields?: DueDateFields<V>;
}

/** How a wait of the main body may end the run: by default, once due and quiet, it continues as new. */
export interface WaitOptions {
  /** False where the main body could not resume from the view alone (it holds this wait's progress in locals). */
  resumable?: boolean;
}

/**
 * Opens a process: its view (answered by the state query), its lock, its publication, its deadlines.
 *
 * Long lives (continue-as-new). A process opts in by passing its start input and what it carried:
 * `openProcess({ ..., start, continued: start.continued })`, its start type extending `ContinuableStart<View>`.
 * When Temporal suggests it (`continueAsNewSuggested`) or the run's history reaches `start.maxHistoryEvents`
 * (tests only), the kit continues as new at a quiet moment — in a `watch` or `followChanges` wait of the
 * main body, with no step or signal handler running — with the same start plus `continued: { view, runs }`.
 * The workflow id stays; the view carries all state (details, pending due dates, reminders sent, the
 * record, the revision); the start carries the pinned rules and periods, so deadlines resume as they were.
 * The new run restores the view and `process.continued` is true: the main body must then skip what it
 * already did (opening, the steps before its long wait) and go straight to its view-driven waits, which
 * fire any timer that fell due meanwhile. So a process keeps ALL its state in its view, never in locals
 * across awaits; a wait that cannot resume from the view passes `{ resumable: false }`.
 * Messages between processes go by workflow id without run id, so they reach whichever run is current.
 */
export function openProcess<V extends ProcessView, Step extends string = string>(options: ProcessOptions<V>) {
  const activities = LOCAL_ACTIVITIES;
  const rules = options.rules;
  const at = nowIso();
  const continued = options.continued;
  const view =
    continued?.view ??
    ({
      workflowId: workflowId(),
      status: 'RUNNING',
      nextActors: [],
      overdue: false,
      startedAt: at,
      updatedAt: at,
      record: [],
      rules: { ruleSetId: rules.ruleSetId, version: rules.version },
      ...options.view,
    } as unknown as V);
  let changes = 0;
  // Current details live in the worker, not the history: a new run shows them again at once.
  if (continued) setCurrentDetails(options.details(view));

  const publish = publisher(activities, options.parent, options.searchAttributes as OwnSearchAttributes | undefined);
  const show = () => publish(view, options.details(view));
  setHandler(options.query, () => view);
  const { step: updateStep, exclusively } = processSteps(show, () => stepAnswer(view), rules);
  const step = stepsOf<V['details']>(view, updateStep);
  const deadlines = new Deadlines({
    countyId: view.countyId,
    rules: rules.values,
    sections: options.ruleSections,
    periods: options.periods,
    activities,
    // Operators hold their role in the county's own organisation.
    onPlainWeekdays: async (reason, at, duringStep) => {
      const notice = {
        workflowId: view.workflowId,
        orgIds: [view.countyId],
        kind: `CALENDAR_PLAIN_WEEKDAYS@${at}`,
        message: `日历缺失 Calendar missing: ${view.title} has a due date (${at}) computed on plain weekdays. ${reason}`,
      };
      await (duringStep ? activities.inStep : activities.platform).notifyOrganisations(notice);
      recordStep(view, {
        step: 'CALENDAR_PLAIN_WEEKDAYS',
        rule: 'due dates follow the official calendar',
        summary: `A due date (${at}) was computed on plain weekdays: ${reason}`,
      });
    },
    onCalendarDue: (due) => {
      const now = Date.now();
      view.calendarDueDates = [...(view.calendarDueDates ?? []).filter((d) => d.period !== due.period && Date.parse(d.at) > now), due];
    },
  });

  /** The calendar changed: each pending due date counted on an older version is counted again; one that moved is moved, recorded and told. */
  async function reviseDueDates(change: CalendarChange): Promise<void> {
    const now = Date.now();
    const pending: CalendarDueDate[] = [];
    for (const due of view.calendarDueDates ?? []) {
      if (Date.parse(due.at) <= now) continue;
      if (due.calendarVersion >= change.calendarVersion) {
        pending.push(due);
        continue;
      }
      const recounted = await deadlines.recount(due);
      if (recounted.at === due.at) {
        pending.push(recounted);
        continue;
      }
      // A due date the process no longer keeps (its step passed) is not pending any more.
      if (!moveDueDate(view, options.dueDateFields?.[due.period as PeriodName], due.at, recounted.at)) continue;
      pending.push(recounted);
      recordStep(view, {
        step: 'DUE_DATE_MOVED',
        rule: `due dates follow the official calendar (version ${recounted.calendarVersion})`,
        summary: `${due.period}: due ${due.at} → ${recounted.at}, counted again from ${due.from} on the calendar as changed`,
        data: { period: due.period, from: due.at, to: recounted.at, countedFrom: due.from, calendarVersion: recounted.calendarVersion },
      });
      await process.notify(
        concernedBy(view),
        `DUE_DATE_MOVED@${recounted.at}`,
        `截止时间调整 Due date moved: ${view.title}: ${due.at} → ${recounted.at} (the county's calendar changed).`,
      );
    }
    view.calendarDueDates = pending;
    changes++;
  }

  const start = options.start;
  /** Time to continue as new: Temporal suggests it, or this run's history reached the test-only bound. */
  const continueDue = () => {
    if (!start) return false;
    const info = workflowInfo();
    return info.continueAsNewSuggested || (start.maxHistoryEvents !== undefined && info.historyLength >= start.maxHistoryEvents);
  };
  const quietToContinue = (wait: WaitOptions) => wait.resumable !== false && continueDue() && allHandlersFinished();
  async function continueNow(): Promise<never> {
    const next: Continuation<V> = { view, runs: (continued?.runs ?? 0) + 1 };
    log.info('continuing as new', { workflowId: view.workflowId, runs: next.runs, historyLength: workflowInfo().historyLength });
    return continueAsNew<(start: ContinuableStart<V>) => Promise<V>>({ ...start, continued: next });
  }

  const process = {
    view,
    rules,
    /** The platform's activities (local), for the main body and within steps. */
    activities,
    /** This run continues an earlier one: its view is restored; the main body resumes at its waits. */
    continued: continued !== undefined,
    show,
    exclusively,
    /** Moves to `step`, asking `nextActors`, due at `dueAt`; wakes whoever waits for a change. */
    moveTo: (step: Step, nextActors: NextActor[], dueAt?: string): void => {
      view.step = step;
      view.nextActors = nextActors;
      view.dueAt = dueAt;
      changes++;
    },
    /** Ends the process with a terminal status and why. */
    close: (status: ProcessStatus, reason: string): void => {
      process.moveTo('CLOSED' as Step, []);
      view.status = status;
      view.outcome = { status, reason };
      view.overdue = false;
    },
    /** Something a waiting loop should look at again changed. */
    changed(): void {
      changes++;
    },
    /** One step: an Update whose validator is `rule`, done under the process's lock and then published. */
    step,
    /**
     * A signal that changes the process, taken only from its expected sender (`fromSender` checks the
     * workflow id its payload carries) and only while running; done under the lock and published.
     */
    signal<A>(definition: SignalDefinition<[A]>, fromSender: (payload: A) => boolean, act: (payload: A) => Promise<void> | void): void {
      setHandler(definition, (payload: A) =>
        exclusively(async () => {
          if (view.status !== 'RUNNING') return;
          if (!fromSender(payload)) {
            log.warn('signal from an unexpected sender ignored', { signal: definition.name, payload });
            return;
          }
          await act(payload);
          await show();
        }),
      );
    },
    /** A transition of the main body: done and published under the lock, so it never interleaves with a step. */
    async transition(work: () => Promise<void> | void): Promise<void> {
      await exclusively(async () => {
        await work();
        await show();
      });
    },
    /** Tells organisations, once per kind (e.g. OVERDUE@<deadline>), without waiting for them to open their inbox. */
    notify(orgIds: string[], kind: string, message: string): Promise<void> {
      return activities.platform.notifyOrganisations({ workflowId: view.workflowId, orgIds, kind, message });
    },
    deadlines,
    /** Refuses the step being done (in its work, before it changes anything) when `result` is a refusal, naming the rule and the pinned rule set. */
    refuseUnless: (result: RuleResult): void => enforce(result, rules),
    /**
     * Waits while `holds()`: wakes on every change and at each active timer's moment, and fires the
     * timers that are due, in order, under the lock.
     */
    async watch(holds: () => boolean, timers: Timer[], wait: WaitOptions = {}): Promise<void> {
      const fireDue = () =>
        exclusively(async () => {
          if (!holds()) return;
          const now = Date.now();
          for (const timer of timers) if (timer.active() && now >= timer.at()) await timer.fire();
        });
      // One timer for the earliest moment, kept while that moment stands: a step that moves no due date adds no timer events.
      let alarm: Alarm | undefined;
      try {
        while (holds()) {
          if (quietToContinue(wait)) await continueNow();
          const seen = changes;
          const due = timers.filter((t) => t.active()).map((t) => t.at());
          const at = due.length ? Math.min(...due) : undefined;
          if (alarm && alarm.at !== at) {
            alarm.cancel();
            alarm = undefined;
          }
          if (at !== undefined && at <= Date.now()) {
            await fireDue();
            continue;
          }
          if (at !== undefined) alarm ??= setAlarm(at);
          const ringing = alarm;
          await condition(() => changes !== seen || !holds() || quietToContinue(wait) || ringing?.rang === true);
          if (ringing?.rang && holds() && !quietToContinue(wait)) {
            alarm = undefined;
            await fireDue();
          }
        }
      } finally {
        alarm?.cancel();
      }
    },
    /** Until `done()`, runs `onChange` under the lock after every change (and once more when done). */
    async followChanges(done: () => boolean, onChange: () => Promise<void>, wait: WaitOptions = {}): Promise<void> {
      // A change made while `onChange` runs (a signal arriving during its publication) is followed too.
      let seen = changes;
      while (!done()) {
        if (quietToContinue(wait)) await continueNow();
        await condition(() => done() || changes !== seen || quietToContinue(wait));
        if (changes === seen && !done()) continue;
        seen = changes;
        await exclusively(onChange);
      }
    },
    /** Runs the main body; a cancellation still closes the record; the process ends once every step handler has. */
    run(body: () => Promise<void>): Promise<V> {
      return closingOnCancel(process, async () => {
        await body();
        await condition(allHandlersFinished);
        return view;
      });
    },
    record: (entry: Parameters<typeof recordStep>[1]) => recordStep(view, entry),
    /**
     * Closes a process this one started (its `origin` is this one), with the reason, and records it here:
     * closing or re-routing a process closes what it started. One already closed keeps its end.
     */
    async closeStarted(workflowId: string, reason: string): Promise<void> {
      await getExternalWorkflowHandle(workflowId)
        .signal(closedByOrigin, { originWorkflowId: view.workflowId, reason })
        .catch(() => undefined);
      recordStep(view, {
        step: 'CLOSED_WHAT_IT_STARTED',
        rule: 'closing or re-routing a process closes or re-routes what it started',
        summary: `${workflowId}, started by this process, closed: ${reason}`,
        data: { workflowId, reason },
      });
    },
    /**
     * A child's run that must not end this process: its result, or how it ended otherwise. A child
     * cancelled closed its own record; one terminated by an operator, failed or timed out could not, so
     * this process closes its read model (status, reason, out of every inbox) and records what happened
     * to which child on its own record, under the lock; `onEnd` then marks it in the process's details.
     * A child that could not start is not an end: that error is thrown.
     */
    async survive<R>(child: { workflowId: string; name: string }, running: Promise<R>, onEnd: (end: ChildEnd) => void): Promise<R | ChildEnd> {
      try {
        return await running;
      } catch (error) {
        const end = childEndOf(error);
        if (!end) throw error;
        if (!closedByParent(end)) {
          onEnd(end);
          return end;
        }
        await exclusively(async () => {
          await activities.platform.closeEndedProcess({ workflowId: child.workflowId, status: end.status, reason: end.reason, seenBy: view.workflowId });
          recordStep(view, {
            step: 'CHILD_ENDED',
            rule: 'a parent survives its child: terminated, failed or timed out, the child is closed and the parent goes on',
            summary: `${child.name} (${child.workflowId}) ${end.status}: ${end.reason}`,
            data: { workflowId: child.workflowId, status: end.status, reason: end.reason },
          });
          onEnd(end);
          changes++;
          await show();
        });
        return end;
      }
    },
  };
  process.signal(calendarChanged, (change) => change.countyId === view.countyId, reviseDueDates);
  const onChildEnded = options.onChildEnded;
  if (onChildEnded) {
    process.signal(
      childEndedOutside,
      () => true,
      (child) => {
        if (!onChildEnded(view, child)) return;
        recordStep(view, {
          step: 'CHILD_ENDED',
          rule: 'a parent survives its child: terminated, failed or timed out, the child is closed and the parent goes on',
          summary: `${child.workflowId} ${child.status}: ${child.reason} (seen by ${child.seenBy})`,
          data: { workflowId: child.workflowId, status: child.status, reason: child.reason },
        });
        changes++;
      },
    );
  }
  const origin = options.origin;
  if (origin) {
    process.signal(
      closedByOrigin,
      (closing) => closing.originWorkflowId === origin.workflowId,
      (closing) => {
        recordStep(view, {
          step: 'CLOSED_BY_ORIGIN',
          rule: 'closing or re-routing a process closes or re-routes what it started',
          summary: `Closed by ${origin.workflowId}, which started it: ${closing.reason}`,
          data: closing,
        });
        process.close('WITHDRAWN', closing.reason);
      },
    );
  }
  return process;
}
