// Every call from the API to Temporal has a deadline: a step that cannot be confirmed in time is a
// 503 with Retry-After that says what became of it, never a request held open.
import { isGrpcServiceError, ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError, type Client } from '@temporalio/client';
import { Problem } from './problem';

export interface TemporalBounds {
  /** How long a step (an Update, a start) may wait for Temporal and a worker to confirm it. */
  stepMs: number;
  /** How long a state query may take before the read model answers instead. */
  readMs: number;
  /** What a 503 asks the client to wait before retrying. */
  retryAfterSeconds: number;
  /**
   * A worker counts as polling when the server saw its poll this recently. An idle worker re-polls when
   * the server's long poll expires (matching.longPollExpirationInterval, 1 minute by default).
   */
  workerSeenMs: number;
}

export const DEFAULT_BOUNDS: TemporalBounds = { stepMs: 10_000, readMs: 3_000, retryAfterSeconds: 5, workerSeenMs: 70_000 };

/**
 * What became of a step that was not confirmed in time:
 * - `PENDING`: Temporal admitted it and holds it in memory; it is applied (or refused by its rule) once,
 *   when a worker polls again — unless the Temporal server restarts first, when it is dropped;
 * - `NOT_APPLIED`: Temporal could not be reached; nothing was done;
 * - `UNKNOWN`: a start not confirmed: the process may or may not have started;
 * - `STARTED`: the process was started but what the answer waits for (its first state, screening) was not confirmed.
 * In every case a retry with the same idempotency key is safe: it is never applied twice.
 */
export type Unconfirmed = 'PENDING' | 'NOT_APPLIED' | 'UNKNOWN' | 'STARTED';

// gRPC status codes (grpc-js is not a direct dependency).
const CANCELLED = 1;
const DEADLINE_EXCEEDED = 4;
const UNAVAILABLE = 14;

function grpcCode(error: unknown): number | undefined {
  if (isGrpcServiceError(error)) return error.code;
  if (error instanceof ServiceError && isGrpcServiceError(error.cause)) return error.cause.code;
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return DEADLINE_EXCEEDED;
  return undefined;
}

/** Temporal did not answer within the deadline, or could not be reached. */
export function isUnconfirmed(error: unknown): boolean {
  const code = grpcCode(error);
  return code === DEADLINE_EXCEEDED || code === CANCELLED || code === UNAVAILABLE;
}

/** Runs `call` (any Temporal client calls) with a deadline `ms` from now. */
export function withinDeadline<T>(temporal: Client, ms: number, call: () => Promise<T>): Promise<T> {
  return temporal.connection.withDeadline(Date.now() + ms, call);
}

const MEANING: Record<Unconfirmed, string> = {
  PENDING:
    'Temporal holds the step and applies it once, when a worker is back, unless the Temporal server restarts first (then it is not applied). Retry with the same Idempotency-Key to learn its outcome: it is never applied twice.',
  NOT_APPLIED: 'Temporal could not be reached and nothing was done. Retry with the same Idempotency-Key.',
  UNKNOWN: 'The process may or may not have started. Repeat the request with the same requestId: it is never started twice.',
  STARTED: 'The process was started; its first result was not confirmed in time. Repeat the request (same requestId) or read the process later: it is never started twice.',
};

/** The 503 for a step (an Update), a start, or the first state of a started process, not confirmed in time. */
export function notConfirmed(error: unknown, what: string, bounds: TemporalBounds, kind: 'step' | 'start' | 'started' = 'step'): Problem {
  const unreachable = grpcCode(error) === UNAVAILABLE && kind !== 'started';
  const applied: Unconfirmed = unreachable ? 'NOT_APPLIED' : kind === 'step' ? 'PENDING' : kind === 'start' ? 'UNKNOWN' : 'STARTED';
  const code = applied === 'NOT_APPLIED' ? 'TEMPORAL_UNAVAILABLE' : 'STEP_NOT_CONFIRMED';
  return new Problem(503, code, `${what} was not confirmed within ${bounds.stepMs / 1000} s (no worker answered). ${MEANING[applied]}`, {
    applied,
    retryAfter: bounds.retryAfterSeconds,
  });
}
