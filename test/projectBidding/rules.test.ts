// projectBidding's pure rules (docs/processes.md §4) and its section of the county rules, exactly.
import type { Actor } from '../../workflows/common/actor';
import type { Role } from '../../workflows/common/roles';
import type { Bid, BiddingView, Criterion, RecordedSheet } from '../../workflows/projectBidding/contract';
import {
  allMilestonesAccepted,
  bidderVillage,
  evaluationComplete,
  expectedSheets,
  mayAcceptMilestone,
  mayAnswerObjection,
  mayAnswerOffer,
  mayBid,
  mayChooseAfterNoBid,
  mayDeclareConflict,
  mayDeclareFailure,
  mayObject,
  mayReoffer,
  mayReportMilestone,
  mayReviseBid,
  mayScore,
  mayWithdrawWinner,
  nextRunnerUp,
  noticeMayClose,
  openObjections,
  postRefusal,
  rankBids,
  rounded,
  tiesOf,
  villagesOf,
  weightedTotal,
  weightsSumTo100,
} from '../../workflows/projectBidding/rules';
import { describeBound, periodNames, periodOf, ruleViolations, withDefaults } from '../../workflows/rules/checks';
import { PROJECT_BIDDING_RULES } from '../../workflows/projectBidding/rule-section';

const sections = { projectBidding: PROJECT_BIDDING_RULES };

const TOWN = 'xingcun.qiaotou';
const A = `${TOWN}.a`;
const B = `${TOWN}.b`;
const C = `${TOWN}.c`;
const D = `${TOWN}.d`;
const NOW = '2026-11-23T10:00:00.000Z';
const BEFORE = '2026-11-23T09:00:00.000Z';
const AFTER = '2026-11-23T11:00:00.000Z';

const actor = (personId: string, ...roles: [Role, string][]): Actor => ({
  personId,
  name: personId,
  roles: roles.map(([role, orgId]) => ({ role, orgId, countyId: 'xingcun' })),
  requestId: 'r',
});
const secretaryOf = (village: string) => actor(`s.${village}`, ['VILLAGE_SECRETARY', village]);
const poster = actor('poster', ['DISPATCHER', TOWN]);
const reviewer = actor('reviewer', ['TOWN_REVIEWER', TOWN]);
const m1 = actor('m1', ['PANEL_MEMBER', 'xingcun']);

const criteria: Criterion[] = [
  { id: 'ground', name: 'G', weight: 40, minScore: 0, maxScore: 10 },
  { id: 'plan', name: 'P', weight: 60, minScore: 0, maxScore: 20 },
];
const content = { advantages: 'a', groundwork: 'g', plan: 'p', resourcesRequested: 'r', conditionStatements: ['yes'] };
const bid = (villageId: string, submittedAt = BEFORE): Bid => ({ ...content, villageId, personId: `s.${villageId}`, submittedAt, revisions: 0 });
const sheet = (personId: string, villageId: string, ground: number, plan: number): RecordedSheet => ({
  personId,
  villageId,
  scores: { ground, plan },
  at: NOW,
});

function view(step: string, details: Partial<BiddingView['details']> = {}, status: BiddingView['status'] = 'RUNNING'): BiddingView {
  return {
    processType: 'projectBidding',
    workflowId: 'w',
    title: 't',
    countyId: 'xingcun',
    townId: TOWN,
    step,
    status,
    nextActors: [],
    overdue: false,
    startedAt: '',
    updatedAt: '',
    record: [],
    details: {
      townId: TOWN,
      post: {
        title: 't',
        description: 'd',
        funds: 1000,
        eligibility: { villageIds: [A, B, C], conditions: ['c1'] },
        criteria,
        deadline: NOW,
        tieBreak: 'FIRST_CRITERION_THEN_EARLIER_BID',
        milestones: ['m0', 'm1'],
      },
      panel: [
        { personId: 'm1', name: 'm1', villageIds: [] },
        { personId: 'm2', name: 'm2', villageIds: [] },
      ],
      townVillages: [A, B, C, D].map((v) => ({ villageId: v, orgIds: [v, `${v}.g1`] })),
      townOrgIds: [TOWN, `${TOWN}.station`],
      deadline: NOW,
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
      ...details,
    },
  };
}
const refusal = (code: string, rule?: string) => expect.objectContaining({ ok: false, code, ...(rule && { rule }) });
const OK = { ok: true };

describe('the county rules of projectBidding', () => {
  test('defaults from docs/processes.md, each within its bounds', () => {
    expect(withDefaults(sections).projectBidding).toEqual({
      publicNoticePeriod: '5d',
      noBidChoicePeriod: '3d',
      maxExtensions: 1,
      milestoneAcceptancePeriod: 5,
      tieBreaks: ['FIRST_CRITERION_THEN_EARLIER_BID', 'HEAVIEST_CRITERION_THEN_EARLIER_BID', 'EARLIER_BID'],
    });
    expect(ruleViolations(sections, { projectBidding: withDefaults(sections).projectBidding })).toEqual([]);
  });

  test('bounds in words, and the periods a test may shorten', () => {
    const s = sections.projectBidding;
    expect(describeBound(s.publicNoticePeriod)).toBe('a duration from 1d to 30d');
    expect(describeBound(s.noBidChoicePeriod)).toBe('a duration from 1h to 15d');
    expect(describeBound(s.maxExtensions)).toBe('a whole number from 0 to 3');
    expect(describeBound(s.milestoneAcceptancePeriod)).toBe('a whole number of working days from 1 to 20');
    expect(describeBound(s.tieBreaks)).toBe('at most 3 of FIRST_CRITERION_THEN_EARLIER_BID, HEAVIEST_CRITERION_THEN_EARLIER_BID, EARLIER_BID');
    expect(periodNames(sections)).toEqual(expect.arrayContaining(['biddingPublicNotice', 'biddingNoBidChoice', 'biddingMilestoneAcceptance']));
    const defaults = withDefaults(sections);
    expect(periodOf(sections, defaults, 'biddingPublicNotice')).toEqual({ duration: '5d' });
    expect(periodOf(sections, defaults, 'biddingNoBidChoice')).toEqual({ duration: '3d' });
    expect(periodOf(sections, defaults, 'biddingMilestoneAcceptance')).toEqual({ workingDays: 5 });
    expect(ruleViolations(sections, { projectBidding: { tieBreaks: ['COIN_TOSS'] } })).toHaveLength(1);
  });
});

describe('the post', () => {
  const post = view('BIDDING').details.post;
  const context = { allowedTieBreaks: ['FIRST_CRITERION_THEN_EARLIER_BID'], townVillageIds: [A, B, C], now: BEFORE };

  test('weights sum to exactly 100', () => {
    expect(weightsSumTo100(criteria)).toEqual(OK);
    expect(weightsSumTo100([{ ...criteria[0], weight: 41 }, criteria[1]])).toEqual({
      ok: false,
      code: 'RULE_BROKEN',
      detail: expect.stringContaining('101'),
      rule: 'projectBidding.weightsSumTo100',
      zh: expect.stringContaining('101'),
    });
    expect(weightsSumTo100([{ ...criteria[0], weight: 39 }, criteria[1]])).toEqual(refusal('RULE_BROKEN', 'projectBidding.weightsSumTo100'));
    expect(weightsSumTo100([])).toEqual(refusal('RULE_BROKEN', 'projectBidding.weightsSumTo100'));
  });

  test('a well-formed post passes', () => expect(postRefusal(post, context)).toEqual(OK));

  test('repeated criterion ids and empty score ranges are refused', () => {
    expect(postRefusal({ ...post, criteria: [criteria[0], { ...criteria[1], id: 'ground' }] }, context)).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      detail: expect.stringContaining('repeated: ground.'),
    });
    const flat = [criteria[0], { ...criteria[1], minScore: 20 }];
    expect(postRefusal({ ...post, criteria: flat }, context)).toEqual({ ok: false, code: 'INVALID_INPUT', detail: expect.stringContaining(': plan.') });
    expect(postRefusal({ ...post, criteria: [criteria[0], { ...criteria[1], minScore: 19 }] }, context)).toEqual(OK);
  });

  test("a tie-break outside the county's list, a village of another town, a deadline passed are refused", () => {
    expect(postRefusal({ ...post, tieBreak: 'EARLIER_BID' }, context)).toEqual(refusal('RULE_BROKEN', 'projectBidding.tieBreaks'));
    expect(postRefusal({ ...post, eligibility: { villageIds: [A, 'elsewhere'], conditions: [] } }, context)).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      detail: expect.stringContaining('not of it: elsewhere.'),
    });
    expect(postRefusal(post, { ...context, now: NOW })).toEqual(refusal('RULE_BROKEN', 'projectBidding.deadlineAhead'));
    expect(postRefusal(post, { ...context, now: AFTER })).toEqual(refusal('RULE_BROKEN', 'projectBidding.deadlineAhead'));
  });
});

describe('who is who', () => {
  const v = view('BIDDING');
  test('the villages of the town an organisation list reaches (the village or one of its grids)', () => {
    expect(villagesOf([`${B}.g1`, 'elsewhere', A], v.details.townVillages)).toEqual([A, B]);
    expect(villagesOf([], v.details.townVillages)).toEqual([]);
  });

  test('a secretary bids for an eligible village of the town', () => {
    expect(bidderVillage(v.details, secretaryOf(B))).toBe(B);
    expect(bidderVillage(v.details, actor('two', ['VILLAGE_SECRETARY', D], ['VILLAGE_SECRETARY', C]))).toBe(C);
    expect(bidderVillage(v.details, secretaryOf(D))).toBeUndefined();
    expect(bidderVillage(v.details, actor('c', ['VILLAGE_CADRE', A]))).toBeUndefined();
  });

  test('ties: by the panel as posted, by roles in the town, declared', () => {
    const tied = view('EVALUATION', {
      panel: [{ personId: 'm1', name: 'm1', villageIds: [A] }],
      conflicts: [
        { personId: 'm1', villageId: C, reason: 'r', declared: true },
        { personId: 'm2', villageId: B, reason: 'r', declared: true },
      ],
    });
    expect(tiesOf(tied.details, 'm1', [`${B}.g1`, A])).toEqual([A, B, C]);
    expect(tiesOf(tied.details, 'm1')).toEqual([A, C]);
    expect(tiesOf(tied.details, 'm2')).toEqual([B]);
    expect(tiesOf(tied.details, 'nobody')).toEqual([]);
  });
});

describe('bids', () => {
  const open = view('BIDDING', { deadline: NOW });

  test('an eligible secretary bids once before the deadline, with every part and each condition answered', () => {
    expect(mayBid(open, secretaryOf(A), content, BEFORE)).toEqual(OK);
    expect(mayBid(open, secretaryOf(A), content, NOW)).toEqual(refusal('RULE_BROKEN', 'projectBidding.deadlineAhead'));
    expect(mayBid(view('BIDDING', { bids: [bid(A)] }), secretaryOf(A), content, BEFORE)).toEqual(refusal('ALREADY_DONE'));
    expect(mayBid(view('BIDDING', { bids: [bid(B)] }), secretaryOf(A), content, BEFORE)).toEqual(OK);
    for (const part of ['advantages', 'groundwork', 'plan', 'resourcesRequested']) {
      expect(mayBid(open, secretaryOf(A), { ...content, [part]: ' ' }, BEFORE)).toEqual({
        ok: false,
        code: 'INVALID_INPUT',
        detail: expect.stringContaining(`missing: ${part}.`),
      });
    }
    expect(mayBid(open, secretaryOf(A), { ...content, conditionStatements: [] }, BEFORE)).toEqual(refusal('RULE_BROKEN', 'projectBidding.conditionStatements'));
    expect(mayBid(open, secretaryOf(A), { ...content, conditionStatements: [' '] }, BEFORE)).toEqual(
      refusal('RULE_BROKEN', 'projectBidding.conditionStatements'),
    );
    expect(mayBid(open, secretaryOf(A), { ...content, conditionStatements: ['yes', 'more'] }, BEFORE)).toEqual(
      refusal('RULE_BROKEN', 'projectBidding.conditionStatements'),
    );
    const twoConditions = view('BIDDING', { post: { ...open.details.post, eligibility: { villageIds: [A], conditions: ['c1', 'c2'] } } });
    expect(mayBid(twoConditions, secretaryOf(A), { ...content, conditionStatements: ['yes', 'also'] }, BEFORE)).toEqual(OK);
    expect(mayBid(twoConditions, secretaryOf(A), { ...content, conditionStatements: ['yes', ' '] }, BEFORE)).toEqual(
      refusal('RULE_BROKEN', 'projectBidding.conditionStatements'),
    );
  });

  test('who may not bid: an ineligible village, another town, another role', () => {
    expect(mayBid(open, secretaryOf(D), content, BEFORE)).toEqual(refusal('RULE_BROKEN', 'projectBidding.eligibleVillages'));
    expect(mayBid(open, secretaryOf('xingcun.xikou.x'), content, BEFORE)).toEqual(refusal('WRONG_ORGANISATION'));
    expect(mayBid(open, actor('c', ['VILLAGE_CADRE', A]), content, BEFORE)).toEqual(refusal('NOT_AUTHORISED'));
  });

  test('after the deadline a bid is refused whatever the step; a closed process says so', () => {
    expect(mayBid(view('EVALUATION'), secretaryOf(A), content, AFTER)).toEqual(refusal('RULE_BROKEN', 'projectBidding.deadlineAhead'));
    expect(mayBid(view('NO_BID'), secretaryOf(A), content, AFTER)).toEqual(refusal('RULE_BROKEN', 'projectBidding.deadlineAhead'));
    expect(mayBid(view('EVALUATION', { deadline: AFTER }), secretaryOf(A), content, NOW)).toEqual(refusal('WRONG_STEP'));
    expect(mayBid(view('CLOSED', {}, 'CANCELLED'), secretaryOf(A), content, BEFORE)).toEqual(refusal('PROCESS_CLOSED'));
    expect(mayBid(view('CLOSED', {}, 'CANCELLED'), secretaryOf(A), content, AFTER)).toEqual(refusal('PROCESS_CLOSED'));
  });

  test('a village revises only its own bid, until the deadline', () => {
    const withBid = view('BIDDING', { bids: [bid(A)] });
    expect(mayReviseBid(withBid, secretaryOf(A), content, BEFORE)).toEqual(OK);
    expect(mayReviseBid(withBid, secretaryOf(B), content, BEFORE)).toEqual(refusal('WRONG_STEP'));
    expect(mayReviseBid(withBid, secretaryOf(A), content, AFTER)).toEqual(refusal('RULE_BROKEN', 'projectBidding.deadlineAhead'));
    expect(mayReviseBid(withBid, secretaryOf(A), { ...content, plan: '' }, BEFORE)).toEqual(refusal('INVALID_INPUT'));
  });
});

describe('no bid at the deadline', () => {
  const noBid = view('NO_BID');
  const extend = { choice: 'EXTEND' as const, newDeadline: AFTER };
  const cancel = { choice: 'CANCEL' as const, reason: 'none' };

  test('the poster extends (a new deadline ahead, up to the rule) or cancels (with a reason)', () => {
    expect(mayChooseAfterNoBid(noBid, poster, extend, NOW, 1)).toEqual(OK);
    expect(mayChooseAfterNoBid(noBid, poster, cancel, NOW, 1)).toEqual(OK);
    expect(mayChooseAfterNoBid(noBid, poster, { ...cancel, reason: '' }, NOW, 1)).toEqual(refusal('MISSING_REASON'));
    expect(mayChooseAfterNoBid(noBid, poster, { ...cancel, newDeadline: BEFORE } as never, NOW, 1)).toEqual(OK);
    expect(mayChooseAfterNoBid(noBid, poster, { ...extend, newDeadline: NOW }, NOW, 1)).toEqual(refusal('INVALID_INPUT'));
    expect(mayChooseAfterNoBid(view('NO_BID', { extensions: 1 }), poster, extend, NOW, 1)).toEqual(refusal('RULE_BROKEN', 'projectBidding.maxExtensions'));
    expect(mayChooseAfterNoBid(view('NO_BID', { extensions: 1 }), poster, extend, NOW, 2)).toEqual(OK);
    expect(mayChooseAfterNoBid(view('NO_BID', { extensions: 1 }), poster, cancel, NOW, 1)).toEqual(OK);
    expect(mayChooseAfterNoBid(view('BIDDING'), poster, cancel, NOW, 1)).toEqual(refusal('WRONG_STEP'));
  });

  test('the town reviewer chooses only once the choice is escalated', () => {
    expect(mayChooseAfterNoBid(noBid, reviewer, cancel, NOW, 1)).toEqual(refusal('NOT_AUTHORISED'));
    expect(mayChooseAfterNoBid(view('NO_BID', { escalated: true }), reviewer, cancel, NOW, 1)).toEqual(OK);
    expect(mayChooseAfterNoBid(view('NO_BID', { escalated: true }), poster, cancel, NOW, 1)).toEqual(OK);
    expect(mayChooseAfterNoBid(view('NO_BID', { escalated: true }), actor('x', ['TOWN_REVIEWER', 'xingcun.xikou']), cancel, NOW, 1)).toEqual(
      refusal('WRONG_ORGANISATION'),
    );
    expect(mayChooseAfterNoBid(noBid, actor('x', ['DISPATCHER', 'xingcun.xikou']), cancel, NOW, 1)).toEqual(refusal('WRONG_ORGANISATION'));
  });
});

describe('evaluation', () => {
  const bids = [bid(A), bid(B)];
  const evaluating = (details: Partial<BiddingView['details']> = {}) => view('EVALUATION', { bids, ...details });
  const good = (villageId: string) => ({ villageId, scores: { ground: 5, plan: 10 } });

  test('every untied member scores every bid', () => {
    expect(expectedSheets(evaluating().details)).toEqual([
      { personId: 'm1', villageId: A },
      { personId: 'm1', villageId: B },
      { personId: 'm2', villageId: A },
      { personId: 'm2', villageId: B },
    ]);
    const tied = evaluating({ conflicts: [{ personId: 'm1', villageId: A, reason: 'r', declared: true }] });
    expect(expectedSheets(tied.details)).toHaveLength(3);
    expect(evaluationComplete(tied.details)).toBe(false);
    const all = [sheet('m1', B, 1, 1), sheet('m2', A, 1, 1), sheet('m2', B, 1, 1)];
    expect(evaluationComplete({ ...tied.details, sheets: all })).toBe(true);
    expect(evaluationComplete({ ...tied.details, sheets: all.slice(1) })).toBe(false);
    expect(evaluationComplete({ ...tied.details, sheets: [...all.slice(1), sheet('m1', A, 1, 1)] })).toBe(false);
  });

  test('a member of the panel scores a bid once, each criterion within its range', () => {
    expect(mayScore(evaluating(), m1, good(A))).toEqual(OK);
    expect(mayScore(evaluating(), m1, { villageId: A, scores: { ground: 0, plan: 20 } })).toEqual(OK);
    expect(mayScore(evaluating(), m1, { villageId: A, scores: { ground: 10.5, plan: 1 } })).toEqual({
      ok: false,
      code: 'RULE_BROKEN',
      detail: expect.stringContaining('ground 10.5 (0–10).'),
      rule: 'projectBidding.scoreRange',
      zh: expect.any(String),
    });
    expect(mayScore(evaluating(), m1, { villageId: A, scores: { ground: -1, plan: 1 } })).toEqual(refusal('RULE_BROKEN', 'projectBidding.scoreRange'));
    expect(mayScore(evaluating(), m1, { villageId: A, scores: { ground: 1, plan: 21 } })).toEqual(refusal('RULE_BROKEN', 'projectBidding.scoreRange'));
    expect(mayScore(evaluating(), m1, { villageId: A, scores: { ground: 1 } })).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      detail: expect.stringContaining('missing: plan.'),
    });
    expect(mayScore(evaluating(), m1, { villageId: A, scores: { ground: 1, plan: 1, x: 1 } })).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      detail: expect.stringContaining('criterion: x.'),
    });
    expect(mayScore(evaluating(), m1, good(C))).toEqual(refusal('INVALID_INPUT'));
    expect(mayScore(evaluating({ sheets: [sheet('m1', A, 1, 1)] }), m1, good(A))).toEqual(refusal('ALREADY_DONE'));
    expect(mayScore(evaluating({ sheets: [sheet('m2', A, 1, 1)] }), m1, good(A))).toEqual(OK);
    expect(mayScore(evaluating({ sheets: [sheet('m1', B, 1, 1)] }), m1, good(A))).toEqual(OK);
    expect(mayScore(view('BIDDING', { bids }), m1, good(A))).toEqual(refusal('WRONG_STEP'));
  });

  test('only a panel member of the post, of the county, not tied to the village', () => {
    expect(mayScore(evaluating(), actor('m3', ['PANEL_MEMBER', 'xingcun']), good(A))).toEqual(refusal('NOT_AUTHORISED'));
    expect(mayScore(evaluating(), actor('m1', ['PANEL_MEMBER', 'laocun']), good(A))).toEqual(refusal('WRONG_ORGANISATION'));
    expect(mayScore(evaluating(), poster, good(A))).toEqual(refusal('NOT_AUTHORISED'));
    const villager = actor('m1', ['PANEL_MEMBER', 'xingcun'], ['VILLAGER', `${A}.g1`]);
    expect(mayScore(evaluating(), villager, good(A))).toEqual({
      ok: false,
      code: 'RULE_BROKEN',
      detail: expect.stringContaining(`tied to ${A}`),
      rule: 'projectBidding.conflictOfInterest',
      zh: expect.any(String),
    });
    expect(mayScore(evaluating(), villager, good(B))).toEqual(OK);
    expect(mayScore(evaluating({ panel: [{ personId: 'm1', name: 'm1', villageIds: [B] }] }), m1, good(B))).toEqual(
      refusal('RULE_BROKEN', 'projectBidding.conflictOfInterest'),
    );
    expect(mayScore(evaluating({ conflicts: [{ personId: 'm1', villageId: A, reason: 'r', declared: true }] }), m1, good(A))).toEqual(
      refusal('RULE_BROKEN', 'projectBidding.conflictOfInterest'),
    );
  });

  test('a conflict is declared by a panel member, with a reason, before scoring, leaving someone to score', () => {
    const declaration = { villageId: A, reason: 'kin' };
    expect(mayDeclareConflict(evaluating(), m1, declaration)).toEqual(OK);
    expect(mayDeclareConflict(view('BIDDING'), m1, declaration)).toEqual(OK);
    expect(mayDeclareConflict(view('PUBLIC_NOTICE'), m1, declaration)).toEqual(refusal('WRONG_STEP'));
    expect(mayDeclareConflict(evaluating(), actor('m3', ['PANEL_MEMBER', 'xingcun']), declaration)).toEqual(refusal('NOT_AUTHORISED'));
    expect(mayDeclareConflict(evaluating(), m1, { ...declaration, reason: '' })).toEqual(refusal('MISSING_REASON'));
    expect(mayDeclareConflict(evaluating(), m1, { ...declaration, villageId: D })).toEqual(refusal('INVALID_INPUT'));
    expect(mayDeclareConflict(evaluating({ conflicts: [{ personId: 'm1', villageId: A, reason: 'r', declared: true }] }), m1, declaration)).toEqual(
      refusal('ALREADY_DONE'),
    );
    expect(mayDeclareConflict(evaluating({ sheets: [sheet('m1', A, 1, 1)] }), m1, declaration)).toEqual(
      refusal('RULE_BROKEN', 'projectBidding.conflictBeforeScoring'),
    );
    expect(mayDeclareConflict(evaluating({ sheets: [sheet('m2', A, 1, 1), sheet('m1', B, 1, 1)] }), m1, declaration)).toEqual(OK);
    const m2Tied = evaluating({ conflicts: [{ personId: 'm2', villageId: A, reason: 'r', declared: true }] });
    expect(mayDeclareConflict(m2Tied, m1, declaration)).toEqual({
      ok: false,
      code: 'RULE_BROKEN',
      detail: expect.stringContaining('No other panel member'),
      rule: 'projectBidding.panelComplete',
      zh: expect.any(String),
    });
    expect(mayDeclareConflict(m2Tied, m1, { ...declaration, villageId: B })).toEqual(OK);
  });
});

describe('weighted totals and ranking', () => {
  test('each criterion mean over its highest score, times its weight, out of 100, to four decimals', () => {
    expect(weightedTotal(criteria, { ground: 10, plan: 20 })).toBe(100);
    expect(weightedTotal(criteria, { ground: 5, plan: 10 })).toBe(50);
    expect(weightedTotal(criteria, { ground: 26 / 3, plan: 0 })).toBe(34.6667);
    expect(rounded(1.23456)).toBe(1.2346);
    expect(rounded(1.23454)).toBe(1.2345);
  });

  test('highest total first; means and totals shown per bid', () => {
    const sheets = [sheet('m1', A, 6, 10), sheet('m2', A, 7, 11), sheet('m1', B, 9, 20), sheet('m2', B, 8, 19)];
    expect(rankBids({ criteria, tieBreak: 'EARLIER_BID' }, [bid(A), bid(B)], sheets)).toEqual([
      { villageId: B, rank: 1, total: 92.5, criterionMeans: { ground: 8.5, plan: 19.5 } },
      { villageId: A, rank: 2, total: 57.5, criterionMeans: { ground: 6.5, plan: 10.5 } },
    ]);
  });

  test('a bid nobody could score ranks with zero', () => {
    expect(rankBids({ criteria, tieBreak: 'EARLIER_BID' }, [bid(A), bid(B)], [sheet('m1', B, 1, 2)])).toEqual([
      { villageId: B, rank: 1, total: 10, criterionMeans: { ground: 1, plan: 2 } },
      { villageId: A, rank: 2, total: 0, criterionMeans: { ground: 0, plan: 0 } },
    ]);
  });

  const tieCriteria: Criterion[] = [
    { id: 'ground', name: 'G', weight: 30, minScore: 0, maxScore: 10 },
    { id: 'plan', name: 'P', weight: 40, minScore: 0, maxScore: 10 },
    { id: 'need', name: 'N', weight: 30, minScore: 0, maxScore: 10 },
  ];
  const tieSheet = (villageId: string, ground: number, plan: number, need: number): RecordedSheet => ({
    personId: 'm1',
    villageId,
    scores: { ground, plan, need },
    at: NOW,
  });
  // Equal totals (60): A leads on ground (first), B on plan (heaviest), C bid first and ties everything with D.
  const tieSheets = [tieSheet(A, 10, 3, 6), tieSheet(B, 4, 9, 4), tieSheet(C, 6, 6, 6), tieSheet(D, 6, 6, 6)];
  const tieBids = [
    bid(A, '2026-11-23T08:03:00.000Z'),
    bid(B, '2026-11-23T08:02:00.000Z'),
    bid(C, '2026-11-23T08:00:00.000Z'),
    bid(D, '2026-11-23T08:01:00.000Z'),
  ];
  const order = (tieBreak: 'FIRST_CRITERION_THEN_EARLIER_BID' | 'HEAVIEST_CRITERION_THEN_EARLIER_BID' | 'EARLIER_BID', bids = tieBids) =>
    rankBids({ criteria: tieCriteria, tieBreak }, bids, tieSheets).map((r) => [r.villageId, r.total, r.tieBrokenBy]);

  test('ties by the first criterion, then the earlier bid', () => {
    expect(order('FIRST_CRITERION_THEN_EARLIER_BID')).toEqual([
      [A, 60, 'FIRST_CRITERION_THEN_EARLIER_BID'],
      [C, 60, 'FIRST_CRITERION_THEN_EARLIER_BID'],
      [D, 60, 'FIRST_CRITERION_THEN_EARLIER_BID'],
      [B, 60, 'FIRST_CRITERION_THEN_EARLIER_BID'],
    ]);
  });

  test('ties by the heaviest criterion (the first listed among equals), then the earlier bid', () => {
    expect(order('HEAVIEST_CRITERION_THEN_EARLIER_BID').map((r) => r[0])).toEqual([B, C, D, A]);
    const twoHeaviest = tieCriteria.map((c) => ({ ...c, weight: c.id === 'need' ? 20 : 40 }));
    const ranked = rankBids(
      { criteria: twoHeaviest, tieBreak: 'HEAVIEST_CRITERION_THEN_EARLIER_BID' },
      [bid(A, NOW), bid(B, BEFORE)],
      [tieSheet(A, 8, 4, 5), tieSheet(B, 4, 8, 5)],
    );
    expect(ranked.map((r) => [r.villageId, r.total])).toEqual([
      [A, 58],
      [B, 58],
    ]);
  });

  test('ties by the earlier bid alone, then the village id', () => {
    expect(order('EARLIER_BID').map((r) => r[0])).toEqual([C, D, B, A]);
    const sameTime = tieBids.map((b) => ({ ...b, submittedAt: NOW }));
    expect(order('EARLIER_BID', sameTime).map((r) => r[0])).toEqual([A, B, C, D]);
  });

  test('only equal totals are marked as tied', () => {
    const ranked = rankBids(
      { criteria, tieBreak: 'EARLIER_BID' },
      [bid(A), bid(B), bid(C)],
      [sheet('m1', A, 5, 10), sheet('m1', B, 5, 10), sheet('m1', C, 10, 20)],
    );
    expect(ranked.map((r) => [r.villageId, r.rank, r.tieBrokenBy])).toEqual([
      [C, 1, undefined],
      [A, 2, 'EARLIER_BID'],
      [B, 3, 'EARLIER_BID'],
    ]);
    expect('tieBrokenBy' in ranked[0]).toBe(false);
  });
});

describe('public notice', () => {
  const notice = (details: Partial<BiddingView['details']> = {}) => view('PUBLIC_NOTICE', { noticeEndsAt: NOW, round: 2, ...details });
  const objection = (seq: number, round: number, answered = false) => ({
    seq,
    round,
    reason: 'r',
    personId: 'p',
    name: 'p',
    at: NOW,
    ...(answered && { answer: { upheld: false, answer: 'a', personId: 'q', at: NOW } }),
  });

  test('anyone of the town objects, with a reason, during the notice', () => {
    for (const who of [
      actor('v', ['VILLAGER', D]),
      actor('g', ['GRID_MEMBER', `${A}.g1`]),
      actor('t', ['DISPATCHER', TOWN]),
      actor('s', ['INSPECTOR', `${TOWN}.station`]),
    ]) {
      expect(mayObject(notice(), who, { reason: 'unfair' })).toEqual(OK);
    }
    expect(mayObject(notice(), actor('x', ['VILLAGER', 'xingcun.xikou.x']), { reason: 'unfair' })).toEqual(refusal('WRONG_ORGANISATION'));
    expect(mayObject(notice(), actor('v', ['VILLAGER', A]), { reason: ' ' })).toEqual(refusal('MISSING_REASON'));
    expect(mayObject(view('EVALUATION'), actor('v', ['VILLAGER', A]), { reason: 'r' })).toEqual(refusal('WRONG_STEP'));
  });

  test('the town reviewer answers each objection once, with a reason', () => {
    const objected = notice({ objections: [objection(1, 2), objection(2, 2, true)] });
    const answer = { seq: 1, upheld: true, answer: 'checked' };
    expect(mayAnswerObjection(objected, reviewer, answer)).toEqual(OK);
    expect(mayAnswerObjection(objected, poster, answer)).toEqual(refusal('NOT_AUTHORISED'));
    expect(mayAnswerObjection(objected, reviewer, { ...answer, seq: 3 })).toEqual(refusal('INVALID_INPUT'));
    expect(mayAnswerObjection(objected, reviewer, { ...answer, seq: 2 })).toEqual(refusal('ALREADY_DONE'));
    expect(mayAnswerObjection(objected, reviewer, { ...answer, answer: '' })).toEqual(refusal('MISSING_REASON'));
    expect(mayAnswerObjection({ ...objected, step: 'EVALUATION' }, reviewer, answer)).toEqual(refusal('WRONG_STEP'));
  });

  test("the notice closes when its period has ended and this round's objections are answered", () => {
    expect(openObjections(notice({ objections: [objection(1, 1), objection(2, 2), objection(3, 2, true)] }).details)).toBe(1);
    expect(noticeMayClose(notice().details, NOW)).toBe(true);
    expect(noticeMayClose(notice().details, BEFORE)).toBe(false);
    expect(noticeMayClose(notice({ noticeEndsAt: undefined }).details, AFTER)).toBe(false);
    expect(noticeMayClose(notice({ objections: [objection(1, 2)] }).details, AFTER)).toBe(false);
    expect(noticeMayClose(notice({ objections: [objection(1, 1), objection(2, 2, true)] }).details, AFTER)).toBe(true);
  });
});

describe('award and implementation', () => {
  const ranking = [A, B, C].map((villageId, i) => ({ villageId, rank: i + 1, total: 90 - i, criterionMeans: {} }));
  const earlier = { round: 1, ranking: [...ranking].reverse(), sheets: [], closedAt: NOW };
  const results = [earlier, earlier, { round: 3, ranking, sheets: [], closedAt: NOW }];
  const milestone = (status: 'OPEN' | 'REPORTED' | 'ACCEPTED') => ({ name: status, status, reports: [], overdue: false, decisions: [] });
  const implementing = (details: Partial<BiddingView['details']> = {}) =>
    view('IMPLEMENTATION', { winner: A, results, milestones: [milestone('OPEN'), milestone('REPORTED'), milestone('ACCEPTED')], ...details });

  test('the runner-up is the best of the latest round neither winning nor passed over', () => {
    expect(nextRunnerUp(implementing().details)).toBe(B);
    expect(nextRunnerUp(implementing({ winner: undefined, passedOver: [A, B] }).details)).toBe(C);
    expect(nextRunnerUp(implementing({ passedOver: [B, C] }).details)).toBeUndefined();
    expect(nextRunnerUp(implementing({ results: [] }).details)).toBeUndefined();
  });

  test("the winner's secretary reports an open milestone with a summary", () => {
    const report = { milestone: 0, summary: 'done', evidenceRefs: [] };
    expect(mayReportMilestone(implementing(), secretaryOf(A), report)).toEqual(OK);
    expect(mayReportMilestone(implementing(), secretaryOf(B), report)).toEqual(refusal('WRONG_ORGANISATION'));
    expect(mayReportMilestone(implementing(), secretaryOf(A), { ...report, milestone: 3 })).toEqual(refusal('INVALID_INPUT'));
    expect(mayReportMilestone(implementing(), secretaryOf(A), { ...report, milestone: 1 })).toEqual(refusal('ALREADY_DONE'));
    expect(mayReportMilestone(implementing(), secretaryOf(A), { ...report, summary: '' })).toEqual(refusal('MISSING_REASON'));
    expect(mayReportMilestone(view('PUBLIC_NOTICE', { proposedWinner: A }), secretaryOf(A), report)).toEqual(refusal('WRONG_STEP'));
  });

  test('the town accepts a reported milestone, or returns it with reasons', () => {
    const accept = { milestone: 1, decision: 'ACCEPT' as const };
    expect(mayAcceptMilestone(implementing(), poster, accept)).toEqual(OK);
    expect(mayAcceptMilestone(implementing(), reviewer, accept)).toEqual(refusal('NOT_AUTHORISED'));
    expect(mayAcceptMilestone(implementing(), poster, { ...accept, milestone: 0 })).toEqual(refusal('WRONG_STEP'));
    expect(mayAcceptMilestone(implementing(), poster, { ...accept, milestone: 2 })).toEqual(refusal('WRONG_STEP'));
    expect(mayAcceptMilestone(implementing(), poster, { ...accept, milestone: 5 })).toEqual(refusal('INVALID_INPUT'));
    expect(mayAcceptMilestone(implementing(), poster, { milestone: 1, decision: 'RETURN', reasons: '' })).toEqual(refusal('MISSING_REASON'));
    expect(mayAcceptMilestone(implementing(), poster, { milestone: 1, decision: 'RETURN', reasons: 'incomplete' })).toEqual(OK);
    expect(mayAcceptMilestone({ ...implementing(), step: 'REOFFER' }, poster, accept)).toEqual(refusal('WRONG_STEP'));
    expect(allMilestonesAccepted(implementing().details)).toBe(false);
    expect(allMilestonesAccepted(implementing({ milestones: [milestone('ACCEPTED')] }).details)).toBe(true);
  });

  test('the winner (or the proposed winner on notice) withdraws with a reason; the town declares a failure', () => {
    expect(mayWithdrawWinner(implementing(), secretaryOf(A), { reason: 'cannot' })).toEqual(OK);
    expect(mayWithdrawWinner(view('PUBLIC_NOTICE', { proposedWinner: B }), secretaryOf(B), { reason: 'cannot' })).toEqual(OK);
    expect(mayWithdrawWinner(implementing(), secretaryOf(B), { reason: 'cannot' })).toEqual(refusal('WRONG_ORGANISATION'));
    expect(mayWithdrawWinner(implementing(), secretaryOf(A), { reason: '' })).toEqual(refusal('MISSING_REASON'));
    expect(mayWithdrawWinner(view('EVALUATION'), secretaryOf(A), { reason: 'cannot' })).toEqual(refusal('WRONG_STEP'));
    expect(mayDeclareFailure(implementing(), poster, { reason: 'late' })).toEqual(OK);
    expect(mayDeclareFailure(implementing(), reviewer, { reason: 'late' })).toEqual(refusal('NOT_AUTHORISED'));
    expect(mayDeclareFailure(implementing(), poster, { reason: '' })).toEqual(refusal('MISSING_REASON'));
    expect(mayDeclareFailure(view('PUBLIC_NOTICE'), poster, { reason: 'late' })).toEqual(refusal('WRONG_STEP'));
  });

  test('the town offers to the runner-up (while one is left) or posts again; the runner-up accepts or declines with a reason', () => {
    const reoffer = (details: Partial<BiddingView['details']> = {}) => view('REOFFER', { results, passedOver: [A], ...details });
    expect(mayReoffer(reoffer(), poster, { choice: 'OFFER_RUNNER_UP' })).toEqual(OK);
    expect(mayReoffer(reoffer({ passedOver: [A, B, C] }), poster, { choice: 'OFFER_RUNNER_UP' })).toEqual(refusal('RULE_BROKEN', 'projectBidding.runnerUp'));
    expect(mayReoffer(reoffer({ passedOver: [A, B, C] }), poster, { choice: 'REPOST', reason: 'again' })).toEqual(OK);
    expect(mayReoffer(reoffer(), poster, { choice: 'REPOST', reason: '' })).toEqual(refusal('MISSING_REASON'));
    expect(mayReoffer(reoffer(), reviewer, { choice: 'OFFER_RUNNER_UP' })).toEqual(refusal('NOT_AUTHORISED'));
    expect(mayReoffer(implementing(), poster, { choice: 'OFFER_RUNNER_UP' })).toEqual(refusal('WRONG_STEP'));
    const offered = view('OFFERED', { offeredTo: B });
    expect(mayAnswerOffer(offered, secretaryOf(B), { accept: true })).toEqual(OK);
    expect(mayAnswerOffer(offered, secretaryOf(B), { accept: false, reason: 'no room' })).toEqual(OK);
    expect(mayAnswerOffer(offered, secretaryOf(B), { accept: false })).toEqual(refusal('MISSING_REASON'));
    expect(mayAnswerOffer(offered, secretaryOf(A), { accept: true })).toEqual(refusal('WRONG_ORGANISATION'));
    expect(mayAnswerOffer(reoffer(), secretaryOf(B), { accept: true })).toEqual(refusal('WRONG_STEP'));
  });
});
