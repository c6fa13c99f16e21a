import type { Operation } from 'fast-json-patch';
import type { ActedAs } from './actor';
import type { Role } from './roles';

/**
 * Where a process stands overall. Every terminal status carries the reason it ended. TERMINATED, FAILED
 * and TIMED_OUT are set from outside the process, by the parent that saw it end so (its own code never
 * closes with them): terminated by an operator, failed, or past its execution timeout.
 */
export type ProcessStatus = 'RUNNING' | 'COMPLETED' | 'REJECTED' | 'WITHDRAWN' | 'CANCELLED' | 'TERMINATED' | 'FAILED' | 'TIMED_OUT';

/** Who must act next, in which organisation, on what, and by when. */
export interface NextActor {
  role: Role;
  orgId: string;
  action: string;
  dueAt?: string;
}

/** One recorded step: who did what, when, under which rule. `actor` is absent for automatic steps. */
export interface StepRecord {
  seq: number;
  at: string;
  step: string;
  actor?: ActedAs;
  requestId?: string;
  rule?: string;
  /** The rule set pinned in the process, by which the step was judged. */
  ruleSet?: { ruleSetId: string; version: number };
  /** The Temporal run the step was taken in. */
  runId?: string;
  summary: string;
  data?: unknown;
}

/**
 * A pending due date counted on the county's calendar (in working days or on a weekly report day):
 * from when, by which period, and on which version of the calendar, so that a change of the calendar
 * can move it (one per period: a later count of the same period replaces it).
 */
export interface CalendarDueDate {
  period: string;
  from: string;
  at: string;
  calendarVersion: number;
  /** Counted with plain weekdays: the calendar lacked a year it needed. */
  plainWeekdays?: boolean;
}

/** What every process answers to its state query, besides its own details. */
export interface ProcessView<Details = unknown> {
  processType: string;
  workflowId: string;
  title: string;
  countyId: string;
  townId?: string;
  villageId?: string;
  /** For a process that concerns several villages (a dispatch). */
  villageIds?: string[];
  screeningCode?: string;
  step: string;
  status: ProcessStatus;
  outcome?: { status: ProcessStatus; reason: string };
  nextActors: NextActor[];
  dueAt?: string;
  overdue: boolean;
  /** Its pending due dates counted on the calendar. */
  calendarDueDates?: CalendarDueDate[];
  startedAt: string;
  updatedAt: string;
  record: StepRecord[];
  /** The county rule set the process runs under, pinned at its start. */
  rules?: { ruleSetId: string; version: number };
  /** Counts the process's publications: the read model never takes an older one over a newer. */
  revision?: number;
  details: Details;
}

/**
 * What a step's Update answers: small, so that a long process's history does not carry its whole view
 * at every step (callers read the state after the step: the read model has it at `revision` or later).
 */
export interface StepAnswer {
  workflowId: string;
  step: string;
  status: ProcessStatus;
  revision: number;
}

/** A process that ended without closing its own record, as the parent that saw it end tells the read model. */
export interface EndedProcess {
  workflowId: string;
  status: Extract<ProcessStatus, 'TERMINATED' | 'CANCELLED' | 'FAILED' | 'TIMED_OUT'>;
  reason: string;
  /** Who saw it end: the workflow id of its parent, or `the platform` (activities/ended-outside.ts). */
  seenBy: string;
}

/** The read model lacks the revision a publication's change applies to: the workflow sends its whole state. */
export const READ_MODEL_BEHIND = 'READ_MODEL_BEHIND';

/** A signal the publication's activity sends once the read model has the state (a child telling its parent). */
export interface Tell {
  workflowId: string;
  signal: string;
  payload: unknown;
}

/**
 * A process's publication: its state's change since the previous one (RFC 6902), or, first in a run,
 * its whole state; and what to tell its parent, when that changed.
 */
export type Publication = { workflowId: string; revision: number; tell?: Tell } & ({ base: number; patch: Operation[] } | { view: ProcessView });

/**
 * What a process carries from one run into the next when it continues as new (set by the kit only).
 * The view is the whole state: step, details (pending due dates, reminders sent), record, revision.
 */
export interface Continuation<V extends ProcessView = ProcessView> {
  view: V;
  /** How many runs came before the one this continuation starts. */
  runs: number;
}

/** What the start input of a process that may continue as new carries besides its own fields. */
export interface ContinuableStart<V extends ProcessView = ProcessView> {
  /** Set by the kit when it continues the process as new; never by a caller. */
  continued?: Continuation<V>;
  /**
   * Tests only (the API never accepts it): continue as new once a run's history reaches this many
   * events, besides Temporal's own suggestion; so a test proves continuation without 10,000 steps.
   */
  maxHistoryEvents?: number;
}

/** Why a process is withdrawn by the one who started it. */
export interface Withdrawal {
  reason: string;
}

/** The state query's name, the same for every process. */
export const STATE_QUERY = 'state';
