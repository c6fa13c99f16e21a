// Rules of the projectBidding process (docs/processes.md §4): pure functions called by the validators,
// the API (a post's own checks) and the workflow (ranking, who may still score, when the notice closes).
// Each action's own rule (`<action>Rule`) is what the kit checks after the contract's `at` and `by`;
// `may<Action>` is the whole check (`mayTake`), for the tests.
import type { Actor } from '../common/actor';
import { mayTake } from '../common/contract';
import { allowed, firstRefusal, refused, ruleBroken, type RuleResult } from '../common/reasons';
import { atStep, reasonGiven } from '../common/guards';
import { biddingContract } from './contract';
import type {
  Bid,
  BidContent,
  BiddingDetails,
  BiddingPost,
  BiddingView,
  ConflictDeclaration,
  Criterion,
  MilestoneAcceptance,
  MilestoneReport,
  NoBidChoice,
  ObjectionAnswer,
  Objection,
  OfferAnswer,
  RankedBid,
  RecordedSheet,
  Reoffer,
  ScoreSheet,
  TieBreak,
  Withdrawal,
} from './contract';

const { actions } = biddingContract;

/** Totals and means are kept to four decimals, so equal scores compare equal whatever the order of sums. */
export function rounded(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

const later = (now: string, instant: string) => Date.parse(now) >= Date.parse(instant);

// ---- the post ----

export function weightsSumTo100(criteria: Criterion[]): RuleResult {
  const sum = criteria.reduce((total, c) => total + c.weight, 0);
  return sum === 100
    ? allowed
    : ruleBroken('projectBidding.weightsSumTo100', `The criteria's weights must sum to 100; they sum to ${sum}.`, `评分标准的权重之和须为 100，现为 ${sum}。`);
}

function criteriaWellFormed(criteria: Criterion[]): RuleResult {
  const ids = criteria.map((c) => c.id);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (repeated.length) return refused('INVALID_INPUT', `Each criterion needs its own id; repeated: ${[...new Set(repeated)].join(', ')}.`);
  const badRange = criteria.filter((c) => c.minScore >= c.maxScore);
  if (badRange.length)
    return refused('INVALID_INPUT', `A criterion's score range must go from a lower to a higher score: ${badRange.map((c) => c.id).join(', ')}.`);
  return allowed;
}

/** A post's own rules: weights, ranges, a tie-break the county allows, eligible villages of the town, a deadline ahead. */
export function postRefusal(post: BiddingPost, context: { allowedTieBreaks: string[]; townVillageIds: string[]; now: string }): RuleResult {
  const strangers = post.eligibility.villageIds.filter((v) => !context.townVillageIds.includes(v));
  return firstRefusal(
    weightsSumTo100(post.criteria),
    criteriaWellFormed(post.criteria),
    context.allowedTieBreaks.includes(post.tieBreak)
      ? allowed
      : ruleBroken(
          'projectBidding.tieBreaks',
          `The tie-break ${post.tieBreak} is not among the county's: ${context.allowedTieBreaks.join(', ')}.`,
          `同分规则 ${post.tieBreak} 不在县里规定的规则之中：${context.allowedTieBreaks.join('、')}。`,
        ),
    strangers.length ? refused('INVALID_INPUT', `Only villages of the town may be eligible; not of it: ${strangers.join(', ')}.`) : allowed,
    later(context.now, post.deadline)
      ? ruleBroken('projectBidding.deadlineAhead', `The bidding deadline ${post.deadline} has already passed.`, `揭榜截止时间 ${post.deadline} 已过。`)
      : allowed,
  );
}

// ---- who is who ----

/** The villages of the town whose organisations (the village, its grids) appear among `orgIds`. */
export function villagesOf(orgIds: string[], townVillages: BiddingDetails['townVillages']): string[] {
  return townVillages.filter((v) => v.orgIds.some((o) => orgIds.includes(o))).map((v) => v.villageId);
}

/** The village of the town a secretary bids for, or the refusal saying why they cannot. */
function biddingVillage(details: BiddingDetails, actor: Actor): { villageId: string } | { refusal: RuleResult } {
  const secretaryOf = actor.roles.filter((r) => r.role === 'VILLAGE_SECRETARY').map((r) => r.orgId);
  const ofTown = details.townVillages.map((v) => v.villageId).filter((v) => secretaryOf.includes(v));
  if (!ofTown.length) {
    const code = secretaryOf.length ? 'WRONG_ORGANISATION' : 'NOT_AUTHORISED';
    return { refusal: refused(code, `A bid needs the role VILLAGE_SECRETARY in a village of ${details.townId}; ${actor.name} does not hold it there.`) };
  }
  const eligible = ofTown.find((v) => details.post.eligibility.villageIds.includes(v));
  if (!eligible)
    return {
      refusal: ruleBroken(
        'projectBidding.eligibleVillages',
        `${ofTown.join(', ')} is not among the villages eligible for this post: ${details.post.eligibility.villageIds.join(', ')}.`,
        `${ofTown.join('、')} 不在本榜单可揭榜的村之列：${details.post.eligibility.villageIds.join('、')}。`,
      ),
    };
  return { villageId: eligible };
}

export function bidderVillage(details: BiddingDetails, actor: Actor): string | undefined {
  const found = biddingVillage(details, actor);
  return 'villageId' in found ? found.villageId : undefined;
}

/** The villages a panel member is tied to: of the town by their roles, as the panel knows them, or declared. */
export function tiesOf(details: BiddingDetails, personId: string, actorOrgIds: string[] = []): string[] {
  const member = details.panel.find((m) => m.personId === personId);
  const declared = details.conflicts.filter((c) => c.personId === personId).map((c) => c.villageId);
  return [...new Set([...(member?.villageIds ?? []), ...villagesOf(actorOrgIds, details.townVillages), ...declared])];
}

/** After `by` (a PANEL_MEMBER of the county): on this post's panel. */
function onPanel(details: BiddingDetails, actor: Actor): RuleResult {
  return details.panel.some((m) => m.personId === actor.personId)
    ? allowed
    : refused('NOT_AUTHORISED', `${actor.name} is not on this post's evaluation panel.`);
}

// ---- bids ----

function beforeDeadline(details: BiddingDetails, now: string): RuleResult {
  return later(now, details.deadline)
    ? ruleBroken(
        'projectBidding.deadlineAhead',
        `The bidding deadline (${details.deadline}) has passed: no bid is taken after it.`,
        `揭榜截止时间（${details.deadline}）已过，不再受理揭榜。`,
      )
    : allowed;
}

function bidComplete(details: BiddingDetails, bid: BidContent): RuleResult {
  const missing = (['advantages', 'groundwork', 'plan', 'resourcesRequested'] as const).filter((k) => !bid[k].trim());
  if (missing.length)
    return refused('INVALID_INPUT', `A bid states its advantages, groundwork, plan and what it asks of the town; missing: ${missing.join(', ')}.`);
  const conditions = details.post.eligibility.conditions;
  const answered = bid.conditionStatements.length === conditions.length && bid.conditionStatements.every((s) => s.trim());
  return answered
    ? allowed
    : ruleBroken(
        'projectBidding.conditionStatements',
        `A bid says how it meets each of the post's ${conditions.length} condition(s), one statement each: ${conditions.join('; ')}.`,
        `揭榜须逐条说明如何满足榜单的 ${conditions.length} 项条件：${conditions.join('；')}。`,
      );
}

/** A bid's own rule, after `by` (a secretary of a village of the town): eligible, before the deadline, at BIDDING. */
function bidRuleOf(
  view: BiddingView,
  actor: Actor,
  now: string,
  action: string,
  hasBid: (existing: Bid | undefined) => RuleResult,
  bid: BidContent,
): RuleResult {
  // A closed process said so before anything else (`at`); a running one past the deadline says that.
  const found = biddingVillage(view.details, actor);
  if ('refusal' in found) return found.refusal;
  return firstRefusal(
    beforeDeadline(view.details, now),
    atStep(view, ['BIDDING'], action),
    hasBid(view.details.bids.find((b) => b.villageId === found.villageId)),
    bidComplete(view.details, bid),
  );
}

/** One bid per village, by its secretary, while bidding is open. */
export function bidRule(view: BiddingView, actor: Actor, bid: BidContent, now: string): RuleResult {
  return bidRuleOf(
    view,
    actor,
    now,
    'a bid',
    (existing) => (existing ? refused('ALREADY_DONE', `${existing.villageId} has already bid; it may revise its bid until the deadline.`) : allowed),
    bid,
  );
}

export function mayBid(view: BiddingView, actor: Actor, bid: BidContent, now: string): RuleResult {
  return mayTake(actions.bid, view, actor, bid, () => bidRule(view, actor, bid, now));
}

/** A village revises its own bid until the deadline. */
export function reviseBidRule(view: BiddingView, actor: Actor, bid: BidContent, now: string): RuleResult {
  return bidRuleOf(
    view,
    actor,
    now,
    'revising a bid',
    (existing) => (existing ? allowed : refused('WRONG_STEP', 'There is no bid of your village to revise: bid first.')),
    bid,
  );
}

export function mayReviseBid(view: BiddingView, actor: Actor, bid: BidContent, now: string): RuleResult {
  return mayTake(actions.reviseBid, view, actor, bid, () => reviseBidRule(view, actor, bid, now));
}

// ---- no bid at the deadline ----

/** The poster (or, once escalated, the town reviewer: the contract's `by`) extends the deadline once, or cancels. */
export function chooseAfterNoBidRule(view: BiddingView, choice: NoBidChoice, now: string, maxExtensions: number): RuleResult {
  return firstRefusal(
    choice.choice === 'CANCEL' ? reasonGiven(choice.reason, 'A cancellation') : allowed,
    choice.choice === 'EXTEND' && view.details.extensions >= maxExtensions
      ? ruleBroken(
          'projectBidding.maxExtensions',
          `The deadline may be extended ${maxExtensions} time(s) only; it has been: cancel the post.`,
          `截止时间最多只能延长 ${maxExtensions} 次，已经用完：请撤榜。`,
        )
      : allowed,
    choice.choice === 'EXTEND' && later(now, choice.newDeadline) ? refused('INVALID_INPUT', `The new deadline ${choice.newDeadline} must be ahead.`) : allowed,
  );
}

export function mayChooseAfterNoBid(view: BiddingView, actor: Actor, choice: NoBidChoice, now: string, maxExtensions: number): RuleResult {
  return mayTake(actions.chooseAfterNoBid, view, actor, choice, () => chooseAfterNoBidRule(view, choice, now, maxExtensions));
}

// ---- evaluation ----

/** Every (member, village) pair whose score sheet is due: each bid by each panel member not tied to its village. */
export function expectedSheets(details: BiddingDetails): { personId: string; villageId: string }[] {
  return details.panel.flatMap((m) =>
    details.bids.filter((b) => !tiesOf(details, m.personId).includes(b.villageId)).map((b) => ({ personId: m.personId, villageId: b.villageId })),
  );
}

export function evaluationComplete(details: BiddingDetails): boolean {
  return expectedSheets(details).every((e) => details.sheets.some((s) => s.personId === e.personId && s.villageId === e.villageId));
}

/** A panel member declares a tie to a village (before scoring its bid); the bid must keep someone to score it. */
export function declareConflictRule(view: BiddingView, actor: Actor, declaration: ConflictDeclaration): RuleResult {
  const { details } = view;
  const others = details.panel.filter((m) => m.personId !== actor.personId && !tiesOf(details, m.personId).includes(declaration.villageId));
  return firstRefusal(
    onPanel(details, actor),
    reasonGiven(declaration.reason, 'A declared conflict'),
    details.post.eligibility.villageIds.includes(declaration.villageId)
      ? allowed
      : refused('INVALID_INPUT', `${declaration.villageId} is not eligible for this post.`),
    tiesOf(details, actor.personId).includes(declaration.villageId)
      ? refused('ALREADY_DONE', `You are already kept from scoring ${declaration.villageId}.`)
      : allowed,
    details.sheets.some((s) => s.personId === actor.personId && s.villageId === declaration.villageId)
      ? ruleBroken(
          'projectBidding.conflictBeforeScoring',
          `You have already scored ${declaration.villageId} in this round: a conflict is declared before scoring.`,
          `本轮你已为 ${declaration.villageId} 评分：回避须在评分前申报。`,
        )
      : allowed,
    others.length
      ? allowed
      : ruleBroken(
          'projectBidding.panelComplete',
          `No other panel member could score ${declaration.villageId}: the panel must be completed first.`,
          `没有其他评审专家可为 ${declaration.villageId} 评分：须先补齐评审组。`,
        ),
  );
}

export function mayDeclareConflict(view: BiddingView, actor: Actor, declaration: ConflictDeclaration): RuleResult {
  return mayTake(actions.declareConflict, view, actor, declaration, () => declareConflictRule(view, actor, declaration));
}

function scoresInRange(criteria: Criterion[], sheet: ScoreSheet): RuleResult {
  const unknown = Object.keys(sheet.scores).filter((id) => !criteria.some((c) => c.id === id));
  if (unknown.length) return refused('INVALID_INPUT', `No such criterion: ${unknown.join(', ')}.`);
  const missing = criteria.filter((c) => !Object.hasOwn(sheet.scores, c.id));
  if (missing.length) return refused('INVALID_INPUT', `A score sheet scores every criterion; missing: ${missing.map((c) => c.id).join(', ')}.`);
  const outside = criteria.filter((c) => !(sheet.scores[c.id] >= c.minScore && sheet.scores[c.id] <= c.maxScore));
  return outside.length
    ? ruleBroken(
        'projectBidding.scoreRange',
        `Scores outside their criterion's range: ${outside.map((c) => `${c.id} ${sheet.scores[c.id]} (${c.minScore}–${c.maxScore})`).join(', ')}.`,
        `评分超出该项标准的分值范围：${outside.map((c) => `${c.id} ${sheet.scores[c.id]}（${c.minScore}–${c.maxScore}）`).join('，')}。`,
      )
    : allowed;
}

/** A panel member scores a bid on every criterion within its range, once a round, unless tied to its village. */
export function scoreRule(view: BiddingView, actor: Actor, sheet: ScoreSheet): RuleResult {
  const { details } = view;
  const ties = tiesOf(
    details,
    actor.personId,
    actor.roles.map((r) => r.orgId),
  );
  return firstRefusal(
    onPanel(details, actor),
    details.bids.some((b) => b.villageId === sheet.villageId) ? allowed : refused('INVALID_INPUT', `${sheet.villageId} has no bid to score.`),
    ties.includes(sheet.villageId)
      ? ruleBroken(
          'projectBidding.conflictOfInterest',
          `${actor.name} is tied to ${sheet.villageId} (a person of that village, or declared) and may not score its bid.`,
          `${actor.name} 与 ${sheet.villageId} 有关联（该村人员或已申报回避），不得为其评分。`,
        )
      : allowed,
    details.sheets.some((s) => s.personId === actor.personId && s.villageId === sheet.villageId)
      ? refused('ALREADY_DONE', `You have already scored ${sheet.villageId} in this round.`)
      : allowed,
    scoresInRange(details.post.criteria, sheet),
  );
}

export function mayScore(view: BiddingView, actor: Actor, sheet: ScoreSheet): RuleResult {
  return mayTake(actions.score, view, actor, sheet, () => scoreRule(view, actor, sheet));
}

/** Each criterion's mean score of one village's bid, over the sheets that scored it (0 when none did). */
function meansOf(criteria: Criterion[], sheets: RecordedSheet[], villageId: string): Record<string, number> {
  const own = sheets.filter((s) => s.villageId === villageId);
  return Object.fromEntries(criteria.map((c) => [c.id, own.length ? own.reduce((sum, s) => sum + s.scores[c.id], 0) / own.length : 0]));
}

/** The weighted total out of 100: each criterion's mean over its highest score, times its weight. */
export function weightedTotal(criteria: Criterion[], means: Record<string, number>): number {
  return rounded(criteria.reduce((total, c) => total + (c.weight * means[c.id]) / c.maxScore, 0));
}

function heaviest(criteria: Criterion[]): Criterion {
  return criteria.reduce((best, c) => (c.weight > best.weight ? c : best));
}

/** Orders two bids of equal totals by the stated tie-break (the earlier first bid last of all, then the village id). */
function tieOrder(tieBreak: TieBreak, criteria: Criterion[], bids: Bid[]) {
  const decisive =
    tieBreak === 'FIRST_CRITERION_THEN_EARLIER_BID' ? criteria[0] : tieBreak === 'HEAVIEST_CRITERION_THEN_EARLIER_BID' ? heaviest(criteria) : undefined;
  const submitted = (v: string) => Date.parse(bids.find((b) => b.villageId === v)!.submittedAt);
  return (a: RankedBid, b: RankedBid): number =>
    (decisive ? b.criterionMeans[decisive.id] - a.criterionMeans[decisive.id] : 0) ||
    submitted(a.villageId) - submitted(b.villageId) ||
    a.villageId.localeCompare(b.villageId);
}

/** The ranking: weighted totals, highest first; equal totals ordered by the post's tie-break, which the result names. */
export function rankBids(post: Pick<BiddingPost, 'criteria' | 'tieBreak'>, bids: Bid[], sheets: RecordedSheet[]): RankedBid[] {
  const scored = bids.map((b) => {
    const means = meansOf(post.criteria, sheets, b.villageId);
    const shown = Object.fromEntries(Object.entries(means).map(([id, mean]) => [id, rounded(mean)]));
    return { villageId: b.villageId, rank: 0, total: weightedTotal(post.criteria, means), criterionMeans: shown };
  });
  const byTie = tieOrder(post.tieBreak, post.criteria, bids);
  const ranked = scored.sort((a, b) => b.total - a.total || byTie(a, b));
  return ranked.map((r, i): RankedBid => {
    const tied = ranked.some((o) => o !== r && o.total === r.total);
    return { ...r, rank: i + 1, ...(tied && { tieBrokenBy: post.tieBreak }) };
  });
}

// ---- public notice ----

/** Anyone of the town (its staff, the people of its villages: the contract's `by`) may object while the winner is on notice. */
export function objectRule(objection: Objection): RuleResult {
  return reasonGiven(objection.reason, 'An objection');
}

export function mayObject(view: BiddingView, actor: Actor, objection: Objection): RuleResult {
  return mayTake(actions.object, view, actor, objection, () => objectRule(objection));
}

export function answerObjectionRule(view: BiddingView, answer: ObjectionAnswer): RuleResult {
  const objection = view.details.objections.find((o) => o.seq === answer.seq);
  return firstRefusal(
    objection ? allowed : refused('INVALID_INPUT', `There is no objection ${answer.seq} to answer.`),
    objection?.answer ? refused('ALREADY_DONE', `Objection ${answer.seq} has already been answered.`) : allowed,
    reasonGiven(answer.answer, 'An answer to an objection'),
  );
}

export function mayAnswerObjection(view: BiddingView, actor: Actor, answer: ObjectionAnswer): RuleResult {
  return mayTake(actions.answerObjection, view, actor, answer, () => answerObjectionRule(view, answer));
}

/** Objections to the current round's proposed winner still waiting for an answer. */
export function openObjections(details: BiddingDetails): number {
  return details.objections.filter((o) => o.round === details.round && !o.answer).length;
}

/** The notice closes (and the award is made) once its period has ended and every objection is answered. */
export function noticeMayClose(details: BiddingDetails, now: string): boolean {
  return !!details.noticeEndsAt && later(now, details.noticeEndsAt) && openObjections(details) === 0;
}

// ---- award and implementation ----

/** The best-ranked village of the latest round not yet passed over (withdrawn, declined, or the winner who failed). */
export function nextRunnerUp(details: BiddingDetails): string | undefined {
  const ranking = details.results.at(-1)?.ranking ?? [];
  return ranking.find((r) => r.villageId !== details.winner && !details.passedOver.includes(r.villageId))?.villageId;
}

/** By the secretary of the winning village (the contract's `by`). */
export function reportMilestoneRule(view: BiddingView, report: MilestoneReport): RuleResult {
  const milestone = view.details.milestones[report.milestone];
  return firstRefusal(
    milestone ? allowed : refused('INVALID_INPUT', `There is no milestone ${report.milestone}.`),
    milestone && milestone.status !== 'OPEN' ? refused('ALREADY_DONE', `Milestone ${report.milestone} (${milestone.name}) is ${milestone.status}.`) : allowed,
    reasonGiven(report.summary, 'A milestone report'),
  );
}

export function mayReportMilestone(view: BiddingView, actor: Actor, report: MilestoneReport): RuleResult {
  return mayTake(actions.reportMilestone, view, actor, report, () => reportMilestoneRule(view, report));
}

export function acceptMilestoneRule(view: BiddingView, decision: MilestoneAcceptance): RuleResult {
  const milestone = view.details.milestones[decision.milestone];
  return firstRefusal(
    milestone ? allowed : refused('INVALID_INPUT', `There is no milestone ${decision.milestone}.`),
    milestone && milestone.status !== 'REPORTED'
      ? refused('WRONG_STEP', `Milestone ${decision.milestone} (${milestone.name}) is ${milestone.status}, not reported.`)
      : allowed,
    decision.decision === 'RETURN' ? reasonGiven(decision.reasons, 'Returning a milestone') : allowed,
  );
}

export function mayAcceptMilestone(view: BiddingView, actor: Actor, decision: MilestoneAcceptance): RuleResult {
  return mayTake(actions.acceptMilestone, view, actor, decision, () => acceptMilestoneRule(view, decision));
}

export function allMilestonesAccepted(details: BiddingDetails): boolean {
  return details.milestones.every((m) => m.status === 'ACCEPTED');
}

/** The winning village (or the proposed winner on notice) withdraws, saying why. */
export const withdrawWinnerRule = (withdrawal: Withdrawal): RuleResult => reasonGiven(withdrawal.reason, 'A withdrawal');

export function mayWithdrawWinner(view: BiddingView, actor: Actor, withdrawal: Withdrawal): RuleResult {
  return mayTake(actions.withdrawWinner, view, actor, withdrawal, () => withdrawWinnerRule(withdrawal));
}

/** The town finds that the winner failed to implement. */
export const declareFailureRule = (failure: Withdrawal): RuleResult => reasonGiven(failure.reason, 'A failure');

export function mayDeclareFailure(view: BiddingView, actor: Actor, failure: Withdrawal): RuleResult {
  return mayTake(actions.declareFailure, view, actor, failure, () => declareFailureRule(failure));
}

export function reofferRule(view: BiddingView, reoffer: Reoffer): RuleResult {
  return firstRefusal(
    reoffer.choice === 'REPOST' ? reasonGiven(reoffer.reason, 'Posting again') : allowed,
    reoffer.choice === 'OFFER_RUNNER_UP' && !nextRunnerUp(view.details)
      ? ruleBroken('projectBidding.runnerUp', 'No runner-up is left to offer the project to: post it again.', '已无候补村可递补：请重新发榜。')
      : allowed,
  );
}

export function mayReoffer(view: BiddingView, actor: Actor, reoffer: Reoffer): RuleResult {
  return mayTake(actions.reoffer, view, actor, reoffer, () => reofferRule(view, reoffer));
}

/** By the secretary of the village offered the project (the contract's `by`). */
export const answerOfferRule = (answer: OfferAnswer): RuleResult => (answer.accept ? allowed : reasonGiven(answer.reason, 'Declining the offer'));

export function mayAnswerOffer(view: BiddingView, actor: Actor, answer: OfferAnswer): RuleResult {
  return mayTake(actions.answerOffer, view, actor, answer, () => answerOfferRule(answer));
}
