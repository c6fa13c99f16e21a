// The rules every process shares, and the refusal codes they answer with.
import type { Actor } from '../../workflows/common/actor';
import { allowed, firstRefusal, isReasonCode, REASONS, refused } from '../../workflows/common/reasons';
import { atStep, holds, reasonGiven } from '../../workflows/common/guards';

const person = (...roles: [Actor['roles'][number]['role'], string][]): Actor => ({
  personId: 'p',
  name: 'P',
  requestId: 'r',
  roles: roles.map(([role, orgId]) => ({ role, orgId, countyId: 'xingcun' })),
});

describe('atStep', () => {
  const running = (step: string) => ({ status: 'RUNNING' as const, step });

  test('a running process at any of the listed steps', () => {
    expect(atStep(running('REVIEW'), ['REVIEW', 'REVISION'], 'x')).toEqual(allowed);
    expect(atStep(running('REVISION'), ['REVIEW', 'REVISION'], 'x')).toEqual(allowed);
  });

  test('another step is WRONG_STEP', () => {
    expect(atStep(running('SCREENING'), ['REVIEW', 'REVISION'], 'x')).toMatchObject({ ok: false, code: 'WRONG_STEP' });
    expect(atStep(running('REVIEW'), [], 'x')).toMatchObject({ ok: false, code: 'WRONG_STEP' });
  });

  test('an ended process is PROCESS_CLOSED, even at a listed step', () => {
    for (const status of ['COMPLETED', 'REJECTED', 'WITHDRAWN', 'CANCELLED'] as const) {
      expect(atStep({ status, step: 'REVIEW' }, ['REVIEW'], 'x')).toMatchObject({ ok: false, code: 'PROCESS_CLOSED' });
    }
  });
});

describe('holds', () => {
  test('the role in that very organisation, whatever else the person holds', () => {
    expect(holds(person(['DISPATCHER', 'town.a']), 'DISPATCHER', 'town.a', 'x')).toEqual(allowed);
    expect(holds(person(['VILLAGER', 'town.a.v'], ['DISPATCHER', 'town.b'], ['DISPATCHER', 'town.a']), 'DISPATCHER', 'town.a', 'x')).toEqual(allowed);
  });

  test('the role held only elsewhere is WRONG_ORGANISATION, also among other roles (some, not every)', () => {
    expect(holds(person(['DISPATCHER', 'town.b']), 'DISPATCHER', 'town.a', 'x')).toMatchObject({ ok: false, code: 'WRONG_ORGANISATION' });
    expect(holds(person(['VILLAGER', 'town.a'], ['DISPATCHER', 'town.b']), 'DISPATCHER', 'town.a', 'x')).toMatchObject({
      ok: false,
      code: 'WRONG_ORGANISATION',
    });
  });

  test('another role in that organisation, or no role at all, is NOT_AUTHORISED', () => {
    expect(holds(person(['TOWN_REVIEWER', 'town.a']), 'DISPATCHER', 'town.a', 'x')).toMatchObject({ ok: false, code: 'NOT_AUTHORISED' });
    expect(holds(person(), 'DISPATCHER', 'town.a', 'x')).toMatchObject({ ok: false, code: 'NOT_AUTHORISED' });
  });
});

describe('reasonGiven', () => {
  test.each([[undefined], [''], [' '], ['\t\n ']])('no reason (%j) is MISSING_REASON', (reason) => {
    expect(reasonGiven(reason, 'x')).toMatchObject({ ok: false, code: 'MISSING_REASON' });
  });

  test('one visible character is a reason', () => {
    expect(reasonGiven('a', 'x')).toEqual(allowed);
    expect(reasonGiven('  因  ', 'x')).toEqual(allowed);
  });
});

describe('refusal codes', () => {
  test('each code answers with its HTTP status', () => {
    expect(REASONS).toEqual({
      NOT_AUTHORISED: 403,
      WRONG_ORGANISATION: 403,
      WRONG_STEP: 409,
      ALREADY_DONE: 409,
      PROCESS_CLOSED: 409,
      NEGATIVE_LIST: 422,
      ALREADY_IN_CATALOGUE: 422,
      RULE_BROKEN: 422,
      DUPLICATE: 422,
      MISSING_REASON: 422,
      TESTS_NOT_MET: 422,
      INVALID_INPUT: 422,
      UNAVAILABLE: 503,
    });
  });

  test('a refusal carries its code and its sentence', () => {
    expect(refused('DUPLICATE', 'why')).toEqual({ ok: false, code: 'DUPLICATE', detail: 'why' });
    expect(allowed).toEqual({ ok: true });
  });

  test('the first refusal wins; none is allowed', () => {
    const a = refused('WRONG_STEP', 'a');
    const b = refused('MISSING_REASON', 'b');
    expect(firstRefusal()).toEqual(allowed);
    expect(firstRefusal(allowed, allowed)).toEqual(allowed);
    expect(firstRefusal(allowed, a, b)).toBe(a);
    expect(firstRefusal(b, a)).toBe(b);
  });

  test('only a code string is a reason code', () => {
    expect(isReasonCode('WRONG_STEP')).toBe(true);
    expect(isReasonCode('NOT_A_CODE')).toBe(false);
    expect(isReasonCode(409)).toBe(false);
    expect(isReasonCode(undefined)).toBe(false);
    // An array converts to the string 'WRONG_STEP' for `in`: still not a code.
    expect(isReasonCode(['WRONG_STEP'])).toBe(false);
  });
});
