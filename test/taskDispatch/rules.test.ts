import type { Actor } from '../../workflows/common/actor';
import type { DispatchContent, DispatchView, VillageTaskView } from '../../workflows/taskDispatch/contract';
import {
  acceptor,
  isOutOfList,
  mayAccept,
  mayAssign,
  mayComplete,
  mayReceive,
  mayReport,
  mayReview,
  mayRevise,
  mayWithdraw,
  reworkEscalates,
  unclearReasons,
} from '../../workflows/taskDispatch/rules';

const town = 'xingcun.qiaotou';
const village = 'xingcun.qiaotou.dongshan';
const actor = (role: Actor['roles'][number]['role'], orgId: string, personId = 'p'): Actor => ({
  personId,
  name: personId,
  roles: [{ role, orgId, countyId: 'xingcun' }],
  requestId: 'r',
});
const content: DispatchContent = {
  title: 't',
  villageIds: [village],
  requirements: 'r',
  deliverables: ['d'],
  acceptanceCriteria: 'c',
  deadline: '2026-12-31T00:00:00Z',
  supportingOrgIds: [],
  majorMatter: false,
};
const base = {
  processType: 'taskDispatch' as const,
  workflowId: 'w',
  title: 't',
  countyId: 'xingcun',
  townId: town,
  status: 'RUNNING' as const,
  nextActors: [],
  overdue: false,
  startedAt: '',
  updatedAt: '',
  record: [],
};

function dispatch(step: string, details: Partial<DispatchView['details']> = {}): DispatchView {
  return { ...base, step, details: { townId: town, dispatcherOrgId: town, content, reviews: [], villages: [], ...details } };
}

function task(step: string, details: Partial<VillageTaskView['details']> = {}): VillageTaskView {
  return {
    ...base,
    processType: 'villageTask',
    villageId: village,
    step,
    details: {
      dispatchWorkflowId: 'w',
      townId: town,
      dispatcherOrgId: town,
      content,
      deadline: content.deadline,
      staff: [
        { personId: 'cadre', name: 'C', role: 'VILLAGE_CADRE', orgId: village },
        { personId: 'grid', name: 'G', role: 'GRID_MEMBER', orgId: `${village}.g1` },
      ],
      assignees: [],
      reports: [],
      missedReports: [],
      reminded: false,
      completions: [],
      reworkRounds: 0,
      escalated: false,
      ...details,
    },
  };
}

test('unclear: no deliverables, no criteria, or a deadline before the minimum lead time', () => {
  expect(unclearReasons(content, '2026-12-01T00:00:00Z')).toEqual([]);
  expect(unclearReasons({ ...content, deliverables: [], acceptanceCriteria: ' ' }, '2027-01-10T00:00:00Z')).toEqual([
    'NO_DELIVERABLES',
    'NO_ACCEPTANCE_CRITERIA',
    'DEADLINE_TOO_CLOSE',
  ]);
});

test('out of list: no code or an unknown code; admitted or listed work is not', () => {
  expect(isOutOfList({ catalogue: 'NO_CODE', duplicates: [], unclear: [] })).toBe(true);
  expect(isOutOfList({ catalogue: 'UNKNOWN', duplicates: [], unclear: [] })).toBe(true);
  expect(isOutOfList({ catalogue: 'ADMITTED_ONCE', duplicates: [], unclear: [] })).toBe(false);
  expect(isOutOfList({ catalogue: 'IN_CATALOGUE', duplicates: [], unclear: [] })).toBe(false);
});

test('review: the town reviewer of the dispatching town; out-of-list work cannot be approved; returns and rejections say why', () => {
  const reviewer = actor('TOWN_REVIEWER', town);
  const listed = dispatch('REVIEW', { screening: { catalogue: 'IN_CATALOGUE', duplicates: [], unclear: [] } });
  expect(mayReview(listed, reviewer, { decision: 'APPROVE' })).toEqual({ ok: true });
  expect(mayReview(listed, actor('TOWN_REVIEWER', 'xingcun.xikou'), { decision: 'APPROVE' })).toMatchObject({ code: 'WRONG_ORGANISATION' });
  expect(mayReview(listed, reviewer, { decision: 'RETURN', reasons: '' })).toMatchObject({ code: 'MISSING_REASON' });
  const unlisted = dispatch('REVIEW', { screening: { catalogue: 'UNKNOWN', duplicates: [], unclear: [] } });
  expect(mayReview(unlisted, reviewer, { decision: 'APPROVE' })).toMatchObject({ code: 'RULE_BROKEN', rule: 'taskDispatch.workItemList' });
  expect(mayReview(unlisted, reviewer, { decision: 'REJECT', grounds: 'OUT_OF_LIST', reasons: 'not listed' })).toEqual({ ok: true });
});

test('revision: by the dispatcher, at REVISION, never changing a code already put to admission', () => {
  const dispatcher = actor('DISPATCHER', town);
  const { villageIds: _villages, ...revision } = content;
  expect(mayRevise(dispatch('REVISION'), dispatcher, { ...revision, screeningCode: 'X-2' })).toEqual({ ok: true });
  expect(mayRevise(dispatch('REVIEW'), dispatcher, revision)).toMatchObject({ code: 'WRONG_STEP' });
  const admitted = dispatch('REVISION', { admission: { workflowId: 'admission-1', code: 'ONCE-1', outcome: 'ADMIT_ONCE' } });
  expect(mayRevise(admitted, dispatcher, { ...revision, screeningCode: 'ONCE-1' })).toEqual({ ok: true });
  expect(mayRevise(admitted, dispatcher, { ...revision, screeningCode: 'X-2' })).toMatchObject({
    code: 'RULE_BROKEN',
    detail: expect.stringContaining('admission-1'),
    rule: 'taskDispatch.admittedCode',
  });
});

test('withdrawal: only before any village received it', () => {
  const dispatcher = actor('DISPATCHER', town);
  const waiting = dispatch('IN_VILLAGES', { villages: [{ villageId: village, workflowId: 'c', step: 'RECEIVE', status: 'RUNNING', overdue: false }] });
  expect(mayWithdraw(waiting, dispatcher, { reason: 'r' })).toEqual({ ok: true });
  const received = dispatch('IN_VILLAGES', { villages: [{ villageId: village, workflowId: 'c', step: 'ASSIGN', status: 'RUNNING', overdue: false }] });
  expect(mayWithdraw(received, dispatcher, { reason: 'r' })).toMatchObject({ code: 'WRONG_STEP' });
  const awaitingAdmission = dispatch('AWAITING_ADMISSION', { admission: { workflowId: 'admission-1', code: 'ONCE-1' } });
  expect(mayWithdraw(awaitingAdmission, dispatcher, { reason: 'r' })).toMatchObject({ code: 'WRONG_STEP', detail: expect.stringContaining('admission-1') });
});

test('village task: only its secretary receives and assigns, and only to its own staff', () => {
  const secretary = actor('VILLAGE_SECRETARY', village);
  expect(mayReceive(task('RECEIVE'), secretary)).toEqual({ ok: true });
  expect(mayReceive(task('RECEIVE'), actor('VILLAGE_SECRETARY', 'xingcun.qiaotou.nantang'))).toMatchObject({ code: 'WRONG_ORGANISATION' });
  expect(mayAssign(task('ASSIGN'), secretary, { personIds: ['cadre', 'grid'] })).toEqual({ ok: true });
  expect(mayAssign(task('ASSIGN'), secretary, { personIds: ['stranger'] })).toMatchObject({ code: 'WRONG_ORGANISATION' });
  expect(mayAssign(task('ASSIGN'), secretary, { personIds: [] })).toMatchObject({ code: 'INVALID_INPUT' });
});

test('village task: reports and completion by the secretary or an assignee', () => {
  const assigned = task('IN_PROGRESS', { assignees: [{ personId: 'cadre', name: 'C', role: 'VILLAGE_CADRE', orgId: village }] });
  const report = { items: [{ text: 'x', done: true }] };
  expect(mayReport(assigned, actor('VILLAGE_CADRE', village, 'cadre'), report)).toEqual({ ok: true });
  expect(mayReport(assigned, actor('GRID_MEMBER', `${village}.g1`, 'grid'), report)).toMatchObject({ code: 'NOT_AUTHORISED' });
  expect(mayReport(assigned, actor('VILLAGE_CADRE', 'xingcun.qiaotou.nantang', 'other'), report)).toMatchObject({ code: 'WRONG_ORGANISATION' });
  expect(mayReport(assigned, actor('VILLAGE_CADRE', village, 'cadre'), { items: [] })).toMatchObject({ code: 'INVALID_INPUT' });
  expect(mayComplete(assigned, actor('VILLAGE_SECRETARY', village), { summary: '', evidenceRefs: [] })).toMatchObject({ code: 'MISSING_REASON' });
});

test('acceptance: the dispatcher, then the town reviewer once rework is escalated after the bound', () => {
  const now = '2026-12-01T00:00:00Z';
  const dispatcher = actor('DISPATCHER', town);
  expect(acceptor(task('ACCEPTANCE'))).toEqual({ role: 'DISPATCHER', orgId: town });
  expect(mayAccept(task('ACCEPTANCE'), dispatcher, { decision: 'REWORK', reasons: 'r', newDeadline: '2026-11-30T00:00:00Z' }, now)).toMatchObject({
    code: 'INVALID_INPUT',
  });
  expect(mayAccept(task('ACCEPTANCE'), dispatcher, { decision: 'REWORK', reasons: 'r', newDeadline: '2026-12-08T00:00:00Z' }, now)).toEqual({ ok: true });
  expect(reworkEscalates(task('ACCEPTANCE', { reworkRounds: 2 }), 3)).toBe(false);
  expect(reworkEscalates(task('ACCEPTANCE', { reworkRounds: 3 }), 3)).toBe(true);
  const escalated = task('ACCEPTANCE', { reworkRounds: 3, escalated: true });
  expect(reworkEscalates(escalated, 3)).toBe(false);
  expect(acceptor(escalated)).toEqual({ role: 'TOWN_REVIEWER', orgId: town });
  expect(mayAccept(escalated, dispatcher, { decision: 'ACCEPT' }, now)).toMatchObject({ code: 'NOT_AUTHORISED' });
  expect(mayAccept(escalated, actor('TOWN_REVIEWER', town), { decision: 'ACCEPT' }, now)).toEqual({ ok: true });
});
