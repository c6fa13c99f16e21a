// A step whose activity fails for real (the county calendar's table out of reach for a moment, a real
// worker, loopback only): refused with 503 UNAVAILABLE and Retry-After, nothing recorded; retried with
// the same key once the fault clears, it is done once.
import { DATABASES, eventually, startPlatform, type TestPlatform } from '../support/platform';

const DISPATCHER = 'p.qiaotou.dispatcher';
const REVIEWER = 'p.qiaotou.reviewer';
const AUDITOR = 'p.dept.audit.auditor';
const DONGSHAN = 'xingcun.qiaotou.dongshan';
const SECRETARY = 'p.qiaotou.dongshan.secretary';
const CADRE = 'p.qiaotou.dongshan.cadre1';
// Longer than a step's activities may take in all (about 10 s of tries; 15 s before local activities), so the workflow's own refusal is what answers.
const STEP_MS = 25_000;
const stepsOf = (view: { record: { step: string }[] }) => view.record.map((r) => r.step);

jest.setTimeout(120_000);

describe.each(DATABASES)('on %s', (database) => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startPlatform(database, { bounds: { stepMs: STEP_MS, retryAfterSeconds: 3 } });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  /** The calendar's days, as the assignment's activity (the first weekly report's due date) reads them: away, then back. */
  const calendarDays = (from: string, to: string) => platform.db.$executeRawUnsafe(`ALTER TABLE "${from}" RENAME TO "${to}"`);

  test('an assignment whose calendar activity keeps failing answers 503 UNAVAILABLE with Retry-After and records nothing; the same request retried after the fault clears is done once', async () => {
    const started = await platform.api(DISPATCHER, 'POST', '/dispatches', {
      requestId: `fa-${Date.now()}`,
      townId: 'xingcun.qiaotou',
      content: {
        title: '老年人优待证集中办理',
        screeningCode: 'XC-ASSIST-021',
        villageIds: [DONGSHAN],
        requirements: '为本村60周岁以上老年人集中办理优待证',
        deliverables: ['办理名册'],
        acceptanceCriteria: '符合条件老人应办尽办',
        deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        supportingOrgIds: [],
        majorMatter: false,
      },
    });
    expect(started.status).toBe(201);
    const approved = await platform.api(REVIEWER, 'POST', `/dispatches/${started.body.workflowId}/review`, { decision: 'APPROVE' });
    const task = approved.body.details.villages[0].workflowId as string;
    await eventually(async () => ((await platform.api(SECRETARY, 'POST', `/village-tasks/${task}/receive`)).status === 200 ? true : undefined));

    const key = { 'idempotency-key': `assign-${Date.now()}` };
    await calendarDays('CalendarDay', 'CalendarDay_away');
    let refused;
    try {
      refused = await platform.api(SECRETARY, 'POST', `/village-tasks/${task}/assign`, { personIds: [CADRE] }, key);
    } finally {
      await calendarDays('CalendarDay_away', 'CalendarDay');
    }
    expect(refused.contentType).toContain('application/problem+json');
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 503, code: 'UNAVAILABLE' });
    expect(refused.headers.get('retry-after')).toBe('3');
    expect(refused.body).toMatchObject({ applied: 'NOT_APPLIED', retryAfter: 3, detail: expect.stringContaining('nothing was recorded') });

    const untouched = await platform.api(AUDITOR, 'GET', `/village-tasks/${task}`, undefined, { 'cache-control': 'no-cache' });
    expect(untouched.headers.get('x-state-source')).toBe('temporal');
    expect(untouched.body).toMatchObject({ step: 'ASSIGN', details: { assignees: [] } });
    expect(untouched.body.details.nextReportDueAt).toBeUndefined();
    expect(stepsOf(untouched.body)).toEqual(['DISPATCHED', 'RECEIVE']);
    const projected = await platform.db.processRecord.findUniqueOrThrow({ where: { workflowId: task } });
    expect(projected.step).toBe('ASSIGN');

    // The fault cleared: the same request, same key, is done; repeated again, it answers the same and records once.
    const assigned = await platform.api(SECRETARY, 'POST', `/village-tasks/${task}/assign`, { personIds: [CADRE] }, key);
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ step: 'IN_PROGRESS', details: { assignees: [expect.objectContaining({ personId: CADRE })] } });
    const again = await platform.api(SECRETARY, 'POST', `/village-tasks/${task}/assign`, { personIds: [CADRE] }, key);
    expect(again.body.record).toEqual(assigned.body.record);
    expect(stepsOf(again.body)).toEqual(['DISPATCHED', 'RECEIVE', 'ASSIGN']);
  });
});
