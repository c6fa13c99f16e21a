// Idempotency records pruned after the county's retention (platform.stepRequestRetention) by the platform's
// Temporal Schedule, created idempotently at start, on the real server and database.
import { ensureSchedules, pruneScheduleId } from '../../platform/schedules';
import { eventually, startPlatform, type TestPlatform } from '../support/platform';
import { removeSchedules } from '../support/schedules';

const OFFICE = 'p.coord-office.reviewer1';
const HOUR = 3_600_000;

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startPlatform('sqlite');
});
afterAll(async () => {
  await removeSchedules(platform);
  await platform?.stop();
});

test('records older than the retention in force are pruned by the scheduled job; newer ones stay', async () => {
  // The county keeps idempotency records one day (the default is 90).
  const draft = await platform.api(OFFICE, 'POST', '/counties/xingcun/rule-sets', { note: '幂等记录保留期' });
  await platform.api(OFFICE, 'POST', `/rule-sets/${draft.body.id}/changes`, { values: { platform: { stepRequestRetention: '1d' } }, reason: '缩短保留期' });
  expect((await platform.api(OFFICE, 'POST', `/rule-sets/${draft.body.id}/publish`, {})).body).toMatchObject({ status: 'PUBLISHED', violations: [] });

  const at = (msAgo: number) => new Date(Date.now() - msAgo);
  const row = (key: string, createdAt: Date) => ({ scope: 'person:p.test', key, action: 'test', bodyHash: 'h', createdAt });
  await platform.db.stepRequest.createMany({
    data: [row('two-days-old', at(48 * HOUR)), row('25-hours-old', at(25 * HOUR)), row('23-hours-old', at(23 * HOUR)), row('just-now', at(0))],
  });

  // Created at start, and again at the next start: one schedule, brought up to date.
  await ensureSchedules(platform.temporal, platform.taskQueue);
  await ensureSchedules(platform.temporal, platform.taskQueue);
  const handle = platform.temporal.schedule.getHandle(pruneScheduleId(platform.taskQueue));
  const described = await handle.describe();
  expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'pruneStepRequests', taskQueue: platform.taskQueue });
  expect(described.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 3, end: 3, step: 1 }] });

  await handle.trigger();
  const workflowId = await eventually(async () => (await handle.describe()).info.recentActions[0]?.action.workflow.workflowId);
  const result = await platform.temporal.workflow.getHandle(workflowId).result();
  expect(result).toMatchObject({ retentions: { xingcun: '1d' }, deleted: 2 });
  const left = await platform.db.stepRequest.findMany({ where: { scope: 'person:p.test' }, select: { key: true } });
  expect(left.map((r) => r.key).sort()).toEqual(['23-hours-old', 'just-now']);
}, 60_000);
