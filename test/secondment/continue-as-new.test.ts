// A secondment lives a year or more: it continues as new (here after a few dozen events, a test-only
// bound) and keeps its timers — the end of the term still returns the cadre, the unconfirmed return is
// still escalated once, the end date stays in its search attribute.
import { randomUUID } from 'node:crypto';
import { rulesToPin } from '../../domain/rule-sets';
import { secondmentContract, secondmentWorkflowId, type SecondmentStart } from '../../workflows/secondment/contract';

const getSecondment = secondmentContract.query;
import { actorOf, runsOf } from '../long-lives/support';
import { eventually, startPlatform, type TestPlatform } from '../support/platform';
import { processRegistry } from '../../processes';
import { beijingToday } from '../support/days';

const MAX_EVENTS = 20;
const BUREAU = { id: 'xingcun.dept.civil-affairs', kind: 'DEPARTMENT', name: '兴村县民政局' };
const XIKOU = { id: 'xingcun.xikou', kind: 'TOWN', name: '溪口镇', townId: 'xingcun.xikou' };

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startPlatform('sqlite');
});
afterAll(async () => {
  await platform?.stop();
});

async function ok(call: Promise<{ status: number; body: any }>): Promise<any> {
  const response = await call;
  if (response.status >= 300) throw new Error(`step failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

test('a secondment that continues as new during its term keeps its timers', async () => {
  // Started as the API starts one, with what only tests may set: short months and periods, a bound on each run's history.
  const start: SecondmentStart = {
    countyId: 'xingcun',
    origin: 'REQUEST',
    requester: await actorOf(platform, 'p.dept.civil-affairs.dispatcher'),
    cadre: { personId: 'p.xikou.cadre.hu', name: '胡志明' },
    sourceUnit: XIKOU,
    borrowingUnit: BUREAU,
    orgDepartmentId: 'xingcun.dept.organisation',
    approverOrgId: 'xingcun',
    inspectorOrgId: 'xingcun.dept.discipline-inspection',
    request: { personId: 'p.xikou.cadre.hu', reason: 'URGENT', explanation: '防汛应急专班', start: beijingToday(), months: 4 },
    rules: await rulesToPin(platform.db, processRegistry.ruleSections(), 'xingcun'),
    periods: { secondmentReturnConfirmation: { duration: '4s' }, secondmentExtensionLead: { duration: '1s' } },
    monthLasts: '4s',
    maxHistoryEvents: MAX_EVENTS,
  };
  const id = secondmentWorkflowId(XIKOU.id, `long-${randomUUID().slice(0, 8)}`);
  await platform.temporal.workflow.start('secondment', { workflowId: id, taskQueue: platform.taskQueue, args: [start] });
  const handle = platform.temporal.workflow.getHandle(id);
  await eventually(async () => ((await handle.query(getSecondment)).step === 'CONSENT' ? true : undefined));

  await ok(platform.api('p.xikou.reviewer', 'POST', `/secondments/${id}/consent`, { party: 'SOURCE_UNIT', consent: true }));
  await ok(platform.api('p.xikou.cadre.hu', 'POST', `/secondments/${id}/consent`, { party: 'CADRE', consent: true }));
  await ok(platform.api('p.dept.organisation.reviewer', 'POST', `/secondments/${id}/review`, { decision: 'APPROVE' }));
  await ok(platform.api('p.county.approver', 'POST', `/secondments/${id}/approval`, { decision: 'APPROVE' }));
  const active = await ok(platform.api('p.dept.organisation.reviewer', 'POST', `/secondments/${id}/registration`, { registrationRef: '组干备〔2026〕9号' }));
  const endsAt = Date.parse(active.details.endsAt);
  const registeredAt = Date.parse(active.details.registration.at);
  expect(endsAt - registeredAt).toBeLessThanOrEqual(16_000);
  // Steps during the term make history: an extension asked and refused at review.
  await ok(platform.api('p.dept.civil-affairs.dispatcher', 'POST', `/secondments/${id}/extensions`, { months: 1, reason: '汛期延长' }));
  await ok(platform.api('p.dept.organisation.reviewer', 'POST', `/secondments/${id}/review`, { decision: 'REJECT', comment: '汛期已过' }));

  // The term runs out in a later run than the one it started in; the return and its escalation still come, once each.
  const escalated = await eventually(async () => {
    const view = await handle.query(getSecondment);
    return view.details.escalated ? view : undefined;
  }, 40_000);
  const runs = await runsOf(platform, id);
  expect(runs.length).toBeGreaterThanOrEqual(2);
  expect(runs.slice(0, -1).every((r) => r.status === 'CONTINUED_AS_NEW')).toBe(true);
  const described = runs.map((r) => `${r.status} ${r.events} ${r.startTime.toISOString()}`);
  expect({ described, duringTerm: runs.some((r) => r.startTime.getTime() >= registeredAt && r.startTime.getTime() < endsAt) }).toEqual({
    described,
    duringTerm: true,
  });
  for (const run of runs) expect(run.events).toBeLessThan(MAX_EVENTS + 30);
  expect(escalated.record.filter((r) => r.step === 'RETURN')).toHaveLength(1);
  expect(escalated.record.filter((r) => r.step === 'ESCALATED')).toHaveLength(1);
  expect(escalated.record.map((r) => r.step).slice(0, 9)).toEqual([
    'REQUEST',
    'ELIGIBILITY',
    'CONSENT',
    'CONSENT',
    'REVIEW',
    'APPROVAL',
    'REGISTRATION',
    'EXTENSION_REQUEST',
    'EXTENSION_REVIEW',
  ]);
  expect(escalated.details.extensions).toEqual([expect.objectContaining({ months: 1, status: 'REJECTED' })]);
  expect(Date.parse(escalated.details.returnedAt!)).toBeGreaterThanOrEqual(endsAt);
  expect(Date.parse(escalated.details.endsAt!)).toBe(endsAt);
  expect((await handle.describe()).typedSearchAttributes.get(secondmentContract.searchAttributes.endsAt)).toEqual(new Date(endsAt));
  expect(await platform.db.secondmentRecord.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'RETURNED' });

  const confirmed = await ok(platform.api('p.dept.organisation.reviewer', 'POST', `/secondments/${id}/return-confirmation`, { note: '已核实归位' }));
  expect(confirmed).toMatchObject({ status: 'COMPLETED', details: { ending: 'RETURNED' } });
}, 120_000);
