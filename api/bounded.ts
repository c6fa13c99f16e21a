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

/** The bounds in force: the defaults, with what the deployment (or a test) set. */
export function boundsOf(deps: { bounds?: Partial<TemporalBounds> }): TemporalBounds {
  return { ...DEFAULT_BOUNDS, ...deps.bounds };
}

/**
 * What became of a step that was not confirmed in time (the `applied` field of the 503):
 * - `PENDING`: an Update. Temporal admitted it (or may have) and holds it in memory, not yet in the
 *   history: it is applied — or refused by its rule — once, when a worker polls again; it is dropped
 *   if the Temporal server restarts or evicts the workflow first. A retry with the same key attaches to
 *   it, or returns its outcome, or (if it was dropped) applies it then: never twice.
 * - `UNKNOWN`: a start. The process may or may not have started; the same requestId never starts two.
 * - `STARTED`: the process was started, but what the answer waits for (its first state, screening) was not confirmed.
 */
export type Unconfirmed = 'PENDING' | 'UNKNOWN' | 'STARTED';

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
  UNKNOWN: 'The process may or may not have started. Repeat the request with the same requestId: it is never started twice.',
  STARTED:
    'The process was started; its first result was not confirmed in time. Repeat the request (same requestId) or read the process later: it is never started twice.',
};

/** The 503 for a step (an Update), a start, or the first state of a started process, not confirmed in time. */
export function notConfirmed(error: unknown, what: string, bounds: TemporalBounds, kind: 'step' | 'start' | 'started' = 'step'): Problem {
  const applied: Unconfirmed = kind === 'step' ? 'PENDING' : kind === 'start' ? 'UNKNOWN' : 'STARTED';
  const unreachable = grpcCode(error) === UNAVAILABLE;
  const cause = unreachable ? 'Temporal was unavailable' : `no worker confirmed it within ${bounds.stepMs / 1000} s`;
  return new Problem(503, unreachable ? 'TEMPORAL_UNAVAILABLE' : 'STEP_NOT_CONFIRMED', `${what} was not confirmed: ${cause}. ${MEANING[applied]}`, {
    applied,
    retryAfter: bounds.retryAfterSeconds,
  });
}
