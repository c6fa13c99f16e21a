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

/**
 * A rule's machine-readable id, as refusals and records name it: `<section>.<rule>` for a county rule
 * (the rule-set key it applied, e.g. `secondment.coolDownMonths`), `<process>.<rule>` for a rule the
 * spec itself fixes (e.g. `majorMatterDecision.meetingOrder`), `process.<rule>` for the kit's
 * (docs/processes.md, "Refusals that name their rule", lists them).
 */
export type RuleId = `${string}.${string}`;

/** The rule a refusal applied, and the reason in Chinese beside the English detail. */
export interface NamedRule {
  rule: RuleId;
  zh: string;
}

export type Refusal = { ok: false; code: ReasonCode; detail: string } & Partial<NamedRule>;

export type RuleResult = { ok: true } | Refusal;

export const allowed: RuleResult = { ok: true };

/** A refusal: its code, the English detail and, for a business rule, the rule it applied and the Chinese reason. */
export function refused(code: ReasonCode, detail: string, named?: NamedRule): RuleResult {
  return { ok: false, code, detail, ...named };
}

/** The county's or the spec's rule `rule` is broken (RULE_BROKEN, 422). */
export function ruleBroken(rule: RuleId, detail: string, zh: string): RuleResult {
  return refused('RULE_BROKEN', detail, { rule, zh });
}

/** The first refusal among rule results, or allowed. */
export function firstRefusal(...results: RuleResult[]): RuleResult {
  return results.find((r) => !r.ok) ?? allowed;
}

export function isReasonCode(value: unknown): value is ReasonCode {
  return typeof value === 'string' && value in REASONS;
}
