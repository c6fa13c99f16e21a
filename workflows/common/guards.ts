// Rules every process shares: pure functions, called by the processes' own rules.
import { findRole, type Actor } from './actor';
import type { ProcessView } from './view';
import { allowed, refused, type RuleResult } from './reasons';
import type { Role } from './roles';

/** The process is running and at one of the steps where `action` is possible. */
export function atStep(view: Pick<ProcessView, 'status' | 'step'>, steps: string[], action: string): RuleResult {
  if (view.status !== 'RUNNING') {
    return refused('PROCESS_CLOSED', `The process has ended (${view.status}); ${action} is no longer possible.`);
  }
  if (!steps.includes(view.step)) {
    return refused('WRONG_STEP', `The process is at step ${view.step}; ${action} is possible only at ${steps.join(' or ')}.`);
  }
  return allowed;
}

/** The actor holds `role` in organisation `orgId`. */
export function holds(actor: Actor, role: Role, orgId: string, action: string): RuleResult {
  if (findRole(actor, role, orgId)) return allowed;
  if (actor.roles.some((r) => r.role === role)) {
    return refused('WRONG_ORGANISATION', `${action} needs the role ${role} in ${orgId}; ${actor.name} holds it elsewhere.`);
  }
  return refused('NOT_AUTHORISED', `${action} needs the role ${role} in ${orgId}; ${actor.name} does not hold it.`);
}

/** A free-text reason is given (refusals, returns and withdrawals must say why). */
export function reasonGiven(reason: string | undefined, what: string): RuleResult {
  return reason && reason.trim().length > 0 ? allowed : refused('MISSING_REASON', `${what} must state a reason.`);
}
