// 借调审批与清退 through the REST API: the seeds' case, every refusal the rules make, clawback, census,
// lapse, escalation and the reports. Terms last seconds here (monthLasts, tests only).
import { randomUUID } from 'node:crypto';
import { secondmentContract } from '../../workflows/secondment/contract';
import { eventually, startPlatform, type TestPlatform } from '../support/platform';
import { beijingToday } from '../support/days';

const OFFICE = 'p.coord-office.reviewer1';
const ORG_DEPARTMENT = 'p.dept.organisation.reviewer';
const APPROVER = 'p.county.approver';
const INSPECTOR = 'p.dept.discipline-inspection.inspector';
const AUDITOR = 'p.dept.audit.auditor';
const AGRICULTURE = 'xingcun.dept.agriculture-rural';
const CIVIL_AFFAIRS = 'xingcun.dept.civil-affairs';
const ECOLOGY = 'xingcun.dept.ecology-environment';
const BORROWER: Record<string, string> = {
  [AGRICULTURE]: 'p.dept.agriculture-rural.dispatcher',
  [CIVIL_AFFAIRS]: 'p.dept.civil-affairs.dispatcher',
  [ECOLOGY]: 'p.dept.ecology-environment.dispatcher',
};

let platform: TestPlatform;
/** The rule set the tests' processes pin: the one published below. */
let pinned: { id: string; version: number };

beforeAll(async () => {
  platform = await startPlatform('sqlite');
  // The county gives the ecology bureau a quota of one and the others room for every test here.
  const draft = await platform.api(OFFICE, 'POST', '/counties/xingcun/rule-sets', { note: '借调名额' });
  await platform.api(OFFICE, 'POST', `/rule-sets/${draft.body.id}/changes`, {
    values: { secondment: { defaultQuota: 10, quotas: { [ECOLOGY]: 1 } } },
    reason: '县委组织部核定借调名额',
  });
  const published = await platform.api(OFFICE, 'POST', `/rule-sets/${draft.body.id}/publish`, {});
  expect(published.body).toMatchObject({ status: 'PUBLISHED', violations: [] });
  pinned = { id: published.body.id, version: published.body.version };
});
afterAll(async () => {
  await platform?.stop();
});

const today = () => beijingToday();
/** The day `months` calendar months from today (YYYY-MM-DD). */
const inMonths = (months: number) => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};

/** What the auditors' log holds for a process: its refused attempts, newest first. */
async function refusalsOf(workflowId: string): Promise<any[]> {
  return (await platform.api(AUDITOR, 'GET', `/audit/refusals?countyId=xingcun&workflowId=${workflowId}`)).body.items;
}

function expectProblem(response: { status: number; body: any }, status: number, code: string) {
  expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
}

async function ok(call: Promise<{ status: number; body: any }>): Promise<any> {
  const response = await call;
  if (response.status >= 300) throw new Error(`step failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

function ask(personId: string, borrowingUnitId: string, extra: Record<string, unknown> = {}) {
  return platform.api(BORROWER[borrowingUnitId], 'POST', '/secondments', {
    requestId: `s-${randomUUID().slice(0, 8)}`,
    borrowingUnitId,
    personId,
    reason: 'SPECIAL_NEED',
    explanation: '高标准农田建设项目验收专班',
    start: today(),
    months: 2,
    ...extra,
  });
}

async function until(id: string, test: (view: any) => boolean, timeoutMs = 30_000): Promise<any> {
  let last: any;
  return eventually(
    async () => {
      last = (await platform.api(AUDITOR, 'GET', `/secondments/${id}`)).body;
      return test(last) ? last : undefined;
    },
    timeoutMs,
    () => ({ step: last?.step, record: last?.record?.map((r: { step: string }) => r.step) }),
  );
}

/** Consent of the source unit (its secretary or deputy party secretary) and of the cadre, review, approval, registration. */
async function activate(id: string, sourceConsenter: string, cadre: string): Promise<any> {
  await ok(platform.api(sourceConsenter, 'POST', `/secondments/${id}/consent`, { party: 'SOURCE_UNIT', consent: true }));
  const consented = await ok(platform.api(cadre, 'POST', `/secondments/${id}/consent`, { party: 'CADRE', consent: true }));
  expect(consented.step).toBe('REVIEW');
  await ok(platform.api(ORG_DEPARTMENT, 'POST', `/secondments/${id}/review`, { decision: 'APPROVE', comment: '符合借调条件' }));
  await ok(platform.api(APPROVER, 'POST', `/secondments/${id}/approval`, { decision: 'APPROVE' }));
  const active = await ok(
    platform.api(ORG_DEPARTMENT, 'POST', `/secondments/${id}/registration`, { registrationRef: `组干备〔2026〕${randomUUID().slice(0, 4)}号` }),
  );
  expect(active.step).toBe('ACTIVE');
  return active;
}

test("the seeds' case: a township cadre seconded to a county bureau; the term ends, he is returned automatically, the town confirms", async () => {
  const asked = await ask('p.qiaotou.cadre.deng', AGRICULTURE, { monthLasts: '3s' });
  expect(asked.status).toBe(201);
  expect(asked.body).toMatchObject({
    processType: 'secondment',
    step: 'CONSENT',
    status: 'RUNNING',
    details: { eligibility: { eligible: true, failures: [] }, cadre: { name: '邓国清', category: 'ORDINARY_CADRE' } },
  });
  const id: string = asked.body.workflowId;
  expect(id).toMatch(/^secondment-xingcun\.qiaotou-/);
  expect(asked.body.nextActors).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'TOWN_REVIEWER', orgId: 'xingcun.qiaotou' })]));

  const active = await activate(id, 'p.qiaotou.reviewer', 'p.qiaotou.cadre.deng');
  expect(active.details).toMatchObject({ monthsApproved: 2, registration: { registrationRef: expect.stringContaining('组干备') } });
  const endsAt = Date.parse(active.details.endsAt);
  expect(endsAt - Date.parse(active.details.termStartedAt)).toBe(6_000);
  const row = await platform.db.secondmentRecord.findUniqueOrThrow({ where: { id } });
  expect(row).toMatchObject({ status: 'ACTIVE', approved: true, personId: 'p.qiaotou.cadre.deng', borrowingUnitId: AGRICULTURE });

  // Operators find it by its end date; the summary names the cadre and both units.
  const description = await platform.temporal.workflow.getHandle(id).describe();
  expect(description.typedSearchAttributes.get(secondmentContract.searchAttributes.endsAt)).toEqual(new Date(endsAt));
  const summary = await description.staticSummary();
  expect(summary).toContain('邓国清');
  expect(summary).toContain('兴村县农业农村局');

  const returned = await until(id, (v) => v.step === 'RETURN_CONFIRMATION');
  expect(returned.record.map((r: { step: string }) => r.step)).toContain('RETURN');
  expect(Date.parse(returned.details.returnedAt)).toBeGreaterThanOrEqual(endsAt);
  expect(await platform.db.secondmentRecord.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'RETURNED', returnedAt: expect.any(Date) });
  expectProblem(await platform.api(BORROWER[AGRICULTURE], 'POST', `/secondments/${id}/return-confirmation`, {}), 403, 'NOT_AUTHORISED');
  const confirmed = await ok(platform.api('p.qiaotou.reviewer', 'POST', `/secondments/${id}/return-confirmation`, { note: '已回镇农业农村办上班' }));
  expect(confirmed).toMatchObject({
    status: 'COMPLETED',
    step: 'CLOSED',
    details: { ending: 'RETURNED', returnConfirmed: { personId: 'p.qiaotou.reviewer' } },
  });
  await platform.recordHistory(id, 'secondment-seeds-case');
}, 60_000);

test('a probationary new leader is refused, naming each rule, and the decision is recorded where auditors find it', async () => {
  const asked = await ask('p.qiaotou.deputy-head', CIVIL_AFFAIRS, { months: 13 });
  expectProblem(asked, 422, 'RULE_BROKEN');
  expect(asked.body).toMatchObject({
    rule: 'secondment.bannedCategories',
    ruleSet: pinned,
    reason: { zh: expect.stringContaining('不符合借调条件'), en: asked.body.detail },
  });
  const failures = asked.body.failures;
  expect(failures.map((f: { code: string; rule: string }) => [f.code, f.rule])).toEqual([
    ['BANNED_CATEGORY', 'secondment.bannedCategories'],
    ['TERM_TOO_LONG', 'secondment.maxTermMonths'],
    ['OVER_CAP', 'secondment.cumulativeCapMonths'],
  ]);
  expect(failures[0].reason).toContain('刘洋');
  expect(failures[0].reason).toContain('probation');
  expect(asked.body.detail).toContain('6 months');
  // The process that decided it closed on the record, and the refusal is among the refused attempts.
  const decided = (await platform.api(AUDITOR, 'GET', `/secondments/${asked.body.workflowId}`)).body;
  expect(decided).toMatchObject({ status: 'REJECTED', details: { ending: 'INELIGIBLE', eligibility: { eligible: false, failures } } });
  expect(await refusalsOf(asked.body.workflowId)).toEqual([
    expect.objectContaining({
      action: 'POST /secondments',
      reasonCode: 'RULE_BROKEN',
      httpStatus: 422,
      rule: 'secondment.bannedCategories',
      ruleSet: pinned,
      reason: { zh: expect.stringContaining('不得借调'), en: asked.body.detail },
    }),
  ]);
});

test('the cool-down is measured to the start asked, not to today: refused within it, allowed from its end', async () => {
  // 李晓梅 came back nine months ago: the 24 months' cool-down ends in 15 months.
  const within = await ask('p.qiaotou.cadre.li', CIVIL_AFFAIRS, { start: inMonths(14) });
  expectProblem(within, 422, 'RULE_BROKEN');
  expect(within.body).toMatchObject({
    rule: 'secondment.coolDownMonths',
    failures: [expect.objectContaining({ code: 'COOL_DOWN', rule: 'secondment.coolDownMonths' })],
  });
  expect(within.body.detail).toContain(`this one would start ${inMonths(14)}`);
  const after = await ask('p.qiaotou.cadre.li', CIVIL_AFFAIRS, { start: inMonths(16) });
  expect(after.status).toBe(201);
  expect(after.body).toMatchObject({
    status: 'RUNNING',
    step: 'CONSENT',
    // Measured to the start of the day asked for, 00:00 Beijing time.
    details: { eligibility: { eligible: true, measuredTo: new Date(`${inMonths(16)}T00:00:00+08:00`).toISOString() } },
  });
  const other = await ask('p.qiaotou.cadre.wang', CIVIL_AFFAIRS);
  expect(other.body).toMatchObject({ status: 'RUNNING', step: 'CONSENT', details: { eligibility: { eligible: true } } });
  // A selected graduate's two years, too, are measured to the start: 孙悦 has served 14 months.
  expectProblem(await ask('p.qiaotou.graduate', CIVIL_AFFAIRS, { start: inMonths(9) }), 422, 'RULE_BROKEN');
  expect((await ask('p.qiaotou.graduate', CIVIL_AFFAIRS, { start: inMonths(11) })).body).toMatchObject({ step: 'CONSENT' });
});

test('eligibility is checked again at registration: of two approved requests for one cadre, only the first goes active', async () => {
  const hu = { cadre: 'p.xikou.cadre.hu', consenter: 'p.xikou.reviewer' };
  const first = await ok(ask(hu.cadre, AGRICULTURE, { monthLasts: '1h' }));
  const second = await ok(ask(hu.cadre, CIVIL_AFFAIRS, { monthLasts: '1h' }));
  expect([first.step, second.step]).toEqual(['CONSENT', 'CONSENT']);
  await activate(first.workflowId, hu.consenter, hu.cadre);
  const id = second.workflowId;
  await ok(platform.api(hu.consenter, 'POST', `/secondments/${id}/consent`, { party: 'SOURCE_UNIT', consent: true }));
  await ok(platform.api(hu.cadre, 'POST', `/secondments/${id}/consent`, { party: 'CADRE', consent: true }));
  await ok(platform.api(ORG_DEPARTMENT, 'POST', `/secondments/${id}/review`, { decision: 'APPROVE' }));
  await ok(platform.api(APPROVER, 'POST', `/secondments/${id}/approval`, { decision: 'APPROVE' }));
  const registered = await platform.api(ORG_DEPARTMENT, 'POST', `/secondments/${id}/registration`, { registrationRef: '组干备〔2026〕重复号' });
  expectProblem(registered, 422, 'RULE_BROKEN');
  expect(registered.body).toMatchObject({
    rule: 'secondment.oneAtATime',
    ruleSet: pinned,
    reason: { zh: expect.stringContaining('同一时间只能借调一处') },
  });
  expect(registered.body.detail).toContain(AGRICULTURE);
  expect((await platform.api(AUDITOR, 'GET', `/secondments/${id}`)).body).toMatchObject({ step: 'REGISTRATION', status: 'RUNNING' });
  expect(await platform.db.secondmentRecord.findMany({ where: { personId: hu.cadre, status: 'ACTIVE' } })).toEqual([
    expect.objectContaining({ id: first.workflowId }),
  ]);
  expect(await refusalsOf(id)).toEqual([expect.objectContaining({ rule: 'secondment.oneAtATime', httpStatus: 422 })]);
}, 60_000);

test('the borrowing unit that asked withdraws its request before the term starts: recorded, closed WITHDRAWN with the reason', async () => {
  const cadre = 'p.qiaotou.beiling.cadre2';
  const consenter = 'p.qiaotou.beiling.secretary';
  const asked = await ok(ask(cadre, CIVIL_AFFAIRS, { monthLasts: '1h' }));
  const id = asked.workflowId;
  await ok(platform.api(consenter, 'POST', `/secondments/${id}/consent`, { party: 'SOURCE_UNIT', consent: true }));
  await ok(platform.api(cadre, 'POST', `/secondments/${id}/consent`, { party: 'CADRE', consent: true }));
  await ok(platform.api(ORG_DEPARTMENT, 'POST', `/secondments/${id}/review`, { decision: 'APPROVE' }));
  // Only the requester withdraws, and only with a reason.
  expectProblem(await platform.api(BORROWER[AGRICULTURE], 'POST', `/secondments/${id}/withdraw`, { reason: '不借了' }), 403, 'WRONG_ORGANISATION');
  expectProblem(await platform.api(APPROVER, 'POST', `/secondments/${id}/withdraw`, { reason: '不借了' }), 403, 'NOT_AUTHORISED');
  expectProblem(await platform.api(BORROWER[CIVIL_AFFAIRS], 'POST', `/secondments/${id}/withdraw`, { reason: ' ' }), 422, 'MISSING_REASON');

  const withdrawn = await ok(platform.api(BORROWER[CIVIL_AFFAIRS], 'POST', `/secondments/${id}/withdraw`, { reason: '专班提前撤销' }));
  expect(withdrawn).toMatchObject({
    status: 'WITHDRAWN',
    step: 'CLOSED',
    nextActors: [],
    outcome: { status: 'WITHDRAWN', reason: expect.stringContaining('专班提前撤销') },
    details: { ending: 'WITHDRAWN' },
  });
  expect(withdrawn.record.at(-1)).toMatchObject({
    step: 'WITHDRAW',
    actor: { personId: BORROWER[CIVIL_AFFAIRS], role: 'DISPATCHER', orgId: CIVIL_AFFAIRS },
    data: { reason: '专班提前撤销' },
  });
  const inbox = (await platform.api(APPROVER, 'GET', '/me/inbox')).body.map((i: { workflowId: string }) => i.workflowId);
  expect(inbox).not.toContain(id);
  expectProblem(await platform.api(APPROVER, 'POST', `/secondments/${id}/approval`, { decision: 'APPROVE' }), 409, 'PROCESS_CLOSED');
  await platform.recordHistory(id, 'secondment-withdrawn');
}, 60_000);

test('once the term has started the request cannot be withdrawn', async () => {
  const cadre = 'p.qiaotou.beiling.cadre1';
  const asked = await ok(ask(cadre, AGRICULTURE, { monthLasts: '1h' }));
  await activate(asked.workflowId, 'p.qiaotou.beiling.secretary', cadre);
  expectProblem(await platform.api(BORROWER[AGRICULTURE], 'POST', `/secondments/${asked.workflowId}/withdraw`, { reason: '不借了' }), 409, 'WRONG_STEP');
}, 60_000);

test('an extension asked later than the lead time before the end is refused', async () => {
  const asked = await ask('p.xikou.shangao.cadre1', CIVIL_AFFAIRS, { months: 1, monthLasts: '20s', periods: { secondmentExtensionLead: { duration: '16s' } } });
  const id = asked.body.workflowId;
  await activate(id, 'p.xikou.shangao.secretary', 'p.xikou.shangao.cadre1');
  await new Promise((r) => setTimeout(r, 5_000));
  const late = await platform.api(BORROWER[CIVIL_AFFAIRS], 'POST', `/secondments/${id}/extensions`, { months: 1, reason: '专班工作未完成' });
  expectProblem(late, 422, 'RULE_BROKEN');
  expect(late.body).toMatchObject({
    rule: 'secondment.extensionLeadTime',
    ruleSet: pinned,
    reason: { zh: expect.stringContaining('提前期') },
  });
  expect(late.body.detail).toContain('lead time');
  expect((await platform.api(AUDITOR, 'GET', `/secondments/${id}`)).body).toMatchObject({ step: 'ACTIVE', details: { extensions: [] } });
}, 60_000);

test('extensions that together pass the cumulative cap are refused', async () => {
  const asked = await ask('p.xikou.zhulin.cadre1', CIVIL_AFFAIRS, { months: 6, monthLasts: '1h', periods: { secondmentExtensionLead: { duration: '1s' } } });
  const id = asked.body.workflowId;
  const active = await activate(id, 'p.xikou.zhulin.secretary', 'p.xikou.zhulin.cadre1');
  const extended = await ok(platform.api(BORROWER[CIVIL_AFFAIRS], 'POST', `/secondments/${id}/extensions`, { months: 4, reason: '专班延期' }));
  expect(extended.step).toBe('EXTENSION_REVIEW');
  // One extension at a time.
  expectProblem(await platform.api(BORROWER[CIVIL_AFFAIRS], 'POST', `/secondments/${id}/extensions`, { months: 1, reason: '再延' }), 409, 'WRONG_STEP');
  await ok(platform.api(ORG_DEPARTMENT, 'POST', `/secondments/${id}/review`, { decision: 'APPROVE' }));
  const approved = await ok(platform.api(APPROVER, 'POST', `/secondments/${id}/approval`, { decision: 'APPROVE' }));
  expect(approved).toMatchObject({ step: 'ACTIVE', details: { monthsApproved: 10, extensions: [{ months: 4, status: 'APPROVED' }] } });
  expect(Date.parse(approved.details.endsAt) - Date.parse(active.details.endsAt)).toBe(4 * 3_600_000);
  const past = await platform.api(BORROWER[CIVIL_AFFAIRS], 'POST', `/secondments/${id}/extensions`, { months: 3, reason: '再延三个月' });
  expectProblem(past, 422, 'RULE_BROKEN');
  expect(past.body).toMatchObject({ rule: 'secondment.cumulativeCapMonths', ruleSet: pinned });
  expect(past.body.detail).toContain('13 months');
  expect(past.body.detail).toContain('12 months');
  await ok(platform.api(BORROWER[CIVIL_AFFAIRS], 'POST', `/secondments/${id}/extensions`, { months: 2, reason: '最后两个月' }));
}, 60_000);

test('a borrowing unit over its quota is refused; its active secondment is clawed back by an inspector, on the record against it', async () => {
  const first = await ask('p.fenglin.cadre.xu', ECOLOGY, { months: 3, monthLasts: '1h' });
  const id = first.body.workflowId;
  await activate(id, 'p.fenglin.reviewer', 'p.fenglin.cadre.xu');
  const second = await ask('p.fenglin.recruit', ECOLOGY);
  expectProblem(second, 422, 'RULE_BROKEN');
  expect(second.body).toMatchObject({
    rule: 'secondment.quotas',
    failures: [expect.objectContaining({ code: 'OVER_QUOTA', rule: 'secondment.quotas', reason: expect.stringContaining('quota is 1') })],
  });

  expectProblem(
    await platform.api(ORG_DEPARTMENT, 'POST', `/secondments/${id}/clawback`, { grounds: 'INELIGIBLE', reason: '超编借调' }),
    403,
    'NOT_AUTHORISED',
  );
  const clawed = await ok(
    platform.api(INSPECTOR, 'POST', `/secondments/${id}/clawback`, { grounds: 'INELIGIBLE', reason: '专项检查发现借调期间长期脱离原岗位' }),
  );
  expect(clawed).toMatchObject({ step: 'RETURN_CONFIRMATION', details: { ending: 'CLAWED_BACK', clawback: { grounds: 'INELIGIBLE', personId: INSPECTOR } } });
  expect(await platform.db.secondmentRecord.findUniqueOrThrow({ where: { id } })).toMatchObject({
    status: 'CLAWED_BACK',
    clawbackReason: expect.stringContaining('INELIGIBLE'),
    clawedBackBy: INSPECTOR,
  });
  const notices = await platform.db.notification.findMany({ where: { workflowId: id, kind: 'CLAWBACK' } });
  expect(notices.map((n) => n.orgId).sort()).toEqual([ECOLOGY, 'xingcun.fenglin']);
  const again = await ask('p.fenglin.recruit', ECOLOGY, { requestId: `s-${randomUUID().slice(0, 8)}` });
  expect(again.body.details.eligibility.failures.map((f: { code: string }) => f.code)).not.toContain('OVER_QUOTA');
});

test('a secondment found by a census enters at clawback and is clawed back', async () => {
  const found = await platform.api(INSPECTOR, 'POST', '/secondment-census', {
    requestId: `c-${randomUUID().slice(0, 8)}`,
    personId: 'p.xikou.cadre.hu',
    borrowingUnitId: CIVIL_AFFAIRS,
    foundSince: '2026-03-01',
    explanation: '摸底发现：未经审批长期在县民政局跟班',
  });
  expect(found.status).toBe(201);
  const id = found.body.workflowId;
  const at = await until(id, (v) => v.step === 'CLAWBACK' && v.nextActors.length > 0);
  expect(at).toMatchObject({ details: { origin: 'CENSUS' }, nextActors: [{ role: 'INSPECTOR', orgId: 'xingcun.dept.discipline-inspection' }] });
  expect(await platform.db.secondmentRecord.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'ACTIVE', approved: false });
  expectProblem(
    await platform.api(BORROWER[CIVIL_AFFAIRS], 'POST', '/secondment-census', {
      requestId: `c-${randomUUID().slice(0, 8)}`,
      personId: 'p.xikou.cadre.hu',
      borrowingUnitId: CIVIL_AFFAIRS,
      foundSince: '2026-03-01',
      explanation: '自查',
    }),
    403,
    'NOT_AUTHORISED',
  );
  const clawed = await ok(platform.api(INSPECTOR, 'POST', `/secondments/${id}/clawback`, { grounds: 'UNAPPROVED', reason: '未经审批借调，立即清退' }));
  expect(clawed.step).toBe('RETURN_CONFIRMATION');
  expect(await platform.db.secondmentRecord.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'CLAWED_BACK', approved: false });
  const done = await ok(platform.api('p.xikou.reviewer', 'POST', `/secondments/${id}/return-confirmation`, {}));
  expect(done).toMatchObject({ status: 'COMPLETED', details: { ending: 'CLAWED_BACK' } });
  await platform.recordHistory(id, 'secondment-census-clawback');
});

test('a request lapses when consent is not given in time', async () => {
  const asked = await ask('p.qiaotou.dongshan.cadre2', CIVIL_AFFAIRS, { periods: { secondmentConsent: { duration: '6s' } } });
  const id = asked.body.workflowId;
  await ok(platform.api('p.qiaotou.dongshan.cadre2', 'POST', `/secondments/${id}/consent`, { party: 'CADRE', consent: true }));
  const lapsed = await until(id, (v) => v.status !== 'RUNNING');
  expect(lapsed).toMatchObject({ status: 'REJECTED', details: { ending: 'LAPSED' }, outcome: { reason: expect.stringContaining('Lapsed') } });
  expectProblem(
    await platform.api('p.qiaotou.dongshan.secretary', 'POST', `/secondments/${id}/consent`, { party: 'SOURCE_UNIT', consent: true }),
    409,
    'PROCESS_CLOSED',
  );
  await platform.recordHistory(id, 'secondment-lapsed');
});

test('an unconfirmed return is escalated to the organisation department; the reports show what is away, ending, overdue and clawed back', async () => {
  const asked = await ask('p.qiaotou.nantang.cadre1', AGRICULTURE, {
    months: 1,
    monthLasts: '3s',
    periods: { secondmentReturnConfirmation: { duration: '3s' } },
  });
  const id = asked.body.workflowId;
  await activate(id, 'p.qiaotou.nantang.secretary', 'p.qiaotou.nantang.cadre1');
  const escalated = await until(id, (v) => v.details.escalated);
  expect(escalated).toMatchObject({
    step: 'RETURN_CONFIRMATION',
    overdue: true,
    nextActors: expect.arrayContaining([expect.objectContaining({ role: 'ORG_DEPARTMENT' })]),
  });
  // The organisation department is told right after the escalation is published.
  const told = () =>
    platform.db.notification.count({ where: { workflowId: id, orgId: 'xingcun.dept.organisation', kind: { startsWith: 'RETURN_UNCONFIRMED' } } });
  expect(await eventually(async () => ((await told()) > 0 ? told() : undefined))).toBe(1);

  const report = (await platform.api(ORG_DEPARTMENT, 'GET', '/secondments/reports?countyId=xingcun&endingWithinDays=30')).body;
  expect(report.overdueForReturn).toEqual(expect.arrayContaining([expect.objectContaining({ workflowId: id, escalated: true })]));
  expect(report.clawedBackByUnit).toEqual(
    expect.arrayContaining([
      { borrowingUnitId: ECOLOGY, name: '兴村县生态环境局', count: 1 },
      { borrowingUnitId: CIVIL_AFFAIRS, name: '兴村县民政局', count: 1 },
    ]),
  );
  const away = report.active.map((a: { personId: string }) => a.personId);
  expect(away).toEqual(expect.arrayContaining(['p.xikou.zhulin.cadre1']));
  expect(away).not.toContain('p.fenglin.cadre.xu');
  expect(report.endingSoon.map((a: { personId: string }) => a.personId)).toContain('p.xikou.zhulin.cadre1');
  const zhulin = report.awayByPlace.find((p: { placeId: string }) => p.placeId === 'xingcun.xikou.zhulin');
  expect(zhulin).toMatchObject({
    kind: 'VILLAGE',
    name: '竹林村',
    cadres: [expect.objectContaining({ name: '竺巧玲', borrowingUnitId: CIVIL_AFFAIRS, daysAway: 0 })],
  });
  expect(report.awayByPlace.find((p: { placeId: string }) => p.placeId === 'xingcun.xikou')?.cadres.map((c: { personId: string }) => c.personId)).toContain(
    'p.xikou.zhulin.cadre1',
  );
  expectProblem(await platform.api('p.qiaotou.reviewer', 'GET', '/secondments/reports?countyId=xingcun'), 403, 'NOT_AUTHORISED');

  expectProblem(await platform.api('p.qiaotou.dispatcher', 'POST', `/secondments/${id}/return-confirmation`, {}), 403, 'NOT_AUTHORISED');
  const confirmed = await ok(platform.api(ORG_DEPARTMENT, 'POST', `/secondments/${id}/return-confirmation`, { note: '组织部核实已归位' }));
  expect(confirmed).toMatchObject({ status: 'COMPLETED', details: { ending: 'RETURNED' } });
  const list = (await platform.api(AUDITOR, 'GET', '/secondments?countyId=xingcun&status=COMPLETED')).body;
  expect(list.map((p: { workflowId: string }) => p.workflowId)).toContain(id);
  await platform.recordHistory(id, 'secondment-escalated');
}, 60_000);
