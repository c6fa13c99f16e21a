import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { ParentClosePolicy, startChild, workflowInfo } from '@temporalio/workflow';
import { actedAs, type Actor } from '../common/actor';
import type { NextActor } from '../common/view';
import { openProcess, type Timer } from '../common/open-process';
import { nowIso } from '../common/workflow-support';
import { MAJOR_MATTER_PROCESS, majorMatterSummary, majorMatterWorkflowId, type MajorMatterStart } from '../majorMatterDecision/contract';
import { isMajorMatter } from '../majorMatterDecision/rules';
import type { majorMatterDecision } from '../majorMatterDecision/workflow';
import { withDefaults } from '../rules/checks';
import { MAJOR_MATTER_RULES, type MajorMatterKind } from '../majorMatterDecision/rule-section';
import { biddingDetails } from './details';
import { biddingContract, type BiddingStart, type BiddingStep, type BiddingView, type Milestone } from './contract';
import {
  acceptMilestoneRule,
  allMilestonesAccepted,
  answerObjectionRule,
  answerOfferRule,
  bidderVillage,
  bidRule,
  chooseAfterNoBidRule,
  declareConflictRule,
  declareFailureRule,
  evaluationComplete,
  nextRunnerUp,
  noticeMayClose,
  objectRule,
  openObjections,
  rankBids,
  reofferRule,
  reportMilestoneRule,
  reviseBidRule,
  scoreRule,
  withdrawWinnerRule,
} from './rules';

const { query, actions, searchAttributes: own } = biddingContract;
/** The section of the major matter a winner's use of funds may start (its defaults where the pinned rules predate it). */
const MATTER_SECTION = { majorMatterDecision: MAJOR_MATTER_RULES };

/** A town's project funds are of no listed kind: their use is major by its amount, unless the county lists OTHER. */
const FUNDS_KIND: MajorMatterKind = 'OTHER';
/** What makes a post findable in the Temporal UI besides the kit's attributes: the villages it is open to, and its winner. */
function biddingAttributes(view: BiddingView): SearchAttributeUpdatePair[] {
  return [
    { key: own.eligibleVillages, value: view.details.post.eligibility.villageIds },
    { key: own.winner, value: view.details.winner ?? null },
  ];
}

/** 揭榜挂帅: a town posts a project, villages bid, a panel scores, the best bid wins in public, the winner implements (docs/processes.md §4). */
/** The milestone reported and awaiting acceptance. */
const reportedMilestone = (v: BiddingView) => v.details.milestones.find((m) => m.status === 'REPORTED');

export async function projectBidding(start: BiddingStart): Promise<BiddingView> {
  const { townId, post } = start;
  const process = openProcess<BiddingView, BiddingStep>({
    query,
    rules: start.rules,
    ruleSections: biddingContract.rules,
    dueDateFields: {
      biddingPublicNotice: { get: (v) => v.details.noticeEndsAt, set: (v, at) => void (v.details.noticeEndsAt = at) },
      biddingNoBidChoice: { get: (v) => v.details.noBidChoiceDueAt, set: (v, at) => void (v.details.noBidChoiceDueAt = at) },
      biddingMilestoneAcceptance: {
        get: (v) => reportedMilestone(v)?.acceptanceDueAt,
        set: (v, at) => void (reportedMilestone(v)!.acceptanceDueAt = at),
      },
    },
    periods: start.periods,
    start,
    continued: start.continued,
    view: {
      processType: 'projectBidding',
      title: post.title,
      countyId: start.countyId,
      townId,
      villageIds: post.eligibility.villageIds,
      step: 'BIDDING',
      dueAt: post.deadline,
      details: {
        townId,
        post,
        panel: start.panel,
        townVillages: start.townVillages,
        townOrgIds: start.townOrgIds,
        deadline: post.deadline,
        extensions: 0,
        escalated: false,
        bids: [],
        round: 1,
        conflicts: [],
        sheets: [],
        results: [],
        objections: [],
        passedOver: [],
        milestones: [],
      },
    },
    details: biddingDetails,
    searchAttributes: biddingAttributes,
  });
  const { view, step, close, record, deadlines } = process;
  const { details } = view;
  const rules = process.rules.values.projectBidding;
  const town = (role: 'DISPATCHER' | 'TOWN_REVIEWER', action: string, dueAt?: string): NextActor => ({ role, orgId: townId, action, dueAt });
  const secretary = (villageId: string, action: string, dueAt?: string): NextActor => ({ role: 'VILLAGE_SECRETARY', orgId: villageId, action, dueAt });
  const asSecretary = (actor: Actor, villageId: string) => ({ actor, as: actedAs(actor, 'VILLAGE_SECRETARY', villageId) });
  const asTown = (actor: Actor, role: 'DISPATCHER' | 'TOWN_REVIEWER') => ({ actor, as: actedAs(actor, role, townId) });
  const asOfTown = (actor: Actor) => {
    const of = actor.roles.find((r) => details.townOrgIds.includes(r.orgId) || details.townVillages.some((v) => v.orgIds.includes(r.orgId)))!;
    return { actor, as: actedAs(actor, of.role, of.orgId) };
  };
  const asPanel = (actor: Actor) => ({ actor, as: actedAs(actor, 'PANEL_MEMBER', start.countyId) });
  // Taken before any step is registered, so an early bid waits for the post to open (a continued run is open).
  const opened = process.continued ? Promise.resolve() : process.exclusively(open);

  // ---- bidding (竞榜) ----

  step(
    actions.bid,
    (actor, bid) => bidRule(view, actor, bid, nowIso()),
    (actor, bid) => {
      const villageId = bidderVillage(details, actor)!;
      details.bids.push({ ...bid, villageId, personId: actor.personId, submittedAt: nowIso(), revisions: 0 });
      record({
        step: 'BID',
        by: asSecretary(actor, villageId),
        rule: 'one bid per eligible village, until the deadline',
        summary: `${villageId} bids`,
        data: bid,
      });
      process.changed();
    },
  );

  step(
    actions.reviseBid,
    (actor, bid) => reviseBidRule(view, actor, bid, nowIso()),
    (actor, bid) => {
      const villageId = bidderVillage(details, actor)!;
      const own = details.bids.find((b) => b.villageId === villageId)!;
      Object.assign(own, bid, { revisedAt: nowIso(), revisions: own.revisions + 1 });
      record({
        step: 'REVISE_BID',
        by: asSecretary(actor, villageId),
        rule: 'a bid is revisable until the deadline',
        summary: `${villageId} revises its bid (revision ${own.revisions})`,
        data: bid,
      });
      process.changed();
    },
  );

  step(
    actions.chooseAfterNoBid,
    (_actor, choice) => chooseAfterNoBidRule(view, choice, nowIso(), rules.maxExtensions),
    (actor, choice) => {
      const by = asTown(actor, actor.roles.some((r) => r.role === 'DISPATCHER' && r.orgId === townId) ? 'DISPATCHER' : 'TOWN_REVIEWER');
      if (choice.choice === 'CANCEL') {
        record({ step: 'CANCEL', by, rule: 'no bid at the deadline: extend once or cancel', summary: `Cancelled: ${choice.reason}`, data: choice });
        close('CANCELLED', `No bid: ${choice.reason}`);
        return;
      }
      details.extensions++;
      details.deadline = choice.newDeadline;
      details.noBidChoiceDueAt = undefined;
      details.escalated = false;
      view.overdue = false;
      record({
        step: 'EXTEND',
        by,
        rule: `no bid at the deadline: the deadline may be extended ${rules.maxExtensions} time(s)`,
        summary: `Deadline extended to ${choice.newDeadline}`,
        data: choice,
      });
      openBidding();
    },
  );

  // ---- evaluation (综合比对) ----

  step(
    actions.declareConflict,
    (actor, declaration) => declareConflictRule(view, actor, declaration),
    async (actor, declaration) => {
      const noticeEndsAt = await noticeEnd();
      details.conflicts.push({ personId: actor.personId, villageId: declaration.villageId, reason: declaration.reason, declared: true });
      record({
        step: 'DECLARE_CONFLICT',
        by: asPanel(actor),
        rule: 'a member tied to a bidding village may not score its bid',
        summary: `${actor.name} declares a tie to ${declaration.villageId}: ${declaration.reason}`,
        data: declaration,
      });
      if (view.step === 'EVALUATION' && evaluationComplete(details)) closeEvaluation(noticeEndsAt);
      process.changed();
    },
  );

  step(
    actions.score,
    (actor, sheet) => scoreRule(view, actor, sheet),
    async (actor, sheet) => {
      const noticeEndsAt = await noticeEnd();
      details.sheets.push({ ...sheet, personId: actor.personId, at: nowIso() });
      record({
        step: 'SCORE',
        by: asPanel(actor),
        rule: 'each criterion within its range; not by a member tied to the village',
        summary: `${actor.name} scores ${sheet.villageId}`,
        data: sheet,
      });
      if (evaluationComplete(details)) closeEvaluation(noticeEndsAt);
    },
  );

  // ---- public notice (公示) ----

  step(
    actions.object,
    (_actor, objection) => objectRule(objection),
    (actor, objection) => {
      const seq = details.objections.length + 1;
      details.objections.push({ ...objection, seq, round: details.round, personId: actor.personId, name: actor.name, at: nowIso() });
      record({
        step: 'OBJECTION',
        by: asOfTown(actor),
        rule: 'anyone of the town may object during the notice',
        summary: `Objection ${seq}: ${objection.reason}`,
        data: objection,
      });
      askOnNotice();
    },
  );

  step(
    actions.answerObjection,
    (_actor, answer) => answerObjectionRule(view, answer),
    (actor, answer) => {
      const objection = details.objections.find((o) => o.seq === answer.seq)!;
      objection.answer = { upheld: answer.upheld, answer: answer.answer, personId: actor.personId, at: nowIso() };
      record({
        step: 'ANSWER_OBJECTION',
        by: asTown(actor, 'TOWN_REVIEWER'),
        rule: 'every objection is answered; an upheld one sends the bids back to evaluation',
        summary: `Objection ${answer.seq} ${answer.upheld ? 'upheld' : 'dismissed'}: ${answer.answer}`,
        data: answer,
      });
      if (answer.upheld) reopenEvaluation(`objection ${answer.seq} upheld`);
      else askOnNotice();
    },
  );

  // ---- implementation (实施) ----

  step(
    actions.reportMilestone,
    (_actor, report) => reportMilestoneRule(view, report),
    async (actor, report) => {
      const acceptanceDueAt = await deadlines.due('biddingMilestoneAcceptance', { inStep: true });
      const milestone = details.milestones[report.milestone];
      milestone.status = 'REPORTED';
      milestone.acceptanceDueAt = acceptanceDueAt;
      milestone.reports.push({ ...report, personId: actor.personId, at: nowIso() });
      record({
        step: 'REPORT_MILESTONE',
        by: asSecretary(actor, details.winner!),
        summary: `Milestone ${report.milestone} (${milestone.name}) reported: ${report.summary}`,
        data: report,
      });
      askInImplementation();
    },
  );

  step(
    actions.acceptMilestone,
    (_actor, decision) => acceptMilestoneRule(view, decision),
    (actor, decision) => {
      const milestone = details.milestones[decision.milestone];
      milestone.decisions.push({ ...decision, personId: actor.personId, at: nowIso() });
      milestone.status = decision.decision === 'ACCEPT' ? 'ACCEPTED' : 'OPEN';
      milestone.overdue = false;
      milestone.acceptanceDueAt = undefined;
      view.overdue = details.milestones.some((m) => m.overdue);
      const said = decision.decision === 'ACCEPT' ? `accepted${decision.comment ? `: ${decision.comment}` : ''}` : `returned: ${decision.reasons}`;
      record({
        step: decision.decision === 'ACCEPT' ? 'ACCEPT_MILESTONE' : 'RETURN_MILESTONE',
        by: asTown(actor, 'DISPATCHER'),
        summary: `Milestone ${decision.milestone} (${milestone.name}) ${said}`,
        data: decision,
      });
      if (allMilestonesAccepted(details)) close('COMPLETED', `Every milestone of ${details.winner} accepted`);
      else askInImplementation();
    },
  );

  step(
    actions.withdrawWinner,
    (_actor, withdrawal) => withdrawWinnerRule(withdrawal),
    async (actor, withdrawal) => {
      const villageId = (details.winner ?? details.proposedWinner)!;
      record({ step: 'WINNER_WITHDRAWS', by: asSecretary(actor, villageId), summary: `${villageId} withdraws: ${withdrawal.reason}`, data: withdrawal });
      await passOver(villageId, `${villageId} withdrew from the project: ${withdrawal.reason}`);
    },
  );

  step(
    actions.declareFailure,
    (_actor, failure) => declareFailureRule(failure),
    async (actor, failure) => {
      record({ step: 'WINNER_FAILS', by: asTown(actor, 'DISPATCHER'), summary: `${details.winner} failed: ${failure.reason}`, data: failure });
      await passOver(details.winner!, `the town found ${details.winner} failed to implement: ${failure.reason}`);
    },
  );

  step(
    actions.reoffer,
    (_actor, reoffer) => reofferRule(view, reoffer),
    (actor, reoffer) => {
      if (reoffer.choice === 'REPOST') {
        record({
          step: 'REPOST',
          by: asTown(actor, 'DISPATCHER'),
          rule: 'if the winner withdraws or fails: offer to the runner-up, or post again',
          summary: `To be posted again: ${reoffer.reason}`,
          data: reoffer,
        });
        close('CANCELLED', `To be posted again: ${reoffer.reason}`);
        return;
      }
      details.offeredTo = nextRunnerUp(details);
      record({
        step: 'OFFER_RUNNER_UP',
        by: asTown(actor, 'DISPATCHER'),
        rule: 'if the winner withdraws or fails: offer to the runner-up, or post again',
        summary: `Offered to the runner-up ${details.offeredTo}`,
        data: reoffer,
      });
      process.moveTo('OFFERED', [secretary(details.offeredTo!, 'accept or decline the project')]);
    },
  );

  step(
    actions.answerOffer,
    (_actor, answer) => answerOfferRule(answer),
    async (actor, answer) => {
      const villageId = details.offeredTo!;
      details.offeredTo = undefined;
      record({
        step: answer.accept ? 'OFFER_ACCEPTED' : 'OFFER_DECLINED',
        by: asSecretary(actor, villageId),
        summary: `${villageId} ${answer.accept ? 'accepts' : 'declines'} the project${answer.reason ? `: ${answer.reason}` : ''}`,
        data: answer,
      });
      if (answer.accept) await award(villageId, 'offered to the runner-up after the winner withdrew or failed');
      else await passOver(villageId, `${villageId} declined the offer`);
    },
  );

  // ---- transitions ----

  function openBidding(): void {
    process.moveTo(
      'BIDDING',
      post.eligibility.villageIds.map((v) => secretary(v, 'bid, or revise the bid, until the deadline', details.deadline)),
      details.deadline,
    );
  }

  function noticeEnd(): Promise<string> {
    return deadlines.due('biddingPublicNotice', { inStep: true });
  }

  function openEvaluation(): void {
    for (const member of details.panel) {
      for (const villageId of member.villageIds.filter((v) => details.bids.some((b) => b.villageId === v))) {
        details.conflicts.push({ personId: member.personId, villageId, reason: `a person of ${villageId}`, declared: false });
      }
    }
    const excluded = details.conflicts.map((c) => `${c.personId} × ${c.villageId}`);
    record({
      step: 'BIDDING_CLOSED',
      rule: 'a member tied to a bidding village may not score its bid',
      summary: `Bidding closed with ${details.bids.length} bid(s); evaluation round ${details.round}${excluded.length ? `; kept from scoring: ${excluded.join(', ')}` : ''}`,
    });
    process.moveTo('EVALUATION', [{ role: 'PANEL_MEMBER', orgId: start.countyId, action: `score ${details.bids.length} bid(s) on every criterion` }]);
  }

  function closeEvaluation(noticeEndsAt: string): void {
    const ranking = rankBids(post, details.bids, details.sheets);
    details.results.push({ round: details.round, ranking, sheets: details.sheets, closedAt: nowIso() });
    details.proposedWinner = ranking[0].villageId;
    details.noticeEndsAt = noticeEndsAt;
    const tie = ranking[0].tieBrokenBy ? ` (tie broken by ${ranking[0].tieBrokenBy})` : '';
    record({
      step: 'EVALUATED',
      rule: `weighted totals (each criterion's mean over its highest score × its weight); ties: ${post.tieBreak}`,
      summary: `Round ${details.round}: ${ranking.map((r) => `${r.rank}. ${r.villageId} ${r.total}`).join(', ')}; proposed winner ${ranking[0].villageId}${tie}, on notice until ${noticeEndsAt}`,
      data: ranking,
    });
    askOnNotice();
  }

  function askOnNotice(): void {
    const open = openObjections(details);
    process.moveTo('PUBLIC_NOTICE', open ? [town('TOWN_REVIEWER', `answer ${open} objection(s)`)] : [], details.noticeEndsAt);
  }

  function reopenEvaluation(why: string): void {
    details.round++;
    details.sheets = [];
    details.proposedWinner = undefined;
    details.noticeEndsAt = undefined;
    record({
      step: 'REEVALUATION',
      rule: 'an upheld objection sends the bids back to evaluation',
      summary: `Bids sent back to evaluation (round ${details.round}): ${why}`,
    });
    process.moveTo('EVALUATION', [
      { role: 'PANEL_MEMBER', orgId: start.countyId, action: `score ${details.bids.length} bid(s) again (round ${details.round})` },
    ]);
  }

  async function award(villageId: string, how: string): Promise<void> {
    details.winner = villageId;
    details.proposedWinner = undefined;
    details.awardedAt = nowIso();
    details.milestones = post.milestones.map((name): Milestone => ({ name, status: 'OPEN', reports: [], overdue: false, decisions: [] }));
    const result = details.results.at(-1)!;
    record({ step: 'AWARD', rule: 'the winner is announced publicly with the scores', summary: `揭榜 Awarded to ${villageId} (${how})`, data: result });
    await useOfFunds(villageId);
    askInImplementation();
  }

  /**
   * The winning village's use of the funds, when a major matter under the county's 五议两公开 rules (the
   * majorMatterDecision section pinned here), starts that process for the village at its suggest step: a
   * child left running when the bidding closes, linked both ways (`majorMatterWorkflowId` here, `origin` there).
   */
  async function useOfFunds(villageId: string): Promise<void> {
    // Rules pinned before that section existed read its defaults; the others pass as pinned.
    const pinned = { ...process.rules, values: { ...process.rules.values, ...withDefaults(MATTER_SECTION, process.rules.values) } };
    const matterRules = pinned.values.majorMatterDecision;
    const required = isMajorMatter(matterRules, FUNDS_KIND, post.funds).ok;
    details.majorMatter = { required, funds: post.funds, kind: FUNDS_KIND, threshold: matterRules.amountThreshold };
    if (!required) return;
    const rule = `a major matter: a kind the county lists (${matterRules.kinds.join(', ')}) or an amount from ${matterRules.amountThreshold} 元 (五议两公开)`;
    const matterId = majorMatterWorkflowId(villageId, workflowInfo().workflowId);
    const matter: MajorMatterStart = {
      countyId: start.countyId,
      townId,
      villageId,
      suggestedBy: asTown(start.poster, 'DISPATCHER'),
      suggestion: {
        title: post.title,
        description: post.description,
        reason: `揭榜挂帅: ${villageId} won ${post.funds} 元 of the town's funds for this project`,
        kind: FUNDS_KIND,
        estimatedAmount: post.funds,
      },
      origin: { processType: 'projectBidding', workflowId: workflowInfo().workflowId },
      rules: pinned,
      periods: start.periods,
    };
    details.majorMatterWorkflowId = matterId;
    await startChild<typeof majorMatterDecision>(MAJOR_MATTER_PROCESS, {
      workflowId: matterId,
      args: [matter],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      staticSummary: majorMatterSummary(matter),
    });
    await process.notify(
      [villageId],
      `MAJOR_MATTER@${villageId}`,
      `重大事项 Major matter: ${villageId}'s use of ${post.funds} 元 for ${post.title} goes through 五议两公开 (${matterId})`,
    );
    record({
      step: 'MAJOR_MATTER',
      rule,
      summary: `The use of ${post.funds} 元 by ${villageId} is a major matter: 五议两公开 started as ${matterId}`,
      data: { majorMatterWorkflowId: matterId },
    });
  }

  function askInImplementation(): void {
    const reported = details.milestones.filter((m) => m.status === 'REPORTED');
    const asks = [
      ...(details.milestones.some((m) => m.status === 'OPEN') ? [secretary(details.winner!, 'report milestones')] : []),
      ...(reported.length ? [town('DISPATCHER', `accept ${reported.length} reported milestone(s)`, reported[0].acceptanceDueAt)] : []),
    ];
    process.moveTo('IMPLEMENTATION', asks);
  }

  /** The village is out: the major matter its award started (its use of the funds) is closed with why. */
  async function passOver(villageId: string, why: string): Promise<void> {
    const matter = details.winner === villageId ? details.majorMatterWorkflowId : undefined;
    if (matter) {
      await process.closeStarted(matter, `The award to ${villageId} no longer holds (${why}): its use of the funds is not decided here`);
      details.majorMatterWorkflowId = undefined;
    }
    details.passedOver.push(villageId);
    details.winner = undefined;
    details.proposedWinner = undefined;
    details.milestones = [];
    view.overdue = false;
    const runnerUp = nextRunnerUp(details);
    process.moveTo('REOFFER', [town('DISPATCHER', runnerUp ? `offer to the runner-up ${runnerUp}, or post again` : 'post again')]);
  }

  // ---- timers: each reads its moment from the view ----

  const biddingDeadline: Timer = {
    active: () => view.step === 'BIDDING',
    at: () => Date.parse(details.deadline),
    fire: async () => {
      if (details.bids.length) {
        openEvaluation();
        if (evaluationComplete(details)) closeEvaluation(await deadlines.due('biddingPublicNotice'));
      } else {
        details.noBidChoiceDueAt = await deadlines.due('biddingNoBidChoice');
        record({
          step: 'NO_BID',
          rule: 'no bid at the deadline: the poster extends once or cancels',
          summary: `No bid by ${details.deadline}: the poster chooses by ${details.noBidChoiceDueAt}`,
        });
        process.moveTo(
          'NO_BID',
          [town('DISPATCHER', details.extensions < rules.maxExtensions ? 'extend once or cancel' : 'cancel', details.noBidChoiceDueAt)],
          details.noBidChoiceDueAt,
        );
      }
      await process.show();
    },
  };

  const unansweredChoice: Timer = {
    active: () => view.step === 'NO_BID' && !details.escalated,
    at: () => Date.parse(details.noBidChoiceDueAt!),
    fire: async () => {
      await process.notify(
        [townId],
        `NO_BID_CHOICE_ESCALATED@${details.noBidChoiceDueAt}`,
        `未作选择 Unanswered: ${post.title} had no bid and the poster has not chosen to extend or cancel`,
      );
      details.escalated = true;
      view.overdue = true;
      record({
        step: 'ESCALATED',
        rule: 'an unanswered choice after no bid is escalated to the town reviewer',
        summary: `No choice by ${details.noBidChoiceDueAt}: escalated to the town reviewer`,
      });
      process.moveTo('NO_BID', [...view.nextActors, town('TOWN_REVIEWER', 'escalated: extend once or cancel')], details.noBidChoiceDueAt);
      await process.show();
    },
  };

  const noticeEnds: Timer = {
    active: () => view.step === 'PUBLIC_NOTICE' && openObjections(details) === 0,
    at: () => Date.parse(details.noticeEndsAt!),
    fire: async () => {
      if (!noticeMayClose(details, nowIso())) return;
      record({
        step: 'NOTICE_CLOSED',
        rule: 'the proposed winner is on public notice for the period of the county rules',
        summary: `Public notice ended ${details.noticeEndsAt} with every objection answered`,
      });
      await award(details.proposedWinner!, 'best weighted total after the public notice');
      await process.show();
    },
  };

  const dueAcceptances = () => details.milestones.filter((m) => m.status === 'REPORTED' && !m.overdue && m.acceptanceDueAt);
  const acceptanceOverdue: Timer = {
    active: () => view.step === 'IMPLEMENTATION' && dueAcceptances().length > 0,
    at: () => Math.min(...dueAcceptances().map((m) => Date.parse(m.acceptanceDueAt!))),
    fire: async () => {
      for (const milestone of dueAcceptances().filter((m) => Date.now() >= Date.parse(m.acceptanceDueAt!))) {
        await process.notify(
          [townId],
          `MILESTONE_OVERDUE@${milestone.name}@${milestone.acceptanceDueAt}`,
          `验收逾期 Acceptance overdue: ${post.title}, milestone ${milestone.name}, due ${milestone.acceptanceDueAt}`,
        );
        milestone.overdue = true;
        record({
          step: 'ACCEPTANCE_OVERDUE',
          rule: 'the town accepts a reported milestone within the period of the county rules',
          summary: `Milestone ${milestone.name} not accepted by ${milestone.acceptanceDueAt}`,
        });
      }
      view.overdue = true;
      await process.show();
    },
  };

  async function open(): Promise<void> {
    record({
      step: 'POST',
      by: asTown(start.poster, 'DISPATCHER'),
      rule: 'criteria weights sum to 100; a tie-break from the county list',
      summary: `贴榜 Posted: ${post.title} (${post.funds} 元), bids until ${post.deadline}`,
      data: post,
    });
    openBidding();
    await process.show();
  }

  return process.run(async () => {
    await opened;
    await process.watch(() => view.status === 'RUNNING', [biddingDeadline, unansweredChoice, noticeEnds, acceptanceOverdue]);
  });
}
