// A process an operator terminates from the Temporal UI or CLI is closed on the record by the platform's
// schedule: the API shows it TERMINATED with who did it and why, the inboxes let it go, the chain holds.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { archiveScheduleId, endedOutsideScheduleId, ensureSchedules } from '../../platform/schedules';
import { replay } from '../support/replay';
import { eventually, startPlatform, type TestPlatform } from '../support/platform';
import { removeSchedules } from '../support/schedules';
import { getDispatch } from '../../workflows/taskDispatch/contract';
import { continuedDispatch } from '../long-lives/support';
import { AUDITOR, dispatchAt, DONGSHAN, REVIEWER } from '../support/scenarios';

const NANTANG = 'xingcun.qiaotou.nantang';

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

test('a village task terminated after its dispatch continued as new: the platform tells the dispatch, which closes that village and goes on', async () => {
  const {
    dispatchId,
    tasks: [dongshan, nantang],
  } = await continuedDispatch(platform, [DONGSHAN, NANTANG]);
  const dispatch = platform.temporal.workflow.getHandle(dispatchId);

  await platform.temporal.workflow.getHandle(nantang).terminate('误派：南塘村不涉及');
  const schedule = platform.temporal.schedule.getHandle(endedOutsideScheduleId(platform.taskQueue));
  const seen = await eventually(async () => {
    await schedule.trigger();
    const view = await dispatch.query(getDispatch);
    return view.details.villages.some((v) => v.status === 'TERMINATED') ? view : undefined;
  }, 30_000);
  expect(seen.details.villages.map((v) => [v.workflowId, v.status])).toEqual([
    [dongshan, 'RUNNING'],
    [nantang, 'TERMINATED'],
  ]);
  expect(seen.status).toBe('RUNNING');
  expect(seen.record.filter((r) => r.step === 'CHILD_ENDED')).toEqual([
    expect.objectContaining({
      data: expect.objectContaining({ workflowId: nantang, status: 'TERMINATED' }),
      summary: expect.stringContaining('误派：南塘村不涉及'),
    }),
  ]);
  expect((await platform.api(AUDITOR, 'GET', `/village-tasks/${nantang}`)).body).toMatchObject({ status: 'TERMINATED' });
}, 120_000);

test("closed processes are archived beyond Temporal's retention: state, refusals, every run's raw history, the pinned rules; the document re-verifies and a replay reads its histories", async () => {
  const id = await dispatchAt(platform, 'REVIEW');
  // A refused attempt on it (a reviewer of another town may not read it: a 404, logged all the same).
  expect((await platform.api('p.xikou.reviewer', 'POST', `/dispatches/${id}/review`, { decision: 'APPROVE' })).status).toBe(404);
  expect((await platform.api('p.qiaotou.dispatcher', 'POST', `/dispatches/${id}/withdraw`, { reason: '不再需要' })).status).toBe(200);
  await eventually(async () => ((await platform.temporal.workflow.getHandle(id).describe()).status.name === 'COMPLETED' ? true : undefined));

  const schedule = platform.temporal.schedule.getHandle(archiveScheduleId(platform.taskQueue));
  const archive = await eventually(async () => {
    await schedule.trigger();
    const answer = await platform.api(AUDITOR, 'GET', `/processes/${id}/archive`);
    return answer.status === 200 ? answer : undefined;
  }, 30_000);
  expect(archive.headers.get('content-disposition')).toContain(`${id}.archive.json`);
  const { document } = archive.body;
  expect(archive.body).toMatchObject({ workflowId: id, intact: true, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  expect(document).toMatchObject({ processType: 'taskDispatch', countyId: 'xingcun', state: { status: 'WITHDRAWN' } });
  expect(document.refusals).toEqual([expect.objectContaining({ personId: 'p.xikou.reviewer', workflowId: id })]);
  expect(document.ruleSet).toMatchObject({ id: document.state.rules.ruleSetId, version: document.state.rules.version, values: expect.any(Object) });
  expect(document.runs).toHaveLength(1);
  expect(document.runs[0].history.events[0].eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
  // The archived history replays on this code as the recorded ones do.
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'cunwu-archive-')), `${id}.json`);
  writeFileSync(file, JSON.stringify(document.runs[0].history));
  expect(replay([file])).toContain(`replayed ${file}`);

  // Changed behind the API, it no longer verifies.
  await platform.db.processArchive.update({ where: { workflowId: id }, data: { document: JSON.stringify({ ...document, refusals: [] }) } });
  expect((await platform.api(AUDITOR, 'GET', `/processes/${id}/archive`)).body.intact).toBe(false);
  expect((await platform.api('p.qiaotou.dongshan.secretary', 'GET', `/processes/${id}/archive`)).status).toBe(404);
}, 120_000);
