// A post for bidding that continues as new, run after run, keeps its bids, score sheets, deadlines and
// record: its steps through the API reach whichever run is current, and it ends as a single run would.
import { rulesToPin } from '../../domain/rule-sets';
import { biddingWorkflowId, type BiddingStart } from '../../workflows/projectBidding/contract';
import { actorOf, runsOf } from '../long-lives/support';
import { startPlatform, type TestPlatform } from '../support/platform';
import { DONGSHAN, NANTANG, PANEL, POSTER, QIAOTOU, XIXI, archiveRoomPost, bidBody, inSeconds, ok, scoreAll, secretary, stepsOf, until } from './support';
import { processRegistry } from '../../processes';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startPlatform('sqlite');
});
afterAll(async () => {
  await platform?.stop();
});

/** Started as the API starts one (rules pinned, the town's organisations and the panel read), with a test-only bound on each run's history. */
async function startBidding(maxHistoryEvents: number): Promise<string> {
  const villages = await platform.db.organisation.findMany({ where: { parentId: QIAOTOU, kind: 'VILLAGE' }, orderBy: { id: 'asc' } });
  const grids = await platform.db.organisation.findMany({ where: { parentId: { in: villages.map((v) => v.id) } } });
  const panel = await Promise.all(PANEL.map(async (personId) => ({ personId, name: (await actorOf(platform, personId)).name, villageIds: [] })));
  const start: BiddingStart = {
    countyId: 'xingcun',
    townId: QIAOTOU,
    poster: await actorOf(platform, POSTER),
    post: archiveRoomPost({ deadline: inSeconds(12) }) as BiddingStart['post'],
    panel,
    townVillages: villages.map((v) => ({ villageId: v.id, orgIds: [v.id, ...grids.filter((g) => g.parentId === v.id).map((g) => g.id)] })),
    townOrgIds: [QIAOTOU],
    rules: await rulesToPin(platform.db, processRegistry.ruleSections(), 'xingcun'),
    periods: { biddingPublicNotice: { duration: '2s' } },
    maxHistoryEvents,
  };
  const workflowId = biddingWorkflowId(QIAOTOU, `long-${Date.now().toString(36)}`);
  await platform.temporal.workflow.start('projectBidding', { workflowId, taskQueue: platform.taskQueue, args: [start] });
  return workflowId;
}

test('bids, scores, the notice and milestones go on across runs; the record is whole', async () => {
  const id = await startBidding(40);
  await until(platform, id, (v) => v.step === 'BIDDING');
  for (const v of [DONGSHAN, NANTANG, XIXI]) await ok(platform.api(secretary(v), 'POST', `/biddings/${id}/bids`, bidBody(v)));
  await until(platform, id, (v) => v.step === 'EVALUATION');
  await scoreAll(platform, id, {
    [DONGSHAN]: { groundwork: [6, 7, 6], plan: [8, 9, 8], need: [7, 7, 7] },
    [NANTANG]: { groundwork: [9, 9, 8], plan: [8, 8, 8], need: [8, 7, 9] },
    [XIXI]: { groundwork: [5, 5, 6], plan: [7, 7, 7], need: [9, 9, 8] },
  });
  const implementing = await until(platform, id, (v) => v.step === 'IMPLEMENTATION');
  expect(implementing.details.winner).toBe(NANTANG);
  for (const milestone of [0, 1]) {
    await ok(platform.api(secretary(NANTANG), 'POST', `/biddings/${id}/milestone-reports`, { milestone, summary: '完成', evidenceRefs: [] }));
    await ok(platform.api(POSTER, 'POST', `/biddings/${id}/milestone-acceptances`, { milestone, decision: 'ACCEPT' }));
  }
  const done = await until(platform, id, (v) => v.status === 'COMPLETED');
  expect(stepsOf(done)).toEqual([
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
    'REPORT_MILESTONE',
    'ACCEPT_MILESTONE',
    'REPORT_MILESTONE',
    'ACCEPT_MILESTONE',
  ]);
  expect(done.record.map((r: { seq: number }) => r.seq)).toEqual(done.record.map((_: unknown, i: number) => i + 1));
  expect(done.details.results[0].ranking.map((r: { villageId: string; total: number }) => [r.villageId, r.total])).toEqual([
    [NANTANG, 82.6667],
    [DONGSHAN, 71.3333],
    [XIXI, 68.3333],
  ]);
  const runs = await runsOf(platform, id);
  expect(runs.length).toBeGreaterThanOrEqual(2);
  expect(runs.slice(0, -1).every((r) => r.status === 'CONTINUED_AS_NEW')).toBe(true);
  expect(runs.at(-1)!.status).toBe('COMPLETED');
}, 120_000);
