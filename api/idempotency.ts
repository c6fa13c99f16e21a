// Idempotency keys: a request retried with its key gets its first outcome; the key with another body is a conflict.
import { hashOfJson } from '../domain/canonical-json';
import type { Request } from 'express';
import type { Db } from '../prisma/client';
import { Problem } from './problem';

/** What an Idempotency-Key looks like (documented on every step, checked here). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{6,100}$/;

/**
 * The client's key for a step: the Idempotency-Key header (400 when malformed), else the X-Request-Id
 * it sent if that has the form of a key; none when it sent neither.
 */
export function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.get('idempotency-key');
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) throw new Problem(400, 'INVALID_REQUEST', 'Idempotency-Key: 6 to 100 letters, digits, -, _, . or :');
  const requestId = req.get('x-request-id');
  return key ?? (requestId !== undefined && IDEMPOTENCY_KEY.test(requestId) ? requestId : undefined);
}

export function bodyHash(action: string, body: unknown): string {
  return hashOfJson(body, action);
}

export interface KeyUse {
  scope: string;
  key: string;
  action: string;
  hash: string;
  workflowId?: string;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === 'P2002';
}

/** What a keyed request finds: the refusal first answered to it, if any; else which try of the step it is. */
export interface KeyFound {
  refusal?: Problem;
  attempt: number;
}

/**
 * Binds the key to this request (one row, unique per scope and key). A first use, or a repeat of the
 * same request, goes on; the key reused for another request is refused.
 */
export async function useKey(db: Db, use: KeyUse): Promise<KeyFound> {
  const where = { scope_key: { scope: use.scope, key: use.key } };
  try {
    await db.stepRequest.create({ data: { scope: use.scope, key: use.key, action: use.action, bodyHash: use.hash, workflowId: use.workflowId ?? null } });
    return { attempt: 0 };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const first = await db.stepRequest.findUnique({ where });
  if (!first) throw new Error(`idempotency key ${use.key} vanished`);
  if (first.bodyHash !== use.hash) {
    throw new Problem(
      409,
      'IDEMPOTENCY_KEY_REUSED',
      `The key ${use.key} was first used for another request (${first.action}, ${first.createdAt.toISOString()}); a retry must repeat it exactly, a new request needs a new key.`,
    );
  }
  if (!first.refusal) return { attempt: first.attempt };
  const { status, code, detail, extras } = JSON.parse(first.refusal) as { status: number; code: string; detail: string; extras: Record<string, unknown> };
  return { refusal: new Problem(status, code, detail, extras), attempt: first.attempt };
}

/**
 * The try `attempt` of a keyed step was refused as UNAVAILABLE: nothing was recorded, and Temporal would
 * answer that Update id's repeats with the same refusal, so the next retry is a new try (counted once,
 * however many retries arrive at the same moment).
 */
export async function nextAttempt(db: Db, use: Pick<KeyUse, 'scope' | 'key'>, attempt: number): Promise<void> {
  await db.stepRequest.updateMany({ where: { scope: use.scope, key: use.key, attempt }, data: { attempt: attempt + 1 } });
}

/** Keeps the refusal answered to a keyed request, so that its retry gets the same answer (Temporal keeps no trace of it). */
export async function keepRefusal(db: Db, use: Pick<KeyUse, 'scope' | 'key'>, problem: Problem): Promise<void> {
  await db.stepRequest.update({
    where: { scope_key: { scope: use.scope, key: use.key } },
    data: { refusal: JSON.stringify({ status: problem.status, code: problem.code, detail: problem.detail, extras: problem.extras }) },
  });
}
