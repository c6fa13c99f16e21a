// taskDispatch end to end through the REST API, on a real Temporal dev server and database.
import { DATABASES, eventually, startPlatform, type TestPlatform } from '../support/platform';

const DISPATCHER = 'p.qiaotou.dispatcher';
const REVIEWER = 'p.qiaotou.reviewer';
const DONGSHAN = 'xingcun.qiaotou.dongshan';
const NANTANG = 'xingcun.qiaotou.nantang';
const AUDITOR = 'p.dept.audit.auditor';
const secretary = (village: string) => `p.qiaotou.${village}.secretary`;
const cadre = (village: string) => `p.qiaotou.${village}.cadre1`;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe.each(DATABASES)('on %s', (database) => {
  let platform: TestPlatform;
  let counter = 0;

  beforeAll(async () => {
    platform = await startPlatform(database);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  function content(overrides: Record<string, unknown> = {}) {
    return {
      title: '老年人优待证集中办理',
      screeningCode: 'XC-ASSIST-001',
      villageIds: [DONGSHAN, NANTANG],
      requirements: '为本村60周岁以上老年人集中办理优待证',
      deliverables: ['办理名册', '发放签收表'],
      acceptanceCriteria: '符合条件老人应办尽办',
      deadline: inDays(30),
      supportingOrgIds: ['xingcun.qiaotou.station.law-enforcement'],
      majorMatter: false,
      ...overrides,
    };
  }

  async function dispatch(body: Record<string, unknown> = {}, person = DISPATCHER) {
    return platform.api(person, 'POST', '/dispatches', { requestId: `d-${Date.now()}-${++counter}`, townId: 'xingcun.qiaotou', content: content(), ...body });
  }

  async function until<T = any>(url: string, test: (body: any) => boolean, person = AUDITOR): Promise<T> {
    let last: any;
    return eventually(
      async () => {
        last = (await platform.api(person, 'GET', url)).body;
        return test(last) ? last : undefined;
      },
      undefined,
      () => ({
        step: last?.step,
        overdue: last?.overdue,
        record: last?.record?.map((r: { step: string; at: string }) => `${r.at} ${r.step}`),
        details: last?.details,
      }),
    );
  }

  function expectRefused(response: { status: number; body: any; contentType: string }, status: number, code: string) {
    expect(response.contentType).toContain('application/problem+json');
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
  }

  const stepsOf = (view: { record: { step: string }[] }) => view.record.map((r) => r.step);

  test('an industrial-waste clean-up task outside the list is flagged and rejected by the reviewer as out-of-list', async () => {
    const started = await dispatch({
      content: content({ title: '辖区工业企业废弃物清理', screeningCode: 'XC-TOWN-WASTE', villageIds: [DONGSHAN], deliverables: ['清理记录'] }),
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ step: 'REVIEW', details: { screening: { catalogue: 'UNKNOWN' } } });
    const id = started.body.workflowId;
    const inReview = await until(`/dispatches/${id}`, (b) => b.step === 'REVIEW');
    expect(inReview.details.screening.catalogue).toBe('UNKNOWN');

    expectRefused(await platform.api(REVIEWER, 'POST', `/dispatches/${id}/review`, { decision: 'APPROVE' }), 422, 'RULE_BROKEN');
    const rejected = await platform.api(REVIEWER, 'POST', `/dispatches/${id}/review`, {
      decision: 'REJECT',
      grounds: 'OUT_OF_LIST',
      reasons: '不在村级工作事项清单内，属企业主体责任',
    });
    expect(rejected.body).toMatchObject({ status: 'REJECTED', step: 'CLOSED', outcome: { reason: expect.stringContaining('OUT_OF_LIST') } });
  });

  test('out-of-list work sent with an application waits for the admission (once only), then is reviewed', async () => {
    const OFFICE = 'p.coord-office.reviewer1';
    const admission = {
      kind: 'ASSIST',
      whyVillages: '需村级协助入户登记',
      legalBasis: '《中华人民共和国兵役法》第十五条',
      expectedLoad: '每村约2小时',
      durationMonths: 1,
      subItems: [],
    };
    const started = await dispatch({
      admission,
      periods: { admissionConsultation: { duration: '1s' } },
      content: content({ title: '适龄青年兵役登记入户动员', screeningCode: 'XC-TOWN-ENLIST', villageIds: ['xingcun.qiaotou.xixi'] }),
    });
    const id = started.body.workflowId;
    const waiting = await until(`/dispatches/${id}`, (b) => b.step === 'AWAITING_ADMISSION');
    const admissionId = waiting.details.admission.workflowId;
    await until(`/admissions/${admissionId}`, (b) => b.step === 'REVIEW', OFFICE);
    const met = { met: true, reason: '依法协助' };
    await platform.api(OFFICE, 'POST', `/admissions/${admissionId}/review`, { requiredByLaw: met, customarilyNeedsVillage: met, withinVillageCapacity: met });
    await until(`/admissions/${admissionId}`, (b) => b.step === 'DECISION', OFFICE);
    const decided = await platform.api(OFFICE, 'POST', `/admissions/${admissionId}/decision`, { outcome: 'ADMIT_ONCE', reason: '一事一议，仅限本次' });
    expect(decided.body.status).toBe('COMPLETED');

    const inReview = await until(`/dispatches/${id}`, (b) => b.step === 'REVIEW');
    expect(inReview.details.screening.catalogue).toBe('ADMITTED_ONCE');
    expect(stepsOf(inReview)).toEqual(['SUBMIT', 'SCREEN', 'ADMISSION']);
    await platform.api(REVIEWER, 'POST', `/dispatches/${id}/review`, { decision: 'RETURN', reasons: '请明确入户时间' });
    const { villageIds: _villages, ...revision } = content({ title: '适龄青年兵役登记入户动员（修订）', screeningCode: 'XC-TOWN-ENLIST' });
    const revised = await platform.api(DISPATCHER, 'POST', `/dispatches/${id}/revise`, revision);
    expect(revised.body).toMatchObject({ step: 'REVIEW', details: { screening: { catalogue: 'ADMITTED_ONCE' }, admission: { workflowId: admissionId } } });
    expect(stepsOf(revised.body).filter((s) => s === 'ADMISSION')).toHaveLength(1);
    const approved = await platform.api(REVIEWER, 'POST', `/dispatches/${id}/review`, { decision: 'APPROVE' });
    expect(approved.body.step).toBe('IN_VILLAGES');
    const once = await platform.db.onceAdmission.findUnique({ where: { workflowId: admissionId } });
    expect(once).toMatchObject({ screeningCode: 'XC-TOWN-ENLIST', taskRef: id });
  });

  test('out-of-list work returned for want of admission comes back with an application; a refused admission rejects it', async () => {
    const OFFICE = 'p.coord-office.reviewer1';
    const started = await dispatch({ content: content({ title: '村级代收电视收视费', screeningCode: 'XC-TOWN-TVFEE', villageIds: [NANTANG] }) });
    const id = started.body.workflowId;
    await until(`/dispatches/${id}`, (b) => b.step === 'REVIEW');
    await platform.api(REVIEWER, 'POST', `/dispatches/${id}/review`, { decision: 'RETURN', reasons: '清单外事项，请先申请准入' });
    const { villageIds: _villages, ...revision } = content({ title: '村级代收电视收视费', screeningCode: 'XC-TOWN-TVFEE' });
    const admission = { kind: 'ASSIST', whyVillages: '方便村民缴费', legalBasis: '无明确依据', expectedLoad: '每月约4小时', durationMonths: 12, subItems: [] };
    const revised = await platform.api(DISPATCHER, 'POST', `/dispatches/${id}/revise`, { ...revision, admission });
    expect(revised.body.step).toBe('AWAITING_ADMISSION');
    const admissionId = revised.body.details.admission.workflowId;
    await until(`/admissions/${admissionId}`, (b) => b.step === 'REVIEW', OFFICE);
    const notMet = { met: false, reason: '无法律法规依据' };
    await platform.api(OFFICE, 'POST', `/admissions/${admissionId}/review`, {
      requiredByLaw: notMet,
      customarilyNeedsVillage: notMet,
      withinVillageCapacity: { met: true, reason: '工作量可承受' },
    });
    await until(`/admissions/${admissionId}`, (b) => b.step === 'DECISION', OFFICE);
    await platform.api(OFFICE, 'POST', `/admissions/${admissionId}/decision`, { outcome: 'REFUSE', reason: '属经营性事务，不得下派村级' });
    const rejected = await until(`/dispatches/${id}`, (b) => b.status !== 'RUNNING');
    expect(rejected).toMatchObject({ status: 'REJECTED', outcome: { reason: expect.stringContaining('不得下派村级') } });
    expect(stepsOf(rejected)).toEqual(['SUBMIT', 'SCREEN', 'REVIEW', 'REVISE', 'SCREEN', 'ADMISSION']);
  });

  test('while it waits for admission the dispatch is withdrawn by withdrawing the application', async () => {
    const admission = {
      kind: 'ASSIST',
      whyVillages: '需村级配合',
      legalBasis: '《中华人民共和国统计法》第七条',
      expectedLoad: '每村约1小时',
      durationMonths: 1,
      subItems: [],
    };
    const started = await dispatch({
      admission,
      content: content({ title: '农业普查入户配合', screeningCode: 'XC-TOWN-CENSUS', villageIds: ['xingcun.qiaotou.xixi'] }),
    });
    const id = started.body.workflowId;
    const waiting = await until(`/dispatches/${id}`, (b) => b.step === 'AWAITING_ADMISSION');
    const admissionId = waiting.details.admission.workflowId;
    expectRefused(await platform.api(DISPATCHER, 'POST', `/dispatches/${id}/withdraw`, { reason: '普查推迟' }), 409, 'WRONG_STEP');
    await until(`/admissions/${admissionId}`, (b) => b.step === 'REVIEW');
    const withdrawn = await platform.api(DISPATCHER, 'POST', `/admissions/${admissionId}/withdraw`, { reason: '普查推迟' });
    expect(withdrawn.body.status).toBe('WITHDRAWN');
    const closed = await until(`/dispatches/${id}`, (b) => b.status !== 'RUNNING');
    expect(closed.outcome).toEqual({ status: 'WITHDRAWN', reason: expect.stringContaining('普查推迟') });
    await platform.recordHistory(id, 'dispatch-admission-withdrawn');
  });

  test('a negative-list task is refused at once, starts nothing, and the refusal is on record', async () => {
    const requestId = `neg-${Date.now()}`;
    const refused = await dispatch({ requestId, content: content({ title: '工业废弃物清理执法', screeningCode: 'XC-NEG-01', villageIds: [DONGSHAN] }) });
    expectRefused(refused, 422, 'NEGATIVE_LIST');
    expect(refused.body.detail).toContain('negative list');
    expect((await platform.api(AUDITOR, 'GET', `/dispatches/dispatch-xingcun.qiaotou-${requestId}`)).status).toBe(404);
    const log = await platform.api(AUDITOR, 'GET', '/audit/refusals?countyId=xingcun');
    expect(log.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ personId: DISPATCHER, reasonCode: 'NEGATIVE_LIST', processType: 'taskDispatch' })]),
    );
  });

  test('senior-citizen cards for two villages: received, assigned, reported, completed, accepted (one after rework)', async () => {
    const started = await dispatch();
    const id = started.body.workflowId;
    await until(`/dispatches/${id}`, (b) => b.step === 'REVIEW');
    expectRefused(await platform.api(secretary('dongshan'), 'POST', `/dispatches/${id}/review`, { decision: 'APPROVE' }), 404, 'NOT_FOUND');
    expectRefused(await platform.api('p.xikou.reviewer', 'POST', `/dispatches/${id}/review`, { decision: 'APPROVE' }), 404, 'NOT_FOUND');
    const approved = await platform.api(REVIEWER, 'POST', `/dispatches/${id}/review`, { decision: 'APPROVE', comment: '在清单内' });
    expect(approved.body.step).toBe('IN_VILLAGES');

    const tasks = approved.body.details.villages.map((v: { workflowId: string }) => v.workflowId);
    const [dongshan, nantang] = tasks;
    await until(`/village-tasks/${dongshan}`, (b) => b.step === 'RECEIVE' && b.record.some((r: any) => r.step === 'DISPATCHED'));
    const notices = await platform.db.notification.findMany({ where: { workflowId: { in: tasks } } });
    expect(notices.map((n) => [n.orgId, n.workflowId]).sort()).toEqual(tasks.map((t: string) => ['xingcun.qiaotou.station.law-enforcement', t]).sort());
    const inbox = await until('/me/inbox', (b) => b.some((i: { workflowId: string }) => i.workflowId === dongshan), secretary('dongshan'));
    expect(inbox.map((i: { workflowId: string }) => i.workflowId)).toContain(dongshan);

    expectRefused(await platform.api(secretary('nantang'), 'POST', `/village-tasks/${dongshan}/receive`), 404, 'NOT_FOUND');
    expectRefused(
      await platform.api(secretary('dongshan'), 'POST', `/village-tasks/${dongshan}/assign`, { personIds: [cadre('dongshan')] }),
      409,
      'WRONG_STEP',
    );
    expectRefused(await platform.api('p.xikou.dispatcher', 'POST', `/dispatches/${id}/withdraw`, { reason: 'x' }), 404, 'NOT_FOUND');
    for (const [village, task] of [
      ['dongshan', dongshan],
      ['nantang', nantang],
    ] as const) {
      expect((await platform.api(secretary(village), 'POST', `/village-tasks/${task}/receive`)).body.step).toBe('ASSIGN');
      expectRefused(
        await platform.api(secretary(village), 'POST', `/village-tasks/${task}/assign`, {
          personIds: [cadre(village === 'dongshan' ? 'nantang' : 'dongshan')],
        }),
        403,
        'WRONG_ORGANISATION',
      );
      const assigned = await platform.api(secretary(village), 'POST', `/village-tasks/${task}/assign`, {
        personIds: [cadre(village), `p.qiaotou.${village}.grid1`],
      });
      expect(assigned.body).toMatchObject({ step: 'IN_PROGRESS', details: { assignees: [expect.anything(), expect.anything()] } });
      const reported = await platform.api(cadre(village), 'POST', `/village-tasks/${task}/progress-reports`, {
        items: [
          { text: '摸排60岁以上老人', done: true },
          { text: '集中办理', done: false },
        ],
      });
      expect(reported.body.details.reports).toHaveLength(1);
    }
    expectRefused(
      await platform.api(cadre('nantang'), 'POST', `/village-tasks/${dongshan}/progress-reports`, { items: [{ text: 'x', done: true }] }),
      404,
      'NOT_FOUND',
    );
    await until(`/dispatches/${id}`, (b) => b.details.villages.every((v: { step: string }) => v.step === 'IN_PROGRESS'));
    expectRefused(await platform.api(DISPATCHER, 'POST', `/dispatches/${id}/withdraw`, { reason: '取消' }), 409, 'WRONG_STEP');

    const list = await platform.api(secretary('dongshan'), 'GET', `/villages/${DONGSHAN}/deployment-list`);
    expect(list.body.tasks).toEqual([expect.objectContaining({ workflowId: dongshan, step: 'IN_PROGRESS', overdue: false })]);
    const rollUp = await platform.api(REVIEWER, 'GET', '/towns/xingcun.qiaotou/weekly-report');
    const whileInProgress = encodeURIComponent(new Date().toISOString());
    expect(rollUp.body.villages).toEqual(
      expect.arrayContaining([expect.objectContaining({ villageId: DONGSHAN, open: 1, reportsThisWeek: 1, withoutReportThisWeek: [] })]),
    );
    const dongshanWeek = rollUp.body.villages.find((v: { villageId: string }) => v.villageId === DONGSHAN);
    expect(dongshanWeek.tasks).toEqual([
      expect.objectContaining({
        workflowId: dongshan,
        reports: [
          expect.objectContaining({
            items: [
              { text: '摸排60岁以上老人', done: true },
              { text: '集中办理', done: false },
            ],
          }),
        ],
        missedReports: [],
      }),
    ]);

    for (const task of tasks) {
      const done = await platform.api(cadre(task.endsWith('dongshan') ? 'dongshan' : 'nantang'), 'POST', `/village-tasks/${task}/complete`, {
        summary: '已办理42张',
        evidenceRefs: ['doc://roster-1'],
      });
      expect(done.body.step).toBe('ACCEPTANCE');
    }
    expectRefused(await platform.api(REVIEWER, 'POST', `/village-tasks/${dongshan}/acceptance`, { decision: 'ACCEPT' }), 403, 'NOT_AUTHORISED');
    expect((await platform.api(DISPATCHER, 'POST', `/village-tasks/${dongshan}/acceptance`, { decision: 'ACCEPT' })).body.status).toBe('COMPLETED');
    const rework = await platform.api(DISPATCHER, 'POST', `/village-tasks/${nantang}/acceptance`, {
      decision: 'REWORK',
      reasons: '缺少发放签收表',
      newDeadline: inDays(7),
    });
    expect(rework.body).toMatchObject({ step: 'IN_PROGRESS', details: { reworkRounds: 1 } });
    await platform.api(secretary('nantang'), 'POST', `/village-tasks/${nantang}/complete`, { summary: '补交签收表', evidenceRefs: ['doc://receipts'] });
    await platform.api(DISPATCHER, 'POST', `/village-tasks/${nantang}/acceptance`, { decision: 'ACCEPT' });

    const closed = await until(`/dispatches/${id}`, (b) => b.status === 'COMPLETED');
    expect(closed.details.villages.map((v: { status: string }) => v.status)).toEqual(['COMPLETED', 'COMPLETED']);
    const nantangView = (await platform.api(AUDITOR, 'GET', `/village-tasks/${nantang}`)).body;
    expect(stepsOf(nantangView)).toEqual(['DISPATCHED', 'RECEIVE', 'ASSIGN', 'REPORT', 'COMPLETE', 'REWORK', 'COMPLETE', 'ACCEPT']);
    await platform.recordHistory(id, 'dispatch-two-villages');
    await platform.recordHistory(nantang, 'village-task-with-rework');
    const weekly = await platform.api(REVIEWER, 'GET', '/towns/xingcun.qiaotou/weekly-report');
    expect(weekly.body.villages).toEqual(
      expect.arrayContaining([expect.objectContaining({ villageId: NANTANG, open: 0, acceptedThisWeek: 1, reworkedThisWeek: 1 })]),
    );
    // The same reports as of the moment both tasks were in progress count the statuses as they were then.
    const then = await platform.api(REVIEWER, 'GET', `/towns/xingcun.qiaotou/weekly-report?at=${whileInProgress}`);
    const taskThen = (villageId: string, workflowId: string) =>
      then.body.villages.find((v: { villageId: string }) => v.villageId === villageId).tasks.find((t: { workflowId: string }) => t.workflowId === workflowId);
    expect(taskThen(DONGSHAN, dongshan)).toMatchObject({ step: 'IN_PROGRESS', status: 'RUNNING' });
    expect(taskThen(NANTANG, nantang)).toMatchObject({ step: 'IN_PROGRESS', status: 'RUNNING' });
    const mondayThen = await platform.api(secretary('dongshan'), 'GET', `/villages/${DONGSHAN}/deployment-list?at=${whileInProgress}`);
    expect(mondayThen.body.tasks).toEqual(expect.arrayContaining([expect.objectContaining({ workflowId: dongshan, step: 'IN_PROGRESS' })]));
  });

  test('a second open task with the same code for the same village is flagged duplicate; return, revise and withdraw', async () => {
    const first = await dispatch({ content: content({ screeningCode: 'XC-ASSIST-002', title: '低保申请受理', villageIds: [DONGSHAN] }) });
    await until(`/dispatches/${first.body.workflowId}`, (b) => b.step === 'REVIEW');
    await platform.api(REVIEWER, 'POST', `/dispatches/${first.body.workflowId}/review`, { decision: 'APPROVE' });
    await until(`/village-tasks?countyId=xingcun&screeningCode=XC-ASSIST-002&villageId=${DONGSHAN}`, (b) => b.length === 1);

    const second = await dispatch({
      content: content({ screeningCode: 'XC-ASSIST-002', title: '低保申请受理（重复）', villageIds: [DONGSHAN], deliverables: [] }),
    });
    const id = second.body.workflowId;
    const flagged = await until(`/dispatches/${id}`, (b) => b.step === 'REVIEW');
    expect(flagged.details.screening.duplicates).toEqual([expect.objectContaining({ villageId: DONGSHAN })]);
    expect(flagged.details.screening.unclear).toEqual(['NO_DELIVERABLES']);

    const duplicateApproval = await platform.api(REVIEWER, 'POST', `/dispatches/${id}/review`, { decision: 'APPROVE' });
    expectRefused(duplicateApproval, 422, 'DUPLICATE');
    expect(duplicateApproval.body.detail).toContain(first.body.workflowId);
    expectRefused(await platform.api(REVIEWER, 'POST', `/dispatches/${id}/review`, { decision: 'RETURN', reasons: '' }), 422, 'MISSING_REASON');
    expect(await platform.api(AUDITOR, 'GET', `/dispatches/${id}`)).toMatchObject({ body: { step: 'REVIEW', record: flagged.record } });
    const returned = await platform.api(REVIEWER, 'POST', `/dispatches/${id}/review`, { decision: 'RETURN', reasons: '请补充交付物' });
    expect(returned.body.step).toBe('REVISION');
    const { villageIds: _villages, ...revision } = content({ screeningCode: 'XC-ASSIST-002' });
    expectRefused(await platform.api('p.xikou.dispatcher', 'POST', `/dispatches/${id}/revise`, revision), 404, 'NOT_FOUND');
    expect((await platform.api(DISPATCHER, 'POST', `/dispatches/${id}/revise`, { ...revision, villageIds: [NANTANG] })).status).toBe(400);
    expectRefused(await platform.api(DISPATCHER, 'POST', `/dispatches/${id}/revise`, { ...revision, supportingOrgIds: [NANTANG] }), 422, 'INVALID_INPUT');
    expectRefused(await platform.api(DISPATCHER, 'POST', `/dispatches/${id}/revise`, { ...revision, screeningCode: 'XC-NEG-01' }), 422, 'NEGATIVE_LIST');
    const revised = await platform.api(DISPATCHER, 'POST', `/dispatches/${id}/revise`, revision);
    expect(revised.body.step).toBe('REVIEW');
    expect(stepsOf(revised.body)).toEqual(['SUBMIT', 'SCREEN', 'REVIEW', 'REVISE', 'SCREEN']);
    expect(revised.body.details.screening.unclear).toEqual([]);

    const withdrawn = await platform.api(DISPATCHER, 'POST', `/dispatches/${id}/withdraw`, { reason: '与已派任务重复' });
    expect(withdrawn.body).toMatchObject({ status: 'WITHDRAWN', outcome: { reason: '与已派任务重复' } });
    await platform.recordHistory(id, 'dispatch-revision-loop');
  });

  test('deadlines with short durations: review overdue, reminder, task overdue, missed weekly report; found by search attributes', async () => {
    const periods = {
      dispatchReview: { duration: '1s' },
      minimumLeadTime: { duration: '1s' },
      deadlineReminder: { duration: '2s' },
      progressReport: { duration: '2s' },
    };
    const started = await dispatch({
      periods,
      content: content({ screeningCode: 'XC-ASSIST-003', villageIds: [DONGSHAN], deadline: new Date(Date.now() + 6000).toISOString() }),
    });
    const id = started.body.workflowId;
    const late = await until(`/dispatches/${id}`, (b) => b.overdue === true && b.step === 'REVIEW');
    expect(stepsOf(late)).toContain('REVIEW_OVERDUE');
    const approved = await platform.api(REVIEWER, 'POST', `/dispatches/${id}/review`, { decision: 'APPROVE' });
    const task = approved.body.details.villages[0].workflowId;
    await until(`/village-tasks/${task}`, (b) => b.step === 'RECEIVE');
    expect((await platform.api(secretary('dongshan'), 'POST', `/village-tasks/${task}/receive`)).body.step).toBe('ASSIGN');
    expect((await platform.api(secretary('dongshan'), 'POST', `/village-tasks/${task}/assign`, { personIds: [cadre('dongshan')] })).body.step).toBe(
      'IN_PROGRESS',
    );

    const overdue = await until(`/village-tasks/${task}`, (b) => b.overdue && b.details.missedReports.length > 0);
    expect(stepsOf(overdue)).toEqual(expect.arrayContaining(['REMINDER', 'OVERDUE', 'REPORT_MISSED']));
    const kindsFor = async (person: string, workflowId: string) =>
      (await platform.api(person, 'GET', '/me/notifications')).body
        .filter((n: { workflowId: string }) => n.workflowId === workflowId)
        .map((n: { kind: string }) => n.kind.split('@')[0]);
    await eventually(async () => ((await kindsFor(secretary('dongshan'), task)).includes('REPORT_MISSED') ? true : undefined));
    expect(await kindsFor(secretary('dongshan'), task)).toEqual(expect.arrayContaining(['REMINDER', 'OVERDUE', 'REPORT_MISSED']));
    expect(await kindsFor(REVIEWER, task)).toEqual(expect.arrayContaining(['OVERDUE', 'REPORT_MISSED']));
    expect(await kindsFor(REVIEWER, id)).toEqual(['REVIEW_OVERDUE']);
    await until(`/dispatches/${id}`, (b) => b.overdue === true && b.step === 'IN_VILLAGES');
    const monday = await platform.api(secretary('dongshan'), 'GET', `/villages/${DONGSHAN}/deployment-list`);
    expect(monday.body.tasks).toEqual(
      expect.arrayContaining([expect.objectContaining({ workflowId: task, overdue: true, missedReports: expect.arrayContaining([expect.any(String)]) })]),
    );

    const query = `CunwuProcess = 'villageTask' AND CunwuVillage = '${DONGSHAN}' AND CunwuOverdue = true`;
    const found = await eventually(async () => {
      const ids: string[] = [];
      for await (const wf of platform.temporal.workflow.list({ query })) ids.push(wf.workflowId);
      return ids.includes(task) ? ids : undefined;
    });
    expect(found).toContain(task);
    const listed = await until(`/village-tasks?countyId=xingcun&villageId=${DONGSHAN}&overdue=true`, (b) =>
      b.some((t: { workflowId: string }) => t.workflowId === task),
    );
    expect(listed.map((t: { workflowId: string }) => t.workflowId)).toContain(task);

    const done = await platform.api(cadre('dongshan'), 'POST', `/village-tasks/${task}/complete`, { summary: '逾期完成', evidenceRefs: [] });
    expect(done.body.overdue).toBe(false);
    await platform.api(DISPATCHER, 'POST', `/village-tasks/${task}/acceptance`, { decision: 'ACCEPT', comment: '逾期但已完成' });
    await platform.recordHistory(task, 'village-task-deadlines');
    await platform.recordHistory(id, 'dispatch-review-overdue');
  });

  test('withdrawal before receipt closes the dispatch and its village tasks', async () => {
    const started = await dispatch({ content: content({ screeningCode: 'XC-ASSIST-004', villageIds: [NANTANG] }) });
    const id = started.body.workflowId;
    await until(`/dispatches/${id}`, (b) => b.step === 'REVIEW');
    const approved = await platform.api(REVIEWER, 'POST', `/dispatches/${id}/review`, { decision: 'APPROVE' });
    const task = approved.body.details.villages[0].workflowId;
    const withdrawn = await platform.api(DISPATCHER, 'POST', `/dispatches/${id}/withdraw`, { reason: '上级通知暂缓' });
    expect(withdrawn.body.status).toBe('WITHDRAWN');
    const taskView = await until(`/village-tasks/${task}`, (b) => b.status !== 'RUNNING');
    expect(taskView.outcome.reason).toBe('上级通知暂缓');
    // The village's record names who withdrew it, as the dispatch's own does.
    expect(taskView.record.find((r: { step: string }) => r.step === 'WITHDRAWN').actor).toMatchObject({
      personId: DISPATCHER,
      role: 'DISPATCHER',
      orgId: 'xingcun.qiaotou',
    });
    expectRefused(await platform.api(secretary('nantang'), 'POST', `/village-tasks/${task}/receive`), 409, 'PROCESS_CLOSED');
    await platform.recordHistory(id, 'dispatch-withdrawn');
  });

  test('an operator cancelling a dispatch in the villages closes it and its village tasks as cancelled, with why', async () => {
    const started = await dispatch({ content: content({ screeningCode: 'XC-ASSIST-006', villageIds: [DONGSHAN, NANTANG] }) });
    const id = started.body.workflowId;
    await until(`/dispatches/${id}`, (b) => b.step === 'REVIEW');
    const approved = await platform.api(REVIEWER, 'POST', `/dispatches/${id}/review`, { decision: 'APPROVE' });
    const [dongshan, nantang] = approved.body.details.villages.map((v: { workflowId: string }) => v.workflowId);
    await until(`/village-tasks/${dongshan}`, (b) => b.step === 'RECEIVE');
    await platform.api(secretary('dongshan'), 'POST', `/village-tasks/${dongshan}/receive`);

    await platform.temporal.workflow.getHandle(id).cancel();
    for (const task of [dongshan, nantang]) {
      const closed = await until(`/village-tasks?countyId=xingcun&villageId=${task.split('--')[1]}&status=CANCELLED`, (b) =>
        b.some((t: { workflowId: string }) => t.workflowId === task),
      );
      expect(closed).toBeDefined();
    }
    // The dispatch closes once its villages have: their cancellation is delivered before it ends.
    await until(`/dispatches/${id}`, (b) => b.status === 'CANCELLED');
    const record = await platform.db.processRecord.findUniqueOrThrow({ where: { workflowId: id } });
    expect(JSON.parse(record.state)).toMatchObject({ status: 'CANCELLED', outcome: { reason: expect.stringContaining('Cancelled') } });
    const inbox = await platform.api(secretary('nantang'), 'GET', '/me/inbox');
    expect(inbox.body.map((i: { workflowId: string }) => i.workflowId)).not.toContain(nantang);
    await platform.recordHistory(id, 'dispatch-cancelled');
    await platform.recordHistory(dongshan, 'village-task-cancelled');
  });

  test('only a dispatcher of the town submits, and only to villages of that town', async () => {
    expectRefused(await dispatch({}, secretary('dongshan')), 403, 'NOT_AUTHORISED');
    expectRefused(await dispatch({}, 'p.xikou.dispatcher'), 403, 'WRONG_ORGANISATION');
    const stranger = await dispatch({ content: content({ villageIds: ['xingcun.xikou.jinxi'] }) });
    expectRefused(stranger, 422, 'INVALID_INPUT');
    expect(stranger.body.detail).toContain('xingcun.xikou.jinxi');
    expect((await dispatch({ content: content({ deadline: 'next week' }) })).status).toBe(400);
  });

  test('rework beyond the bound escalates to the town reviewer, who decides', async () => {
    const started = await dispatch({ maxReworkRounds: 1, content: content({ screeningCode: 'XC-ASSIST-007', villageIds: ['xingcun.qiaotou.beiling'] }) });
    const id = started.body.workflowId;
    await until(`/dispatches/${id}`, (b) => b.step === 'REVIEW');
    const task = (await platform.api(REVIEWER, 'POST', `/dispatches/${id}/review`, { decision: 'APPROVE' })).body.details.villages[0].workflowId;
    await until(`/village-tasks/${task}`, (b) => b.step === 'RECEIVE');
    await platform.api(secretary('beiling'), 'POST', `/village-tasks/${task}/receive`);
    await platform.api(secretary('beiling'), 'POST', `/village-tasks/${task}/assign`, { personIds: [cadre('beiling')] });
    const complete = () => platform.api(cadre('beiling'), 'POST', `/village-tasks/${task}/complete`, { summary: '已完成', evidenceRefs: [] });
    const rework = (person: string) =>
      platform.api(person, 'POST', `/village-tasks/${task}/acceptance`, { decision: 'REWORK', reasons: '材料不全', newDeadline: inDays(5) });

    await complete();
    expect((await rework(DISPATCHER)).body.details.reworkRounds).toBe(1);
    await complete();
    const escalated = await rework(DISPATCHER);
    expect(escalated.body).toMatchObject({
      step: 'ACCEPTANCE',
      details: { escalated: true },
      nextActors: [expect.objectContaining({ role: 'TOWN_REVIEWER', orgId: 'xingcun.qiaotou' })],
    });
    expectRefused(await platform.api(DISPATCHER, 'POST', `/village-tasks/${task}/acceptance`, { decision: 'ACCEPT' }), 403, 'NOT_AUTHORISED');
    const accepted = await platform.api(REVIEWER, 'POST', `/village-tasks/${task}/acceptance`, { decision: 'ACCEPT', comment: '协调后验收' });
    expect(accepted.body).toMatchObject({ status: 'COMPLETED' });
    expect(stepsOf(accepted.body)).toEqual(['DISPATCHED', 'RECEIVE', 'ASSIGN', 'COMPLETE', 'REWORK', 'COMPLETE', 'ESCALATE', 'ACCEPT']);
    await platform.recordHistory(task, 'village-task-escalated');
  });

  test('lists filter by village, town, step, status, overdue and screening code', async () => {
    const started = await dispatch({ content: content({ screeningCode: 'XC-ASSIST-008', villageIds: [NANTANG, 'xingcun.qiaotou.xixi'] }) });
    const id = started.body.workflowId;
    await until(`/dispatches/${id}`, (b) => b.step === 'REVIEW');
    const ids = async (url: string): Promise<string[]> => (await platform.api(AUDITOR, 'GET', url)).body.map((p: { workflowId: string }) => p.workflowId);
    // Lists read the read model, which the workflow publishes just after the step its query shows.
    await eventually(async () => ((await ids(`/dispatches?countyId=xingcun&villageId=xingcun.qiaotou.xixi&step=REVIEW`)).includes(id) ? true : undefined));
    expect(await ids(`/dispatches?countyId=xingcun&villageId=${DONGSHAN}&screeningCode=XC-ASSIST-008`)).not.toContain(id);
    expect(await ids(`/dispatches?countyId=xingcun&townId=xingcun.qiaotou&status=RUNNING&screeningCode=XC-ASSIST-008`)).toEqual([id]);
    await platform.api(REVIEWER, 'POST', `/dispatches/${id}/review`, { decision: 'APPROVE' });
    const tasks = await eventually(async () => {
      const found = await ids('/village-tasks?countyId=xingcun&screeningCode=XC-ASSIST-008&step=RECEIVE&overdue=false');
      return found.length === 2 ? found : undefined;
    });
    expect(tasks.sort()).toEqual([`${id}--${NANTANG}`, `${id}--xingcun.qiaotou.xixi`].sort());
    expect(await ids(`/village-tasks?countyId=xingcun&screeningCode=XC-ASSIST-008&villageId=${NANTANG}`)).toEqual([`${id}--${NANTANG}`]);
    expectRefused(await platform.api('p.xikou.dispatcher', 'GET', '/dispatches?countyId=other-county'), 403, 'NOT_AUTHORISED');
  });

  const XIXI = 'xingcun.qiaotou.xixi';

  /** A dispatch to Xixi and Beiling, approved, Xixi's task open to receive. */
  async function approvedToXixiAndBeiling(screeningCode: string): Promise<{ id: string; xixi: string; beiling: string }> {
    const started = await dispatch({ content: content({ screeningCode, villageIds: [XIXI, 'xingcun.qiaotou.beiling'] }) });
    const id = started.body.workflowId;
    await until(`/dispatches/${id}`, (b) => b.step === 'REVIEW');
    const [xixi, beiling] = (await platform.api(REVIEWER, 'POST', `/dispatches/${id}/review`, { decision: 'APPROVE' })).body.details.villages.map(
      (v: { workflowId: string }) => v.workflowId,
    );
    await until(`/village-tasks/${xixi}`, (b) => b.step === 'RECEIVE');
    return { id, xixi, beiling };
  }

  /** Beiling's task received, assigned, completed and accepted. */
  async function doneInBeiling(beiling: string): Promise<void> {
    await until(`/village-tasks/${beiling}`, (b) => b.step === 'RECEIVE');
    await platform.api(secretary('beiling'), 'POST', `/village-tasks/${beiling}/receive`);
    await platform.api(secretary('beiling'), 'POST', `/village-tasks/${beiling}/assign`, { personIds: [cadre('beiling')] });
    await platform.api(cadre('beiling'), 'POST', `/village-tasks/${beiling}/complete`, { summary: '已完成', evidenceRefs: [] });
    await platform.api(DISPATCHER, 'POST', `/village-tasks/${beiling}/acceptance`, { decision: 'ACCEPT' });
  }

  test("one village's task cancelled by an operator closes that village only; the dispatch completes with the others", async () => {
    const { id, xixi, beiling } = await approvedToXixiAndBeiling('XC-ASSIST-010');
    await platform.temporal.workflow.getHandle(xixi).cancel();
    expect(await until(`/village-tasks/${xixi}`, (b) => b.status !== 'RUNNING')).toMatchObject({
      status: 'CANCELLED',
      outcome: { reason: expect.stringContaining('Cancelled') },
    });

    await doneInBeiling(beiling);
    const done = await until(`/dispatches/${id}`, (b) => b.status !== 'RUNNING');
    expect(done).toMatchObject({ status: 'COMPLETED', outcome: { reason: expect.stringContaining(`${XIXI} CANCELLED`) } });
  });

  test("one village's task terminated by an operator is closed by its dispatch, which records it and goes on with the others", async () => {
    const { id, xixi, beiling } = await approvedToXixiAndBeiling('XC-ASSIST-011');
    const inboxOf = async (person: string) => (await platform.api(person, 'GET', '/me/inbox')).body.map((i: { workflowId: string }) => i.workflowId);
    // In the secretary's inbox once the task has opened (a state read may answer from Temporal before).
    await eventually(async () => ((await inboxOf(secretary('xixi'))).includes(xixi) ? true : undefined));

    await platform.temporal.workflow.getHandle(xixi).terminate('村里已另行安排 handled otherwise');
    // The dispatch is still running, says what happened to which village, and marks that village.
    const seen = await until(`/dispatches/${id}`, (b) => b.record.some((r: { step: string }) => r.step === 'CHILD_ENDED'));
    expect(seen.status).toBe('RUNNING');
    expect(seen.record.find((r: { step: string }) => r.step === 'CHILD_ENDED')).toMatchObject({
      summary: expect.stringContaining(`${XIXI} (${xixi}) TERMINATED`),
      data: { workflowId: xixi, status: 'TERMINATED' },
    });
    expect(seen.details.villages.find((v: { villageId: string }) => v.villageId === XIXI).status).toBe('TERMINATED');
    expect(seen.nextActors.map((a: { orgId: string }) => a.orgId)).not.toContain(XIXI);
    // The terminated task is no longer RUNNING in the API, nor in anyone's inbox.
    expect(await until(`/village-tasks/${xixi}`, (b) => b.status !== 'RUNNING')).toMatchObject({
      status: 'TERMINATED',
      step: 'CLOSED',
      nextActors: [],
      outcome: { reason: expect.stringContaining('Terminated') },
    });
    expect(await inboxOf(secretary('xixi'))).not.toContain(xixi);
    const listed = await platform.api(AUDITOR, 'GET', `/village-tasks?countyId=xingcun&screeningCode=XC-ASSIST-011&status=TERMINATED`);
    expect(listed.body.map((t: { workflowId: string }) => t.workflowId)).toEqual([xixi]);

    await doneInBeiling(beiling);
    const done = await until(`/dispatches/${id}`, (b) => b.status !== 'RUNNING');
    expect(done).toMatchObject({ status: 'COMPLETED', outcome: { reason: expect.stringContaining(`${XIXI} TERMINATED`) } });
    const { status } = await platform.temporal.workflow.getHandle(id).describe();
    expect(status.name).toBe('COMPLETED');
    await platform.recordHistory(id, 'dispatch-village-terminated');
  });

  test('a major matter approved by the town meeting goes on to the villages', async () => {
    const started = await dispatch({ content: content({ screeningCode: 'XC-ASSIST-009', villageIds: [NANTANG], majorMatter: true }) });
    const id = started.body.workflowId;
    await until(`/dispatches/${id}`, (b) => b.step === 'REVIEW');
    await platform.api(REVIEWER, 'POST', `/dispatches/${id}/review`, { decision: 'APPROVE' });
    expectRefused(
      await platform.api(REVIEWER, 'POST', `/dispatches/${id}/collective-decision`, { meetingDate: '2026-11-20', minutesRef: '', approved: true }),
      422,
      'MISSING_REASON',
    );
    const decided = await platform.api(REVIEWER, 'POST', `/dispatches/${id}/collective-decision`, {
      meetingDate: '2026-11-20',
      minutesRef: '桥头镇党委会纪要〔2026〕42号',
      approved: true,
    });
    expect(decided.body).toMatchObject({ step: 'IN_VILLAGES', details: { villages: [expect.objectContaining({ villageId: NANTANG })] } });
  });

  test('a major matter goes to the collective decision before the villages', async () => {
    const started = await dispatch({ content: content({ screeningCode: 'XC-ASSIST-005', villageIds: [NANTANG], majorMatter: true }) });
    const id = started.body.workflowId;
    await until(`/dispatches/${id}`, (b) => b.step === 'REVIEW');
    const approved = await platform.api(REVIEWER, 'POST', `/dispatches/${id}/review`, { decision: 'APPROVE' });
    expect(approved.body.step).toBe('COLLECTIVE_DECISION');
    const decided = await platform.api(REVIEWER, 'POST', `/dispatches/${id}/collective-decision`, {
      meetingDate: '2026-11-20',
      minutesRef: '桥头镇党委会纪要〔2026〕41号',
      approved: false,
    });
    expect(decided.body).toMatchObject({ status: 'REJECTED' });
    await platform.recordHistory(id, 'dispatch-collective-decision');
  });
});
