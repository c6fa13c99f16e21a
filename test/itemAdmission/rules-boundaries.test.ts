// itemAdmission rules at their edges: each case is the smallest change that flips a rule's answer.
import type { Actor } from '../../workflows/common/actor';
import type { AdmissionView, Consultation, TestAnswer } from '../../workflows/itemAdmission/contract';
import {
  allTestsMet,
  allTownsResponded,
  mayDecide,
  mayRespond,
  mayReview,
  mayWithdraw,
  objections,
  stepAfterReview,
} from '../../workflows/itemAdmission/rules';

const office = 'xingcun.coord-office';
const department = 'xingcun.dept.civil-affairs';
const person = (role: Actor['roles'][number]['role'], orgId: string): Actor => ({
  personId: 'p',
  name: 'P',
  roles: [{ role, orgId, countyId: 'xingcun' }],
  requestId: 'r',
});
const reviewer = person('ADMISSION_REVIEWER', office);
const applicant = person('DISPATCHER', department);
const met = { met: true, reason: 'ok' };
const notMet = { met: false, reason: 'no' };
const review = { requiredByLaw: met, customarilyNeedsVillage: met, withinVillageCapacity: met };
const response = (townId: string, objection = false) => ({ townId, objection, comment: objection ? 'too much' : '', at: '', personId: 'p' });
const consultation = (townIds: string[], ...responses: ReturnType<typeof response>[]): Consultation => ({ townIds, deadline: '', responses });

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
      departmentId: department,
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

describe('the three tests', () => {
  test.each(['requiredByLaw', 'customarilyNeedsVillage', 'withinVillageCapacity'] as const)(
    'one test not met (%s) fails them all and skips consultation',
    (t) => {
      expect(allTestsMet({ ...review, [t]: notMet })).toBe(false);
      expect(stepAfterReview({ ...review, [t]: notMet })).toBe('DECISION');
    },
  );

  test('all met', () => {
    expect(allTestsMet(review)).toBe(true);
  });

  test.each(['requiredByLaw', 'customarilyNeedsVillage', 'withinVillageCapacity'] as const)(
    'each answer (%s) needs a reason: missing, empty or blank is refused',
    (t) => {
      for (const answer of [{ met: true } as TestAnswer, { met: true, reason: '' }, { met: false, reason: ' \t' }]) {
        expect(mayReview(view('REVIEW'), reviewer, { ...review, [t]: answer })).toMatchObject({ code: 'MISSING_REASON', detail: expect.stringContaining(t) });
      }
    },
  );

  test('a review is given once', () => {
    expect(mayReview(view('REVIEW', { review }), reviewer, review)).toMatchObject({ code: 'ALREADY_DONE' });
  });
});

describe('consultation responses', () => {
  const twoTowns = consultation(['xingcun.a', 'xingcun.b']);

  test('a town not consulted cannot answer, even by its own reviewer', () => {
    expect(
      mayRespond(view('CONSULTATION', { consultation: twoTowns }), person('TOWN_REVIEWER', 'xingcun.z'), {
        townId: 'xingcun.z',
        objection: false,
        comment: '',
      }),
    ).toMatchObject({ code: 'WRONG_ORGANISATION' });
  });

  test('a consulted town answers for itself only', () => {
    expect(
      mayRespond(view('CONSULTATION', { consultation: twoTowns }), person('TOWN_REVIEWER', 'xingcun.a'), {
        townId: 'xingcun.b',
        objection: false,
        comment: '',
      }),
    ).toMatchObject({ code: 'WRONG_ORGANISATION' });
    expect(
      mayRespond(view('CONSULTATION', { consultation: twoTowns }), person('DISPATCHER', 'xingcun.a'), { townId: 'xingcun.a', objection: false, comment: '' }),
    ).toMatchObject({ code: 'NOT_AUTHORISED' });
  });

  test("another town's answer does not count as this town's", () => {
    const answeredByB = consultation(['xingcun.a', 'xingcun.b'], response('xingcun.b'));
    expect(
      mayRespond(view('CONSULTATION', { consultation: answeredByB }), person('TOWN_REVIEWER', 'xingcun.a'), {
        townId: 'xingcun.a',
        objection: false,
        comment: '',
      }),
    ).toEqual({ ok: true });
  });

  test('an objection with a blank comment is refused; with a comment it is taken', () => {
    const v = view('CONSULTATION', { consultation: twoTowns });
    const town = person('TOWN_REVIEWER', 'xingcun.a');
    expect(mayRespond(v, town, { townId: 'xingcun.a', objection: true, comment: '  ' })).toMatchObject({ code: 'MISSING_REASON' });
    expect(mayRespond(v, town, { townId: 'xingcun.a', objection: true, comment: 'no capacity in spring' })).toEqual({ ok: true });
  });

  test('only at CONSULTATION; a consultation not yet recorded restricts no town', () => {
    const town = person('TOWN_REVIEWER', 'xingcun.a');
    expect(mayRespond(view('DECISION', { consultation: twoTowns }), town, { townId: 'xingcun.a', objection: false, comment: '' })).toMatchObject({
      code: 'WRONG_STEP',
    });
    expect(mayRespond(view('CONSULTATION'), town, { townId: 'xingcun.a', objection: false, comment: '' })).toEqual({ ok: true });
  });

  test('all towns responded: each consulted town, by its own answer', () => {
    expect(allTownsResponded(consultation(['xingcun.a'], response('xingcun.a')))).toBe(true);
    expect(allTownsResponded(consultation(['xingcun.a', 'xingcun.b'], response('xingcun.b'), response('xingcun.a')))).toBe(true);
    expect(allTownsResponded(consultation(['xingcun.a', 'xingcun.b'], response('xingcun.a')))).toBe(false);
    expect(allTownsResponded(consultation(['xingcun.a'], response('xingcun.b')))).toBe(false);
    expect(allTownsResponded(consultation(['xingcun.a']))).toBe(false);
  });

  test('objections are the responses that object', () => {
    const objecting = response('xingcun.b', true);
    expect(objections(undefined)).toEqual([]);
    expect(objections(consultation(['xingcun.a', 'xingcun.b'], response('xingcun.a'), objecting))).toEqual([objecting]);
  });
});

describe('the decision', () => {
  const admitToCatalogue = { outcome: 'ADMIT_TO_CATALOGUE' as const, effect: 'IMMEDIATE' as const, reason: 'r' };

  test('admitting needs a review on record', () => {
    expect(mayDecide(view('DECISION'), reviewer, admitToCatalogue)).toMatchObject({ code: 'TESTS_NOT_MET' });
  });

  test('admission for one task, applied for one task, needs no effect', () => {
    const once = view('DECISION', { review, application: { ...view('DECISION').details.application, scope: 'ONCE' } });
    expect(mayDecide(once, reviewer, { outcome: 'ADMIT_ONCE', reason: 'r' })).toEqual({ ok: true });
  });

  test('admission into the catalogue with either effect', () => {
    expect(mayDecide(view('DECISION', { review }), reviewer, admitToCatalogue)).toEqual({ ok: true });
    expect(mayDecide(view('DECISION', { review }), reviewer, { ...admitToCatalogue, effect: 'NEXT_VERSION' })).toEqual({ ok: true });
  });

  test('answers to objections: needed when a town objected, not blank; not needed when none did', () => {
    const objected = consultation(['xingcun.a', 'xingcun.b'], response('xingcun.a'), response('xingcun.b', true));
    expect(mayDecide(view('DECISION', { review, consultation: objected }), reviewer, { ...admitToCatalogue, responseToObjections: ' ' })).toMatchObject({
      code: 'MISSING_REASON',
    });
    expect(
      mayDecide(view('DECISION', { review, consultation: objected }), reviewer, { ...admitToCatalogue, responseToObjections: 'spring is excluded' }),
    ).toEqual({ ok: true });
    expect(mayDecide(view('DECISION', { review, consultation: objected }), reviewer, { outcome: 'REFUSE', reason: 'r' })).toEqual({ ok: true });
    const agreed = consultation(['xingcun.a', 'xingcun.b'], response('xingcun.a'), response('xingcun.b'));
    expect(mayDecide(view('DECISION', { review, consultation: agreed }), reviewer, admitToCatalogue)).toEqual({ ok: true });
  });

  test('the decision is taken once, at DECISION, by the office, with a reason that is not blank', () => {
    const decided = view('DECISION', { review, decision: admitToCatalogue });
    expect(mayDecide(decided, reviewer, admitToCatalogue)).toMatchObject({ code: 'ALREADY_DONE' });
    expect(mayDecide(view('CONSULTATION', { review }), reviewer, admitToCatalogue)).toMatchObject({ code: 'WRONG_STEP' });
    expect(mayDecide(view('DECISION', { review }), person('ADMISSION_REVIEWER', 'elsewhere'), admitToCatalogue)).toMatchObject({ code: 'WRONG_ORGANISATION' });
    expect(mayDecide(view('DECISION', { review }), reviewer, { ...admitToCatalogue, reason: ' ' })).toMatchObject({ code: 'MISSING_REASON' });
  });
});

describe('withdrawal of an application', () => {
  test.each(['REVIEW', 'CONSULTATION', 'DECISION'])('possible at %s', (step) => {
    expect(mayWithdraw(view(step), applicant, { reason: 'r' })).toEqual({ ok: true });
  });

  test('not once decided, not without a reason, not by anyone but the applying department', () => {
    expect(mayWithdraw(view('DECISION', { decision: { outcome: 'REFUSE', reason: 'r' } }), applicant, { reason: 'r' })).toMatchObject({ code: 'ALREADY_DONE' });
    expect(mayWithdraw(view('REVIEW'), applicant, { reason: ' ' })).toMatchObject({ code: 'MISSING_REASON' });
    expect(mayWithdraw(view('REVIEW'), reviewer, { reason: 'r' })).toMatchObject({ code: 'NOT_AUTHORISED' });
  });
});
