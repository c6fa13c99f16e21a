// An auditor reads a process's whole life in one place: its steps and the attempts refused on it,
// the refused start of its request id included, in order; the processes it started and its starter.
import { randomUUID } from 'node:crypto';
import { openBrowser } from '../support/browser';
import { eventually, startPlatform, type TestPlatform } from '../support/platform';
import { AUDITOR, dispatchContent, DISPATCHER, DONGSHAN, QIAOTOU, REVIEWER, SECRETARY } from '../support/scenarios';

const XIXI = 'xingcun.qiaotou.xixi';
/** The dispatch of the first test: refused once, then reviewed. */
let reviewedDispatch: string;

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startPlatform('sqlite');
});
afterAll(async () => {
  await platform?.stop();
});

test("a dispatch's timeline: the refused start of its request id, its steps and refusals in order, and the village tasks it started", async () => {
  const requestId = `timeline-${randomUUID().slice(0, 8)}`;
  const body = { requestId, townId: QIAOTOU, content: dispatchContent({ villageIds: [DONGSHAN, XIXI] }) };
  expect((await platform.api(SECRETARY, 'POST', '/dispatches', body)).status).toBe(403);
  const started = await platform.api(DISPATCHER, 'POST', '/dispatches', body);
  expect(started.status).toBe(201);
  const id: string = started.body.workflowId;
  reviewedDispatch = id;
  await eventually(async () => ((await platform.api(AUDITOR, 'GET', `/dispatches/${id}`)).body.step === 'REVIEW' ? true : undefined));
  expect((await platform.api(SECRETARY, 'POST', `/dispatches/${id}/review`, { decision: 'APPROVE' })).status).toBe(404);
  expect((await platform.api(REVIEWER, 'POST', `/dispatches/${id}/review`, { decision: 'APPROVE', comment: '清单内事项' })).status).toBe(200);

  const timeline = await eventually(async () => {
    const answer = await platform.api(AUDITOR, 'GET', `/processes/${id}/timeline`);
    return answer.status === 200 && answer.body.started.length === 2 ? answer.body : undefined;
  });
  expect(timeline).toMatchObject({ workflowId: id, processType: 'taskDispatch', countyId: 'xingcun', startedBy: null });
  expect(timeline.runs).toEqual([expect.objectContaining({ status: 'RUNNING', closedAt: null })]);
  expect(timeline.started.map((s: { workflowId: string }) => s.workflowId).sort()).toEqual([`${id}--${DONGSHAN}`, `${id}--${XIXI}`]);
  expect(timeline.started.every((s: { processType: string }) => s.processType === 'villageTask')).toBe(true);

  const kinds = timeline.entries.map((e: { kind: string; step?: string; action?: string }) => (e.kind === 'STEP' ? `STEP ${e.step}` : `REFUSAL ${e.action}`));
  expect(kinds[0]).toBe('REFUSAL POST /dispatches');
  expect(kinds).toContain('REFUSAL POST /dispatches/:id/review');
  expect(kinds.indexOf('REFUSAL POST /dispatches/:id/review')).toBeLessThan(kinds.lastIndexOf('STEP REVIEW'));
  expect(timeline.entries[0]).toMatchObject({ personId: SECRETARY, businessRequestId: requestId, workflowId: null, httpStatus: 403 });
  const ats = timeline.entries.map((e: { at: string }) => e.at);
  expect(ats).toEqual([...ats].sort());
  // Each recorded step: who (with the organisation's name), under which pinned rule set, in which run.
  expect(timeline.entries.find((e: { step?: string }) => e.step === 'REVIEW')).toMatchObject({
    actor: { personId: REVIEWER, role: 'TOWN_REVIEWER', orgId: QIAOTOU, orgName: '桥头镇' },
    ruleSet: { ruleSetId: expect.any(String), version: expect.any(Number) },
    runId: timeline.runs[0].runId,
  });
  const steps = timeline.entries.filter((e: { kind: string }) => e.kind === 'STEP').map((e: { seq: number }) => e.seq);
  expect(steps).toEqual(steps.map((_: number, i: number) => i + 1));

  const child = await eventually(async () => {
    const answer = await platform.api(AUDITOR, 'GET', `/processes/${id}--${DONGSHAN}/timeline`);
    return answer.status === 200 ? answer.body : undefined;
  });
  expect(child.startedBy).toEqual({ workflowId: id, processType: 'taskDispatch', status: 'RUNNING' });
});

test('only auditors, inspectors and operators of its county read a timeline; an unknown process is a 404', async () => {
  const rows = await platform.db.processRecord.findFirstOrThrow({ where: { processType: 'taskDispatch' } });
  expect((await platform.api(SECRETARY, 'GET', `/processes/${rows.workflowId}/timeline`)).status).toBe(404);
  expect((await platform.api(AUDITOR, 'GET', '/processes/dispatch-xingcun.qiaotou-none-such/timeline')).status).toBe(404);
});

test('the timeline as a page to print, in Chinese, read in Chromium: every step with who and under which rule, the refused attempts', async () => {
  const id = reviewedDispatch;
  const browser = await openBrowser();
  try {
    const seen = await browser.render(
      `${platform.baseUrl}/processes/${id}/timeline.html`,
      { width: 1024, height: 768 },
      {
        authorization: `Bearer ${await platform.tokenFor(AUDITOR)}`,
      },
    );
    expect(seen.lang).toBe('zh-CN');
    expect(seen.title).toContain('全过程记录');
    for (const shown of [
      '基本信息',
      '适用规则集',
      '全过程记录',
      '时间（北京时间）',
      '办理人',
      '依据',
      'REVIEW',
      '桥头镇',
      '拒绝：POST /dispatches/:id/review',
      id,
    ]) {
      expect(seen.text).toContain(shown);
    }
  } finally {
    await browser.close();
  }
  const refused = await fetch(`${platform.baseUrl}/processes/${id}/timeline.html`, {
    headers: { authorization: `Bearer ${await platform.tokenFor(SECRETARY)}` },
  });
  expect(refused.status).toBe(404);
});
