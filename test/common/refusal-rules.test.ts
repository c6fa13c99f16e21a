// Refusals that name their rule (docs/processes.md §0.1): the kit's rules, and each eligibility failure of a
// secondment, name the rule they applied and say it in Chinese.
import type { Actor } from '../../workflows/common/actor';
import { mayAct } from '../../workflows/common/contract';
import { atStep, holds, reasonGiven } from '../../workflows/common/guards';
import { refused, ruleBroken } from '../../workflows/common/reasons';
import { withDefaults } from '../../workflows/rules/checks';
import type { CadreCategory, EligibilityFacts } from '../../workflows/secondment/contract';
import { eligibilityFailures, ineligible } from '../../workflows/secondment/rules';
import { SECONDMENT_RULES } from '../../workflows/secondment/rule-section';

const sections = { secondment: SECONDMENT_RULES };

const person = (...roles: [Actor['roles'][number]['role'], string][]): Actor => ({
  personId: 'p',
  name: 'P',
  requestId: 'r',
  roles: roles.map(([role, orgId]) => ({ role, orgId, countyId: 'xingcun' })),
});
const named = (code: string, rule: string) => expect.objectContaining({ ok: false, code, rule, zh: expect.any(String) });

test('a refusal names its rule and its Chinese reason only when given; ruleBroken is RULE_BROKEN', () => {
  expect(refused('WRONG_STEP', 'd')).toEqual({ ok: false, code: 'WRONG_STEP', detail: 'd' });
  expect(refused('INVALID_INPUT', 'd', { rule: 'a.b', zh: '中' })).toEqual({ ok: false, code: 'INVALID_INPUT', detail: 'd', rule: 'a.b', zh: '中' });
  expect(ruleBroken('a.b', 'd', '中')).toEqual({ ok: false, code: 'RULE_BROKEN', detail: 'd', rule: 'a.b', zh: '中' });
});

test("the kit's rules: process.atStep, process.by, process.reasonGiven", () => {
  expect(atStep({ status: 'COMPLETED', step: 'CLOSED' }, ['REVIEW'], 'x')).toEqual(named('PROCESS_CLOSED', 'process.atStep'));
  expect(atStep({ status: 'RUNNING', step: 'REVISION' }, ['REVIEW'], 'x')).toEqual(named('WRONG_STEP', 'process.atStep'));
  expect(holds(person(['TOWN_REVIEWER', 'b']), 'TOWN_REVIEWER', 'a', 'x')).toEqual(named('WRONG_ORGANISATION', 'process.by'));
  expect(holds(person(), 'TOWN_REVIEWER', 'a', 'x')).toEqual(named('NOT_AUTHORISED', 'process.by'));
  expect(reasonGiven(' ', 'x')).toEqual(named('MISSING_REASON', 'process.reasonGiven'));
  expect(mayAct([], person(), 'x')).toEqual(named('NOT_AUTHORISED', 'process.by'));
  expect(mayAct([{ person: 'q', name: 'Q' }], person(), 'x')).toEqual(named('NOT_AUTHORISED', 'process.by'));
  const two = mayAct(
    [
      { person: 'q', name: 'Q' },
      { role: 'TOWN_REVIEWER', org: 'a' },
    ],
    person(),
    'x',
  );
  expect(two).toEqual(named('NOT_AUTHORISED', 'process.by'));
  expect(two.ok || two.zh).toContain('Q 或 TOWN_REVIEWER in a');
});

describe('each eligibility failure of a secondment names its rule', () => {
  const rules = withDefaults(sections).secondment;
  const START = '2026-12-01T00:00:00.000Z';
  const request = { personId: 'p', reason: 'URGENT' as const, explanation: 'e', start: '2026-12-01', months: 13 };
  const cadre = (category: CadreCategory, since = '2010-01-01T00:00:00.000Z') => ({
    personId: 'p',
    name: 'P',
    unitId: 'u',
    category,
    since,
  });
  const facts = (over: Partial<EligibilityFacts> = {}): EligibilityFacts => ({
    cadre: cadre('ORDINARY_CADRE'),
    history: [],
    borrowingUnit: { id: 'x', kind: 'COUNTY', name: 'X' },
    borrowingUnitActive: 5,
    ...over,
  });
  const rulesOf = (f: EligibilityFacts, r = rules, req = request) => eligibilityFailures(f, req, r, START).map((x) => [x.code, x.rule]);

  test('term, cap, borrower and quota', () => {
    expect(rulesOf(facts())).toEqual([
      ['TERM_TOO_LONG', 'secondment.maxTermMonths'],
      ['OVER_CAP', 'secondment.cumulativeCapMonths'],
      ['COUNTY_LEVEL_BORROWER', 'secondment.countyLevelMayBorrow'],
      ['OVER_QUOTA', 'secondment.defaultQuota'],
    ]);
    expect(rulesOf(facts({ borrowingUnit: { id: 'u', kind: 'CITY', name: 'U' } }), { ...rules, quotas: { u: 1 } })).toContainEqual([
      'OVER_QUOTA',
      'secondment.quotas',
    ]);
    expect(rulesOf(facts({ borrowingUnit: { id: 'u', kind: 'CITY', name: 'U' } }))).toContainEqual(['OWN_UNIT', 'secondment.ownUnit']);
    expect(rulesOf(facts({ cadre: undefined }))[0]).toEqual(['NO_CADRE_RECORD', 'secondment.cadreRecord']);
  });

  test('categories: banned outright, or within their years (measured to the start)', () => {
    expect(rulesOf(facts({ cadre: cadre('LEADERSHIP_MEMBER') }))[0]).toEqual(['BANNED_CATEGORY', 'secondment.bannedCategories']);
    expect(rulesOf(facts({ cadre: cadre('SELECTED_GRADUATE', '2025-12-02T00:00:00.000Z') }))[0]).toEqual([
      'BANNED_CATEGORY',
      'secondment.selectedGraduateYears',
    ]);
    expect(rulesOf(facts({ cadre: cadre('SELECTED_GRADUATE', '2024-12-01T00:00:00.000Z') }))[0]).not.toEqual([
      'BANNED_CATEGORY',
      'secondment.selectedGraduateYears',
    ]);
    expect(rulesOf(facts({ cadre: cadre('NEW_RECRUIT', '2024-12-02T00:00:00.000Z') }))[0]).toEqual(['BANNED_CATEGORY', 'secondment.newRecruitYears']);
  });

  test('history: one at a time, and the cool-down to the start', () => {
    const past = { id: 'h', borrowingUnitId: 'd', startedAt: '2020-01-01T00:00:00.000Z', endsAt: '2025-01-01T00:00:00.000Z' };
    expect(rulesOf(facts({ history: [{ ...past, status: 'ACTIVE' }] }))).toContainEqual(['ALREADY_SECONDED', 'secondment.oneAtATime']);
    const returned = eligibilityFailures(facts({ history: [{ ...past, status: 'RETURNED', returnedAt: '2025-01-01T00:00:00.000Z' }] }), request, rules, START);
    expect(returned[0]).toMatchObject({ code: 'COOL_DOWN', rule: 'secondment.coolDownMonths', zh: expect.stringContaining('2027-01-01') });
    expect(returned[0].reason).toContain('no term before 2027-01-01; this one would start 2026-12-01');
  });

  test('as one refusal: the first failure names it; every reason is given in both languages', () => {
    expect(ineligible([])).toEqual({ ok: true });
    const failures = [
      { rule: 'secondment.coolDownMonths', reason: 'a.', zh: '甲。' },
      { rule: 'secondment.defaultQuota', reason: 'b.', zh: '乙。' },
    ];
    expect(ineligible(failures)).toEqual({
      ok: false,
      code: 'RULE_BROKEN',
      rule: 'secondment.coolDownMonths',
      detail: 'Ineligible: a. b.',
      zh: '不符合借调条件：甲。乙。',
    });
  });
});
