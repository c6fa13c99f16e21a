// Errors as application/problem+json (RFC 9457) with a stable reason code.
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { isReasonCode, REASONS, type Refusal } from '../workflows/common/reasons';
import type { RefusalDetails } from '../workflows/common/workflow-support';

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly extras: Record<string, unknown> = {},
    /** The refusal a 404 stands for (see `concealed`): logged, never answered. */
    readonly conceals?: Problem,
  ) {
    super(detail);
  }

  body(instance: string) {
    return {
      type: `https://cunwu-flow.example/problems/${this.code.toLowerCase().replace(/_/g, '-')}`,
      title: this.code,
      status: this.status,
      detail: this.detail,
      code: this.code,
      instance,
      ...this.extras,
    };
  }
}

export const notFound = (what: string) => new Problem(404, 'NOT_FOUND', `${what} was not found.`);
export const forbidden = (detail: string) => new Problem(403, 'NOT_AUTHORISED', detail);

/**
 * A refusal by someone who may not read the resource, answered exactly as a missing one (a 404 saying
 * `what` was not found), so that it does not tell the resource exists; the refusal is still logged.
 */
export const concealed = (refusal: Problem, what: string) => new Problem(404, 'NOT_FOUND', `${what} was not found.`, {}, refusal);

/** Prisma's codes for a database that could not answer in time: SQLite's lock held elsewhere (P1008), a
 *  transaction that could not start or finish in time (P2028), a pool exhausted (P2024), a write conflict (P2034). */
const DATABASE_BUSY_CODES = new Set(['P1008', 'P2024', 'P2028', 'P2034']);

/** A database that is busy is not a fault of the request nor of the server: the caller may try again shortly (503). */
export function problemFromDatabase(error: unknown): Problem | undefined {
  const { name, code, message } = (error ?? {}) as { name?: unknown; code?: unknown; message?: unknown };
  const busy =
    (name === 'PrismaClientKnownRequestError' && typeof code === 'string' && DATABASE_BUSY_CODES.has(code)) ||
    (typeof message === 'string' && /SQLITE_BUSY|database is locked/.test(message));
  return busy ? new Problem(503, 'DATABASE_BUSY', 'The database is busy and could not confirm this in time; try again shortly.') : undefined;
}

/** A refusal's rule: its id, the rule set (and version) it applied, the reason in Chinese and English. */
export interface RuleNamed {
  rule: string;
  ruleSet?: { id: string; version: number };
  reason: { zh: string; en: string };
}

/** The extras of a refusal that names its rule (none when it names none). */
export function ruleExtras(detail: string, named: { rule?: string; zh?: string; ruleSet?: { id: string; version: number } } | undefined): Partial<RuleNamed> {
  if (!named?.rule) return {};
  return { rule: named.rule, ...(named.ruleSet && { ruleSet: named.ruleSet }), reason: { zh: named.zh ?? detail, en: detail } };
}

/** A rule refused outside a workflow (a start's own checks): its status, the rule it applied and the rule set pinned for it. */
export function problemOf(refusal: Refusal, pinned?: { ruleSetId: string; version: number }): Problem {
  const ruleSet = pinned && { id: pinned.ruleSetId, version: pinned.version };
  return new Problem(REASONS[refusal.code], refusal.code, refusal.detail, ruleExtras(refusal.detail, { ...refusal, ruleSet }));
}

/** A refused Update becomes the validator's reason, with the rule it applied; an unknown workflow a 404. */
export function problemFromTemporal(error: unknown, what: string): Problem | undefined {
  if (error instanceof WorkflowNotFoundError) return notFound(what);
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const code = error.cause.type;
    const [named] = (error.cause.details ?? []) as (RefusalDetails | undefined)[];
    if (isReasonCode(code)) return new Problem(REASONS[code], code, error.cause.message, ruleExtras(error.cause.message, named));
  }
  return undefined;
}
