// Rules of the itemAdmission process (docs/processes.md §1): pure functions called by the validators.
import type { Actor } from '../common/actor';
import { allowed, firstRefusal, refused, ruleBroken, type RuleResult } from '../common/reasons';
import { mayTake } from '../common/contract';
import { reasonGiven } from '../common/guards';
import type { AdmissionDecision, AdmissionReview, AdmissionView, Consultation, ConsultationResponse, Withdrawal } from './contract';
import { admissionContract } from './contract';

const { actions } = admissionContract;

const TESTS: (keyof AdmissionReview)[] = ['requiredByLaw', 'customarilyNeedsVillage', 'withinVillageCapacity'];

export function allTestsMet(review: AdmissionReview): boolean {
  return TESTS.every((t) => review[t].met);
}

function everyTestReasoned(review: AdmissionReview): RuleResult {
  const missing = TESTS.filter((t) => !review[t].reason?.trim());
  return missing.length === 0 ? allowed : refused('MISSING_REASON', `Each of the three tests must be answered with a reason; missing: ${missing.join(', ')}.`);
}

// Each action's own rule, checked by the kit after its steps (`at`) and its actors (`by`); `may…` is the
// whole check, as the Update's validator makes it.

export function reviewRule(view: AdmissionView, review: AdmissionReview): RuleResult {
  return firstRefusal(view.details.review ? refused('ALREADY_DONE', 'The admission has already been reviewed.') : allowed, everyTestReasoned(review));
}

export function mayReview(view: AdmissionView, actor: Actor, review: AdmissionReview): RuleResult {
  return mayTake(actions.review, view, actor, review, () => reviewRule(view, review));
}

export function responseRule(view: AdmissionView, response: ConsultationResponse): RuleResult {
  const consultation = view.details.consultation;
  return firstRefusal(
    consultation && !consultation.townIds.includes(response.townId)
      ? refused('WRONG_ORGANISATION', `${response.townId} is not among the towns consulted.`)
      : allowed,
    consultation?.responses.some((r) => r.townId === response.townId)
      ? refused('ALREADY_DONE', `${response.townId} has already responded to this consultation.`)
      : allowed,
    response.objection ? reasonGiven(response.comment, 'An objection') : allowed,
  );
}

export function mayRespond(view: AdmissionView, actor: Actor, response: ConsultationResponse): RuleResult {
  return mayTake(actions.respondToConsultation, view, actor, response, () => responseRule(view, response));
}

export function objections(consultation: Consultation | undefined): ConsultationResponse[] {
  return consultation?.responses.filter((r) => r.objection) ?? [];
}

export function allTownsResponded(consultation: Consultation): boolean {
  return consultation.townIds.every((t) => consultation.responses.some((r) => r.townId === t));
}

function admissionAllowed(view: AdmissionView, decision: AdmissionDecision): RuleResult {
  if (decision.outcome === 'REFUSE') return allowed;
  const { review, consultation, application } = view.details;
  if (!review || !allTestsMet(review)) {
    return refused('TESTS_NOT_MET', 'Work can be admitted only when all three tests were met at review.');
  }
  if (decision.outcome === 'ADMIT_ONCE' && application.scope !== 'ONCE') {
    return ruleBroken(
      'itemAdmission.onceScope',
      'The department applied for a catalogue item, not for one task.',
      '申请单位申请的是纳入清单，而非一次性准入。',
    );
  }
  if (decision.outcome === 'ADMIT_TO_CATALOGUE' && !decision.effect) {
    return refused('INVALID_INPUT', 'Admission into the catalogue must say whether it takes effect at once or in the next version.');
  }
  if (objections(consultation).length > 0 && !decision.responseToObjections?.trim()) {
    return refused('MISSING_REASON', 'Towns objected: admitting the work must answer their objections.');
  }
  return allowed;
}

export function decisionRule(view: AdmissionView, decision: AdmissionDecision): RuleResult {
  return firstRefusal(
    view.details.decision ? refused('ALREADY_DONE', 'The admission has already been decided.') : allowed,
    reasonGiven(decision.reason, 'A decision'),
    admissionAllowed(view, decision),
  );
}

export function mayDecide(view: AdmissionView, actor: Actor, decision: AdmissionDecision): RuleResult {
  return mayTake(actions.decide, view, actor, decision, () => decisionRule(view, decision));
}

export function withdrawalRule(view: AdmissionView, withdrawal: Withdrawal): RuleResult {
  return firstRefusal(
    view.details.decision ? refused('ALREADY_DONE', 'The admission has been decided; it can no longer be withdrawn.') : allowed,
    reasonGiven(withdrawal.reason, 'A withdrawal'),
  );
}

export function mayWithdraw(view: AdmissionView, actor: Actor, withdrawal: Withdrawal): RuleResult {
  return mayTake(actions.withdraw, view, actor, withdrawal, () => withdrawalRule(view, withdrawal));
}

/** After review: consult the towns if the work passed all three tests, else go straight to a decision. */
export function stepAfterReview(review: AdmissionReview): 'CONSULTATION' | 'DECISION' {
  return allTestsMet(review) ? 'CONSULTATION' : 'DECISION';
}
