// A process that continues as new keeps its state and its pending deadlines: a reminder and the
// lateness still fire once, weekly reports are still counted week by week, and village and dispatch
// still hear each other whichever of them continued (messages go by workflow id, not run id).
import {
  getDispatch,
  reviewDispatch,
  acceptTask,
  assignTask,
  completeTask,
  getVillageTask,
  receiveTask,
  reportProgress,
  type DispatchView,
} from '../../workflows/taskDispatch/contract';
import { eventually, startPlatform, type TestPlatform } from '../support/platform';
import { act, actorOf, continuedDispatch, DISPATCHER, REVIEWER, runsOf, startDispatch } from './support';

const DONGSHAN = 'xingcun.qiaotou.dongshan';
const SECRETARY = 'p.qiaotou.dongshan.secretary';
const CADRE = 'p.qiaotou.dongshan.cadre1';
const MAX_EVENTS = 50;

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startPlatform('sqlite');
});
afterAll(async () => {
  await platform?.stop();
});

test('a village task and its dispatch continue as new, keeping state, reminders sent and pending deadlines', async () => {
  const deadline = new Date(Date.now() + 35_000).toISOString();
  const dispatchId = await startDispatch(platform, {
    villageIds: [DONGSHAN],
    deadline,
    periods: { minimumLeadTime: { duration: '1s' }, progressReport: { duration: '2s' }, deadlineReminder: { duration: '15s' } },
    maxHistoryEvents: MAX_EVENTS,
  });
  const dispatch = platform.temporal.workflow.getHandle(dispatchId);
  await eventually(async () => ((await dispatch.query(getDispatch)).step === 'REVIEW' ? true : undefined));
  await act(platform, dispatchId, reviewDispatch, await actorOf(platform, REVIEWER), { decision: 'APPROVE' });
  const taskId = (await dispatch.query(getDispatch)).details.villages[0].workflowId;
  const task = platform.temporal.workflow.getHandle(taskId);
  await eventually(async () => ((await task.query(getVillageTask).catch(() => undefined))?.step === 'RECEIVE' ? true : undefined));
  const secretary = await actorOf(platform, SECRETARY);
  const cadre = await actorOf(platform, CADRE);
  await act(platform, taskId, receiveTask, secretary);
  await act(platform, taskId, assignTask, secretary, { personIds: [CADRE] });
  await act(platform, taskId, reportProgress, cadre, { items: [{ text: '巡查一次', done: true }] });

  // Missed weeks make history: the task continues as new long before its reminder is due.
  await eventually(async () => ((await runsOf(platform, taskId)).length >= 2 ? true : undefined), 20_000);
  const beforeReminder = await task.query(getVillageTask);
  expect(beforeReminder.details.reminded).toBe(false);
  expect(beforeReminder.record.map((r) => r.step).slice(0, 4)).toEqual(['DISPATCHED', 'RECEIVE', 'ASSIGN', 'REPORT']);

  let last: unknown;
  const overdue = await eventually(
    async () => {
      const view = await task.query(getVillageTask);
      last = { runs: (await runsOf(platform, taskId)).map((r) => `${r.status} ${r.events}`), record: view.record.map((r) => `${r.at} ${r.step}`) };
      return view.overdue ? view : undefined;
    },
    45_000,
    () => last,
  );
  expect(overdue.details.reminded).toBe(true);
  expect(overdue.record.filter((r) => r.step === 'REMINDER')).toHaveLength(1);
  expect(overdue.record.filter((r) => r.step === 'OVERDUE')).toHaveLength(1);
  expect((await platform.db.notification.findMany({ where: { workflowId: taskId, kind: `REMINDER@${deadline}` } })).length).toBeGreaterThan(0);
  // Every week is counted once, across runs: no week lost, none twice.
  const weeks = overdue.details.missedReports.map((at) => Date.parse(at));
  expect(weeks.length).toBeGreaterThan(10);
  for (let i = 1; i < weeks.length; i++) expect(weeks[i] - weeks[i - 1]).toBe(2000);
  expect(overdue.record.filter((r) => r.step === 'REPORT_MISSED')).toHaveLength(weeks.length);
  // The dispatch saw the lateness, whichever run of each was current.
  await eventually(async () => ((await dispatch.query(getDispatch)).details.villages[0].overdue ? true : undefined));

  await act(platform, taskId, completeTask, cadre, { summary: '巡查完成', evidenceRefs: [] });
  await act(platform, taskId, acceptTask, await actorOf(platform, DISPATCHER), { decision: 'ACCEPT' });
  const closed = (await dispatch.result()) as DispatchView;
  expect(closed.status).toBe('COMPLETED');
  expect(closed.record.map((r) => r.step)).toEqual(expect.arrayContaining(['SUBMIT', 'SCREEN', 'REVIEW', 'ALL_VILLAGES_DONE']));

  for (const id of [taskId, dispatchId]) {
    const runs = await runsOf(platform, id);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.slice(0, -1).every((r) => r.status === 'CONTINUED_AS_NEW')).toBe(true);
    expect(runs.at(-1)!.status).toBe('COMPLETED');
    // A run continues at the first quiet moment past the bound: a few events over it at most.
    for (const run of runs) expect(run.events).toBeLessThan(MAX_EVENTS + 30);
  }
  const final = await task.query(getVillageTask);
  expect(final.status).toBe('COMPLETED');
  expect(final.record.at(-1)!.step).toBe('ACCEPT');
  // The last runs, restored from what the runs before carried, replay too.
  await platform.recordHistory(taskId, 'village-task-continued');
  await platform.recordHistory(dispatchId, 'dispatch-continued');
}, 120_000);

test("a continued dispatch's cancellation still reaches its villages (abandoned children, cancelled by workflow id)", async () => {
  const { dispatchId, tasks } = await continuedDispatch(platform, [DONGSHAN, 'xingcun.qiaotou.nantang']);
  const dispatch = platform.temporal.workflow.getHandle(dispatchId);
  expect((await dispatch.query(getDispatch)).details.villages.map((v) => v.status)).toEqual(['RUNNING', 'RUNNING']);

  await dispatch.cancel();
  for (const id of tasks) {
    const cancelled = await eventually(async () => {
      const view = await platform.temporal.workflow.getHandle(id).query(getVillageTask);
      return view.status === 'CANCELLED' ? view : undefined;
    });
    expect(cancelled.record.at(-1)!.step).toBe('CANCELLED');
  }
  const closed = await eventually(async () => {
    const view = await dispatch.query(getDispatch);
    return view.status === 'CANCELLED' ? view : undefined;
  });
  expect(closed.outcome?.reason).toMatch(/Cancelled/);
}, 60_000);
