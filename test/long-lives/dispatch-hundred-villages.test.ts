// A dispatch to 100 villages, each reporting weekly for a year, keeps every run under 10,000 events:
// the dispatch hears of a village only when what it shows changes (receipt, assignment, completion,
// acceptance), never of its reports; each village's own history grows by one step's events a report.
// Every village reports for its first weeks here (5,200 Updates would not fit CI's time); the dispatch's
// history is shown not to move with reports at all, and a village's year is its measured cost per
// report times 52 (village-task-two-years.test.ts runs two whole years of one village).
import type { Actor } from '../../workflows/common/actor';
import {
  acceptTask,
  assignTask,
  completeTask,
  getDispatch,
  getVillageTask,
  receiveTask,
  reportProgress,
  reviewDispatch,
  type DispatchView,
} from '../../workflows/taskDispatch/contract';
import { eventually, startPlatform, type TestPlatform } from '../support/platform';
import { act, actorOf, COUNTY, DISPATCHER, QIAOTOU, REVIEWER, runsOf, settledEvents, startDispatch } from './support';

const VILLAGES = 100;
const WEEKS = 52;
/** The weeks every village reports in this test. */
const WEEKS_SENT = 3;
/** Steps in flight at once, as many people at their phones. */
const CONCURRENCY = 16;

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startPlatform('sqlite');
});
afterAll(async () => {
  await platform?.stop();
});

interface Village {
  id: string;
  secretary: Actor;
  cadre: Actor;
}

/** 100 villages of Qiaotou, each with its secretary and one cadre. */
async function hundredVillages(): Promise<Village[]> {
  const villages: Village[] = [];
  for (let i = 1; i <= VILLAGES; i++) {
    const id = `${QIAOTOU}.load${i}`;
    const cadre = `p.load${i}.cadre`;
    await platform.db.organisation.create({ data: { id, kind: 'VILLAGE', name: `负载${i}村`, parentId: QIAOTOU, countyId: COUNTY } });
    await platform.db.person.create({ data: { id: cadre, name: `村干部${i}`, roles: { create: [{ role: 'VILLAGE_CADRE', orgId: id }] } } });
    villages.push({
      id,
      secretary: { personId: `p.load${i}.secretary`, name: `书记${i}`, roles: [{ role: 'VILLAGE_SECRETARY', orgId: id, countyId: COUNTY }], requestId: '' },
      cadre: { personId: cadre, name: `村干部${i}`, roles: [{ role: 'VILLAGE_CADRE', orgId: id, countyId: COUNTY }], requestId: '' },
    });
  }
  return villages;
}

/** Runs `work` for every item, `CONCURRENCY` at a time. */
async function inParallel<T>(items: T[], work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

const began = Date.now();
const progress = (what: string) => console.log(`${((Date.now() - began) / 1000).toFixed(1)} s: ${what}`);

test(`a dispatch to ${VILLAGES} villages, each reporting weekly for a year, stays under 10,000 events a run`, async () => {
  const villages = await hundredVillages();
  progress('villages seeded');
  const dispatchId = await startDispatch(platform, {
    villageIds: villages.map((v) => v.id),
    deadline: new Date(Date.now() + 400 * 86_400_000).toISOString(),
    periods: { minimumLeadTime: { duration: '1s' } },
  });
  const dispatch = platform.temporal.workflow.getHandle(dispatchId);
  await eventually(async () => ((await dispatch.query(getDispatch)).step === 'REVIEW' ? true : undefined), 30_000);
  await act(platform, dispatchId, reviewDispatch, await actorOf(platform, REVIEWER), { decision: 'APPROVE' });
  const taskOf = new Map((await dispatch.query(getDispatch)).details.villages.map((v) => [v.villageId, v.workflowId]));
  await inParallel(villages, (v) =>
    eventually(
      async () =>
        (
          await platform.temporal.workflow
            .getHandle(taskOf.get(v.id)!)
            .query(getVillageTask)
            .catch(() => undefined)
        )?.step === 'RECEIVE'
          ? true
          : undefined,
      60_000,
    ),
  );

  progress('village tasks open');
  await inParallel(villages, async (v) => {
    await act(platform, taskOf.get(v.id)!, receiveTask, v.secretary);
    await act(platform, taskOf.get(v.id)!, assignTask, v.secretary, { personIds: [v.cadre.personId] });
  });
  await eventually(async () => ((await dispatch.query(getDispatch)).details.villages.every((v) => v.step === 'IN_PROGRESS') ? true : undefined), 30_000);
  const dispatchBeforeReports = await settledEvents(platform, dispatchId);
  const sample = platform.temporal.workflow.getHandle(taskOf.get(villages[0].id)!);
  const sampleBeforeReports = await settledEvents(platform, sample.workflowId);

  // Weekly reports from every village (sent without waiting out the weeks: the two-year test does that).
  const reports = villages.flatMap((v) => Array.from({ length: WEEKS_SENT }, (_, week) => ({ v, week })));
  await inParallel(reports, ({ v, week }) => act(platform, taskOf.get(v.id)!, reportProgress, v.cadre, { items: [{ text: `第${week + 1}周`, done: true }] }));
  expect(await settledEvents(platform, dispatchId)).toBe(dispatchBeforeReports);
  const perReport = ((await settledEvents(platform, sample.workflowId)) - sampleBeforeReports) / WEEKS_SENT;
  expect(perReport).toBeLessThanOrEqual(12);

  progress('reports sent');
  const dispatcher = await actorOf(platform, DISPATCHER);
  await inParallel(villages, async (v) => {
    await act(platform, taskOf.get(v.id)!, completeTask, v.cadre, { summary: '全年巡查完成', evidenceRefs: [] });
    await act(platform, taskOf.get(v.id)!, acceptTask, dispatcher, { decision: 'ACCEPT' });
  });
  const closed = (await dispatch.result()) as DispatchView;
  expect(closed.status).toBe('COMPLETED');
  expect(closed.details.villages.every((v) => v.status === 'COMPLETED')).toBe(true);

  progress('all accepted');
  const dispatchRuns = await runsOf(platform, dispatchId);
  const villageRuns = (await Promise.all(villages.slice(0, 5).map((v) => runsOf(platform, taskOf.get(v.id)!)))).flat();
  const aYear = villageRuns[0].events + (WEEKS - WEEKS_SENT) * perReport;
  console.log(
    `dispatch to ${VILLAGES} villages: ${dispatchRuns.map((r) => `${r.status} ${r.events} events`).join('; ')}; a village task: ${villageRuns[0].events} events with ${WEEKS_SENT} reports (${perReport} a report), ${aYear} with a year's`,
  );
  for (const run of [...dispatchRuns, ...villageRuns]) expect(run.events).toBeLessThan(10_000);
  expect(aYear).toBeLessThan(10_000);
  expect((await sample.query(getVillageTask)).details.reports).toHaveLength(WEEKS_SENT);
}, 175_000);
