// The retention of idempotency records: the cutoff is the longest retention any county asks for (pure).
import { pruneCutoff } from '../../domain/step-requests';
import { ruleViolations, withDefaults } from '../../workflows/rules/checks';
import { PLATFORM_RULES } from '../../workflows/rules/platform-section';

const sections = { platform: PLATFORM_RULES };

const now = new Date('2026-12-03T04:00:00.000Z');

test('the cutoff is now less the longest retention of the counties', () => {
  expect(pruneCutoff(now, ['1d'])).toEqual(new Date('2026-12-02T04:00:00.000Z'));
  expect(pruneCutoff(now, ['1d', '90d', '7d'])).toEqual(new Date('2026-09-04T04:00:00.000Z'));
  expect(pruneCutoff(now, ['12h', '1d'])).toEqual(new Date('2026-12-02T04:00:00.000Z'));
});

test('no county, or a retention that is not a duration: nothing is pruned', () => {
  expect(pruneCutoff(now, [])).toBeUndefined();
  expect(pruneCutoff(now, ['1d', 'forever'])).toBeUndefined();
});

test('the rule: 90 days by default, from one day to ten years', () => {
  expect(withDefaults(sections).platform.stepRequestRetention).toBe('90d');
  expect(ruleViolations(sections, { platform: { stepRequestRetention: '1d' } })).toEqual([]);
  expect(ruleViolations(sections, { platform: { stepRequestRetention: '3650d' } })).toEqual([]);
  expect(ruleViolations(sections, { platform: { stepRequestRetention: '23h' } })).toHaveLength(1);
  expect(ruleViolations(sections, { platform: { stepRequestRetention: '3651d' } })).toHaveLength(1);
});
