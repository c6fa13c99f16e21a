// Helpers for workflow code only: deterministic, no I/O (imports nothing that touches Node).
import { ActivityFailure, ApplicationFailure, type SearchAttributeUpdatePair, type UpdateDefinition } from '@temporalio/common';
import { CancellationScope, condition, isCancellation, setCurrentDetails, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import type { Actor, ActedAs } from './actor';
import { forOperators } from './details';
import type { ProcessView, StepAnswer, StepRecord } from './view';
import { isReasonCode, type RuleResult } from './reasons';
import { SA } from './search-attributes';

/** The rule set a process runs under, as a refusal names it. */
export interface RuleSetRef {
  ruleSetId: string;
  version: number;
}

/** What a refusal carries besides its code and detail: the rule it applied, the rule set's version, the reason in Chinese. */
export interface RefusalDetails {
  rule?: string;
  zh?: string;
  ruleSet: { id: string; version: number };
}

/**
 * Turns a refused rule into a step's failure (the Update's validator, or a step refused in its work): the
 * caller sees the code and detail, and in the failure's details the rule it applied and the pinned rule set.
 */
export function enforce(result: RuleResult, pinned: RuleSetRef): void {
  if (result.ok) return;
  const details: RefusalDetails = { rule: result.rule, zh: result.zh, ruleSet: { id: pinned.ruleSetId, version: pinned.version } };
  throw ApplicationFailure.create({ type: result.code, message: result.detail, nonRetryable: true, details: [details] });
}

export interface StepOptions {
  /** After the step is done and the lock released, the caller waits for this (e.g. for screening to rerun). */
  settle?: () => boolean;
}

/**
 * One process's steps, run one at a time. A validator sees the state as it is when the Update arrives,
 * but a step in flight may change it while awaiting an activity; so each step takes the process's lock
 * and checks its rule again before acting, and the main body's own transitions take the same lock.
 */
export function processSteps(show: () => Promise<void>, answer: () => StepAnswer, pinned: RuleSetRef) {
  const lock = new Mutex();
  return {
    step: <A extends [Actor, ...unknown[]]>(
      update: UpdateDefinition<StepAnswer, A>,
      rule: (...args: NoInfer<A>) => RuleResult,
      act: (...args: NoInfer<A>) => Promise<void> | void,
      options: StepOptions = {},
    ): void => {
      const handler = async (...args: A): Promise<StepAnswer> => {
        await lock.runExclusive(async () => {
          enforce(rule(...args), pinned);
          try {
            await act(...args);
          } catch (error) {
            throw stepFailure(error, update.name);
          }
          await show();
        });
        if (options.settle) await condition(options.settle);
        return answer();
      };
      setHandler(update, handler, { validator: (...args: A) => enforce(rule(...args), pinned) });
    },
    /** Runs a transition of the main body (timers, opening) without interleaving with a step. */
    exclusively: <T>(transition: () => Promise<T>): Promise<T> => lock.runExclusive(transition),
  };
}

/**
 * What an activity failed with, as the workflow sees it: an activity's failure arrives wrapped in an
 * ActivityFailure, a local activity's as the failure itself.
 */
export function activityFailureOf(error: unknown): Error | undefined {
  if (error instanceof ActivityFailure) return error.cause ?? error;
  return error instanceof ApplicationFailure ? error : undefined;
}

/**
 * A step whose activity failed changed nothing (steps do their failing work first): it is refused with
 * the activity's own reason when it gave one (a non-retryable ApplicationFailure carrying a reason
 * code), else as UNAVAILABLE, to be tried again later.
 */
function stepFailure(error: unknown, step: string): unknown {
  const failed = activityFailureOf(error);
  if (!failed) return error;
  if (failed instanceof ApplicationFailure && isReasonCode(failed.type)) return failed;
  return ApplicationFailure.create({
    type: 'UNAVAILABLE',
    message: `The step ${step} could not be done now (${failed.message}); nothing was recorded: try again later.`,
    nonRetryable: true,
  });
}

const CANCELLED_REASON = 'Cancelled through Temporal (by an operator, or with the process it belongs to)';

/** Runs a process's main body; when it is cancelled (by an operator or its parent), the record still closes, saying so. */
export async function closingOnCancel<T>(
  process: { view: ProcessView; close(status: 'CANCELLED', reason: string): void; show(): Promise<void> },
  body: () => Promise<T>,
): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (!isCancellation(error) || !CancellationScope.current().consideredCancelled) throw error;
    await CancellationScope.nonCancellable(async () => {
      if (process.view.status === 'RUNNING') {
        recordStep(process.view, { step: 'CANCELLED', summary: CANCELLED_REASON });
        process.close('CANCELLED', CANCELLED_REASON);
      }
      await process.show();
    });
    throw error;
  }
}

export function nowIso(): string {
  return new Date().toISOString();
}

/** Appends a step to the process record and stamps the view's update time. */
export function recordStep(view: ProcessView, step: Omit<StepRecord, 'seq' | 'at' | 'requestId'> & { by?: { actor: Actor; as: ActedAs } }): void {
  const { by, ...rest } = step;
  const at = nowIso();
  const context = { ...(view.rules && { ruleSet: view.rules }), runId: workflowInfo().runId };
  view.record.push({ seq: view.record.length + 1, at, ...rest, actor: by?.as, requestId: by?.actor.requestId, ...context });
  view.updatedAt = at;
}

/** What a step answers: the process's step, status and revision, not its view. */
export function stepAnswer(view: ProcessView): StepAnswer {
  return { workflowId: view.workflowId, step: view.step, status: view.status, revision: view.revision ?? 0 };
}

/**
 * Mirrors the view into search attributes and the UI's current details. Given what it `shown` before
 * (in this run), it upserts only the attributes that changed: an unchanged step adds no event.
 */
export function showInTemporal(view: ProcessView, details: string, shown: Map<string, string>, own?: (view: ProcessView) => SearchAttributeUpdatePair[]): void {
  const attributes = [...searchAttributesOf(view), ...(own?.(view) ?? [])];
  const changed = attributes.filter(({ key, value }) => {
    const seen = JSON.stringify(value);
    if (shown.get(key.name) === seen) return false;
    shown.set(key.name, seen);
    return true;
  });
  if (changed.length) upsertSearchAttributes(changed);
  setCurrentDetails(forOperators(details));
}

function searchAttributesOf(view: ProcessView): SearchAttributeUpdatePair[] {
  return [
    { key: SA.process, value: view.processType },
    { key: SA.county, value: view.countyId },
    { key: SA.town, value: view.townId ?? null },
    { key: SA.village, value: view.villageId ?? null },
    { key: SA.screeningCode, value: view.screeningCode ?? null },
    { key: SA.step, value: view.step },
    { key: SA.status, value: view.status },
    { key: SA.nextRole, value: [...new Set(view.nextActors.map((a) => a.role))] },
    { key: SA.dueAt, value: view.dueAt ? new Date(view.dueAt) : null },
    { key: SA.overdue, value: view.overdue },
  ];
}

export function workflowId(): string {
  return workflowInfo().workflowId;
}
