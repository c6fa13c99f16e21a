// projectBidding's refusals and other paths through the REST API: late, repeated and ineligible bids,
// conflicted panel members, scores out of range, ties, no bid, objections, withdrawals. Short timers.
import { startPlatform, type TestPlatform } from '../support/platform';
import {
  BEILING,
  DONGSHAN,
  NANTANG,
  PANEL,
  POSTER,
  TOWN_REVIEWER,
  XIXI,
  archiveRoomPost,
  bidBody,
  expectRefused,
  inSeconds,
  ok,
  post,
  scoreAll,
  secretary,
  stepsOf,
  until,
} from './support';

const PANEL4 = 'p.county.panel4';
const equalScores = { groundwork: [8, 8, 8], plan: [8, 8, 8], need: [8, 8, 8] };

describe('projectBidding refusals and other paths (SQLite)', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatform('sqlite');
  });
  afterAll(async () => {
    await platform?.stop();
  });

  async function biddingWith(villages: string[], body: Record<string, unknown> = {}, seconds = 10) {
    const started = await ok(post(platform, { post: archiveRoomPost({ deadline: inSeconds(seconds) }), ...body }));
    const id: string = started.workflowId;
    for (const v of villages) await ok(platform.api(secretary(v), 'POST', `/biddings/${id}/bids`, bidBody(`${v} 的优势`)));
    return id;
  }

  test('one bid per village, revisable until the deadline; an ineligible village and another town refused; a late bid refused', async () => {
    const id = await biddingWith([DONGSHAN]);
    expectRefused(await platform.api(secretary(DONGSHAN), 'POST', `/biddings/${id}/bids`, bidBody('再投一次')), 409, 'ALREADY_DONE');
    const revised = await ok(platform.api(secretary(DONGSHAN), 'POST', `/biddings/${id}/bid-revision`, bidBody('修订后的优势')));
    // The village reads its own bid (its secretary is the bid's subject); the bids stay sealed to the rest.
    expect(revised.details.ownBids).toEqual([expect.objectContaining({ villageId: DONGSHAN, advantages: '修订后的优势', revisions: 1 })]);
    expectRefused(await platform.api(secretary(NANTANG), 'POST', `/biddings/${id}/bid-revision`, bidBody('没有投过')), 409, 'WRONG_STEP');
    expectRefused(await platform.api(secretary(BEILING), 'POST', `/biddings/${id}/bids`, bidBody('北岭村不在范围内')), 422, 'RULE_BROKEN');
    expectRefused(await platform.api('p.xikou.jinxi.secretary', 'POST', `/biddings/${id}/bids`, bidBody('外镇')), 404, 'NOT_FOUND');
    expectRefused(
      await platform.api(secretary(NANTANG), 'POST', `/biddings/${id}/bids`, bidBody('缺条件说明', { conditionStatements: [] })),
      422,
      'RULE_BROKEN',
    );

    await until(platform, id, (v) => v.step === 'EVALUATION');
    const late = await platform.api(secretary(NANTANG), 'POST', `/biddings/${id}/bids`, bidBody('来晚了'));
    expectRefused(late, 422, 'RULE_BROKEN');
    expect(late.body.detail).toContain('deadline');
    expectRefused(await platform.api(secretary(DONGSHAN), 'POST', `/biddings/${id}/bid-revision`, bidBody('截止后修订')), 422, 'RULE_BROKEN');
  }, 60_000);

  test('a panel member of a bidding village, or one who declared a tie, may not score that bid; a score outside its range is refused', async () => {
    const id = await biddingWith([DONGSHAN, NANTANG], { panel: [...PANEL.slice(0, 2), PANEL4] });
    const declared = await ok(platform.api(PANEL[0], 'POST', `/biddings/${id}/conflicts`, { villageId: NANTANG, reason: '本人配偶为南塘村村委委员' }));
    expect(declared.details.conflicts).toEqual([expect.objectContaining({ personId: PANEL[0], villageId: NANTANG, declared: true })]);
    const evaluating = await until(platform, id, (v) => v.step === 'EVALUATION');
    expect(evaluating.details.conflicts).toEqual(expect.arrayContaining([expect.objectContaining({ personId: PANEL4, villageId: DONGSHAN, declared: false })]));

    const sheet = (villageId: string, groundwork = 7) => ({ villageId, scores: { groundwork, plan: 7, need: 7 } });
    const tied = await platform.api(PANEL4, 'POST', `/biddings/${id}/scores`, sheet(DONGSHAN));
    expectRefused(tied, 422, 'RULE_BROKEN');
    expect(tied.body.detail).toContain(DONGSHAN);
    expectRefused(await platform.api(PANEL[0], 'POST', `/biddings/${id}/scores`, sheet(NANTANG)), 422, 'RULE_BROKEN');
    const outside = await platform.api(PANEL[1], 'POST', `/biddings/${id}/scores`, sheet(DONGSHAN, 11));
    expectRefused(outside, 422, 'RULE_BROKEN');
    expect(outside.body.detail).toContain('groundwork 11 (0–10)');
    expectRefused(await platform.api(PANEL[1], 'POST', `/biddings/${id}/scores`, { villageId: DONGSHAN, scores: { groundwork: 7 } }), 422, 'INVALID_INPUT');
    expectRefused(await platform.api('p.county.panel3', 'POST', `/biddings/${id}/scores`, sheet(DONGSHAN)), 403, 'NOT_AUTHORISED');

    await ok(platform.api(PANEL[0], 'POST', `/biddings/${id}/scores`, sheet(DONGSHAN)));
    expectRefused(await platform.api(PANEL[0], 'POST', `/biddings/${id}/scores`, sheet(DONGSHAN)), 409, 'ALREADY_DONE');
    await ok(platform.api(PANEL[1], 'POST', `/biddings/${id}/scores`, sheet(DONGSHAN)));
    await ok(platform.api(PANEL[1], 'POST', `/biddings/${id}/scores`, sheet(NANTANG, 9)));
    const last = await ok(platform.api(PANEL4, 'POST', `/biddings/${id}/scores`, sheet(NANTANG, 9)));
    expect(last.step).toBe('PUBLIC_NOTICE');
    expect(last.details.results[0].sheets).toHaveLength(4);
    expect(last.details.proposedWinner).toBe(NANTANG);
  }, 60_000);

  test('a tie of weighted totals is decided by the stated rule: the higher score on the first criterion', async () => {
    const criteria = [
      { id: 'groundwork', name: '前期工作基础', weight: 50, minScore: 0, maxScore: 10 },
      { id: 'plan', name: '实施方案', weight: 50, minScore: 0, maxScore: 10 },
    ];
    const started = await ok(post(platform, { post: archiveRoomPost({ deadline: inSeconds(10), criteria }), panel: [PANEL[0]] }));
    const id = started.workflowId;
    // Nantang bids first: the earlier bid would win were the first criterion not decisive.
    for (const v of [NANTANG, DONGSHAN]) await ok(platform.api(secretary(v), 'POST', `/biddings/${id}/bids`, bidBody(v)));
    await until(platform, id, (v) => v.step === 'EVALUATION');
    await ok(platform.api(PANEL[0], 'POST', `/biddings/${id}/scores`, { villageId: NANTANG, scores: { groundwork: 6, plan: 8 } }));
    const result = await ok(platform.api(PANEL[0], 'POST', `/biddings/${id}/scores`, { villageId: DONGSHAN, scores: { groundwork: 8, plan: 6 } }));
    expect(result.details.results[0].ranking).toEqual([
      { villageId: DONGSHAN, rank: 1, total: 70, criterionMeans: { groundwork: 8, plan: 6 }, tieBrokenBy: 'FIRST_CRITERION_THEN_EARLIER_BID' },
      { villageId: NANTANG, rank: 2, total: 70, criterionMeans: { groundwork: 6, plan: 8 }, tieBrokenBy: 'FIRST_CRITERION_THEN_EARLIER_BID' },
    ]);
    expect(result.details.proposedWinner).toBe(DONGSHAN);
  }, 60_000);

  test('no bid at the deadline: extended once, then no bid again: extension refused, the unanswered choice escalated, the town reviewer cancels', async () => {
    const started = await ok(post(platform, { post: archiveRoomPost({ deadline: inSeconds(2) }), periods: { biddingNoBidChoice: { duration: '2s' } } }));
    const id = started.workflowId;
    await until(platform, id, (v) => v.step === 'NO_BID');
    expectRefused(await platform.api(TOWN_REVIEWER, 'POST', `/biddings/${id}/no-bid-choice`, { choice: 'CANCEL', reason: '无人揭榜' }), 403, 'NOT_AUTHORISED');
    const extended = await ok(platform.api(POSTER, 'POST', `/biddings/${id}/no-bid-choice`, { choice: 'EXTEND', newDeadline: inSeconds(2) }));
    expect(extended).toMatchObject({ step: 'BIDDING', details: { extensions: 1 } });
    const again = await until(platform, id, (v) => v.step === 'NO_BID' && v.details.escalated);
    expect(again.overdue).toBe(true);
    expect(again.nextActors.map((a: { role: string }) => a.role)).toEqual(['DISPATCHER', 'TOWN_REVIEWER']);
    expectRefused(await platform.api(POSTER, 'POST', `/biddings/${id}/no-bid-choice`, { choice: 'EXTEND', newDeadline: inSeconds(60) }), 422, 'RULE_BROKEN');
    const cancelled = await ok(
      platform.api(TOWN_REVIEWER, 'POST', `/biddings/${id}/no-bid-choice`, { choice: 'CANCEL', reason: '两次无人揭榜，项目另行安排' }),
    );
    expect(cancelled).toMatchObject({ status: 'CANCELLED', step: 'CLOSED' });
    expect(stepsOf(cancelled)).toEqual(['POST', 'NO_BID', 'EXTEND', 'NO_BID', 'ESCALATED', 'CANCEL']);
    await platform.recordHistory(id, 'bidding-no-bid-cancelled');
  }, 60_000);

  test('an upheld objection sends the bids back to evaluation; the new round decides', async () => {
    const id = await biddingWith([DONGSHAN, NANTANG], { periods: { biddingPublicNotice: { duration: '2s' } } });
    await until(platform, id, (v) => v.step === 'EVALUATION');
    await scoreAll(platform, id, { [DONGSHAN]: { groundwork: [9, 9, 9], plan: [8, 8, 8], need: [8, 8, 8] }, [NANTANG]: equalScores });
    const objected = await ok(platform.api('p.qiaotou.nantang.villager', 'POST', `/biddings/${id}/objections`, { reason: '东山村所报前期基础与事实不符' }));
    expect(objected.nextActors).toEqual([expect.objectContaining({ role: 'TOWN_REVIEWER', action: 'answer 1 objection(s)' })]);
    expectRefused(await platform.api('p.xikou.jinxi.villager', 'POST', `/biddings/${id}/objections`, { reason: '外镇' }), 404, 'NOT_FOUND');
    // The notice period passes, but the open objection holds the award.
    await new Promise((r) => setTimeout(r, 2500));
    expect((await until(platform, id, () => true)).step).toBe('PUBLIC_NOTICE');
    const upheld = await ok(
      platform.api(TOWN_REVIEWER, 'POST', `/biddings/${id}/objection-answers`, { seq: 1, upheld: true, answer: '经核实，东山村前期基础材料有误，重新评审' }),
    );
    expect(upheld).toMatchObject({ step: 'EVALUATION', details: { round: 2, sheets: [] } });
    await scoreAll(platform, id, { [DONGSHAN]: { groundwork: [5, 5, 5], plan: [8, 8, 8], need: [8, 8, 8] }, [NANTANG]: equalScores });
    const awarded = await until(platform, id, (v) => v.step === 'IMPLEMENTATION');
    expect(awarded.details.winner).toBe(NANTANG);
    expect(awarded.details.results.map((r: { round: number; ranking: { villageId: string }[] }) => [r.round, r.ranking[0].villageId])).toEqual([
      [1, DONGSHAN],
      [2, NANTANG],
    ]);
    expect(stepsOf(awarded)).toContain('REEVALUATION');
  }, 60_000);

  test('the winner withdraws: the runner-up is offered the project and accepts; a failing runner-up leaves only a new post', async () => {
    const id = await biddingWith([DONGSHAN, NANTANG, XIXI], { periods: { biddingPublicNotice: { duration: '1s' } } });
    await until(platform, id, (v) => v.step === 'EVALUATION');
    await scoreAll(platform, id, {
      [DONGSHAN]: { groundwork: [9, 9, 9], plan: [9, 9, 9], need: [9, 9, 9] },
      [NANTANG]: equalScores,
      [XIXI]: { groundwork: [5, 5, 5], plan: [5, 5, 5], need: [5, 5, 5] },
    });
    await until(platform, id, (v) => v.step === 'IMPLEMENTATION');
    expectRefused(await platform.api(secretary(NANTANG), 'POST', `/biddings/${id}/withdraw`, { reason: '不是中标村' }), 403, 'WRONG_ORGANISATION');
    const withdrawn = await ok(platform.api(secretary(DONGSHAN), 'POST', `/biddings/${id}/withdraw`, { reason: '村两委换届，无力实施' }));
    expect(withdrawn).toMatchObject({ step: 'REOFFER', details: { passedOver: [DONGSHAN] } });
    const offered = await ok(platform.api(POSTER, 'POST', `/biddings/${id}/reoffer`, { choice: 'OFFER_RUNNER_UP' }));
    expect(offered).toMatchObject({ step: 'OFFERED', details: { offeredTo: NANTANG } });
    const accepted = await ok(platform.api(secretary(NANTANG), 'POST', `/biddings/${id}/offer-answer`, { accept: true }));
    expect(accepted).toMatchObject({ step: 'IMPLEMENTATION', details: { winner: NANTANG } });

    const failed = await ok(platform.api(POSTER, 'POST', `/biddings/${id}/failure`, { reason: '逾期未开工' }));
    expect(failed.nextActors[0].action).toContain(XIXI);
    await ok(platform.api(POSTER, 'POST', `/biddings/${id}/reoffer`, { choice: 'OFFER_RUNNER_UP' }));
    const declined = await ok(platform.api(secretary(XIXI), 'POST', `/biddings/${id}/offer-answer`, { accept: false, reason: '场地不足' }));
    expect(declined.step).toBe('REOFFER');
    expectRefused(await platform.api(POSTER, 'POST', `/biddings/${id}/reoffer`, { choice: 'OFFER_RUNNER_UP' }), 422, 'RULE_BROKEN');
    const reposted = await ok(platform.api(POSTER, 'POST', `/biddings/${id}/reoffer`, { choice: 'REPOST', reason: '重新贴榜' }));
    expect(reposted).toMatchObject({ status: 'CANCELLED', outcome: { reason: 'To be posted again: 重新贴榜' } });
    expect(stepsOf(reposted).slice(-11)).toEqual([
      'WINNER_WITHDRAWS',
      'CLOSED_WHAT_IT_STARTED',
      'OFFER_RUNNER_UP',
      'OFFER_ACCEPTED',
      'AWARD',
      'MAJOR_MATTER',
      'WINNER_FAILS',
      'CLOSED_WHAT_IT_STARTED',
      'OFFER_RUNNER_UP',
      'OFFER_DECLINED',
      'REPOST',
    ]);
    await platform.recordHistory(id, 'bidding-runner-up');
  }, 60_000);
});
