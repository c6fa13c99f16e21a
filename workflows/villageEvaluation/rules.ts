// The quarterly evaluation's own rules (docs/processes.md §7), pure: the quarter's months, the list,
// each action's rule beyond `at` and `by`, and the town's evaluation (weighted totals, ranking, ties,
// rewards and warnings), computed again from the marks whenever one changes.
import { findRole, type Actor } from '../common/actor';
import { reasonGiven } from '../common/guards';
import { allowed, firstRefusal, refused, ruleBroken, type RuleResult } from '../common/reasons';
import type { RuleValues } from '../rules/definitions';
import type { Dispute, DisputeAnswer, EvaluationDetails, ListItem, Mark, ObjectionAnswer, Signature, Standing, VillageFigures } from './contract';

type Rules = RuleValues['villageEvaluation'];

const BEIJING_OFFSET_MS = 8 * 3600_000;
const beijingMidnight = (year: number, month: number) => new Date(Date.UTC(year, month, 1) - BEIJING_OFFSET_MS).toISOString();

/** When each month of a quarter starts and when it ends, at Beijing midnight: `2027-Q1` → Jan 1, Feb 1, Mar 1; Apr 1. */
export function quarterSpan(quarter: string): { monthStarts: string[]; endsAt: string } {
  const [year, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(6))];
  const first = (q - 1) * 3;
  return { monthStarts: [0, 1, 2].map((m) => beijingMidnight(year, first + m)), endsAt: beijingMidnight(year, first + 3) };
}

/** The quarter before: `2027-Q1` → `2026-Q4`. */
export function previousQuarter(quarter: string): string {
  const [year, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(6))];
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

/** The quarter's list: each item once, the weights adding up to 100. */
export function listRule(items: Pick<ListItem, 'code' | 'weight'>[]): RuleResult {
  const codes = items.map((i) => i.code);
  const twice = codes.find((c, i) => codes.indexOf(c) !== i);
  if (twice) return ruleBroken('villageEvaluation.list', `${twice} is on the list twice.`, `事项 ${twice} 在清单中重复。`);
  const sum = items.reduce((s, i) => s + i.weight, 0);
  if (sum !== 100) return ruleBroken('villageEvaluation.weights', `The weights add up to ${sum}, not 100.`, `权重合计为 ${sum}，应为 100。`);
  return allowed;
}

/** How the list's size changed against the quarter before, in percent (negative: shorter); undefined without one. */
export function listChange(size: number, previousSize: number | undefined): number | undefined {
  return previousSize ? Math.round(((size - previousSize) * 100) / previousSize) : undefined;
}

/** One mark: a listed village, a listed item the actor's department marks, within 0 to the top mark, with a reason. */
function markOk(d: EvaluationDetails, actor: Actor, mark: Mark, topMark: number): RuleResult {
  const item = d.items.find((i) => i.code === mark.code);
  if (!d.villages.some((v) => v.id === mark.villageId))
    return refused('INVALID_INPUT', `${mark.villageId} is not a village of ${d.town.name}.`, {
      rule: 'villageEvaluation.villages',
      zh: `${mark.villageId} 不是本镇参评村。`,
    });
  if (!item)
    return refused('INVALID_INPUT', `${mark.code} is not on the quarter's list.`, { rule: 'villageEvaluation.list', zh: `${mark.code} 不在本季度清单中。` });
  if (!findRole(actor, 'DISPATCHER', item.departmentId))
    return refused('WRONG_ORGANISATION', `${mark.code} is marked by ${item.departmentId}.`, {
      rule: 'villageEvaluation.ownItems',
      zh: `${mark.code} 由 ${item.departmentId} 打分。`,
    });
  if (mark.mark < 0 || mark.mark > topMark)
    return ruleBroken(
      'villageEvaluation.topMark',
      `A mark is from 0 to ${topMark}; ${mark.mark} is not.`,
      `分值须在 0 至 ${topMark} 之间，${mark.mark} 不符合。`,
    );
  return reasonGiven(mark.reason, `The mark of ${mark.code} for ${mark.villageId}`);
}

export function markRule(d: EvaluationDetails, actor: Actor, marks: Mark[], rules: Pick<Rules, 'topMark'>): RuleResult {
  return firstRefusal(...marks.map((m) => markOk(d, actor, m, rules.topMark)));
}

/** Every village has a mark for every item. */
export function allMarked(d: Pick<EvaluationDetails, 'villages' | 'items' | 'marks'>): boolean {
  return d.villages.every((v) => d.items.every((i) => d.marks.some((m) => m.villageId === v.id && m.code === i.code)));
}

/** The departments that still have a mark to give. */
export function departmentsBehind(d: Pick<EvaluationDetails, 'villages' | 'items' | 'marks'>): string[] {
  const missing = d.items.filter((i) => d.villages.some((v) => !d.marks.some((m) => m.villageId === v.id && m.code === i.code)));
  return [...new Set(missing.map((i) => i.departmentId))];
}

/** A village's weighted total as a percentage of the top mark, in hundredths: Σ weight × mark ÷ (Σ weight × top mark). */
export function weightedTotal(items: Pick<ListItem, 'code' | 'weight'>[], marks: Pick<Mark, 'code' | 'mark'>[], topMark: number): number {
  const weights = items.reduce((s, i) => s + i.weight, 0);
  const sum = items.reduce((s, i) => s + i.weight * (marks.find((m) => m.code === i.code)?.mark ?? 0), 0);
  return Math.round((sum * 10_000) / (weights * topMark));
}

/**
 * The town's ranking: by weighted total, higher first; equal totals are told apart by fewer overdue tasks
 * (the tie-break), and villages equal in both share a rank (1, 1, 3). The best `rewardedVillages` not
 * warned are rewarded; a total below `yellowCardBelow` percent is a yellow-card warning.
 */
export function standings(d: Pick<EvaluationDetails, 'villages' | 'items' | 'marks' | 'figures'>, rules: Rules): Standing[] {
  const scored = d.villages.map((v) => ({
    villageId: v.id,
    total: weightedTotal(
      d.items,
      d.marks.filter((m) => m.villageId === v.id),
      rules.topMark,
    ),
    overdue: d.figures.find((f) => f.villageId === v.id)?.overdue ?? 0,
  }));
  const better = (a: (typeof scored)[number], b: (typeof scored)[number]) => a.total > b.total || (a.total === b.total && a.overdue < b.overdue);
  return scored
    .map((s) => {
      const rank = 1 + scored.filter((o) => better(o, s)).length;
      const yellowCard = s.total < rules.yellowCardBelow * 100;
      const rewarded = rank <= rules.rewardedVillages && !yellowCard;
      return {
        villageId: s.villageId,
        total: s.total,
        rank,
        tieBroken: scored.some((o) => o.total === s.total && o.overdue !== s.overdue),
        ...(rewarded && { reward: rules.rewardAmount }),
        yellowCard,
      };
    })
    .sort((a, b) => a.rank - b.rank || a.villageId.localeCompare(b.villageId));
}

const openDispute = (d: EvaluationDetails, villageId?: string) => d.disputes.find((x) => !x.answer && (villageId === undefined || x.villageId === villageId));

/** Each signs once; a secretary not while the village's dispute is open, the town's leader not while any is. */
export function signRule(d: EvaluationDetails, signature: Signature): RuleResult {
  const orgId = signature.villageId ?? d.town.id;
  if (d.signatures.some((s) => s.orgId === orgId))
    return refused('ALREADY_DONE', `${orgId} has signed already.`, { rule: 'villageEvaluation.signOnce', zh: '已签字确认。' });
  const open = openDispute(d, signature.villageId);
  if (open)
    return refused('WRONG_STEP', `Dispute ${open.seq} (${open.villageId}, ${open.code}) is not answered yet.`, {
      rule: 'villageEvaluation.disputesAnswered',
      zh: `异议 ${open.seq} 尚未答复，暂不能签字。`,
    });
  return allowed;
}

/** A dispute names a listed item, comes from a village that has not signed, and gives reasons. */
export function disputeRule(d: EvaluationDetails, dispute: Dispute): RuleResult {
  if (!d.items.some((i) => i.code === dispute.code))
    return refused('INVALID_INPUT', `${dispute.code} is not on the quarter's list.`, {
      rule: 'villageEvaluation.list',
      zh: `${dispute.code} 不在本季度清单中。`,
    });
  if (d.signatures.some((s) => s.orgId === dispute.villageId))
    return refused('ALREADY_DONE', `${dispute.villageId} has signed: its marks stand.`, {
      rule: 'villageEvaluation.signOnce',
      zh: '已签字确认，不能再提出异议。',
    });
  return reasonGiven(dispute.reason, 'A dispute');
}

/** An open dispute is answered once; a corrected mark is within the bounds. */
export function disputeAnswerRule(d: EvaluationDetails, answer: DisputeAnswer, rules: Pick<Rules, 'topMark'>): RuleResult {
  const dispute = d.disputes.find((x) => x.seq === answer.dispute);
  if (!dispute)
    return refused('INVALID_INPUT', `There is no dispute ${answer.dispute}.`, { rule: 'villageEvaluation.disputes', zh: `没有第 ${answer.dispute} 号异议。` });
  if (dispute.answer) return refused('ALREADY_DONE', `Dispute ${answer.dispute} is answered.`, { rule: 'villageEvaluation.answerOnce', zh: '该异议已答复。' });
  if (answer.mark !== undefined && (answer.mark < 0 || answer.mark > rules.topMark))
    return ruleBroken('villageEvaluation.topMark', `A mark is from 0 to ${rules.topMark}; ${answer.mark} is not.`, `分值须在 0 至 ${rules.topMark} 之间。`);
  return reasonGiven(answer.answer, 'An answer to a dispute');
}

/** An objection is answered once. */
export function objectionAnswerRule(d: EvaluationDetails, answer: ObjectionAnswer): RuleResult {
  const objection = d.objections.find((o) => o.seq === answer.objection);
  if (!objection)
    return refused('INVALID_INPUT', `There is no objection ${answer.objection}.`, {
      rule: 'villageEvaluation.objections',
      zh: `没有第 ${answer.objection} 号异议。`,
    });
  if (objection.answer)
    return refused('ALREADY_DONE', `Objection ${answer.objection} is answered.`, { rule: 'villageEvaluation.answerOnce', zh: '该异议已答复。' });
  return reasonGiven(answer.answer, 'An answer to an objection');
}

/** The town's leader and every village's secretary have signed. */
export function allSigned(d: Pick<EvaluationDetails, 'signatures' | 'villages' | 'town'>): boolean {
  return [d.town.id, ...d.villages.map((v) => v.id)].every((id) => d.signatures.some((s) => s.orgId === id));
}

/** The figures of villages the ledger had nothing for are zero. */
export function figuresOf(villageIds: string[], found: VillageFigures[]): VillageFigures[] {
  return villageIds.map((villageId) => found.find((f) => f.villageId === villageId) ?? { villageId, onTime: 0, overdue: 0, reworked: 0 });
}
