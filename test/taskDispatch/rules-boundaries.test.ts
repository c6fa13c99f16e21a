// taskDispatch rules at their edges: each case is the smallest change that flips a rule's answer.
import type { Actor } from '../../workflows/common/actor';
import type { DispatchContent, DispatchView, VillageTaskView } from '../../workflows/taskDispatch/contract';
import {
  mayAccept,
  mayAssign,
  mayComplete,
  mayRecordCollectiveDecision,
  mayReport,
  mayReview,
  mayRevise,
  mayWithdraw,
  unclearReasons,
} from '../../workflows/taskDispatch/rules';

const town = 'xingcun.qiaotou';
const village = 'xingcun.qiaotou.dongshan';
type RoleIn = [Actor['roles'][number]['role'], string];
const person = (personId: string, ...roles: RoleIn[]): Actor => ({
  personId,
  name: personId,
  requestId: 'r',
  roles: roles.map(([role, orgId]) => ({ role, orgId, countyId: 'xingcun' })),
});
const dispatcher = person('d', ['DISPATCHER', town]);
const reviewer = person('rv', ['TOWN_REVIEWER', town]);
const secretary = person('s', ['VILLAGE_SECRETARY', village]);
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
const listed = { catalogue: 'IN_CATALOGUE' as const, duplicates: [], unclear: [] };
const duplicated = { ...listed, duplicates: [{ villageId: village, workflowId: 'dispatch-other' }] };

function dispatch(step: string, details: Partial<DispatchView['details']> = {}): DispatchView {
  return { ...base, step, details: { townId: town, dispatcherOrgId: town, content, reviews: [], villages: [], ...details } };
}

const staff = {
  cadre: { personId: 'cadre', name: 'C', role: 'VILLAGE_CADRE' as const, orgId: village },
  grid: { personId: 'grid', name: 'G', role: 'GRID_MEMBER' as const, orgId: `${village}.g1` },
  secretaryAsCadre: { personId: 's', name: 'S', role: 'VILLAGE_CADRE' as const, orgId: village },
};

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
      staff: Object.values(staff),
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

describe('unclear dispatch', () => {
  const earliest = '2026-12-10T16:00:00.000Z';
  test('a deadline at the very end of the minimum lead time is clear; one millisecond earlier is too close', () => {
    expect(unclearReasons({ ...content, deadline: earliest }, earliest)).toEqual([]);
    expect(unclearReasons({ ...content, deadline: '2026-12-10T15:59:59.999Z' }, earliest)).toEqual(['DEADLINE_TOO_CLOSE']);
  });

  test('criteria of blanks only are no criteria; each reason alone', () => {
    expect(unclearReasons({ ...content, acceptanceCriteria: ' \n\t' }, earliest)).toEqual(['NO_ACCEPTANCE_CRITERIA']);
    expect(unclearReasons({ ...content, deliverables: [] }, earliest)).toEqual(['NO_DELIVERABLES']);
  });
});

describe('review by the town reviewer', () => {
  test('only at REVIEW', () => {
    expect(mayReview(dispatch('REVIEW', { screening: listed }), reviewer, { decision: 'APPROVE' })).toEqual({ ok: true });
    expect(mayReview(dispatch('REVISION', { screening: listed }), reviewer, { decision: 'APPROVE' })).toMatchObject({ code: 'WRONG_STEP' });
    expect(mayReview(dispatch('REVIEW', { screening: listed }), dispatcher, { decision: 'APPROVE' })).toMatchObject({ code: 'NOT_AUTHORISED' });
  });

  test('APPROVE needs no reason; RETURN and REJECT need one that is not blank', () => {
    const v = dispatch('REVIEW', { screening: listed });
    expect(mayReview(v, reviewer, { decision: 'RETURN', reasons: 'add the deliverables' })).toEqual({ ok: true });
    expect(mayReview(v, reviewer, { decision: 'RETURN', reasons: '  ' })).toMatchObject({ code: 'MISSING_REASON' });
    expect(mayReview(v, reviewer, { decision: 'REJECT', grounds: 'OTHER', reasons: 'no' })).toEqual({ ok: true });
    expect(mayReview(v, reviewer, { decision: 'REJECT', grounds: 'OTHER', reasons: '' })).toMatchObject({ code: 'MISSING_REASON' });
  });

  test('out-of-list work can be returned or rejected, never approved', () => {
    for (const catalogue of ['UNKNOWN', 'NO_CODE'] as const) {
      const v = dispatch('REVIEW', { screening: { ...listed, catalogue } });
      expect(mayReview(v, reviewer, { decision: 'APPROVE', comment: 'needed' })).toMatchObject({ code: 'RULE_BROKEN', rule: 'taskDispatch.workItemList' });
      expect(mayReview(v, reviewer, { decision: 'RETURN', reasons: 'give the code' })).toEqual({ ok: true });
    }
    expect(mayReview(dispatch('REVIEW', { screening: { ...listed, catalogue: 'ADMITTED_ONCE' } }), reviewer, { decision: 'APPROVE' })).toEqual({ ok: true });
  });

  test('before screening is recorded, approval is not blocked by it', () => {
    expect(mayReview(dispatch('REVIEW'), reviewer, { decision: 'APPROVE' })).toEqual({ ok: true });
  });

  test('a flagged duplicate is approved only with a comment; returned or rejected without one', () => {
    const v = dispatch('REVIEW', { screening: duplicated });
    expect(mayReview(v, reviewer, { decision: 'APPROVE' })).toMatchObject({ code: 'DUPLICATE', detail: expect.stringContaining('dispatch-other') });
    expect(mayReview(v, reviewer, { decision: 'APPROVE', comment: ' ' })).toMatchObject({ code: 'DUPLICATE' });
    expect(mayReview(v, reviewer, { decision: 'APPROVE', comment: 'another hamlet' })).toEqual({ ok: true });
    expect(mayReview(v, reviewer, { decision: 'RETURN', reasons: 'merge them' })).toEqual({ ok: true });
    expect(mayReview(v, reviewer, { decision: 'REJECT', grounds: 'DUPLICATE', reasons: 'same task' })).toEqual({ ok: true });
  });
});

describe('revision by the dispatcher', () => {
  const { villageIds: _villages, ...revision } = content;
  const admitted = dispatch('REVISION', { admission: { workflowId: 'admission-1', code: 'ONCE-1', outcome: 'ADMIT_ONCE' } });
  test('a revision that leaves the admitted code out keeps it', () => {
    expect(mayRevise(admitted, dispatcher, revision)).toEqual({ ok: true });
  });
  test('by the dispatching organisation only', () => {
    expect(mayRevise(dispatch('REVISION'), person('x', ['DISPATCHER', 'xingcun.xikou']), revision)).toMatchObject({ code: 'WRONG_ORGANISATION' });
  });
});

describe('collective decision', () => {
  const decision = { meetingDate: '2026-12-01', minutesRef: 'minutes-12', approved: true };
  test('the town reviewer records it at COLLECTIVE_DECISION with its minutes reference', () => {
    expect(mayRecordCollectiveDecision(dispatch('COLLECTIVE_DECISION'), reviewer, decision)).toEqual({ ok: true });
    expect(mayRecordCollectiveDecision(dispatch('REVIEW'), reviewer, decision)).toMatchObject({ code: 'WRONG_STEP' });
    expect(mayRecordCollectiveDecision(dispatch('COLLECTIVE_DECISION'), dispatcher, decision)).toMatchObject({ code: 'NOT_AUTHORISED' });
    expect(mayRecordCollectiveDecision(dispatch('COLLECTIVE_DECISION'), reviewer, { ...decision, minutesRef: ' ' })).toMatchObject({ code: 'MISSING_REASON' });
  });
});

describe('withdrawal of a dispatch', () => {
  test.each(['REVIEW', 'REVISION', 'COLLECTIVE_DECISION', 'IN_VILLAGES'])('possible at %s', (step) => {
    expect(mayWithdraw(dispatch(step), dispatcher, { reason: 'r' })).toEqual({ ok: true });
  });

  test('not while screening, not once closed, not without a reason, not by another organisation', () => {
    expect(mayWithdraw(dispatch('SCREENING'), dispatcher, { reason: 'r' })).toMatchObject({ code: 'WRONG_STEP' });
    expect(mayWithdraw({ ...dispatch('REVIEW'), status: 'REJECTED' }, dispatcher, { reason: 'r' })).toMatchObject({ code: 'PROCESS_CLOSED' });
    expect(mayWithdraw(dispatch('REVIEW'), dispatcher, { reason: '\t' })).toMatchObject({ code: 'MISSING_REASON' });
    expect(mayWithdraw(dispatch('REVIEW'), person('x', ['DISPATCHER', 'xingcun.xikou']), { reason: 'r' })).toMatchObject({ code: 'WRONG_ORGANISATION' });
  });

  test('one village of several having received it is enough to refuse', () => {
    const progress = (villageId: string, step: string) => ({ villageId, workflowId: `c-${villageId}`, step, status: 'RUNNING' as const, overdue: false });
    const one = dispatch('IN_VILLAGES', { villages: [progress('v1', 'RECEIVE'), progress('v2', 'ASSIGN'), progress('v3', 'RECEIVE')] });
    expect(mayWithdraw(one, dispatcher, { reason: 'r' })).toMatchObject({ code: 'WRONG_STEP', detail: expect.stringContaining('v2') });
    const none = dispatch('IN_VILLAGES', { villages: [progress('v1', 'RECEIVE'), progress('v2', 'RECEIVE')] });
    expect(mayWithdraw(none, dispatcher, { reason: 'r' })).toEqual({ ok: true });
  });
});

describe('assignment by the village secretary', () => {
  test('at ASSIGN and again while IN_PROGRESS, not before receipt', () => {
    expect(mayAssign(task('ASSIGN'), secretary, { personIds: ['cadre'] })).toEqual({ ok: true });
    expect(mayAssign(task('IN_PROGRESS'), secretary, { personIds: ['grid'] })).toEqual({ ok: true });
    expect(mayAssign(task('RECEIVE'), secretary, { personIds: ['cadre'] })).toMatchObject({ code: 'WRONG_STEP' });
  });

  test('every person named must be staff of the village', () => {
    expect(mayAssign(task('ASSIGN'), secretary, { personIds: ['cadre', 'stranger'] })).toMatchObject({
      code: 'WRONG_ORGANISATION',
      detail: expect.stringContaining('stranger'),
    });
  });
});

describe('who works on a village task: its secretary or an assignee', () => {
  const report = { items: [{ text: 'x', done: true }] };
  const assigned = task('IN_PROGRESS', { assignees: [staff.cadre, staff.grid] });

  test('any one of several assignees', () => {
    expect(mayReport(assigned, person('grid', ['GRID_MEMBER', `${village}.g1`]), report)).toEqual({ ok: true });
    expect(mayComplete(assigned, person('cadre', ['VILLAGE_CADRE', village]), { summary: 'done', evidenceRefs: [] })).toEqual({ ok: true });
  });

  test('the secretary, even when also on the staff and not assigned', () => {
    const secretaryAndCadre = person('s', ['VILLAGE_SECRETARY', village], ['VILLAGE_CADRE', village]);
    expect(mayReport(assigned, secretaryAndCadre, report)).toEqual({ ok: true });
    expect(mayReport(task('IN_PROGRESS'), secretary, report)).toEqual({ ok: true });
  });

  test('staff of the village not assigned: NOT_AUTHORISED', () => {
    expect(mayReport(task('IN_PROGRESS', { assignees: [staff.grid] }), person('cadre', ['VILLAGE_CADRE', village]), report)).toMatchObject({
      code: 'NOT_AUTHORISED',
    });
  });

  test('a cadre or grid member of another village, among other roles: WRONG_ORGANISATION', () => {
    expect(mayReport(assigned, person('o', ['GRID_MEMBER', 'xingcun.qiaotou.nantang.g1']), report)).toMatchObject({ code: 'WRONG_ORGANISATION' });
    expect(mayReport(assigned, person('o', ['VILLAGER', village], ['VILLAGE_CADRE', 'xingcun.qiaotou.nantang']), report)).toMatchObject({
      code: 'WRONG_ORGANISATION',
    });
  });

  test('the secretary of another village: WRONG_ORGANISATION; anyone else: NOT_AUTHORISED', () => {
    expect(mayReport(assigned, person('o', ['VILLAGE_SECRETARY', 'xingcun.qiaotou.nantang']), report)).toMatchObject({ code: 'WRONG_ORGANISATION' });
    expect(mayReport(assigned, dispatcher, report)).toMatchObject({ code: 'NOT_AUTHORISED' });
    expect(mayReport(assigned, person('v', ['VILLAGER', village]), report)).toMatchObject({ code: 'NOT_AUTHORISED' });
  });

  test('reports and completion only while IN_PROGRESS; completion says what was done', () => {
    expect(mayReport(task('ASSIGN'), secretary, report)).toMatchObject({ code: 'WRONG_STEP' });
    expect(mayComplete(task('ACCEPTANCE'), secretary, { summary: 'done', evidenceRefs: [] })).toMatchObject({ code: 'WRONG_STEP' });
    expect(mayComplete(task('IN_PROGRESS'), secretary, { summary: ' ', evidenceRefs: [] })).toMatchObject({ code: 'MISSING_REASON' });
  });
});

describe('acceptance', () => {
  const now = '2026-12-01T00:00:00.000Z';
  const v = task('ACCEPTANCE');
  test('ACCEPT needs no reason; REWORK needs one that is not blank', () => {
    expect(mayAccept(v, dispatcher, { decision: 'ACCEPT' }, now)).toEqual({ ok: true });
    expect(mayAccept(v, dispatcher, { decision: 'REWORK', reasons: '', newDeadline: '2026-12-08T00:00:00Z' }, now)).toMatchObject({ code: 'MISSING_REASON' });
    expect(mayAccept(v, dispatcher, { decision: 'REWORK', reasons: ' ', newDeadline: '2026-12-08T00:00:00Z' }, now)).toMatchObject({ code: 'MISSING_REASON' });
  });

  test('the new deadline for rework is after now: now itself is refused, one millisecond later is not', () => {
    expect(mayAccept(v, dispatcher, { decision: 'REWORK', reasons: 'r', newDeadline: now }, now)).toMatchObject({ code: 'INVALID_INPUT' });
    expect(mayAccept(v, dispatcher, { decision: 'REWORK', reasons: 'r', newDeadline: '2026-12-01T00:00:00.001Z' }, now)).toEqual({ ok: true });
    expect(mayAccept(v, dispatcher, { decision: 'REWORK', reasons: 'r', newDeadline: 'not a date' }, now)).toMatchObject({ code: 'INVALID_INPUT' });
  });

  test('only at ACCEPTANCE, by the dispatching organisation', () => {
    expect(mayAccept(task('IN_PROGRESS'), dispatcher, { decision: 'ACCEPT' }, now)).toMatchObject({ code: 'WRONG_STEP' });
    expect(mayAccept(v, person('x', ['DISPATCHER', 'xingcun.xikou']), { decision: 'ACCEPT' }, now)).toMatchObject({ code: 'WRONG_ORGANISATION' });
  });
});
