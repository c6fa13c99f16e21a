// A process an operator terminates from the Temporal UI or CLI is closed on the record by the platform's
// schedule: the API shows it TERMINATED with who did it and why, the inboxes let it go, the chain holds.
import { endedOutsideScheduleId, ensureSchedules } from '../../platform/schedules';
import { eventually, startPlatform, type TestPlatform } from '../support/platform';
import { removeSchedules } from '../support/schedules';
import { AUDITOR, dispatchAt, REVIEWER } from '../support/scenarios';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startPlatform('sqlite');
  await ensureSchedules(platform.temporal, platform.taskQueue);
});
afterAll(async () => {
  await removeSchedules(platform);
  await platform?.stop();
});

const inboxOf = async (person: string) => ((await platform.api(person, 'GET', '/me/inbox')).body as { workflowId: string }[]).map((i) => i.workflowId);

test('a dispatch terminated in Temporal reads TERMINATED, names the operator and the reason, and leaves the reviewer’s inbox', async () => {
  const id = await dispatchAt(platform, 'REVIEW');
  await eventually(async () => ((await inboxOf(REVIEWER)).includes(id) ? true : undefined));
  await platform.temporal.workflow.getHandle(id).terminate('误派：重复的派单');

  const schedule = platform.temporal.schedule.getHandle(endedOutsideScheduleId(platform.taskQueue));
  expect((await schedule.describe()).action).toMatchObject({ type: 'startWorkflow', workflowType: 'closeProcessesEndedOutside' });
  const closed = await eventually(async () => {
    await schedule.trigger();
    const view = (await platform.api(AUDITOR, 'GET', `/dispatches/${id}`)).body;
    return view.status === 'TERMINATED' ? view : undefined;
  }, 30_000);
  expect(closed).toMatchObject({ step: 'CLOSED', nextActors: [], outcome: { status: 'TERMINATED', reason: expect.stringContaining('误派：重复的派单') } });
  expect(closed.record.at(-1)).toMatchObject({
    step: 'TERMINATED',
    summary: expect.stringMatching(/^Terminated in Temporal by .+: 误派：重复的派单 \(seen by the platform\)$/),
  });
  expect(await inboxOf(REVIEWER)).not.toContain(id);
  expect((await platform.api(AUDITOR, 'GET', '/audit/verify?countyId=xingcun')).body).toMatchObject({ intact: true });
});
