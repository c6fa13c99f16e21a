// The kit's links between a process and what it started: a parent survives a child's end, and closing a
// process's part closes what it started there.
import { ChildWorkflowFailure, TerminatedFailure, TimeoutFailure } from '@temporalio/common';
import { defineSignal, isCancellation } from '@temporalio/workflow';
import type { EndedProcess, ProcessStatus } from './view';

/** How a child ended that did not return its view. */
export interface ChildEnd {
  status: ProcessStatus;
  reason: string;
}

const CANCELLED: ChildEnd = { status: 'CANCELLED', reason: 'Cancelled through Temporal (by an operator, or with the process it belongs to)' };

/**
 * What became of a child whose run rejected: cancelled (it closed its own record), or terminated by an
 * operator, timed out or failed (it could not: its parent closes it, see `survive` in open-process.ts).
 * Anything else (the child could not even start) is not a child's end: undefined.
 */
export function childEndOf(error: unknown): ChildEnd | undefined {
  if (isCancellation(error)) return CANCELLED;
  if (!(error instanceof ChildWorkflowFailure)) return undefined;
  const cause = error.cause;
  if (cause instanceof TerminatedFailure)
    return { status: 'TERMINATED', reason: `Terminated through Temporal (by an operator)${detail(cause.message, 'Terminated')}` };
  if (cause instanceof TimeoutFailure) return { status: 'TIMED_OUT', reason: `Timed out in Temporal (${cause.timeoutType ?? 'workflow execution timeout'})` };
  return { status: 'FAILED', reason: `Failed in Temporal${detail(cause?.message ?? error.message, '')}` };
}

function detail(message: string | undefined, plain: string): string {
  return message && message !== plain ? `: ${message}` : '';
}

/** The ends a parent records and closes for its child (a cancelled child closes its own record). */
export function closedByParent(end: ChildEnd): end is ChildEnd & { status: EndedProcess['status'] } {
  return end.status === 'TERMINATED' || end.status === 'FAILED' || end.status === 'TIMED_OUT';
}

/** The process that started this one (its `origin`), closing it: what it started it for no longer holds. */
export interface OriginClosing {
  originWorkflowId: string;
  reason: string;
}

/** Sent by a process to one it started (see `closeStarted` in open-process.ts); taken only from that origin. */
export const closedByOrigin = defineSignal<[OriginClosing]>('closedByOrigin');

/**
 * A child that ended outside the platform (terminated, cancelled, failed or timed out in Temporal), as
 * the platform saw it (activities/ended-outside.ts): sent to its parent, which may have continued as new
 * and so hold no handle on the child to learn it otherwise.
 */
export const childEndedOutside = defineSignal<[EndedProcess]>('childEndedOutside');
