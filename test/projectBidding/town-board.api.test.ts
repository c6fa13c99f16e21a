// The town's public board of bidding (揭榜挂帅公开栏): no token, read as people read it, in headless Chromium.
import { openBrowser, revalidating, type PageBrowser } from '../support/browser';
import { startPlatform, type TestPlatform } from '../support/platform';
import { DONGSHAN, NANTANG, QIAOTOU, archiveRoomPost, bidBody, inSeconds, ok, post, scoreAll, secretary, until } from './support';

/** A bid's plan: sealed until the deadline, and never on the board. */
const SEALED_PLAN = '密封方案：利用闲置村委会二楼';

describe('the town board of bidding (SQLite, Chromium)', () => {
  let platform: TestPlatform;
  let browser: PageBrowser;
  let awardedId: string;
  let openId: string;
  beforeAll(async () => {
    platform = await startPlatform('sqlite');
    browser = await openBrowser();
    const awarded = await ok(post(platform, { post: archiveRoomPost({ deadline: inSeconds(10) }), periods: { biddingPublicNotice: { duration: '1s' } } }));
    awardedId = awarded.workflowId;
    for (const v of [DONGSHAN, NANTANG]) await ok(platform.api(secretary(v), 'POST', `/biddings/${awardedId}/bids`, bidBody(v)));
    await until(platform, awardedId, (v) => v.step === 'EVALUATION');
    await scoreAll(platform, awardedId, {
      [DONGSHAN]: { groundwork: [6, 7, 6], plan: [8, 9, 8], need: [7, 7, 7] },
      [NANTANG]: { groundwork: [9, 9, 8], plan: [8, 8, 8], need: [8, 7, 9] },
    });
    await until(platform, awardedId, (v) => v.step === 'IMPLEMENTATION');
    const open = await ok(
      post(platform, {
        post: archiveRoomPost({
          title: '村级便民服务中心适老化改造',
          funds: 80000,
          deadline: inSeconds(3600),
          eligibility: { villageIds: [DONGSHAN], conditions: ['有闲置村集体用房'] },
        }),
      }),
    );
    openId = open.workflowId;
    await ok(platform.api(secretary(DONGSHAN), 'POST', `/biddings/${openId}/bids`, bidBody(DONGSHAN, { plan: SEALED_PLAN })));
  }, 120_000);
  /** No bid's content, no person's id: what a board shows is the public projection. */
  async function expectPublic(text: string) {
    expect(text).not.toContain(SEALED_PLAN);
    expect(text).not.toContain(bidBody(DONGSHAN).plan);
    const people = await platform.db.person.findMany({ select: { id: true } });
    expect(people.filter((p) => text.includes(p.id)).map((p) => p.id)).toEqual([]);
  }
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  test('the JSON twin lists open posts with criteria and deadlines, and awards with every score; no token needed', async () => {
    const board = await platform.api(undefined, 'GET', `/towns/${QIAOTOU}/board.json`);
    expect(board.status).toBe(200);
    expect(board.body.town).toEqual({ id: QIAOTOU, name: '桥头镇' });
    expect(board.body.openPosts).toEqual([
      expect.objectContaining({
        workflowId: openId,
        title: '村级便民服务中心适老化改造',
        eligibleVillages: [{ id: DONGSHAN, name: '东山村' }],
        conditions: ['有闲置村集体用房'],
        criteria: archiveRoomPost().criteria,
      }),
    ]);
    const [award] = board.body.awards;
    expect(award).toMatchObject({ workflowId: awardedId, winner: { id: NANTANG, name: '南塘村' }, status: 'RUNNING' });
    expect(award.ranking.map((r: { village: { name: string }; total: number }) => [r.village.name, r.total])).toEqual([
      ['南塘村', 82.6667],
      ['东山村', 71.3333],
    ]);
    expect(award.sheets).toHaveLength(6);
    expect(award.sheets[0]).toMatchObject({ panelMember: '鲁建平', scores: expect.any(Object) });
    expect((await platform.api(undefined, 'GET', '/towns/xingcun.nowhere/board.json')).status).toBe(404);
  });

  test('the board shows what the public reads (docs/processes.md §0.9): how many bid, not what; the panel only with the scores; no person id', async () => {
    const board = await platform.api(undefined, 'GET', `/towns/${QIAOTOU}/board.json`);
    expect(board.body.openPosts).toEqual([expect.objectContaining({ workflowId: openId, bids: 1 })]);
    await expectPublic(JSON.stringify(board.body));
  });

  test('the page, rendered in Chromium on a phone, shows the open post, the award and every score, in Chinese', async () => {
    const seen = await browser.render(`${platform.baseUrl}/towns/${QIAOTOU}/board`);
    expect(seen.lang).toBe('zh-CN');
    expect(seen.title).toBe('桥头镇揭榜挂帅公开栏');
    for (const text of [
      '正在揭榜',
      '村级便民服务中心适老化改造',
      '有闲置村集体用房',
      '前期工作基础',
      '40%',
      '0–10 分',
      '揭榜截止',
      '已揭榜',
      '标准化档案室建设试点',
      '揭榜村',
      '南塘村',
      '82.6667',
      '71.3333',
      '鲁建平',
      '范晓梅',
      '陶国良',
      '200,000 元',
      '实施中',
    ]) {
      expect(seen.text).toContain(text);
    }
    expect(seen.text).toContain('第一项指标得分高者优先');
    expect(seen.text).toContain('1个村（截止前密封）');
    await expectPublic(seen.text);
    expect(seen.scrollWidth).toBeLessThanOrEqual(390);
    const missing = await fetch(`${platform.baseUrl}/towns/xingcun.nowhere/board`);
    expect(missing.status).toBe(404);
  });

  test('awards come a page at a time, newest first; the board is revalidated by its ETag and changes with a new award', async () => {
    const read = (path: string, etag?: string) => fetch(`${platform.baseUrl}/towns/${QIAOTOU}/${path}`, { headers: etag ? revalidating(etag) : {} });
    const before = await read('board.json');
    expect(before.headers.get('cache-control')).toBe('public, no-cache');
    const etag = before.headers.get('etag')!;
    expect((await read('board.json', etag)).status).toBe(304);

    const second = await ok(
      post(platform, { post: archiveRoomPost({ title: '第二个揭榜项目', deadline: inSeconds(8) }), periods: { biddingPublicNotice: { duration: '1s' } } }),
    );
    for (const v of [DONGSHAN, NANTANG]) await ok(platform.api(secretary(v), 'POST', `/biddings/${second.workflowId}/bids`, bidBody(v)));
    await until(platform, second.workflowId, (v) => v.step === 'EVALUATION');
    await scoreAll(platform, second.workflowId, {
      [DONGSHAN]: { groundwork: [9, 9, 9], plan: [9, 9, 9], need: [9, 9, 9] },
      [NANTANG]: { groundwork: [5, 5, 5], plan: [5, 5, 5], need: [5, 5, 5] },
    });
    await until(platform, second.workflowId, (v) => v.step === 'IMPLEMENTATION');
    const changed = await read('board.json', etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);

    const awardsOf = (board: { awards: { workflowId: string }[] }) => board.awards.map((a) => a.workflowId);
    const first = await platform.api(undefined, 'GET', `/towns/${QIAOTOU}/board.json?limit=1`);
    expect([awardsOf(first.body), first.body.next]).toEqual([[second.workflowId], expect.any(String)]);
    const next = await platform.api(undefined, 'GET', `/towns/${QIAOTOU}/board.json?limit=1&cursor=${encodeURIComponent(first.body.next)}`);
    expect([awardsOf(next.body), next.body.next]).toEqual([[awardedId], null]);
    // Open posts are on every page; the page links to the older awards.
    expect(next.body.openPosts).toEqual(first.body.openPosts);
    const seen = await browser.render(`${platform.baseUrl}/towns/${QIAOTOU}/board?limit=1`);
    expect(seen.text).toContain('更早的揭榜项目');
    expect((await read('board.json?cursor=x')).status).toBe(400);
  }, 120_000);
});
