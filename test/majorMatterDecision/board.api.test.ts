// The village's public notice board (村务公开栏), as people see it: rendered in headless Debian Chromium.
import { openBrowser, revalidating, type PageBrowser } from '../support/browser';
import { startPlatform, type TestPlatform } from '../support/platform';
import { DONGSHAN, matterAt, matterWhen, PARTY_MEMBER, SECRETARY, VILLAGER } from './scenario';

describe('the village board', () => {
  let platform: TestPlatform;
  let browser: PageBrowser;
  let underDisclosure: string;
  let closed: string;

  beforeAll(async () => {
    platform = await startPlatform('sqlite');
    browser = await openBrowser();
    underDisclosure = await matterAt(platform, 'RESOLUTION_DISCLOSURE', { suggestion: { title: '修复村口受损石桥 <b>加固</b>' } });
    await platform.api(PARTY_MEMBER, 'POST', `/major-matters/${underDisclosure}/objections`, { text: '王桂英：施工队是谁定的？' });
    closed = await matterAt(platform, 'RESULT_DISCLOSURE', { periods: { resultDisclosure: { duration: '1s' } }, suggestion: { title: '村文化礼堂屋顶翻修' } });
    await matterWhen(platform, closed, (v) => v.status === 'COMPLETED');
    // Declined before any disclosure: never posted, so never on the board.
    const declined = await matterAt(platform, 'PROPOSE', { suggestion: { title: '不应上墙的事项' } });
    await platform.api(SECRETARY, 'POST', `/major-matters/${declined}/proposal`, { decision: 'DECLINE', reason: '不属于村级事务' });
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  test('shows, without a token, in Chinese on a phone: matters under disclosure and recently closed, their votes, periods and how to object', async () => {
    const seen = await browser.render(`${platform.baseUrl}/villages/${DONGSHAN}/board`);
    expect(seen.lang).toBe('zh-CN');
    expect(seen.title).toBe('东山村村务公开栏');
    expect(seen.scrollWidth).toBeLessThanOrEqual(390);
    expect(seen.screenshot.byteLength).toBeGreaterThan(5000);
    const text = seen.text;
    for (const shown of [
      '桥头镇',
      '公示中',
      '修复村口受损石桥 <b>加固</b>',
      '决议公开中',
      '村民代表会议',
      '应到45人，实到38人；赞成35票，反对2票，弃权1票',
      '决议公示期',
      '收到1件，已答复0件',
      '近期已办结',
      '村文化礼堂屋顶翻修',
      '已办结',
      '桥墩加固完成，桥面板更换完毕',
      '如何提出异议',
      '公示期内',
    ]) {
      expect(text).toContain(shown);
    }
    expect(text).toContain('380,000 元');
    expect(text).not.toContain('不应上墙的事项');
  });

  test('shows no personal data: no names, no person ids, no objection text', async () => {
    const seen = await browser.render(`${platform.baseUrl}/villages/${DONGSHAN}/board`);
    const json = await platform.api(undefined, 'GET', `/villages/${DONGSHAN}/board.json`);
    for (const text of [seen.text, JSON.stringify(json.body)]) {
      for (const personal of ['陈阿福', '陈建国', '王桂英', '陈德明', 'p.qiaotou', VILLAGER, '施工队是谁定的']) expect(text).not.toContain(personal);
    }
  });

  test("is the matters' public projection (docs/processes.md §0.9): no person of the people table, no minutes, evidence or report reference", async () => {
    const seen = await browser.render(`${platform.baseUrl}/villages/${DONGSHAN}/board?reader=public`);
    const json = await platform.api(undefined, 'GET', `/villages/${DONGSHAN}/board.json`);
    const people = await platform.db.person.findMany({ select: { id: true, name: true } });
    for (const text of [seen.text, JSON.stringify(json.body)]) {
      expect(people.filter((p) => text.includes(p.id) || text.includes(p.name)).map((p) => p.id)).toEqual([]);
      for (const reference of ['会议纪要', '会议记录', 'photo-1', '验收报告']) expect(text).not.toContain(reference);
    }
  });

  test('the JSON twin gives the same board to front-ends; an unknown village is a 404 problem', async () => {
    const json = await platform.api(undefined, 'GET', `/villages/${DONGSHAN}/board.json`);
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ villageId: DONGSHAN, villageName: '东山村', townName: '桥头镇' });
    expect(json.body.underDisclosure.map((e: any) => e.workflowId)).toEqual([underDisclosure]);
    expect(json.body.underDisclosure[0]).toMatchObject({
      stage: 'RESOLUTION_DISCLOSURE',
      kind: 'PUBLIC_WORKS',
      resolution: { meeting: 'REPRESENTATIVES_MEETING', votesFor: 35 },
      objections: { received: 1, answered: 0 },
    });
    expect(json.body.recentlyClosed.map((e: any) => e.workflowId)).toEqual([closed]);
    const page = await fetch(`${platform.baseUrl}/villages/${DONGSHAN}/board`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const unknown = await fetch(`${platform.baseUrl}/villages/xingcun.nowhere/board`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect((await platform.api(undefined, 'GET', '/villages/xingcun.qiaotou/board.json')).status).toBe(404);
    const documented = (await platform.api(undefined, 'GET', '/openapi.json')).body.paths;
    expect(Object.keys(documented)).toEqual(expect.arrayContaining(['/villages/{villageId}/board', '/villages/{villageId}/board.json']));
    expect(documented['/villages/{villageId}/board'].get.responses['200'].content).toHaveProperty(['text/html']);
  });

  test('is revalidated by its ETag: unchanged, it answers 304; an answered objection changes it', async () => {
    const read = (path: string, etag?: string) => fetch(`${platform.baseUrl}/villages/${DONGSHAN}/${path}`, { headers: etag ? revalidating(etag) : {} });
    const etags: Record<string, string> = {};
    for (const path of ['board', 'board.json']) {
      const first = await read(path);
      expect([path, first.headers.get('cache-control')]).toEqual([path, 'public, no-cache']);
      etags[path] = first.headers.get('etag')!;
      expect((await read(path)).headers.get('etag')).toBe(etags[path]);
      expect((await read(path, etags[path])).status).toBe(304);
    }
    const answered = await platform.api(SECRETARY, 'POST', `/major-matters/${underDisclosure}/objection-answers`, {
      objectionSeq: 1,
      upheld: false,
      answer: '施工队由村民代表会议公开比选产生',
    });
    expect(answered.status).toBe(200);
    for (const path of ['board', 'board.json']) {
      const changed = await read(path, etags[path]);
      expect([path, changed.status]).toEqual([path, 200]);
      expect(changed.headers.get('etag')).not.toBe(etags[path]);
    }
  });
});
