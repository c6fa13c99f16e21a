// Rules every process shares: pure functions, called by the processes' own rules. Their refusals name
// the kit's rule (`process.atStep`, `process.by`, `process.reasonGiven`) and say it in Chinese too.
import { findRole, type Actor } from './actor';
import type { ProcessView } from './view';
import { allowed, refused, type RuleResult } from './reasons';
import type { Role } from './roles';

/** The process is running and at one of the steps where `action` is possible. */
export function atStep(view: Pick<ProcessView, 'status' | 'step'>, steps: string[], action: string): RuleResult {
  if (view.status !== 'RUNNING') {
    return refused('PROCESS_CLOSED', `The process has ended (${view.status}); ${action} is no longer possible.`, {
      rule: 'process.atStep',
      zh: `流程已结束（${view.status}），不能再办理此事项。`,
    });
  }
  if (!steps.includes(view.step)) {
    return refused('WRONG_STEP', `The process is at step ${view.step}; ${action} is possible only at ${steps.join(' or ')}.`, {
      rule: 'process.atStep',
      zh: `流程处于 ${view.step} 环节，此事项只能在 ${steps.join(' 或 ')} 环节办理。`,
    });
  }
  return allowed;
}

/** The actor holds `role` in organisation `orgId`. */
export function holds(actor: Actor, role: Role, orgId: string, action: string): RuleResult {
  if (findRole(actor, role, orgId)) return allowed;
  if (actor.roles.some((r) => r.role === role)) {
    return refused('WRONG_ORGANISATION', `${action} needs the role ${role} in ${orgId}; ${actor.name} holds it elsewhere.`, {
      rule: 'process.by',
      zh: `此事项须由 ${orgId} 的 ${role} 办理；${actor.name} 在其他单位担任该角色。`,
    });
  }
  return refused('NOT_AUTHORISED', `${action} needs the role ${role} in ${orgId}; ${actor.name} does not hold it.`, {
    rule: 'process.by',
    zh: `此事项须由 ${orgId} 的 ${role} 办理；${actor.name} 不担任该角色。`,
  });
}

/** A free-text reason is given (refusals, returns and withdrawals must say why). */
export function reasonGiven(reason: string | undefined, what: string): RuleResult {
  return reason && reason.trim().length > 0
    ? allowed
    : refused('MISSING_REASON', `${what} must state a reason.`, { rule: 'process.reasonGiven', zh: '须说明理由。' });
}
