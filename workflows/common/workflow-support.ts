// Helpers for workflow code only: deterministic, no I/O (imports nothing that touches Node).
import { ApplicationFailure, type Duration } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time';
import { setCurrentDetails, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Actor, ActedAs } from './actor';
import type { ProcessView, StepRecord } from './process';
import type { RuleResult } from './reasons';
import { SA } from './search-attributes';

/** Turns a refused rule into an Update validator failure: the caller sees the code and detail. */
export function enforce(result: RuleResult): void {
  if (!result.ok) {
    throw ApplicationFailure.create({ type: result.code, message: result.detail, nonRetryable: true });
  }
}

export function nowIso(): string {
  return new Date().toISOString();
}

/** Appends a step to the process record and stamps the view's update time. */
export function recordStep(
  view: ProcessView,
  step: Omit<StepRecord, 'seq' | 'at' | 'requestId'> & { by?: { actor: Actor; as: ActedAs } },
): void {
  const { by, ...rest } = step;
  const at = nowIso();
  view.record.push({ seq: view.record.length + 1, at, ...rest, actor: by?.as, requestId: by?.actor.requestId });
  view.updatedAt = at;
}

/** A deadline `period` from now, by the workflow clock. */
export function deadlineAfter(period: Duration): string {
  return new Date(Date.now() + msToNumber(period)).toISOString();
}

export function millisUntil(iso: string): number {
  return Math.max(0, Date.parse(iso) - Date.now());
}

/** Mirrors the view into search attributes and the UI's current details. */
export function showInTemporal(view: ProcessView, details: string): void {
  upsertSearchAttributes([
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
  ]);
  setCurrentDetails(details);
}

export function workflowId(): string {
  return workflowInfo().workflowId;
}
