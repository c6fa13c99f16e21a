// Rules of taskDispatch (docs/processes.md §2): pure functions called by the validators and the screening.
import { findRole, type Actor } from '../common/actor';
import { allowed, firstRefusal, refused, type RuleResult } from '../common/reasons';
import { atStep, holds, reasonGiven } from '../common/guards';
import type {
  AcceptanceDecision,
  Assignment,
  CollectiveDecision,
  Completion,
  DispatchContent,
  DispatchRevision,
  DispatchScreening,
  DispatchView,
  ProgressReport,
  ReviewDecision,
  UnclearReason,
  VillageTaskView,
  Withdrawal,
} from './messages';

/** Why a dispatch is unclear: no deliverables, no acceptance criteria, or a deadline before `earliestDeadline`. */
export function unclearReasons(content: DispatchContent, earliestDeadline: string): UnclearReason[] {
  const reasons: UnclearReason[] = [];
  if (content.deliverables.length === 0) reasons.push('NO_DELIVERABLES');
  if (!content.acceptanceCriteria.trim()) reasons.push('NO_ACCEPTANCE_CRITERIA');
  if (Date.parse(content.deadline) < Date.parse(earliestDeadline)) reasons.push('DEADLINE_TOO_CLOSE');
  return reasons;
}

/** Out of the list: no code, or a code the catalogue in force does not hold (and no once-only admission). */
export function isOutOfList(screening: DispatchScreening): boolean {
  return screening.catalogue === 'UNKNOWN' || screening.catalogue === 'NO_CODE';
}

export function mayRevise(view: DispatchView, actor: Actor, revision: DispatchRevision): RuleResult {
  const admission = view.details.admission;
  return firstRefusal(
    atStep(view, ['REVISION'], 'revision'),
    holds(actor, 'DISPATCHER', view.details.dispatcherOrgId, 'Revising a dispatch'),
    admission && revision.screeningCode !== undefined && revision.screeningCode !== admission.code
      ? refused('RULE_BROKEN', `This task was put to admission as ${admission.code} (${admission.workflowId}); its code cannot change. Withdraw it and dispatch anew.`)
      : allowed,
  );
}

export function mayReview(view: DispatchView, actor: Actor, review: ReviewDecision): RuleResult {
  const screening = view.details.screening;
  return firstRefusal(
    atStep(view, ['REVIEW'], 'review'),
    holds(actor, 'TOWN_REVIEWER', view.details.townId, 'Review of a dispatch'),
    review.decision === 'APPROVE' ? allowed : reasonGiven(review.reasons, review.decision === 'RETURN' ? 'A return for revision' : 'A rejection'),
    review.decision === 'APPROVE' && screening && isOutOfList(screening)
      ? refused('RULE_BROKEN', 'The task is outside the village work-item list and was not admitted: it cannot be approved.')
      : allowed,
    review.decision === 'APPROVE' && screening?.duplicates.length && !review.comment?.trim()
      ? refused('DUPLICATE', `Flagged as a duplicate of ${screening.duplicates.map((d) => `${d.workflowId} (${d.villageId})`).join(', ')}: approve only with a comment saying why it is not one, or reject it as DUPLICATE.`)
      : allowed,
  );
}

export function mayRecordCollectiveDecision(view: DispatchView, actor: Actor, decision: CollectiveDecision): RuleResult {
  return firstRefusal(
    atStep(view, ['COLLECTIVE_DECISION'], 'the collective decision'),
    holds(actor, 'TOWN_REVIEWER', view.details.townId, 'Recording the collective decision'),
    reasonGiven(decision.minutesRef, 'A collective decision (its minutes reference)'),
  );
}

export function mayWithdraw(view: DispatchView, actor: Actor, withdrawal: Withdrawal): RuleResult {
  const received = view.details.villages.filter((v) => v.step !== 'RECEIVE');
  return firstRefusal(
    view.step === 'AWAITING_ADMISSION'
      ? refused('WRONG_STEP', `The task waits for admission ${view.details.admission?.workflowId}: withdraw that application, and the dispatch closes as withdrawn.`)
      : atStep(view, ['REVIEW', 'REVISION', 'COLLECTIVE_DECISION', 'IN_VILLAGES'], 'withdrawal'),
    holds(actor, 'DISPATCHER', view.details.dispatcherOrgId, 'Withdrawing a dispatch'),
    received.length > 0
      ? refused('WRONG_STEP', `Already received by ${received.map((v) => v.villageId).join(', ')}: a dispatch can be withdrawn only before receipt.`)
      : allowed,
    reasonGiven(withdrawal.reason, 'A withdrawal'),
  );
}

// ---- village task ----

const staffOf = (view: VillageTaskView, actor: Actor) => view.details.staff.find((s) => s.personId === actor.personId);

export function mayReceive(view: VillageTaskView, actor: Actor): RuleResult {
  return firstRefusal(atStep(view, ['RECEIVE'], 'receipt'), holds(actor, 'VILLAGE_SECRETARY', view.villageId!, 'Receiving a task'));
}

export function mayAssign(view: VillageTaskView, actor: Actor, assignment: Assignment): RuleResult {
  const outsiders = assignment.personIds.filter((id) => !view.details.staff.some((s) => s.personId === id));
  return firstRefusal(
    atStep(view, ['ASSIGN', 'IN_PROGRESS'], 'assignment'),
    holds(actor, 'VILLAGE_SECRETARY', view.villageId!, 'Assigning a task'),
    assignment.personIds.length === 0 ? refused('INVALID_INPUT', 'Name at least one cadre or grid member.') : allowed,
    outsiders.length > 0
      ? refused('WRONG_ORGANISATION', `Not a cadre or grid member of ${view.villageId}: ${outsiders.join(', ')}.`)
      : allowed,
  );
}

/** The secretary of the village, or one of the people the task is assigned to. */
function isWorker(view: VillageTaskView, actor: Actor, action: string): RuleResult {
  if (findRole(actor, 'VILLAGE_SECRETARY', view.villageId!)) return allowed;
  if (view.details.assignees.some((a) => a.personId === actor.personId)) return allowed;
  if (staffOf(view, actor)) return refused('NOT_AUTHORISED', `${action}: ${actor.name} is not assigned to this task.`);
  if (actor.roles.some((r) => r.role === 'VILLAGE_CADRE' || r.role === 'GRID_MEMBER')) {
    return refused('WRONG_ORGANISATION', `${action}: ${actor.name} works for another village than ${view.villageId}.`);
  }
  return holds(actor, 'VILLAGE_SECRETARY', view.villageId!, action);
}

export function mayReport(view: VillageTaskView, actor: Actor, report: ProgressReport): RuleResult {
  return firstRefusal(
    atStep(view, ['IN_PROGRESS'], 'a progress report'),
    isWorker(view, actor, 'A progress report'),
    report.items.length === 0 ? refused('INVALID_INPUT', 'An itemised report lists at least one item.') : allowed,
  );
}

export function mayComplete(view: VillageTaskView, actor: Actor, completion: Completion): RuleResult {
  return firstRefusal(
    atStep(view, ['IN_PROGRESS'], 'completion'),
    isWorker(view, actor, 'Completing a task'),
    reasonGiven(completion.summary, 'A completion (what was done)'),
  );
}

/** Who accepts: the dispatcher's organisation, or the town reviewer once rework is escalated. */
export function acceptor(view: VillageTaskView): { role: 'DISPATCHER' | 'TOWN_REVIEWER'; orgId: string } {
  return view.details.escalated ? { role: 'TOWN_REVIEWER', orgId: view.details.townId } : { role: 'DISPATCHER', orgId: view.details.dispatcherOrgId };
}

export function mayAccept(view: VillageTaskView, actor: Actor, decision: AcceptanceDecision, now: string): RuleResult {
  const by = acceptor(view);
  return firstRefusal(
    atStep(view, ['ACCEPTANCE'], 'acceptance'),
    holds(actor, by.role, by.orgId, 'Acceptance'),
    decision.decision === 'REWORK' ? reasonGiven(decision.reasons, 'A return for rework') : allowed,
    decision.decision === 'REWORK' && !(Date.parse(decision.newDeadline) > Date.parse(now))
      ? refused('INVALID_INPUT', 'The new deadline for rework must be a date in the future.')
      : allowed,
  );
}

/**
 * A dispatcher's return for rework once `maxRounds` rounds were spent is not another round: acceptance
 * is escalated to the town reviewer, who accepts or orders rework.
 */
export function reworkEscalates(view: VillageTaskView, maxRounds: number): boolean {
  return !view.details.escalated && view.details.reworkRounds >= maxRounds;
}
