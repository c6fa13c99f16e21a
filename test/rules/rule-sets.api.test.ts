// The county's rules through the API: versioned, kept by the coordination office, pinned into every
// process at its start; per-instance periods only outside production and never below one second.
import { workingDeadline } from '../../activities/calendar';
import { eventually, startPlatform, type TestPlatform } from '../support/platform';

const OFFICE = 'p.coord-office.reviewer1';
const DISPATCHER = 'p.qiaotou.dispatcher';
const DEPT = 'p.dept.civil-affairs.dispatcher';
const REVIEWER = 'p.qiaotou.reviewer';
const VILLAGER = 'p.qiaotou.dongshan.villager';
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const allMet = {
  requiredByLaw: { met: true, reason: '法定' },
  customarilyNeedsVillage: { met: true, reason: '惯例' },
  withinVillageCapacity: { met: true, reason: '可承担' },
};

let platform: TestPlatform;
let counter = 0;

beforeAll(async () => {
  platform = await startPlatform('sqlite');
});
afterAll(async () => {
  await platform?.stop();
});

function expectProblem(response: { status: number; body: any }, status: number, code: string) {
  expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
}

async function newRules(values: Record<string, Record<string, unknown>>, reason: string) {
  const draft = await platform.api(OFFICE, 'POST', '/counties/xingcun/rule-sets', { note: reason });
  expect(draft.status).toBe(201);
  const changed = await platform.api(OFFICE, 'POST', `/rule-sets/${draft.body.id}/changes`, { values, reason });
  expect(changed.status).toBe(200);
  const published = await platform.api(OFFICE, 'POST', `/rule-sets/${draft.body.id}/publish`, {});
  expect(published.body).toMatchObject({ status: 'PUBLISHED', violations: [] });
  return published.body;
}

function applyForAdmission(body: Record<string, unknown> = {}) {
  const n = ++counter;
  return platform.api(DEPT, 'POST', '/admissions', {
    requestId: `rules-${Date.now()}-${n}`,
    departmentId: 'xingcun.dept.civil-affairs',
    application: {
      title: '留守儿童关爱',
      proposedCode: `XC-RULES-${n}`,
      kind: 'ASSIST',
      whyVillages: '村级熟悉情况',
      legalBasis: '《未成年人保护法》',
      expectedLoad: '每月2小时',
      durationMonths: 12,
      subItems: [],
      scope: 'CATALOGUE',
    },
    ...body,
  });
}

function dispatch(body: Record<string, unknown> = {}) {
  return platform.api(DISPATCHER, 'POST', '/dispatches', {
    requestId: `rules-d-${Date.now()}-${++counter}`,
    townId: 'xingcun.qiaotou',
    content: {
      title: '老年人优待证集中办理',
      screeningCode: 'XC-ASSIST-001',
      villageIds: ['xingcun.qiaotou.dongshan'],
      requirements: '集中办理',
      deliverables: ['名册'],
      acceptanceCriteria: '应办尽办',
      deadline: inDays(30),
      supportingOrgIds: [],
      majorMatter: false,
    },
    ...body,
  });
}

async function state(url: string, test: (body: any) => boolean) {
  return eventually(async () => {
    const { body } = await platform.api(OFFICE, 'GET', url);
    return test(body) ? body : undefined;
  });
}

test('the rules in force are readable by anyone of the county, with their definitions and bounds', async () => {
  const inForce = await platform.api(VILLAGER, 'GET', '/counties/xingcun/rules');
  expect(inForce.body).toMatchObject({
    id: 'xingcun-rules-v1',
    version: 1,
    status: 'PUBLISHED',
    values: { admission: { consultationPeriod: 5 }, dispatch: { reviewPeriod: 2, maxReworkRounds: 3 } },
  });
  const definitions = await platform.api(VILLAGER, 'GET', '/rules/definitions');
  expect(definitions.body).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        section: 'dispatch',
        rule: 'reviewPeriod',
        unit: 'WORKING_DAYS',
        default: 2,
        min: 1,
        max: 10,
        bound: 'a whole number of working days from 1 to 10',
      }),
    ]),
  );
  expectProblem(await platform.api('p.xikou.dispatcher', 'GET', '/counties/other-county/rules'), 403, 'NOT_AUTHORISED');
  const openapi = (await fetch(`${platform.baseUrl}/openapi.json`).then((r) => r.json())) as any;
  expect(Object.keys(openapi.paths)).toEqual(
    expect.arrayContaining([
      '/counties/{countyId}/rules',
      '/counties/{countyId}/rule-sets',
      '/rule-sets/{ruleSetId}/publish',
      '/rule-sets/{ruleSetId}/changes',
    ]),
  );
  expect(Object.keys(openapi.paths['/rule-sets/{ruleSetId}/publish'].post.responses)).toEqual(expect.arrayContaining(['403', '404', '409', '422']));
});

test('draft, change and publish: only the coordination office, never outside the bounds, every change on record', async () => {
  expectProblem(await platform.api(DISPATCHER, 'POST', '/counties/xingcun/rule-sets', { note: '调整' }), 403, 'NOT_AUTHORISED');
  const draft = await platform.api(OFFICE, 'POST', '/counties/xingcun/rule-sets', { note: '2027年度规则' });
  expect(draft.body).toMatchObject({ status: 'DRAFT', version: 2, values: { dispatch: { reviewPeriod: 2 } } });
  expectProblem(await platform.api(OFFICE, 'POST', '/counties/xingcun/rule-sets', { note: '又一稿' }), 409, 'CONFLICT');
  const id = draft.body.id;

  expectProblem(
    await platform.api(OFFICE, 'POST', `/rule-sets/${id}/changes`, { values: { dispatch: { reviewDays: 3 } }, reason: '笔误' }),
    422,
    'RULE_BROKEN',
  );
  expect((await platform.api(OFFICE, 'POST', `/rule-sets/${id}/changes`, { values: { dispatch: { reviewPeriod: 'two' } }, reason: '笔误' })).status).toBe(200);
  const wrong = await platform.api(OFFICE, 'POST', `/rule-sets/${id}/changes`, {
    values: { admission: { consultationPeriod: 0 }, dispatch: { reviewPeriod: 11, deadlineReminder: '0s' } },
    reason: '试填',
  });
  expect(wrong.body.violations.map((v: { rule: string }) => v.rule)).toEqual([
    'admission.consultationPeriod',
    'dispatch.reviewPeriod',
    'dispatch.deadlineReminder',
  ]);
  expectProblem(await platform.api(DISPATCHER, 'POST', `/rule-sets/${id}/publish`, { effectiveFrom: inDays(1) }), 403, 'NOT_AUTHORISED');
  const refused = await platform.api(OFFICE, 'POST', `/rule-sets/${id}/publish`, { effectiveFrom: inDays(1) });
  expectProblem(refused, 422, 'RULE_BROKEN');
  expect(refused.body.violations).toEqual([
    { rule: 'admission.consultationPeriod', value: 0, bound: 'a whole number of working days from 1 to 30' },
    { rule: 'dispatch.reviewPeriod', value: 11, bound: 'a whole number of working days from 1 to 10' },
    { rule: 'dispatch.deadlineReminder', value: '0s', bound: 'a duration from 1h to 7d' },
  ]);
  expect(refused.body.detail).toContain('dispatch.reviewPeriod = 11 (must be a whole number of working days from 1 to 10)');
  expect(refused.body).toMatchObject({ rule: 'ruleSets.bounds', reason: { en: refused.body.detail, zh: expect.stringContaining('超出允许范围') } });

  await platform.api(OFFICE, 'POST', `/rule-sets/${id}/changes`, {
    values: { admission: { consultationPeriod: 7 }, dispatch: { reviewPeriod: 3, deadlineReminder: '2d' } },
    reason: '县协调小组会议决定',
  });
  // Backdated, even by a minute, it is refused: a correction of a rule in force is a new version from now on.
  const backdated = await platform.api(OFFICE, 'POST', `/rule-sets/${id}/publish`, { effectiveFrom: new Date(Date.now() - 60_000).toISOString() });
  expectProblem(backdated, 422, 'RULE_BROKEN');
  expect(backdated.body).toMatchObject({ rule: 'ruleSets.effectiveFrom', reason: { zh: expect.stringContaining('不能追溯生效'), en: backdated.body.detail } });
  expect((await platform.api(VILLAGER, 'GET', '/counties/xingcun/rule-sets')).body).toEqual(
    expect.arrayContaining([expect.objectContaining({ id, status: 'DRAFT' })]),
  );
  const published = await platform.api(OFFICE, 'POST', `/rule-sets/${id}/publish`, { effectiveFrom: '2099-01-01T00:00:00+08:00' });
  expect(published.body).toMatchObject({ status: 'PUBLISHED', effectiveFrom: '2098-12-31T16:00:00.000Z', values: { admission: { consultationPeriod: 7 } } });
  expectProblem(await platform.api(OFFICE, 'POST', `/rule-sets/${id}/changes`, { values: { dispatch: { reviewPeriod: 4 } }, reason: '再改' }), 409, 'CONFLICT');
  expect((await platform.api(VILLAGER, 'GET', '/counties/xingcun/rules')).body.id).toBe('xingcun-rules-v1');

  const changes = await platform.api(VILLAGER, 'GET', '/counties/xingcun/rule-sets/changes');
  expect(
    changes.body.filter((c: { ruleSetId: string }) => c.ruleSetId === id).map((c: { action: string; personId: string }) => [c.action, c.personId]),
  ).toEqual([
    ['PUBLISHED', OFFICE],
    ['CHANGED', OFFICE],
    ['CHANGED', OFFICE],
    ['CHANGED', OFFICE],
    ['DRAFTED', OFFICE],
  ]);
  const last = changes.body.find((c: { action: string }) => c.action === 'CHANGED');
  expect(last).toMatchObject({ reason: '县协调小组会议决定', changes: { 'admission.consultationPeriod': { from: 0, to: 7 } } });
  const all = await platform.api(VILLAGER, 'GET', '/counties/xingcun/rule-sets');
  expect(all.body.map((r: { version: number }) => r.version)).toEqual([2, 1]);
});

test('a rule published mid-process leaves running processes on their pinned rules; new ones get the new', async () => {
  // An admission started under the rules in force, reviewed only after a new consultation period is published.
  const before = await applyForAdmission();
  const pinned = before.body.rules;
  expect(pinned).toMatchObject({ ruleSetId: expect.any(String) });
  const dispatchBefore = await dispatch();
  expect(dispatchBefore.body.rules).toEqual(pinned);
  const reviewBefore = dispatchBefore.body.details.reviewDueAt;
  await platform.api(REVIEWER, 'POST', `/dispatches/${dispatchBefore.body.workflowId}/review`, { decision: 'RETURN', reasons: '请细化' });

  const rules = await newRules({ admission: { consultationPeriod: 10 }, dispatch: { reviewPeriod: 6 } }, '延长征求意见期和审核期');
  const after = await applyForAdmission();
  expect(after.body.rules).toEqual({ ruleSetId: rules.id, version: rules.version });
  expect(after.body.rules).not.toEqual(pinned);

  for (const [admission, days] of [
    [before.body.workflowId, 5],
    [after.body.workflowId, 10],
  ] as const) {
    await state(`/admissions/${admission}`, (b) => b.step === 'REVIEW');
    const reviewed = await platform.api(OFFICE, 'POST', `/admissions/${admission}/review`, allMet);
    const expected = await workingDeadline(platform.db, { countyId: 'xingcun', fromIso: new Date().toISOString(), workingDays: days });
    expect(reviewed.body.details.consultation.deadline).toBe(expected.at);
  }

  // The running dispatch, revised after the publication, is reviewed again under its pinned 2 working days.
  const { villageIds: _v, ...content } = dispatchBefore.body.details.content;
  const revised = await platform.api(DISPATCHER, 'POST', `/dispatches/${dispatchBefore.body.workflowId}/revise`, { ...content, requirements: '细化后的要求' });
  expect(revised.body.step).toBe('REVIEW');
  expect(revised.body.rules).toEqual(pinned);
  const now = new Date().toISOString();
  expect(revised.body.details.reviewDueAt).toBe((await workingDeadline(platform.db, { countyId: 'xingcun', fromIso: now, workingDays: 2 })).at);
  expect(Date.parse(revised.body.details.reviewDueAt)).toBeGreaterThanOrEqual(Date.parse(reviewBefore));
  const dispatchAfter = await dispatch();
  expect(dispatchAfter.body.details.reviewDueAt).toBe((await workingDeadline(platform.db, { countyId: 'xingcun', fromIso: now, workingDays: 6 })).at);
  // The Temporal UI's current details name the rules too.
  const metadata = await platform.temporal.workflow.getHandle(dispatchAfter.body.workflowId).query<{ currentDetails: string }>('__temporal_workflow_metadata');
  expect(metadata.currentDetails).toContain(`**Rules**: ${rules.id} (version ${rules.version})`);
});

describe('per-instance periods and bounds', () => {
  test.each([
    [{ progressReport: { duration: '' } }],
    [{ progressReport: { duration: '0ms' } }],
    [{ dispatchReview: { duration: '-1s' } }],
    [{ dispatchReview: { duration: '1.5s' } }],
    [{ dispatchReview: { workingDays: 0 } }],
    [{ dispatchReview: {} }],
    [{ dispatchReview: { duration: 1000 } }],
    [{ deadlineReminder: { duration: '1 day' } }],
  ])('%j is malformed: 400, nothing started', async (periods) => {
    const response = await dispatch({ periods });
    expectProblem(response, 400, 'INVALID_REQUEST');
  });

  test('a zero period is well-formed but breaks the rule: 422, nothing started', async () => {
    const response = await dispatch({ periods: { progressReport: { duration: '0s' } } });
    expectProblem(response, 422, 'RULE_BROKEN');
    expect(response.body.detail).toContain('not a period of at least one second');
  });

  test('a period may not be lengthened, a bound not raised: 422 naming each', async () => {
    const response = await dispatch({ periods: { dispatchReview: { duration: '30d' } }, maxReworkRounds: 9 });
    expectProblem(response, 422, 'RULE_BROKEN');
    expect(response.body.detail).toContain('periods.dispatchReview');
    expect(response.body.detail).toContain('maxReworkRounds: 9');
    expectProblem(await applyForAdmission({ periods: { admissionConsultation: { workingDays: 25 } } }), 422, 'RULE_BROKEN');
    // A period no rule names: the schema takes any name (a rule set may name new ones), the rules refuse it.
    const unknown = await dispatch({ periods: { noSuchPeriod: { duration: '1s' } } });
    expectProblem(unknown, 422, 'RULE_BROKEN');
    expect(unknown.body.detail).toContain('body.periods.noSuchPeriod: no rule names this period');
  });

  test('in production no period or bound may be set at all, even a shortening; a start without them runs', async () => {
    const mode = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expectProblem(await dispatch({ periods: { dispatchReview: { duration: '1s' } } }), 422, 'RULE_BROKEN');
      expectProblem(await dispatch({ maxReworkRounds: 1 }), 422, 'RULE_BROKEN');
      expectProblem(await applyForAdmission({ periods: { admissionConsultation: { duration: '1s' } } }), 422, 'RULE_BROKEN');
      expectProblem(await dispatch({ periods: { progressReport: { duration: '' } } }), 400, 'INVALID_REQUEST');
      expect((await dispatch()).status).toBe(201);
    } finally {
      process.env.NODE_ENV = mode;
    }
  });
});
