import type { Actor } from '../../workflows/common/actor';
import type { AdmissionView } from '../../workflows/itemAdmission/contract';
import { allTownsResponded, mayDecide, mayRespond, mayReview, mayWithdraw, stepAfterReview } from '../../workflows/itemAdmission/rules';

const office = 'xingcun.coord-office';
const actor = (role: Actor['roles'][number]['role'], orgId: string): Actor => ({
  personId: 'p',
  name: 'P',
  roles: [{ role, orgId, countyId: 'xingcun' }],
  requestId: 'r',
});
const reviewer = actor('ADMISSION_REVIEWER', office);
const met = { met: true, reason: 'ok' };
const review = { requiredByLaw: met, customarilyNeedsVillage: met, withinVillageCapacity: met };

function view(step: string, details: Partial<AdmissionView['details']> = {}): AdmissionView {
  return {
    processType: 'itemAdmission',
    workflowId: 'w',
    title: 't',
    countyId: 'xingcun',
    step,
    status: 'RUNNING',
    nextActors: [],
    overdue: false,
    startedAt: '',
    updatedAt: '',
    record: [],
    details: {
      departmentId: 'xingcun.dept.civil-affairs',
      coordinationOfficeId: office,
      application: {
        title: 't',
        proposedCode: 'X-1',
        kind: 'ASSIST',
        whyVillages: 'w',
        legalBasis: 'l',
        expectedLoad: 'e',
        durationMonths: 1,
        subItems: [],
        scope: 'CATALOGUE',
      },
      ...details,
    },
  };
}

test('review: only the office reviewer, only at REVIEW, every test with a reason', () => {
  expect(mayReview(view('REVIEW'), reviewer, review)).toEqual({ ok: true });
  expect(mayReview(view('DECISION'), reviewer, review)).toMatchObject({ ok: false, code: 'WRONG_STEP' });
  expect(mayReview(view('REVIEW'), actor('ADMISSION_REVIEWER', 'elsewhere.coord-office'), review)).toMatchObject({ code: 'WRONG_ORGANISATION' });
  expect(mayReview(view('REVIEW'), actor('DISPATCHER', office), review)).toMatchObject({ code: 'NOT_AUTHORISED' });
  expect(mayReview(view('REVIEW'), reviewer, { ...review, requiredByLaw: { met: false, reason: '' } })).toMatchObject({ code: 'MISSING_REASON' });
  expect(mayReview({ ...view('REVIEW'), status: 'WITHDRAWN' }, reviewer, review)).toMatchObject({ code: 'PROCESS_CLOSED' });
});

test('all three tests met leads to consultation, otherwise straight to decision', () => {
  expect(stepAfterReview(review)).toBe('CONSULTATION');
  expect(stepAfterReview({ ...review, withinVillageCapacity: { met: false, reason: 'too much' } })).toBe('DECISION');
});

test('consultation: a consulted town answers once; an objection needs a comment', () => {
  const consultation = { townIds: ['xingcun.a', 'xingcun.b'], deadline: '', responses: [] };
  const town = actor('TOWN_REVIEWER', 'xingcun.a');
  const v = view('CONSULTATION', { consultation });
  expect(mayRespond(v, town, { townId: 'xingcun.a', objection: false, comment: '' })).toEqual({ ok: true });
  expect(mayRespond(v, town, { townId: 'xingcun.z', objection: false, comment: '' })).toMatchObject({ code: 'WRONG_ORGANISATION' });
  expect(mayRespond(v, town, { townId: 'xingcun.a', objection: true, comment: '' })).toMatchObject({ code: 'MISSING_REASON' });
  const answered = view('CONSULTATION', {
    consultation: { ...consultation, responses: [{ townId: 'xingcun.a', objection: false, comment: '', at: '', personId: 'p' }] },
  });
  expect(mayRespond(answered, town, { townId: 'xingcun.a', objection: false, comment: '' })).toMatchObject({ code: 'ALREADY_DONE' });
  expect(allTownsResponded(answered.details.consultation!)).toBe(false);
});

test('decision: admission needs all tests met, an effect for the catalogue, answers to objections', () => {
  const failed = { ...review, requiredByLaw: { met: false, reason: 'no basis' } };
  expect(mayDecide(view('DECISION', { review: failed }), reviewer, { outcome: 'ADMIT_TO_CATALOGUE', effect: 'IMMEDIATE', reason: 'r' })).toMatchObject({
    code: 'TESTS_NOT_MET',
  });
  expect(mayDecide(view('DECISION', { review: failed }), reviewer, { outcome: 'REFUSE', reason: 'r' })).toEqual({ ok: true });
  expect(mayDecide(view('DECISION', { review }), reviewer, { outcome: 'ADMIT_TO_CATALOGUE', reason: 'r' })).toMatchObject({ code: 'INVALID_INPUT' });
  expect(mayDecide(view('DECISION', { review }), reviewer, { outcome: 'ADMIT_ONCE', reason: 'r' })).toMatchObject({
    code: 'RULE_BROKEN',
    rule: 'itemAdmission.onceScope',
  });
  expect(mayDecide(view('DECISION', { review }), reviewer, { outcome: 'REFUSE', reason: '' })).toMatchObject({ code: 'MISSING_REASON' });
  const objected = { townIds: ['xingcun.a'], deadline: '', responses: [{ townId: 'xingcun.a', objection: true, comment: 'no', at: '', personId: 'p' }] };
  expect(
    mayDecide(view('DECISION', { review, consultation: objected }), reviewer, { outcome: 'ADMIT_TO_CATALOGUE', effect: 'NEXT_VERSION', reason: 'r' }),
  ).toMatchObject({ code: 'MISSING_REASON' });
});

test('withdrawal: the applying department, before the decision, with a reason', () => {
  const dept = actor('DISPATCHER', 'xingcun.dept.civil-affairs');
  expect(mayWithdraw(view('REVIEW'), dept, { reason: 'r' })).toEqual({ ok: true });
  expect(mayWithdraw(view('REVIEW'), actor('DISPATCHER', 'xingcun.dept.health'), { reason: 'r' })).toMatchObject({ code: 'WRONG_ORGANISATION' });
  expect(mayWithdraw(view('SCREENING'), dept, { reason: 'r' })).toMatchObject({ code: 'WRONG_STEP' });
  expect(mayWithdraw(view('REVIEW'), dept, { reason: '' })).toMatchObject({ code: 'MISSING_REASON' });
});
