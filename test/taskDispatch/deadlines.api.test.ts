// Deadlines that need the calendar beyond what it holds, and weekly reports missed while the worker was down.
import { workingDeadline } from '../../activities/calendar';
import { TEST_2027 } from '../support/calendar-2027';
import { eventually, startPlatform, type TestPlatform } from '../support/platform';

const DISPATCHER = 'p.qiaotou.dispatcher';
const REVIEWER = 'p.qiaotou.reviewer';
const OFFICE = 'p.coord-office.reviewer1';
const OPERATOR = 'p.county.operator';
const DONGSHAN = 'xingcun.qiaotou.dongshan';
const SECRETARY = 'p.qiaotou.dongshan.secretary';
const CADRE = 'p.qiaotou.dongshan.cadre1';
const AUDITOR = 'p.dept.audit.auditor';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startPlatform('sqlite');
});
afterAll(async () => {
  await platform?.stop();
});

async function until(url: string, test: (body: any) => boolean, timeoutMs?: number): Promise<any> {
  let last: any;
  return eventually(
    async () => {
      last = (await platform.api(AUDITOR, 'GET', url)).body;
      return test(last) ? last : undefined;
    },
    timeoutMs,
    () => last?.record?.map((r: { step: string; at: string }) => `${r.at} ${r.step}`),
  );
}

/** An admission reviewed and out for consultation (under the rules in force). */
async function consultationOpened(proposedCode: string): Promise<string> {
  const applied = await platform.api('p.dept.civil-affairs.dispatcher', 'POST', '/admissions', {
    requestId: `plain-${proposedCode}-${Date.now()}`,
    departmentId: 'xingcun.dept.civil-affairs',
    application: {
      title: '冬季防火宣传',
      proposedCode,
      kind: 'ASSIST',
      whyVillages: '入户宣传',
      legalBasis: '《消防法》',
      expectedLoad: '每月2小时',
      durationMonths: 3,
      subItems: [],
      scope: 'CATALOGUE',
    },
  });
  const id: string = applied.body.workflowId;
  await until(`/admissions/${id}`, (b) => b.step === 'REVIEW');
  const met = { met: true, reason: '依法' };
  const reviewed = await platform.api(OFFICE, 'POST', `/admissions/${id}/review`, {
    requiredByLaw: met,
    customarilyNeedsVillage: met,
    withinVillageCapacity: met,
  });
  if (reviewed.status !== 200) throw new Error(`setup: ${reviewed.status} ${JSON.stringify(reviewed.body)}`);
  return id;
}

test('after the worker was down, each missed weekly report is recorded on its own, not merged', async () => {
  const started = await platform.api(DISPATCHER, 'POST', '/dispatches', {
    requestId: `missed-${Date.now()}`,
    townId: 'xingcun.qiaotou',
    periods: { progressReport: { duration: '2s' } },
    content: {
      title: '秸秆禁烧巡查',
      screeningCode: 'XC-ASSIST-001',
      villageIds: [DONGSHAN],
      requirements: '每周巡查并报告',
      deliverables: ['巡查记录'],
      acceptanceCriteria: '无焚烧点',
      deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      supportingOrgIds: [],
      majorMatter: false,
    },
  });
  const approved = await platform.api(REVIEWER, 'POST', `/dispatches/${started.body.workflowId}/review`, { decision: 'APPROVE' });
  const task = approved.body.details.villages[0].workflowId;
  await until(`/village-tasks/${task}`, (b) => b.step === 'RECEIVE');
  await platform.api(SECRETARY, 'POST', `/village-tasks/${task}/receive`);
  const assigned = await platform.api(SECRETARY, 'POST', `/village-tasks/${task}/assign`, { personIds: [CADRE] });
  const firstDue = assigned.body.details.nextReportDueAt;

  await platform.stopWorker();
  await new Promise((resolve) => setTimeout(resolve, 7_500));
  await platform.startWorker();

  const caughtUp = await until(`/village-tasks/${task}`, (b) => b.details.missedReports.length >= 3);
  const missed: string[] = caughtUp.details.missedReports;
  expect(missed[0]).toBe(firstDue);
  for (let i = 1; i < 3; i++) expect(Date.parse(missed[i]) - Date.parse(missed[i - 1])).toBe(2000);
  const recorded = caughtUp.record.filter((r: { step: string }) => r.step === 'REPORT_MISSED').map((r: { summary: string }) => r.summary);
  for (const due of missed.slice(0, 3)) expect(recorded).toContain(`No progress report for the week due ${due}`);
  const notices = await platform.db.notification.findMany({ where: { workflowId: task, kind: { startsWith: 'REPORT_MISSED@' } } });
  for (const due of missed.slice(0, 3)) expect(notices.map((n) => n.kind)).toContain(`REPORT_MISSED@${due}`);

  await platform.api(CADRE, 'POST', `/village-tasks/${task}/complete`, { summary: '巡查完成', evidenceRefs: [] });
  await platform.api(DISPATCHER, 'POST', `/village-tasks/${task}/acceptance`, { decision: 'ACCEPT' });
  await platform.recordHistory(task, 'village-task-missed-weeks');
});

test('a deadline beyond the years the calendar holds is computed on plain weekdays, recorded, and operators are told', async () => {
  const expected = await workingDeadline(platform.db, { countyId: 'xingcun', fromIso: new Date().toISOString(), workingDays: 30 });
  // 30 working days from now reach a year the packaged calendar does not hold (it ends with 2026).
  expect(expected.plainWeekdays).toBeDefined();
  const draft = await platform.api(OFFICE, 'POST', '/counties/xingcun/rule-sets', { note: '延长征求意见期' });
  await platform.api(OFFICE, 'POST', `/rule-sets/${draft.body.id}/changes`, { values: { admission: { consultationPeriod: 30 } }, reason: '跨年征求意见' });
  await platform.api(OFFICE, 'POST', `/rule-sets/${draft.body.id}/publish`, {});

  const id = await consultationOpened('XC-PLAIN-01');
  const reviewed = (await platform.api(AUDITOR, 'GET', `/admissions/${id}`)).body;
  expect(reviewed.details.consultation.deadline).toBe(expected.at);
  const fallback = reviewed.record.find((r: { step: string }) => r.step === 'CALENDAR_PLAIN_WEEKDAYS');
  expect(fallback).toMatchObject({ rule: 'due dates follow the official calendar', summary: expect.stringContaining(expected.plainWeekdays!.reason) });
  const notices = await platform.api(OPERATOR, 'GET', '/me/notifications');
  expect(notices.body).toEqual(expect.arrayContaining([expect.objectContaining({ workflowId: id, kind: `CALENDAR_PLAIN_WEEKDAYS@${expected.at}` })]));
});

test("when next year's calendar is loaded, a due date counted on plain weekdays is counted again: moved, recorded with the calendar version, told; operators see it pending, then not", async () => {
  // The rule set the test above published keeps the consultation at 30 working days: from early December, into 2027.
  const id = await consultationOpened('XC-PLAIN-02');
  const inConsultation = (await platform.api(AUDITOR, 'GET', `/admissions/${id}`)).body;
  const counted = inConsultation.details.consultation.deadline as string;
  const pending = inConsultation.calendarDueDates.find((d: { period: string }) => d.period === 'admissionConsultation');
  expect(pending).toMatchObject({ at: counted, plainWeekdays: true });
  const behind = async () =>
    (
      (await platform.api(OPERATOR, 'GET', '/counties/xingcun/calendar/pending-due-dates?behind=true&limit=500')).body.processes as { workflowId: string }[]
    ).map((p) => p.workflowId);
  expect(await behind()).toContain(id);

  const loaded = await platform.api(OPERATOR, 'POST', '/counties/xingcun/calendar/years/2027', {
    source: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）',
    reason: '导入次年日历',
    ...TEST_2027,
  });
  expect(loaded.status).toBe(201);
  expect(loaded.body.dueDatesRevision).toBe(`revise-due-dates-xingcun-v${loaded.body.calendarVersion}`);
  const recounted = await workingDeadline(platform.db, { countyId: 'xingcun', fromIso: pending.from, workingDays: 30 });
  expect(recounted.plainWeekdays).toBeUndefined();
  expect(recounted.at).not.toBe(counted);

  const moved = await until(`/admissions/${id}`, (b) => b.details.consultation.deadline === recounted.at);
  expect(moved.nextActors.length).toBeGreaterThan(0);
  for (const next of moved.nextActors) expect(next).toMatchObject({ role: 'TOWN_REVIEWER', dueAt: recounted.at });
  expect(moved.record.find((r: { step: string }) => r.step === 'DUE_DATE_MOVED')).toMatchObject({
    rule: `due dates follow the official calendar (version ${loaded.body.calendarVersion})`,
    data: { period: 'admissionConsultation', from: counted, to: recounted.at, calendarVersion: loaded.body.calendarVersion },
  });
  const told = await platform.db.notification.findMany({ where: { workflowId: id, kind: `DUE_DATE_MOVED@${recounted.at}` } });
  expect(told.map((n) => n.orgId).sort()).toEqual(moved.nextActors.map((n: { orgId: string }) => n.orgId).sort());
  expect(await behind()).not.toContain(id);
  // The revision's result in Temporal lists the processes it told.
  const revision = await platform.temporal.workflow.getHandle(loaded.body.dueDatesRevision).result();
  expect(revision.told).toContain(id);
});
