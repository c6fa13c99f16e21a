/**
 * Why a step is refused. The code is stable (clients and auditors key on it); the detail is a
 * sentence for people. Each code maps to the HTTP status the API answers with.
 */
export const REASONS = {
  NOT_AUTHORISED: 403,
  WRONG_ORGANISATION: 403,
  WRONG_STEP: 409,
  ALREADY_DONE: 409,
  PROCESS_CLOSED: 409,
  NEGATIVE_LIST: 422,
  ALREADY_IN_CATALOGUE: 422,
  RULE_BROKEN: 422,
  DUPLICATE: 422,
  MISSING_REASON: 422,
  TESTS_NOT_MET: 422,
  INVALID_INPUT: 422,
  /** A step's own work (an activity) failed or timed out: nothing was recorded; try again later. */
  UNAVAILABLE: 503,
} as const;

export type ReasonCode = keyof typeof REASONS;

export type RuleResult = { ok: true } | { ok: false; code: ReasonCode; detail: string };

export const allowed: RuleResult = { ok: true };

export function refused(code: ReasonCode, detail: string): RuleResult {
  return { ok: false, code, detail };
}

/** The first refusal among rule results, or allowed. */
export function firstRefusal(...results: RuleResult[]): RuleResult {
  return results.find((r) => !r.ok) ?? allowed;
}

export function isReasonCode(value: unknown): value is ReasonCode {
  return typeof value === 'string' && value in REASONS;
}
