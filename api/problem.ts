// Errors as application/problem+json (RFC 9457) with a stable reason code.
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { isReasonCode, REASONS } from '../workflows/common/reasons';

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly extras: Record<string, unknown> = {},
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

/** A refused Update becomes the validator's reason; an unknown workflow a 404. */
export function problemFromTemporal(error: unknown, what: string): Problem | undefined {
  if (error instanceof WorkflowNotFoundError) return notFound(what);
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const code = error.cause.type;
    if (isReasonCode(code)) return new Problem(REASONS[code], code, error.cause.message);
  }
  return undefined;
}
