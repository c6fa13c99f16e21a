// A major matter that continues as new keeps its whole state (proposal revisions, meetings, disclosures)
// and its pending disclosure timers, and goes on to close as one that never continued.
import { randomUUID } from 'node:crypto';
import { rulesToPin } from '../../domain/rule-sets';
import { actedAs } from '../../workflows/common/actor';
import { majorMatterWorkflowId, type MajorMatterStart } from '../../workflows/majorMatterDecision/contract';
import { actorOf, runsOf } from '../long-lives/support';
import { startPlatform, type TestPlatform } from '../support/platform';
import { bridge, CADRE, DONGSHAN, matterWhen, meeting, partyMeeting, proposal, representatives, SECRETARY, SUPERVISOR, VILLAGER } from './scenario';
import { processRegistry } from '../../processes';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startPlatform('sqlite');
});
afterAll(async () => {
  await platform?.stop();
});

test('a bridge repair continues as new on the way and closes with its record whole', async () => {
  const villager = await actorOf(platform, VILLAGER);
  const start: MajorMatterStart = {
    countyId: 'xingcun',
    townId: 'xingcun.qiaotou',
    villageId: DONGSHAN,
    suggestedBy: { actor: villager, as: actedAs(villager, 'VILLAGER', DONGSHAN) },
    suggestion: bridge() as MajorMatterStart['suggestion'],
    rules: await rulesToPin(platform.db, processRegistry.ruleSections(), 'xingcun'),
    periods: { resolutionDisclosure: { duration: '3s' }, resultDisclosure: { duration: '3s' } },
    maxHistoryEvents: 40,
  };
  const id = majorMatterWorkflowId(DONGSHAN, `long-${randomUUID().slice(0, 8)}`);
  await platform.temporal.workflow.start('majorMatterDecision', { workflowId: id, taskQueue: platform.taskQueue, args: [start] });
  await matterWhen(platform, id, (v) => v.details.next?.dueAt !== undefined);

  const post = async (person: string, path: string, body: unknown) => {
    const response = await platform.api(person, 'POST', `/major-matters/${id}/${path}`, body);
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return response.body;
  };
  await post(SECRETARY, 'proposal', proposal());
  await post(SUPERVISOR, 'concerns', { text: '请公开施工单位比选记录' });
  await post(SECRETARY, 'joint-meeting', meeting({ amendment: { estimatedAmount: 360_000, note: '改用本地石材' } }));
  await post(SECRETARY, 'party-members-meeting', partyMeeting());
  await post(SECRETARY, 'resolution-meeting', representatives());
  await matterWhen(platform, id, (v) => v.step === 'IMPLEMENTATION');
  await post(CADRE, 'progress', { text: '桥墩加固完成' });
  await post(CADRE, 'progress', { text: '全部完工', completed: true });
  await post(SUPERVISOR, 'acceptance', { decision: 'ACCEPT', reportRef: '验收报告' });
  const closed = await matterWhen(platform, id, (v) => v.status !== 'RUNNING');

  const runs = await runsOf(platform, id);
  expect(runs.length).toBeGreaterThanOrEqual(2);
  expect(runs.slice(0, -1).every((r) => r.status === 'CONTINUED_AS_NEW')).toBe(true);
  expect(closed).toMatchObject({ status: 'COMPLETED', step: 'CLOSED' });
  expect(closed.details.proposal.map((p: { version: number }) => p.version)).toEqual([1, 2]);
  expect(closed.details.meetings.map((m: { proposalVersion: number }) => m.proposalVersion)).toEqual([1, 2, 2]);
  expect(closed.details.concerns).toHaveLength(1);
  expect(closed.record.map((r: { step: string }) => r.step).filter((s: string) => s === 'SUGGEST')).toHaveLength(1);
  expect(closed.record.map((r: { seq: number }) => r.seq)).toEqual(closed.record.map((_: unknown, i: number) => i + 1));
}, 120_000);
