// projectBidding (揭榜挂帅) end to end through the REST API, on a real Temporal dev server and database.
import { biddingContract } from '../../workflows/projectBidding/contract';

const biddingViewSchema = biddingContract.view;
import { DATABASES, startPlatform, type TestPlatform } from '../support/platform';
import { AUDITOR, DONGSHAN, NANTANG, POSTER, QIAOTOU, XIXI, archiveRoomPost, bidBody, ok, post, scoreAll, secretary, stepsOf, until } from './support';

describe.each(DATABASES)('on %s', (database) => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatform(database);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  test("the seeds' case: a town posts an archive-room pilot; three villages bid; the one with prior archive work wins on weighted scores; the notice passes; milestones accepted", async () => {
    const started = await post(platform, { periods: { biddingPublicNotice: { duration: '3s' } } });
    expect(started.status).toBe(201);
    const id: string = started.body.workflowId;
    expect(id).toMatch(/^bidding-xingcun\.qiaotou-/);
    expect(started.body).toMatchObject({
      processType: 'projectBidding',
      step: 'BIDDING',
      townId: QIAOTOU,
      villageIds: [DONGSHAN, NANTANG, XIXI],
      rules: { version: 1 },
    });
    expect(started.body.nextActors.map((a: { orgId: string }) => a.orgId)).toEqual([DONGSHAN, NANTANG, XIXI]);

    await ok(platform.api(secretary(DONGSHAN), 'POST', `/biddings/${id}/bids`, bidBody('村集体经济较强，有场地')));
    await ok(
      platform.api(
        secretary(NANTANG),
        'POST',
        `/biddings/${id}/bids`,
        bidBody('本村之前做过一些档案整理工作，有一定基础', { groundwork: '2023年已完成村级档案整理，建有电子目录' }),
      ),
    );
    await ok(platform.api(secretary(XIXI), 'POST', `/biddings/${id}/bids`, bidBody('村民对档案查询需求大')));

    const evaluating = await until(platform, id, (v) => v.step === 'EVALUATION');
    expect(evaluating.details.bids.map((b: { villageId: string }) => b.villageId)).toEqual([DONGSHAN, NANTANG, XIXI]);
    expect(evaluating.nextActors).toEqual([expect.objectContaining({ role: 'PANEL_MEMBER', orgId: 'xingcun' })]);

    const onNotice = await scoreAll(platform, id, {
      [DONGSHAN]: { groundwork: [6, 7, 6], plan: [8, 9, 8], need: [7, 7, 7] },
      [NANTANG]: { groundwork: [9, 9, 8], plan: [8, 8, 8], need: [8, 7, 9] },
      [XIXI]: { groundwork: [5, 5, 6], plan: [7, 7, 7], need: [9, 9, 8] },
    });
    expect(onNotice.step).toBe('PUBLIC_NOTICE');
    expect(onNotice.details.proposedWinner).toBe(NANTANG);
    const [result] = onNotice.details.results;
    expect(result.ranking).toEqual([
      { villageId: NANTANG, rank: 1, total: 82.6667, criterionMeans: { groundwork: 8.6667, plan: 8, need: 8 } },
      { villageId: DONGSHAN, rank: 2, total: 71.3333, criterionMeans: { groundwork: 6.3333, plan: 8.3333, need: 7 } },
      { villageId: XIXI, rank: 3, total: 68.3333, criterionMeans: { groundwork: 5.3333, plan: 7, need: 8.6667 } },
    ]);
    expect(result.sheets).toHaveLength(9);

    const implementing = await until(platform, id, (v) => v.step === 'IMPLEMENTATION');
    expect(implementing.details).toMatchObject({
      winner: NANTANG,
      majorMatter: { required: true, funds: 200000, threshold: 100000 },
      majorMatterWorkflowId: `matter-${NANTANG}--${id}`,
    });
    expect(stepsOf(implementing)).toEqual([
      'POST',
      'BID',
      'BID',
      'BID',
      'BIDDING_CLOSED',
      ...Array(9).fill('SCORE'),
      'EVALUATED',
      'NOTICE_CLOSED',
      'AWARD',
      'MAJOR_MATTER',
    ]);
    const notice = await platform.db.notification.findFirst({ where: { workflowId: id, orgId: NANTANG } });
    expect(notice?.kind).toBe(`MAJOR_MATTER@${NANTANG}`);

    const winner = secretary(NANTANG);
    await ok(platform.api(winner, 'POST', `/biddings/${id}/milestone-reports`, { milestone: 0, summary: '档案室场地改造完成', evidenceRefs: ['photo-1'] }));
    const returned = await ok(
      platform.api(POSTER, 'POST', `/biddings/${id}/milestone-acceptances`, { milestone: 0, decision: 'RETURN', reasons: '缺防潮设施' }),
    );
    expect(returned.details.milestones[0].status).toBe('OPEN');
    await ok(platform.api(winner, 'POST', `/biddings/${id}/milestone-reports`, { milestone: 0, summary: '已加装除湿机', evidenceRefs: ['photo-2'] }));
    await ok(platform.api(POSTER, 'POST', `/biddings/${id}/milestone-acceptances`, { milestone: 0, decision: 'ACCEPT' }));
    await ok(platform.api(winner, 'POST', `/biddings/${id}/milestone-reports`, { milestone: 1, summary: '1200卷档案整理入库', evidenceRefs: [] }));
    const done = await ok(
      platform.api(POSTER, 'POST', `/biddings/${id}/milestone-acceptances`, { milestone: 1, decision: 'ACCEPT', comment: '符合标准化要求' }),
    );
    expect(done).toMatchObject({ status: 'COMPLETED', step: 'CLOSED', outcome: { reason: expect.stringContaining(NANTANG) } });
    for (const view of [onNotice, implementing, done]) expect(biddingViewSchema.strict().safeParse(view).error).toBeUndefined();

    const listed = await platform.api(AUDITOR, 'GET', `/biddings?countyId=xingcun&villageId=${XIXI}&status=COMPLETED`);
    expect(listed.body.map((r: { workflowId: string }) => r.workflowId)).toContain(id);
    const described = await platform.temporal.workflow.getHandle(id).describe();
    expect(described.typedSearchAttributes.get({ name: 'CunwuWinner', type: 'KEYWORD' } as never)).toBe(NANTANG);
    expect(described.typedSearchAttributes.get({ name: 'CunwuEligibleVillages', type: 'KEYWORD_LIST' } as never)).toEqual([DONGSHAN, NANTANG, XIXI]);
    expect(described.typedSearchAttributes.get({ name: 'CunwuTown', type: 'KEYWORD' } as never)).toBe(QIAOTOU);
    expect((await described.staticSummary()) ?? '').toContain('标准化档案室建设试点');
    await platform.recordHistory(id, 'bidding-seeds-case');
  }, 120_000);

  test('weights that do not sum to 100 are refused (422), as is a tie-break the county does not list (400) or a village of another town (422)', async () => {
    const criteria = archiveRoomPost().criteria.map((c, i) => (i === 0 ? { ...c, weight: 50 } : c));
    const bad = await post(platform, { post: archiveRoomPost({ criteria }) });
    expect({ status: bad.status, code: bad.body.code }).toEqual({ status: 422, code: 'RULE_BROKEN' });
    expect(bad.body.detail).toContain('110');
    const tie = await post(platform, { post: archiveRoomPost({ tieBreak: 'COIN_TOSS' }) });
    expect(tie.status).toBe(400);
    const stranger = await post(platform, { post: archiveRoomPost({ eligibility: { villageIds: ['xingcun.xikou.jinxi'], conditions: [] } }) });
    expect({ status: stranger.status, code: stranger.body.code }).toEqual({ status: 422, code: 'INVALID_INPUT' });
    const notPanel = await post(platform, { panel: ['p.qiaotou.reviewer'] });
    expect({ status: notPanel.status, code: notPanel.body.code }).toEqual({ status: 422, code: 'INVALID_INPUT' });
    const otherTown = await post(platform, {}, 'p.xikou.dispatcher');
    expect(otherTown.status).toBe(403);
  });
});
