// The secondment rules (docs/processes.md §5), pure: eligibility with every failure, the term, consent,
// review, approval, registration, extensions, return and clawback; and the county's secondment rules.
import type { Actor } from '../../workflows/common/actor';
import { describeBound, ruleViolations, withDefaults } from '../../workflows/rules/checks';
import type { EligibilityFacts, SecondmentRequest, SecondmentView } from '../../workflows/secondment/contract';
import {
  addMonths,
  bothConsented,
  eligibilityFailures,
  extensionInTime,
  mayApprove,
  mayClawBack,
  mayConfirmReturn,
  mayConsent,
  mayRegister,
  mayRequestExtension,
  mayReview,
  monthsWith,
  quotaOf,
  sourceRole,
  termEnd,
  termStart,
  type SecondmentRules,
  mayWithdraw,
} from '../../workflows/secondment/rules';
import { SECONDMENT_RULES } from '../../workflows/secondment/rule-section';

const sections = { secondment: SECONDMENT_RULES };

const rules: SecondmentRules = withDefaults(sections).secondment;
const NOW = '2026-11-23T08:00:00.000Z';
const TOWN = 'xingcun.qiaotou';
const BUREAU = { id: 'xingcun.dept.agriculture-rural', kind: 'DEPARTMENT', name: '县农业农村局' };
const CITY = { id: 'city.office', kind: 'CITY_OFFICE', name: '市委办' };
const allowing = { ...rules, countyLevelMayBorrow: true };

const actor = (role: Actor['roles'][number]['role'], orgId: string, personId = 'p'): Actor => ({
  personId,
  name: 'P',
  roles: [{ role, orgId, countyId: 'xingcun' }],
  requestId: 'r',
});
const request = (months = 2): SecondmentRequest => ({ personId: 'p.deng', reason: 'URGENT', explanation: 'e', start: '2026-12-01', months });
const cadre = (category: string, since = '2010-01-01T00:00:00.000Z') => ({
  personId: 'p.deng',
  name: '邓国清',
  unitId: TOWN,
  category: category as never,
  since,
});
const facts = (over: Partial<EligibilityFacts> = {}): EligibilityFacts => ({
  cadre: cadre('ORDINARY_CADRE'),
  history: [],
  borrowingUnit: BUREAU,
  borrowingUnitActive: 0,
  ...over,
});
const codes = (f: EligibilityFacts, r: SecondmentRules = allowing, req = request()) => eligibilityFailures(f, req, r, NOW).map((x) => x.code);

describe('eligibility: every failure, with a reason', () => {
  test('an ordinary cadre with no history, to a unit within its quota, is eligible', () => {
    expect(eligibilityFailures(facts(), request(), allowing, NOW)).toEqual([]);
  });

  test('a unit at county level or below borrows only where the rules allow it; above, always', () => {
    expect(eligibilityFailures(facts(), request(), rules, NOW)).toEqual([
      {
        rule: expect.stringMatching(/^secondment\./),
        zh: expect.any(String),
        code: 'COUNTY_LEVEL_BORROWER',
        reason: "县农业农村局 is a unit at county level or below: the county's rules do not let such units borrow cadres.",
      },
    ]);
    for (const kind of ['COUNTY', 'DEPARTMENT', 'COORDINATION_OFFICE', 'TOWN', 'STATION', 'VILLAGE', 'GRID'])
      expect(codes(facts({ borrowingUnit: { ...BUREAU, kind } }), rules)).toEqual(['COUNTY_LEVEL_BORROWER']);
    expect(codes(facts({ borrowingUnit: CITY }), rules)).toEqual([]);
  });

  test('probationary leaders and leadership members are banned outright', () => {
    expect(eligibilityFailures(facts({ cadre: cadre('PROBATIONARY_LEADER') }), request(), allowing, NOW)).toEqual([
      {
        rule: expect.stringMatching(/^secondment\./),
        zh: expect.any(String),
        code: 'BANNED_CATEGORY',
        reason: "邓国清 is a newly promoted leader in probation (试用期新提任领导): the county's rules do not allow seconding them.",
      },
    ]);
    expect(eligibilityFailures(facts({ cadre: cadre('LEADERSHIP_MEMBER') }), request(), allowing, NOW)[0].reason).toContain('leadership (领导班子成员)');
    expect(codes(facts({ cadre: cadre('LEADERSHIP_MEMBER') }), { ...allowing, bannedCategories: ['PROBATIONARY_LEADER'] })).toEqual([]);
  });

  test('selected graduates under 2 years and new recruits under 3 years, counted from their start', () => {
    const graduate = (since: string) => eligibilityFailures(facts({ cadre: cadre('SELECTED_GRADUATE', since) }), request(), allowing, NOW);
    expect(graduate('2024-11-23T08:00:00.001Z')).toEqual([
      {
        rule: expect.stringMatching(/^secondment\./),
        zh: expect.any(String),
        code: 'BANNED_CATEGORY',
        reason: '邓国清 is a selected graduate (选调生) since 2024-11-23: not before 2 years, on 2026-11-23; the term would start 2026-11-23.',
      },
    ]);
    expect(graduate('2024-11-23T08:00:00.000Z')).toEqual([]);
    const recruit = (since: string, r = allowing) => eligibilityFailures(facts({ cadre: cadre('NEW_RECRUIT', since) }), request(), r, NOW);
    expect(recruit('2023-11-23T08:00:00.001Z')).toEqual([
      {
        rule: expect.stringMatching(/^secondment\./),
        zh: expect.any(String),
        code: 'BANNED_CATEGORY',
        reason: '邓国清 is a new recruit (新录用人员) since 2023-11-23: not before 3 years, on 2026-11-23; the term would start 2026-11-23.',
      },
    ]);
    expect(recruit('2023-11-23T08:00:00.000Z')).toEqual([]);
    expect(recruit('2025-01-01T00:00:00.000Z', { ...allowing, newRecruitYears: 1 })).toEqual([]);
    expect(recruit('2025-01-01T00:00:00.000Z', { ...allowing, bannedCategories: ['SELECTED_GRADUATE'] })).toEqual([]);
    expect(graduate('2025-01-01T00:00:00.000Z')).toHaveLength(1);
    expect(
      eligibilityFailures(facts({ cadre: cadre('SELECTED_GRADUATE', '2025-01-01T00:00:00.000Z') }), request(), { ...allowing, selectedGraduateYears: 1 }, NOW),
    ).toEqual([]);
  });

  test('no second secondment within the cool-down after a return; none while one is active', () => {
    const past = (returnedAt: string | undefined, endsAt = '2026-01-10T00:00:00.000Z', status: 'RETURNED' | 'CLAWED_BACK' | 'ACTIVE' = 'RETURNED') => ({
      id: 'old',
      borrowingUnitId: 'xingcun.dept.propaganda',
      status,
      startedAt: '2025-06-01T00:00:00.000Z',
      endsAt,
      ...(returnedAt && { returnedAt }),
    });
    expect(eligibilityFailures(facts({ history: [past('2025-02-20T00:00:00.000Z')] }), request(), allowing, NOW)).toEqual([
      {
        rule: expect.stringMatching(/^secondment\./),
        zh: expect.any(String),
        code: 'COOL_DOWN',
        reason:
          '邓国清 returned from xingcun.dept.propaganda on 2025-02-20: no second secondment within 24 months, so no term before 2027-02-20; this one would start 2026-11-23.',
      },
    ]);
    expect(codes(facts({ history: [past('2024-11-23T08:00:00.000Z')] }))).toEqual([]);
    expect(codes(facts({ history: [past('2024-11-23T08:00:00.001Z')] }))).toEqual(['COOL_DOWN']);
    // Without a return date, its end counts; the latest of several counts.
    expect(codes(facts({ history: [past(undefined, '2025-12-01T00:00:00.000Z', 'CLAWED_BACK')] }))).toEqual(['COOL_DOWN']);
    expect(codes(facts({ history: [past('2025-12-01T00:00:00.000Z'), past('2020-01-01T00:00:00.000Z')] }))).toEqual(['COOL_DOWN']);
    expect(codes(facts({ history: [past('2020-01-01T00:00:00.000Z'), past('2025-12-01T00:00:00.000Z')] }))).toEqual(['COOL_DOWN']);
    expect(codes(facts({ history: [past('2020-01-01T00:00:00.000Z'), past('2021-12-01T00:00:00.000Z')] }))).toEqual([]);
    expect(codes(facts({ history: [past('2025-12-01T00:00:00.000Z')] }), { ...allowing, coolDownMonths: 0 })).toEqual([]);
    expect(eligibilityFailures(facts({ history: [past(undefined, '2027-01-01T00:00:00.000Z', 'ACTIVE')] }), request(), allowing, NOW)).toEqual([
      {
        rule: expect.stringMatching(/^secondment\./),
        zh: expect.any(String),
        code: 'ALREADY_SECONDED',
        reason: '邓国清 is already on secondment to xingcun.dept.propaganda.',
      },
    ]);
    expect(
      eligibilityFailures(facts({ cadre: undefined, history: [past(undefined, '2027-01-01T00:00:00.000Z', 'ACTIVE')] }), request(), allowing, NOW)[1].reason,
    ).toBe('The cadre is already on secondment to xingcun.dept.propaganda.');
  });

  test('the term asked: at most the term rule, and within the cumulative cap', () => {
    expect(codes(facts(), allowing, request(6))).toEqual([]);
    expect(eligibilityFailures(facts(), request(7), allowing, NOW)).toEqual([
      { rule: expect.stringMatching(/^secondment\./), zh: expect.any(String), code: 'TERM_TOO_LONG', reason: '7 months asked: a term is at most 6 months.' },
    ]);
    expect(codes(facts(), { ...allowing, maxTermMonths: 24 }, request(12))).toEqual([]);
    expect(eligibilityFailures(facts(), request(13), { ...allowing, maxTermMonths: 24 }, NOW)).toEqual([
      {
        rule: expect.stringMatching(/^secondment\./),
        zh: expect.any(String),
        code: 'OVER_CAP',
        reason: '13 months asked: one secondment lasts at most 12 months in all.',
      },
    ]);
  });

  test("the borrowing unit's quota: its own, else the default; its own unit is no secondment", () => {
    expect(codes(facts({ borrowingUnitActive: 1 }))).toEqual([]);
    expect(eligibilityFailures(facts({ borrowingUnitActive: 2 }), request(), allowing, NOW)).toEqual([
      {
        rule: expect.stringMatching(/^secondment\./),
        zh: expect.any(String),
        code: 'OVER_QUOTA',
        reason: '县农业农村局 already holds 2 seconded cadre(s); its quota is 2.',
      },
    ]);
    const own = { ...allowing, quotas: { [BUREAU.id]: 0 } };
    expect(codes(facts(), own)).toEqual(['OVER_QUOTA']);
    expect(codes(facts({ borrowingUnitActive: 4 }), { ...allowing, quotas: { [BUREAU.id]: 5 } })).toEqual([]);
    expect(quotaOf(own, BUREAU.id)).toBe(0);
    expect(quotaOf(own, 'other')).toBe(2);
    expect(quotaOf({ ...allowing, quotas: JSON.parse('{}') }, 'toString')).toBe(2);
    expect(eligibilityFailures(facts({ borrowingUnit: { ...BUREAU, id: TOWN, kind: 'TOWN', name: '桥头镇' } }), request(), allowing, NOW)).toEqual([
      {
        rule: expect.stringMatching(/^secondment\./),
        zh: expect.any(String),
        code: 'OWN_UNIT',
        reason: '邓国清 already serves in 桥头镇: that is no secondment.',
      },
    ]);
  });

  test('every failure is listed, not only the first, in a stable order', () => {
    const all = facts({
      cadre: cadre('PROBATIONARY_LEADER'),
      borrowingUnitActive: 9,
      history: [
        {
          id: 'o',
          borrowingUnitId: 'x',
          status: 'RETURNED',
          startedAt: '2026-01-01T00:00:00.000Z',
          endsAt: '2026-05-01T00:00:00.000Z',
          returnedAt: '2026-05-01T00:00:00.000Z',
        },
      ],
    });
    expect(codes(all, rules, request(13))).toEqual(['BANNED_CATEGORY', 'COOL_DOWN', 'TERM_TOO_LONG', 'OVER_CAP', 'COUNTY_LEVEL_BORROWER', 'OVER_QUOTA']);
    expect(eligibilityFailures(facts({ cadre: undefined }), request(), allowing, NOW)).toEqual([
      {
        rule: expect.stringMatching(/^secondment\./),
        zh: expect.any(String),
        code: 'NO_CADRE_RECORD',
        reason: 'p.deng has no cadre record in the organisation data: eligibility cannot be shown.',
      },
    ]);
  });
});

describe('the term', () => {
  test('calendar months, the last day of a shorter month when the day does not exist', () => {
    expect(addMonths('2026-01-31T16:00:00.000Z', 1)).toBe('2026-02-28T16:00:00.000Z');
    expect(addMonths('2028-01-31T16:00:00.000Z', 1)).toBe('2028-02-29T16:00:00.000Z');
    expect(addMonths('2026-11-23T08:30:15.250Z', 6)).toBe('2027-05-23T08:30:15.250Z');
    expect(addMonths('2026-03-31T00:00:00.000Z', -1)).toBe('2026-02-28T00:00:00.000Z');
    expect(addMonths('2026-05-15T00:00:00.000Z', 0)).toBe('2026-05-15T00:00:00.000Z');
  });

  test('months of the calendar, or of a test month', () => {
    expect(termEnd('2026-11-23T08:00:00.000Z', 6)).toBe('2027-05-23T08:00:00.000Z');
    expect(termEnd('2026-11-23T08:00:00.000Z', 3, '5s')).toBe('2026-11-23T08:00:15.000Z');
    expect(termEnd('2026-11-23T08:00:00.000Z', 2, '1h')).toBe('2026-11-23T10:00:00.000Z');
  });

  test('from the day asked for, or from registration when that is later', () => {
    // A day asked for begins at 00:00 Beijing time.
    expect(termStart('2026-12-01', '2026-11-23T08:00:00.000Z')).toBe('2026-11-30T16:00:00.000Z');
    expect(termStart('2026-11-24', '2026-11-23T15:59:59.999Z')).toBe('2026-11-23T16:00:00.000Z');
    expect(termStart('2026-11-24', '2026-11-23T16:00:00.001Z')).toBe('2026-11-23T16:00:00.001Z');
    expect(termStart('2026-11-01', '2026-11-23T08:00:00.000Z')).toBe('2026-11-23T08:00:00.000Z');
    expect(termStart('2026-11-23T08:00:00.000Z', '2026-11-23T08:00:00.000Z')).toBe('2026-11-23T08:00:00.000Z');
  });
});

function view(step: string, details: Partial<SecondmentView['details']> = {}, status: SecondmentView['status'] = 'RUNNING'): SecondmentView {
  return {
    processType: 'secondment',
    workflowId: 'secondment-xingcun.qiaotou-r1',
    title: 't',
    countyId: 'xingcun',
    step,
    status,
    nextActors: [],
    overdue: false,
    startedAt: '',
    updatedAt: '',
    record: [],
    details: {
      origin: 'REQUEST',
      cadre: { personId: 'p.deng', name: '邓国清' },
      sourceUnit: { id: TOWN, kind: 'TOWN', name: '桥头镇', townId: TOWN },
      borrowingUnit: BUREAU,
      orgDepartmentId: 'xingcun.dept.organisation',
      approverOrgId: 'xingcun',
      inspectorOrgId: 'xingcun.dept.discipline-inspection',
      request: request(),
      consents: [],
      reviews: [],
      approvals: [],
      monthsApproved: 0,
      extensions: [],
      escalated: false,
      ...details,
    },
  };
}

const townReviewer = actor('TOWN_REVIEWER', TOWN);
const orgDept = actor('ORG_DEPARTMENT', 'xingcun.dept.organisation');
const approver = actor('APPROVER', 'xingcun');
const inspector = actor('INSPECTOR', 'xingcun.dept.discipline-inspection');
const borrower = actor('DISPATCHER', BUREAU.id);
const given = (party: 'SOURCE_UNIT' | 'CADRE', consent = true) => ({ party, consent, at: '', personId: 'p' });

describe('steps', () => {
  test('who consents for the source unit', () => {
    expect(sourceRole({ kind: 'TOWN' })).toBe('TOWN_REVIEWER');
    expect(sourceRole({ kind: 'VILLAGE' })).toBe('VILLAGE_SECRETARY');
    expect(sourceRole({ kind: 'DEPARTMENT' })).toBe('DISPATCHER');
  });

  test('consent: the source unit by its role there, the cadre in person, each once, a refusal with a reason', () => {
    const v = view('CONSENT');
    expect(mayConsent(v, townReviewer, { party: 'SOURCE_UNIT', consent: true })).toEqual({ ok: true });
    expect(mayConsent(v, actor('TOWN_REVIEWER', 'xingcun.xikou'), { party: 'SOURCE_UNIT', consent: true })).toMatchObject({ code: 'WRONG_ORGANISATION' });
    expect(mayConsent(v, actor('DISPATCHER', TOWN, 'p.deng'), { party: 'SOURCE_UNIT', consent: true })).toMatchObject({ code: 'NOT_AUTHORISED' });
    expect(mayConsent(v, actor('DISPATCHER', TOWN, 'p.deng'), { party: 'CADRE', consent: true })).toEqual({ ok: true });
    expect(mayConsent(v, townReviewer, { party: 'CADRE', consent: true })).toMatchObject({ code: 'NOT_AUTHORISED' });
    expect(mayConsent(v, townReviewer, { party: 'SOURCE_UNIT', consent: false })).toMatchObject({ code: 'MISSING_REASON' });
    expect(mayConsent(v, townReviewer, { party: 'SOURCE_UNIT', consent: false, comment: '春耕期间人手紧张' })).toEqual({ ok: true });
    expect(mayConsent(view('CONSENT', { consents: [given('SOURCE_UNIT')] }), townReviewer, { party: 'SOURCE_UNIT', consent: true })).toMatchObject({
      code: 'ALREADY_DONE',
    });
    expect(mayConsent(view('CONSENT', { consents: [given('SOURCE_UNIT')] }), actor('DISPATCHER', TOWN, 'p.deng'), { party: 'CADRE', consent: true })).toEqual({
      ok: true,
    });
    expect(mayConsent(view('CONSENT', { consents: [given('CADRE')] }), actor('DISPATCHER', TOWN, 'p.deng'), { party: 'CADRE', consent: true })).toMatchObject({
      code: 'ALREADY_DONE',
    });
    expect(mayConsent(view('REVIEW'), townReviewer, { party: 'SOURCE_UNIT', consent: true })).toMatchObject({ code: 'WRONG_STEP' });
    expect(mayConsent(view('CLOSED', {}, 'REJECTED'), townReviewer, { party: 'SOURCE_UNIT', consent: true })).toMatchObject({ code: 'PROCESS_CLOSED' });
  });

  test('both consents are needed', () => {
    expect(bothConsented({ consents: [given('SOURCE_UNIT'), given('CADRE')] })).toBe(true);
    expect(bothConsented({ consents: [given('SOURCE_UNIT')] })).toBe(false);
    expect(bothConsented({ consents: [given('CADRE')] })).toBe(false);
    expect(bothConsented({ consents: [given('SOURCE_UNIT'), given('CADRE', false)] })).toBe(false);
  });

  test('review by the organisation department and approval by the approver, of the request or an extension; a rejection says why', () => {
    for (const step of ['REVIEW', 'EXTENSION_REVIEW']) expect(mayReview(view(step), orgDept, { decision: 'APPROVE' })).toEqual({ ok: true });
    expect(mayReview(view('APPROVAL'), orgDept, { decision: 'APPROVE' })).toMatchObject({ code: 'WRONG_STEP' });
    expect(mayReview(view('REVIEW'), approver, { decision: 'APPROVE' })).toMatchObject({ code: 'NOT_AUTHORISED' });
    expect(mayReview(view('REVIEW'), orgDept, { decision: 'REJECT' })).toMatchObject({ code: 'MISSING_REASON' });
    expect(mayReview(view('REVIEW'), orgDept, { decision: 'REJECT', comment: '不符合' })).toEqual({ ok: true });
    for (const step of ['APPROVAL', 'EXTENSION_APPROVAL']) expect(mayApprove(view(step), approver, { decision: 'APPROVE' })).toEqual({ ok: true });
    expect(mayApprove(view('REVIEW'), approver, { decision: 'APPROVE' })).toMatchObject({ code: 'WRONG_STEP' });
    expect(mayApprove(view('APPROVAL'), orgDept, { decision: 'APPROVE' })).toMatchObject({ code: 'NOT_AUTHORISED' });
    expect(mayApprove(view('APPROVAL'), approver, { decision: 'REJECT', comment: ' ' })).toMatchObject({ code: 'MISSING_REASON' });
  });

  test('registration by the organisation department, with its reference', () => {
    expect(mayRegister(view('REGISTRATION'), orgDept, { registrationRef: '组干备〔2026〕3号' })).toEqual({ ok: true });
    expect(mayRegister(view('APPROVAL'), orgDept, { registrationRef: 'r' })).toMatchObject({ code: 'WRONG_STEP' });
    expect(mayRegister(view('REGISTRATION'), approver, { registrationRef: 'r' })).toMatchObject({ code: 'NOT_AUTHORISED' });
    expect(mayRegister(view('REGISTRATION'), orgDept, { registrationRef: '' })).toMatchObject({ code: 'MISSING_REASON' });
  });

  test('a withdrawal: the borrowing unit that asked, before the term starts, with a reason', () => {
    for (const step of ['CONSENT', 'REVIEW', 'APPROVAL', 'REGISTRATION'])
      expect(mayWithdraw(view(step), borrower, { reason: '专班撤销' })).toEqual({ ok: true });
    for (const step of ['ACTIVE', 'EXTENSION_REVIEW', 'RETURN_CONFIRMATION', 'CLAWBACK'])
      expect(mayWithdraw(view(step), borrower, { reason: '专班撤销' })).toMatchObject({ code: 'WRONG_STEP' });
    expect(mayWithdraw(view('REVIEW'), orgDept, { reason: '专班撤销' })).toMatchObject({ code: 'NOT_AUTHORISED' });
    expect(mayWithdraw(view('REVIEW'), borrower, { reason: ' ' })).toMatchObject({ code: 'MISSING_REASON' });
  });

  test('an extension: the borrowing unit, while active, with a reason, never past the cap however many it takes', () => {
    const active = view('ACTIVE', { monthsApproved: 6 });
    expect(mayRequestExtension(active, borrower, { months: 6, reason: '专班延期' }, rules)).toEqual({ ok: true });
    expect(mayRequestExtension(active, borrower, { months: 7, reason: '专班延期' }, rules)).toMatchObject({
      code: 'RULE_BROKEN',
      rule: 'secondment.cumulativeCapMonths',
    });
    const twice = view('ACTIVE', { monthsApproved: 10, extensions: [{ months: 4, reason: 'r', askedAt: '', status: 'APPROVED' }] });
    expect(mayRequestExtension(twice, borrower, { months: 2, reason: 'r' }, rules)).toEqual({ ok: true });
    expect(mayRequestExtension(twice, borrower, { months: 3, reason: 'r' }, rules)).toMatchObject({
      code: 'RULE_BROKEN',
      rule: 'secondment.cumulativeCapMonths',
    });
    expect(mayRequestExtension(active, borrower, { months: 1, reason: '' }, rules)).toMatchObject({ code: 'MISSING_REASON' });
    expect(mayRequestExtension(active, actor('DISPATCHER', 'xingcun.dept.civil-affairs'), { months: 1, reason: 'r' }, rules)).toMatchObject({
      code: 'WRONG_ORGANISATION',
    });
    expect(mayRequestExtension(view('EXTENSION_REVIEW', { monthsApproved: 6 }), borrower, { months: 1, reason: 'r' }, rules)).toMatchObject({
      code: 'WRONG_STEP',
    });
    expect(
      monthsWith(
        {
          monthsApproved: 6,
          extensions: [
            { months: 3, reason: '', askedAt: '', status: 'PENDING' },
            { months: 2, reason: '', askedAt: '', status: 'REJECTED' },
            { months: 1, reason: '', askedAt: '', status: 'LAPSED' },
          ],
        },
        2,
      ),
    ).toBe(11);
  });

  test('an extension is in time when the lead time from now ends by the end of the term', () => {
    expect(extensionInTime('2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z')).toEqual({ ok: true });
    expect(extensionInTime('2026-12-01T00:00:00.001Z', '2026-12-01T00:00:00.000Z')).toMatchObject({
      ok: false,
      code: 'RULE_BROKEN',
      rule: 'secondment.extensionLeadTime',
    });
  });

  test('the return is confirmed by the source unit, or by the organisation department once escalated', () => {
    expect(mayConfirmReturn(view('RETURN_CONFIRMATION'), townReviewer)).toEqual({ ok: true });
    expect(mayConfirmReturn(view('RETURN_CONFIRMATION'), orgDept)).toMatchObject({ code: 'NOT_AUTHORISED' });
    expect(mayConfirmReturn(view('RETURN_CONFIRMATION', { escalated: true }), orgDept)).toEqual({ ok: true });
    expect(mayConfirmReturn(view('RETURN_CONFIRMATION', { escalated: true }), townReviewer)).toEqual({ ok: true });
    expect(mayConfirmReturn(view('RETURN_CONFIRMATION', { escalated: true }), approver)).toMatchObject({ code: 'NOT_AUTHORISED' });
    expect(mayConfirmReturn(view('ACTIVE'), townReviewer)).toMatchObject({ code: 'WRONG_STEP' });
    expect(mayConfirmReturn(view('ACTIVE', { escalated: true }), orgDept)).toMatchObject({ code: 'WRONG_STEP' });
  });

  test('clawback by an inspector, at any step before the return, with a reason', () => {
    for (const step of ['CONSENT', 'REVIEW', 'APPROVAL', 'REGISTRATION', 'ACTIVE', 'EXTENSION_REVIEW', 'EXTENSION_APPROVAL', 'CLAWBACK']) {
      expect(mayClawBack(view(step), inspector, { grounds: 'UNAPPROVED', reason: '未经审批' })).toEqual({ ok: true });
    }
    for (const step of ['ELIGIBILITY', 'RETURN_CONFIRMATION'])
      expect(mayClawBack(view(step), inspector, { grounds: 'EXPIRED', reason: 'r' })).toMatchObject({ code: 'WRONG_STEP' });
    expect(mayClawBack(view('ACTIVE'), orgDept, { grounds: 'EXPIRED', reason: 'r' })).toMatchObject({ code: 'NOT_AUTHORISED' });
    expect(mayClawBack(view('ACTIVE'), inspector, { grounds: 'EXPIRED', reason: '' })).toMatchObject({ code: 'MISSING_REASON' });
  });
});

describe("the county's secondment rules", () => {
  test('defaults of docs/processes.md §5, each within its bounds', () => {
    expect(rules).toEqual({
      bannedCategories: ['PROBATIONARY_LEADER', 'LEADERSHIP_MEMBER', 'SELECTED_GRADUATE', 'NEW_RECRUIT'],
      selectedGraduateYears: 2,
      newRecruitYears: 3,
      maxTermMonths: 6,
      cumulativeCapMonths: 12,
      coolDownMonths: 24,
      consentPeriod: 5,
      extensionLeadTime: 10,
      returnConfirmationPeriod: 5,
      countyLevelMayBorrow: false,
      defaultQuota: 2,
      quotas: {},
    });
    expect(ruleViolations(sections, { secondment: rules })).toEqual([]);
  });

  test.each([
    ['selectedGraduateYears', 0, 10],
    ['newRecruitYears', 0, 10],
    ['maxTermMonths', 1, 24],
    ['cumulativeCapMonths', 1, 36],
    ['coolDownMonths', 0, 60],
    ['consentPeriod', 1, 30],
    ['extensionLeadTime', 1, 60],
    ['returnConfirmationPeriod', 1, 30],
    ['defaultQuota', 0, 100],
  ])('secondment.%s: from %d to %d', (rule, min, max) => {
    const check = (value: unknown) => ruleViolations(sections, { secondment: { [rule]: value } }).length;
    expect([check(min), check(max), check(min - 1), check(max + 1), check(min + 0.5)]).toEqual([0, 0, 1, 1, 1]);
  });

  test('the banned categories: a list of the four', () => {
    const check = (value: unknown) => ruleViolations(sections, { secondment: { bannedCategories: value } }).length;
    expect([check([]), check(['NEW_RECRUIT']), check(['ORDINARY_CADRE']), check('NEW_RECRUIT')]).toEqual([0, 0, 1, 1]);
    expect(describeBound(sections.secondment.bannedCategories)).toBe('at most 4 of PROBATIONARY_LEADER, LEADERSHIP_MEMBER, SELECTED_GRADUATE, NEW_RECRUIT');
  });

  test('quotas: organisation ids, each a whole number within the bounds, so many at most', () => {
    const check = (value: unknown) => ruleViolations(sections, { secondment: { quotas: value } });
    expect(check({})).toEqual([]);
    expect(check({ 'xingcun.dept.civil-affairs': 0, 'xingcun.dept.agriculture-rural': 100, x: 3 })).toEqual([]);
    const bound = 'at most 200 organisation ids, each with a whole number from 0 to 100';
    expect(describeBound(sections.secondment.quotas)).toBe(bound);
    for (const bad of [{ a: -1 }, { a: 101 }, { a: 1.5 }, { a: '1' }, { 'A.b': 1 }, { '.a': 1 }, { '': 1 }, { ['a'.repeat(101)]: 1 }, [], [1], null, 'a', 3]) {
      expect(check(bad)).toEqual([{ rule: 'secondment.quotas', value: bad, bound }]);
    }
    expect(check({ ['a'.repeat(100)]: 1, 'a-b.c9': 2 })).toEqual([]);
    expect(check(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`u${i}`, 1])))).toEqual([]);
    expect(check(Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`u${i}`, 1])))).toHaveLength(1);
  });

  test('county-level borrowing: a flag', () => {
    expect(ruleViolations(sections, { secondment: { countyLevelMayBorrow: true } })).toEqual([]);
    expect(ruleViolations(sections, { secondment: { countyLevelMayBorrow: 'yes' } })).toHaveLength(1);
  });
});
