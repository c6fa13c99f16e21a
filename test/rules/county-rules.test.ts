// The county's rules: every bound exactly, defaults, the periods a test may shorten, and what production refuses.
import {
  DAY_MS,
  describeBound,
  describePeriod,
  durationMs,
  overrideRefusals,
  periodNames,
  periodOf,
  ruleOfPeriod,
  ruleViolations,
  SECOND_MS,
  shortestMs,
  withDefaults,
} from '../../workflows/rules/checks';
import { WEEKDAYS, type RuleDefinition } from '../../workflows/rules/definitions';
import { processRegistry } from '../../processes';
import { BEIJING_OFFSET_MS, endOfWeekday } from '../../workflows/common/durations';

/** The platform's sections and every registered process's. */
const sections = processRegistry.ruleSections();
const defaults = withDefaults(sections);

describe('durations', () => {
  test.each([
    ['1s', 1000],
    ['30s', 30_000],
    ['15m', 900_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['999999999s', 999_999_999_000],
  ])('%s is %d ms', (text, ms) => expect(durationMs(text)).toBe(ms));

  test.each(['', '0s', '0ms', '1ms', '01s', '-1s', '1.5h', '1 day', '1', 's', '1w', ' 1s', '1s ', '1000000000s', '1S'])('%j is not a duration', (text) =>
    expect(durationMs(text)).toBeUndefined(),
  );

  test('constants', () => {
    expect(SECOND_MS).toBe(1000);
    expect(DAY_MS).toBe(86_400_000);
  });
});

describe('the definitions', () => {
  test('the docs/processes.md defaults', () => {
    expect(defaults).toEqual({
      admission: { consultationPeriod: 5 },
      dispatch: { reviewPeriod: 2, minimumLeadTime: 3, deadlineReminder: '1d', progressReportDay: 'FRIDAY', maxReworkRounds: 3 },
      // Its defaults, rule by rule, in test/majorMatterDecision/rules.test.ts.
      majorMatterDecision: expect.objectContaining({ reviewNoticeDays: 3, villagersNoticeDays: 10, resolutionDisclosure: '7d' }),
      platform: { stepRequestRetention: '90d' },
      projectBidding: expect.any(Object), // its defaults: test/projectBidding/rules.test.ts
      secondment: expect.any(Object), // its defaults: test/secondment/rules.test.ts
      villageEvaluation: { markingPeriod: 10, publicNotice: '5d', rewardAmount: 20000, rewardedVillages: 1, topMark: 100, yellowCardBelow: 60 },
    });
  });

  test('every default is within its own bounds, every rule says what it means', () => {
    expect(ruleViolations(sections, defaults)).toEqual([]);
    for (const rules of Object.values(sections)) {
      for (const rule of Object.values(rules)) expect(rule.meaning.length).toBeGreaterThan(20);
    }
  });
});

describe('bounds, exactly', () => {
  const numeric: [string, string, number, number][] = [
    ['admission', 'consultationPeriod', 1, 30],
    ['dispatch', 'reviewPeriod', 1, 10],
    ['dispatch', 'minimumLeadTime', 1, 20],
    ['dispatch', 'maxReworkRounds', 1, 10],
  ];
  test.each(numeric)('%s.%s: from %d to %d, whole numbers only', (section, rule, min, max) => {
    const check = (value: unknown) => ruleViolations(sections, { [section]: { [rule]: value } });
    const bound = describeBound(sections[section][rule]);
    expect(check(min)).toEqual([]);
    expect(check(max)).toEqual([]);
    for (const bad of [min - 1, max + 1, min + 0.5, String(min), null]) expect(check(bad)).toEqual([{ rule: `${section}.${rule}`, value: bad, bound }]);
  });

  test('bounds in words', () => {
    expect(describeBound(sections.admission.consultationPeriod)).toBe('a whole number of working days from 1 to 30');
    expect(describeBound(sections.dispatch.maxReworkRounds)).toBe('a whole number from 1 to 10');
    expect(describeBound(sections.dispatch.deadlineReminder)).toBe('a duration from 1h to 7d');
    expect(describeBound(sections.dispatch.progressReportDay)).toBe('one of MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY');
    expect(describeBound({ unit: 'RATIO', default: 0.5, min: 0.5, max: 1, meaning: '' })).toBe('a ratio from 0.5 to 1');
    expect(describeBound({ unit: 'FLAG', default: true, meaning: '' })).toBe('true or false');
    expect(describeBound({ unit: 'LIST', default: [], options: ['A', 'B'], maxItems: 1, meaning: '' })).toBe('at most 1 of A, B');
  });

  test('dispatch.deadlineReminder: from 1h to 7d', () => {
    const check = (value: unknown) => ruleViolations(sections, { dispatch: { deadlineReminder: value } });
    for (const ok of ['1h', '60m', '3600s', '7d', '168h', '1d']) expect(check(ok)).toEqual([]);
    for (const bad of ['59m', '3599s', '169h', '8d', '0s', '', 'a day', 86_400_000, ['1h']]) {
      expect(check(bad)).toEqual([{ rule: 'dispatch.deadlineReminder', value: bad, bound: 'a duration from 1h to 7d' }]);
    }
  });

  test('dispatch.progressReportDay: a weekday', () => {
    const check = (value: unknown) => ruleViolations(sections, { dispatch: { progressReportDay: value } });
    for (const day of ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']) expect(check(day)).toEqual([]);
    expect(WEEKDAYS).toHaveLength(7);
    for (const bad of ['friday', 'FRI', '', 5]) expect(check(bad)).toHaveLength(1);
  });

  test('the other units a later section may use: ratio, flag, list', () => {
    const ratio: RuleDefinition = { unit: 'RATIO', default: 0.5, min: 0.5, max: 1, meaning: '' };
    const flag: RuleDefinition = { unit: 'FLAG', default: false, meaning: '' };
    const list: RuleDefinition = { unit: 'LIST', default: [], options: ['A', 'B', 'C'], maxItems: 2, meaning: '' };
    const later = { ...sections, later: { ratio, flag, list } };
    const check = (rule: string, value: unknown) => ruleViolations(later, { later: { [rule]: value } }).length;
    expect([check('ratio', 0.5), check('ratio', 1), check('ratio', 2 / 3)]).toEqual([0, 0, 0]);
    expect([check('ratio', 0.49), check('ratio', 1.01), check('ratio', '0.6')]).toEqual([1, 1, 1]);
    expect([check('flag', true), check('flag', false), check('flag', 'true'), check('flag', 0)]).toEqual([0, 0, 1, 1]);
    expect([check('list', []), check('list', ['A', 'C']), check('list', ['A', 'B', 'C']), check('list', ['D']), check('list', 'A')]).toEqual([0, 0, 1, 1, 1]);
    expect((withDefaults(later) as unknown as Record<string, unknown>).later).toEqual({ ratio: 0.5, flag: false, list: [] });
  });

  test('unknown sections and rules are named', () => {
    expect(ruleViolations(sections, { dispatch: { reviewDays: 2 }, secondment: { cap: 1 } })).toEqual([
      { rule: 'dispatch.reviewDays', value: 2, bound: 'no such rule' },
      { rule: 'secondment.cap', value: 1, bound: 'no such rule' },
    ]);
  });

  test('names that objects inherit are no rules either', () => {
    expect(ruleViolations(sections, JSON.parse('{"__proto__": {"toString": 1}, "dispatch": {"constructor": 2}}'))).toEqual([
      { rule: '__proto__.toString', value: 1, bound: 'no such rule' },
      { rule: 'dispatch.constructor', value: 2, bound: 'no such rule' },
    ]);
  });

  test('every violation of a set is named, each with its bound', () => {
    expect(ruleViolations(sections, { admission: { consultationPeriod: 0 }, dispatch: { reviewPeriod: 11, maxReworkRounds: 2 } })).toEqual([
      { rule: 'admission.consultationPeriod', value: 0, bound: 'a whole number of working days from 1 to 30' },
      { rule: 'dispatch.reviewPeriod', value: 11, bound: 'a whole number of working days from 1 to 10' },
    ]);
  });
});

describe('defaults fill what a rule set does not give', () => {
  test('given values are kept, missing ones and missing sections defaulted', () => {
    expect(withDefaults(sections, { dispatch: { reviewPeriod: 4 } })).toEqual({ ...defaults, dispatch: { ...defaults.dispatch, reviewPeriod: 4 } });
    expect(withDefaults(sections, { admission: {} })).toEqual(defaults);
  });
});

describe('periods', () => {
  test('the periods the rules name', () => {
    expect(periodNames(sections)).toEqual([
      'admissionConsultation',
      'dispatchReview',
      'minimumLeadTime',
      'deadlineReminder',
      'progressReport',
      'majorMatterStep',
      'resolutionDisclosure',
      'resultDisclosure',
      'biddingPublicNotice',
      'biddingNoBidChoice',
      'biddingMilestoneAcceptance',
      'secondmentConsent',
      'secondmentExtensionLead',
      'secondmentReturnConfirmation',
      'evaluationMarking',
      'evaluationNotice',
    ]);
  });

  test('each per-instance period names the rule it shortens', () => {
    expect(ruleOfPeriod(sections, 'admissionConsultation')).toMatchObject({ section: 'admission', rule: 'consultationPeriod' });
    expect(ruleOfPeriod(sections, 'dispatchReview')).toMatchObject({ section: 'dispatch', rule: 'reviewPeriod' });
    expect(ruleOfPeriod(sections, 'minimumLeadTime')).toMatchObject({ section: 'dispatch', rule: 'minimumLeadTime' });
    expect(ruleOfPeriod(sections, 'deadlineReminder')).toMatchObject({ section: 'dispatch', rule: 'deadlineReminder' });
    expect(ruleOfPeriod(sections, 'progressReport')).toMatchObject({ section: 'dispatch', rule: 'progressReportDay' });
    expect(() => ruleOfPeriod(sections, 'nothing' as never)).toThrow('No rule for the period nothing');
  });

  test('the period of a pinned rule, or the instance own', () => {
    expect(periodOf(sections, defaults, 'admissionConsultation')).toEqual({ workingDays: 5 });
    expect(periodOf(sections, defaults, 'deadlineReminder')).toEqual({ duration: '1d' });
    expect(periodOf(sections, defaults, 'progressReport')).toEqual({ weeklyOn: 'FRIDAY' });
    expect(periodOf(sections, defaults, 'dispatchReview', { dispatchReview: { duration: '1s' } })).toEqual({ duration: '1s' });
    expect(periodOf(sections, defaults, 'dispatchReview', { minimumLeadTime: { duration: '1s' } })).toEqual({ workingDays: 2 });
  });

  test('shortest lengths and words', () => {
    expect(shortestMs({ workingDays: 2 })).toBe(2 * DAY_MS);
    expect(shortestMs({ workingDays: 0 })).toBeUndefined();
    expect(shortestMs({ workingDays: 1.5 })).toBeUndefined();
    expect(shortestMs({ weeklyOn: 'MONDAY' })).toBe(7 * DAY_MS);
    expect(shortestMs({ duration: '2s' })).toBe(2000);
    expect(shortestMs({ duration: '' })).toBeUndefined();
    expect([describePeriod({ workingDays: 2 }), describePeriod({ weeklyOn: 'FRIDAY' }), describePeriod({ duration: '2s' })]).toEqual([
      '2 working days',
      'every FRIDAY',
      '2s',
    ]);
  });
});

describe('per-instance periods and bounds', () => {
  const refusals = (request: Parameters<typeof overrideRefusals>[2], production = false) => overrideRefusals(sections, defaults, request, production);

  test('nothing asked, nothing refused, in every mode', () => {
    expect(refusals({})).toEqual([]);
    expect(refusals({}, true)).toEqual([]);
    expect(refusals({ periods: {} }, true)).toEqual([]);
  });

  test('production refuses any, even a shortening', () => {
    const production = ["Per-instance periods and bounds are for tests and demos: in production the county's rules apply."];
    expect(refusals({ periods: { dispatchReview: { duration: '1s' } } }, true)).toEqual(production);
    expect(refusals({ maxReworkRounds: 1 }, true)).toEqual(production);
  });

  test('outside production a period may be shortened down to one second, never to zero or nothing', () => {
    expect(refusals({ periods: { dispatchReview: { duration: '1s' }, progressReport: { duration: '2s' }, minimumLeadTime: { workingDays: 1 } } })).toEqual([]);
    expect(
      refusals({ periods: { admissionConsultation: { duration: '5d' }, deadlineReminder: { duration: '1d' }, progressReport: { weeklyOn: 'MONDAY' } } }),
    ).toEqual([]);
    expect(refusals({ periods: { progressReport: { duration: '' } } })).toEqual(['periods.progressReport:  is not a period of at least one second.']);
    expect(refusals({ periods: { progressReport: { duration: '0ms' } } })).toEqual(['periods.progressReport: 0ms is not a period of at least one second.']);
    expect(refusals({ periods: { dispatchReview: { workingDays: 0 } } })).toEqual([
      'periods.dispatchReview: 0 working days is not a period of at least one second.',
    ]);
  });

  test('a period is never lengthened', () => {
    expect(
      refusals({
        periods: {
          admissionConsultation: { duration: '6d' },
          dispatchReview: { workingDays: 3 },
          deadlineReminder: { duration: '25h' },
          progressReport: { duration: '8d' },
        },
      }),
    ).toEqual([
      "periods.admissionConsultation: 6d would lengthen the county's rule (5 working days); a period may only be shortened.",
      "periods.dispatchReview: 3 working days would lengthen the county's rule (2 working days); a period may only be shortened.",
      "periods.deadlineReminder: 25h would lengthen the county's rule (1d); a period may only be shortened.",
      "periods.progressReport: 8d would lengthen the county's rule (every FRIDAY); a period may only be shortened.",
    ]);
  });

  test('rework rounds may be lowered to the bound, never raised above the rule', () => {
    expect(refusals({ maxReworkRounds: 1 })).toEqual([]);
    expect(refusals({ maxReworkRounds: 3 })).toEqual([]);
    for (const bad of [0, 4, 1.5])
      expect(refusals({ maxReworkRounds: bad })).toEqual([`maxReworkRounds: ${bad} must be a whole number from 1 to the county's rule (3).`]);
    expect(overrideRefusals(sections, withDefaults(sections, { dispatch: { maxReworkRounds: 5 } }), { maxReworkRounds: 5 }, false)).toEqual([]);
  });
});

describe('weekly rhythms: days end at 24:00 Beijing time', () => {
  test('Beijing is UTC+8', () => expect(BEIJING_OFFSET_MS).toBe(28_800_000));

  test('the weekly report is due at the end of the next Friday, Beijing time', () => {
    // Wednesday 2026-11-18 10:00 Beijing → Friday 20 November, 24:00 Beijing.
    expect(endOfWeekday('2026-11-18T02:00:00Z', 'FRIDAY')).toBe('2026-11-20T16:00:00.000Z');
    // Friday evening in Beijing still counts for that Friday; Saturday morning rolls to the next one.
    expect(endOfWeekday('2026-11-20T12:00:00Z', 'FRIDAY')).toBe('2026-11-20T16:00:00.000Z');
    expect(endOfWeekday('2026-11-20T17:00:00Z', 'FRIDAY')).toBe('2026-11-27T16:00:00.000Z');
  });

  test('the end of a weekday, Beijing time, for every weekday', () => {
    // Wednesday 18 November 2026, 10:00 Beijing.
    const from = '2026-11-18T02:00:00Z';
    expect(endOfWeekday(from, 'WEDNESDAY')).toBe('2026-11-18T16:00:00.000Z');
    expect(endOfWeekday(from, 'THURSDAY')).toBe('2026-11-19T16:00:00.000Z');
    expect(endOfWeekday(from, 'FRIDAY')).toBe('2026-11-20T16:00:00.000Z');
    expect(endOfWeekday(from, 'SATURDAY')).toBe('2026-11-21T16:00:00.000Z');
    expect(endOfWeekday(from, 'SUNDAY')).toBe('2026-11-22T16:00:00.000Z');
    expect(endOfWeekday(from, 'MONDAY')).toBe('2026-11-23T16:00:00.000Z');
    expect(endOfWeekday(from, 'TUESDAY')).toBe('2026-11-24T16:00:00.000Z');
  });
});
