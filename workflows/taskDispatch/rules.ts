// Rules of taskDispatch (docs/processes.md §2): pure functions called by the validators and the screening.
import { findRole, type Actor } from '../common/actor';
import { allowed, firstRefusal, refused, ruleBroken, type RuleResult } from '../common/reasons';
import { mayTake } from '../common/contract';
import { atStep, holds, reasonGiven } from '../common/guards';
import {
  taskDispatchContract,
  villageTaskContract,
  type AcceptanceDecision,
  type Assignment,
  type CollectiveDecision,
  type Completion,
  type DispatchContent,
  type DispatchRevision,
  type DispatchScreening,
  type DispatchView,
  type ProgressReport,
  type ReviewDecision,
  type UnclearReason,
  type VillageTaskView,
  type Withdrawal,
} from './contract';

const dispatchActions = taskDispatchContract.actions;
const taskActions = villageTaskContract.actions;

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

/** A revision's own rule (beyond `at` and `by`): a task put to admission keeps its code. */
export function reviseRule(view: DispatchView, revision: DispatchRevision): RuleResult {
  const admission = view.details.admission;
  return admission && revision.screeningCode !== undefined && revision.screeningCode !== admission.code
    ? ruleBroken(
        'taskDispatch.admittedCode',
        `This task was put to admission as ${admission.code} (${admission.workflowId}); its code cannot change. Withdraw it and dispatch anew.`,
        `此任务已以 ${admission.code} 提交准入审查（${admission.workflowId}），编码不得更改；请撤回后重新派发。`,
      )
    : allowed;
}

export function mayRevise(view: DispatchView, actor: Actor, revision: DispatchRevision): RuleResult {
  return mayTake(dispatchActions.revise, view, actor, revision, () => reviseRule(view, revision));
}

export function mayReview(view: DispatchView, actor: Actor, review: ReviewDecision): RuleResult {
  return mayTake(dispatchActions.review, view, actor, review, () => reviewRule(view, review));
}

/** A review's own rule: reasons for a return or rejection; no approval of unadmitted out-of-list work, nor of a flagged duplicate without a comment. */
export function reviewRule(view: DispatchView, review: ReviewDecision): RuleResult {
  const screening = view.details.screening;
  return firstRefusal(
    review.decision === 'APPROVE' ? allowed : reasonGiven(review.reasons, review.decision === 'RETURN' ? 'A return for revision' : 'A rejection'),
    review.decision === 'APPROVE' && screening && isOutOfList(screening)
      ? ruleBroken(
          'taskDispatch.workItemList',
          'The task is outside the village work-item list and was not admitted: it cannot be approved.',
          '此任务不在村级工作事项清单内且未获准入，不得批准。',
        )
      : allowed,
    review.decision === 'APPROVE' && screening?.duplicates.length && !review.comment?.trim()
      ? refused(
          'DUPLICATE',
          `Flagged as a duplicate of ${screening.duplicates.map((d) => `${d.workflowId} (${d.villageId})`).join(', ')}: approve only with a comment saying why it is not one, or reject it as DUPLICATE.`,
        )
      : allowed,
  );
}

export function collectiveDecisionRule(decision: CollectiveDecision): RuleResult {
  return reasonGiven(decision.minutesRef, 'A collective decision (its minutes reference)');
}

export function mayRecordCollectiveDecision(view: DispatchView, actor: Actor, decision: CollectiveDecision): RuleResult {
  return mayTake(dispatchActions.collectiveDecision, view, actor, decision, () => collectiveDecisionRule(decision));
}

export function mayWithdraw(view: DispatchView, actor: Actor, withdrawal: Withdrawal): RuleResult {
  return mayTake(dispatchActions.withdraw, view, actor, withdrawal, () => withdrawRule(view, withdrawal));
}

/** A withdrawal's own rule: not while admission is asked (that application is withdrawn instead), nor once a village received it; with a reason. */
export function withdrawRule(view: DispatchView, withdrawal: Withdrawal): RuleResult {
  const received = view.details.villages.filter((v) => v.step !== 'RECEIVE');
  return firstRefusal(
    view.step === 'AWAITING_ADMISSION'
      ? refused(
          'WRONG_STEP',
          `The task waits for admission ${view.details.admission?.workflowId}: withdraw that application, and the dispatch closes as withdrawn.`,
        )
      : allowed,
    received.length > 0
      ? refused('WRONG_STEP', `Already received by ${received.map((v) => v.villageId).join(', ')}: a dispatch can be withdrawn only before receipt.`)
      : allowed,
    reasonGiven(withdrawal.reason, 'A withdrawal'),
  );
}

// ---- village task ----

const staffOf = (view: VillageTaskView, actor: Actor) => view.details.staff.find((s) => s.personId === actor.personId);

export function mayReceive(view: VillageTaskView, actor: Actor): RuleResult {
  return mayTake(taskActions.receive, view, actor, undefined);
}

export function mayAssign(view: VillageTaskView, actor: Actor, assignment: Assignment): RuleResult {
  return mayTake(taskActions.assign, view, actor, assignment, () => assignRule(view, assignment));
}

/** An assignment's own rule: someone, and only the village's cadres or grid members. */
export function assignRule(view: VillageTaskView, assignment: Assignment): RuleResult {
  const outsiders = assignment.personIds.filter((id) => !view.details.staff.some((s) => s.personId === id));
  return firstRefusal(
    assignment.personIds.length === 0 ? refused('INVALID_INPUT', 'Name at least one cadre or grid member.') : allowed,
    outsiders.length > 0 ? refused('WRONG_ORGANISATION', `Not a cadre or grid member of ${view.villageId}: ${outsiders.join(', ')}.`) : allowed,
  );
}

/**
 * The secretary of the village, or one of the people the task is assigned to: the contract's `by` of a
 * report and a completion, with finer refusals (a cadre of the village not assigned: NOT_AUTHORISED; a
 * cadre or grid member of another village: WRONG_ORGANISATION), so these two steps keep their whole rule here.
 */
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
    atStep(view, [...taskActions.reportProgress.at], 'a progress report'),
    isWorker(view, actor, 'A progress report'),
    report.items.length === 0 ? refused('INVALID_INPUT', 'An itemised report lists at least one item.') : allowed,
  );
}

export function mayComplete(view: VillageTaskView, actor: Actor, completion: Completion): RuleResult {
  return firstRefusal(
    atStep(view, [...taskActions.complete.at], 'completion'),
    isWorker(view, actor, 'Completing a task'),
    reasonGiven(completion.summary, 'A completion (what was done)'),
  );
}

/** Who accepts: the dispatcher's organisation, or the town reviewer once rework is escalated. */
export function acceptor(view: VillageTaskView): { role: 'DISPATCHER' | 'TOWN_REVIEWER'; orgId: string } {
  return view.details.escalated ? { role: 'TOWN_REVIEWER', orgId: view.details.townId } : { role: 'DISPATCHER', orgId: view.details.dispatcherOrgId };
}

export function mayAccept(view: VillageTaskView, actor: Actor, decision: AcceptanceDecision, now: string): RuleResult {
  return mayTake(taskActions.accept, view, actor, decision, () => acceptRule(decision, now));
}

/** An acceptance's own rule: a return for rework says why and sets a deadline in the future. */
export function acceptRule(decision: AcceptanceDecision, now: string): RuleResult {
  return firstRefusal(
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
