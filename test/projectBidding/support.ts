// Posts, bids and scores for the projectBidding tests, by the seeded people who act there.
import type { TestPlatform } from '../support/platform';

export const QIAOTOU = 'xingcun.qiaotou';
export const DONGSHAN = 'xingcun.qiaotou.dongshan';
export const NANTANG = 'xingcun.qiaotou.nantang';
export const XIXI = 'xingcun.qiaotou.xixi';
export const BEILING = 'xingcun.qiaotou.beiling';
export const POSTER = 'p.qiaotou.dispatcher';
export const TOWN_REVIEWER = 'p.qiaotou.reviewer';
export const AUDITOR = 'p.dept.audit.auditor';
export const PANEL = ['p.county.panel1', 'p.county.panel2', 'p.county.panel3'];
export const secretary = (villageId: string) => `p.qiaotou.${villageId.split('.').at(-1)}.secretary`;

let counter = 0;
export const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

/** The seeds' case: a standardised archive-room pilot with funding (上虞区小越街道 标准化档案室建设试点). */
export function archiveRoomPost(overrides: Record<string, unknown> = {}) {
  return {
    title: '标准化档案室建设试点',
    description: '街道开展村级标准化档案室建设试点，有一定资金支持；有意向的村可以竞榜，自述优势。',
    funds: 200000,
    eligibility: { villageIds: [DONGSHAN, NANTANG, XIXI], conditions: ['有专人负责档案管理'] },
    criteria: [
      { id: 'groundwork', name: '前期工作基础', weight: 40, minScore: 0, maxScore: 10 },
      { id: 'plan', name: '实施方案', weight: 30, minScore: 0, maxScore: 10 },
      { id: 'need', name: '需求与示范作用', weight: 30, minScore: 0, maxScore: 10 },
    ],
    deadline: inSeconds(12),
    tieBreak: 'FIRST_CRITERION_THEN_EARLIER_BID',
    milestones: ['场地改造', '档案整理入库'],
    ...overrides,
  };
}

export function bidBody(advantages: string, overrides: Record<string, unknown> = {}) {
  return {
    advantages,
    groundwork: '已有村级档案柜和兼职档案员',
    plan: '三个月内完成场地改造和档案整理入库',
    resourcesRequested: '资金支持和街道档案业务指导',
    conditionStatements: ['村文书专人负责档案管理'],
    ...overrides,
  };
}

export async function post(platform: TestPlatform, body: Record<string, unknown> = {}, person = POSTER) {
  return platform.api(person, 'POST', '/biddings', {
    requestId: `b-${Date.now().toString(36)}-${++counter}`,
    townId: QIAOTOU,
    post: archiveRoomPost(),
    panel: PANEL,
    ...body,
  });
}

export async function ok<T = any>(call: Promise<{ status: number; body: T }>): Promise<T> {
  const response = await call;
  if (response.status >= 300) throw new Error(`step failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Polls a post's state (once a second: each read is a query a worker answers) until `test` holds. */
export async function until(platform: TestPlatform, id: string, test: (view: any) => boolean, timeoutMs = 40_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  let last: any;
  for (;;) {
    last = (await platform.api(AUDITOR, 'GET', `/biddings/${id}`)).body;
    if (test(last)) return last;
    if (Date.now() > deadline)
      throw new Error(
        `condition not met in time; last seen: ${JSON.stringify({ step: last?.step, record: last?.record?.map((r: { step: string }) => r.step) })}`,
      );
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export function expectRefused(response: { status: number; body: any; contentType: string }, status: number, code: string) {
  expect(response.contentType).toContain('application/problem+json');
  expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
}

export const stepsOf = (view: { record: { step: string }[] }) => view.record.map((r) => r.step);

/** Every panel member scores every bid with `scores[village][criterion]` (one value per member, in PANEL order). */
export async function scoreAll(platform: TestPlatform, id: string, scores: Record<string, Record<string, number[]>>, panel = PANEL) {
  let last: any;
  for (const [m, member] of panel.entries()) {
    for (const [villageId, byCriterion] of Object.entries(scores)) {
      const sheet = Object.fromEntries(Object.entries(byCriterion).map(([c, values]) => [c, values[m]]));
      last = await ok(platform.api(member, 'POST', `/biddings/${id}/scores`, { villageId, scores: sheet }));
    }
  }
  return last;
}

export type BiddingStep = 'BIDDING' | 'NO_BID' | 'EVALUATION' | 'PUBLIC_NOTICE' | 'OBJECTED' | 'IMPLEMENTATION' | 'REPORTED' | 'REOFFER' | 'OFFERED';

/** A post of Qiaotou's dispatcher, scored by panel1 alone (the whole panel while bidding is open), at `step`: Dongshan bids (and wins), Nantang too where a runner-up is needed. */
export async function biddingAt(platform: TestPlatform, step: BiddingStep): Promise<string> {
  const open = step === 'BIDDING';
  const body = {
    post: archiveRoomPost({ deadline: inSeconds(open ? 3600 : step === 'NO_BID' ? 5 : 10) }),
    panel: open ? PANEL : [PANEL[0]],
    periods: { biddingPublicNotice: { duration: ['PUBLIC_NOTICE', 'OBJECTED'].includes(step) ? '1d' : '1s' } },
  };
  const id: string = (await ok(post(platform, body))).workflowId;
  if (open) return id;
  if (step === 'NO_BID') return (await until(platform, id, (v) => v.step === 'NO_BID')).workflowId;
  const bidders = step === 'OFFERED' ? [DONGSHAN, NANTANG] : [DONGSHAN];
  for (const v of bidders) await ok(platform.api(secretary(v), 'POST', `/biddings/${id}/bids`, bidBody(v)));
  await until(platform, id, (v) => v.step === 'EVALUATION');
  if (step === 'EVALUATION') return id;
  const winner = step === 'OFFERED' ? NANTANG : DONGSHAN;
  for (const v of bidders)
    await ok(
      platform.api(PANEL[0], 'POST', `/biddings/${id}/scores`, {
        villageId: v,
        scores: v === winner ? { groundwork: 9, plan: 9, need: 9 } : { groundwork: 5, plan: 5, need: 5 },
      }),
    );
  if (step === 'PUBLIC_NOTICE') return id;
  if (step === 'OBJECTED') {
    await ok(platform.api('p.qiaotou.nantang.villager', 'POST', `/biddings/${id}/objections`, { reason: '评分不公' }));
    return id;
  }
  await until(platform, id, (v) => v.step === 'IMPLEMENTATION');
  if (step === 'IMPLEMENTATION') return id;
  if (step === 'REPORTED') {
    await ok(platform.api(secretary(winner), 'POST', `/biddings/${id}/milestone-reports`, { milestone: 0, summary: '场地改造完成', evidenceRefs: [] }));
    return id;
  }
  await ok(platform.api(secretary(winner), 'POST', `/biddings/${id}/withdraw`, { reason: '无力实施' }));
  if (step === 'REOFFER') return id;
  await ok(platform.api(POSTER, 'POST', `/biddings/${id}/reoffer`, { choice: 'OFFER_RUNNER_UP' }));
  return id;
}
