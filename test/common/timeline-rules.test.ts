// Property-based tests (fast-check) of the rules that compare dates: generated timelines, each rule
// checked against a plain reference written here from the spec (docs/processes.md §3, §5), not from the code.
import fc from 'fast-check';
import { withDefaults } from '../../workflows/rules/checks';
import { effectiveFromHolds } from '../../workflows/rules/checks';
import { noticeKept, raisedOnHolds, timelineHolds, type MatterRules } from '../../workflows/majorMatterDecision/rules';
import type { MeetingKind, MeetingRecord } from '../../workflows/majorMatterDecision/contract';
import { addMonths, coolDownEnds, eligibilityFailures, extensionInTime, monthsWith, type SecondmentRules } from '../../workflows/secondment/rules';
import type { EligibilityFacts } from '../../workflows/secondment/contract';
import { MAJOR_MATTER_RULES } from '../../workflows/majorMatterDecision/rule-section';
import { SECONDMENT_RULES } from '../../workflows/secondment/rule-section';

const sections = { majorMatterDecision: MAJOR_MATTER_RULES, secondment: SECONDMENT_RULES };

const DAY = 86_400_000;
const EPOCH = Date.parse('2024-01-01T00:00:00Z');
/** A day of 2024–2031 as YYYY-MM-DD, by its offset from the epoch. */
const dayOf = (offset: number) => new Date(EPOCH + offset * DAY).toISOString().slice(0, 10);
const anyDay = fc.integer({ min: 0, max: 8 * 365 });

const matter: MatterRules = withDefaults(sections).majorMatterDecision;
const secondment: SecondmentRules = withDefaults(sections).secondment;

describe("a meeting follows the matter's timeline", () => {
  /** The reference: raised ≤ notice ≤ meeting ≤ today, and previous meeting ≤ meeting, by day numbers. */
  const reference = (t: { raised: number; notice: number; meeting: number; today: number; previous?: number }) =>
    t.raised <= t.notice && t.raised <= t.meeting && t.notice <= t.meeting && t.meeting <= t.today && (t.previous === undefined || t.previous <= t.meeting);

  test('agrees with the reference on every generated timeline', () => {
    fc.assert(
      fc.property(anyDay, anyDay, anyDay, anyDay, fc.option(anyDay, { nil: undefined }), (raised, notice, meeting, today, previous) => {
        const result = timelineHolds(
          { noticeDate: dayOf(notice), meetingDate: dayOf(meeting) },
          { raisedOn: dayOf(raised), today: dayOf(today), previousMeetingDate: previous === undefined ? undefined : dayOf(previous) },
        );
        expect(result.ok).toBe(reference({ raised, notice, meeting, today, previous }));
        if (!result.ok) expect(result).toMatchObject({ code: 'RULE_BROKEN', rule: 'majorMatterDecision.timeline' });
      }),
      { numRuns: 2000 },
    );
  });

  test('ordered timelines always hold (meetings in sequence, each after its notice)', () => {
    fc.assert(
      fc.property(anyDay, fc.array(fc.tuple(fc.nat(30), fc.nat(30)), { minLength: 1, maxLength: 6 }), (raised, gaps) => {
        let previous: string | undefined;
        let day = raised;
        for (const [noticeGap, meetingGap] of gaps) {
          const notice = day + noticeGap;
          day = notice + meetingGap;
          const record = { noticeDate: dayOf(notice), meetingDate: dayOf(day) };
          expect(timelineHolds(record, { raisedOn: dayOf(raised), today: dayOf(day), previousMeetingDate: previous })).toEqual({ ok: true });
          previous = record.meetingDate;
        }
      }),
    );
  });
});

describe('notice periods', () => {
  const kinds: MeetingKind[] = ['JOINT_MEETING', 'PARTY_MEMBERS_MEETING', 'REPRESENTATIVES_MEETING', 'VILLAGERS_MEETING'];
  /** The reference: whole days from notice to meeting, at least the meeting's days (none for the joint meeting). */
  const needed = (kind: MeetingKind, rules: MatterRules) =>
    ({
      JOINT_MEETING: 0,
      PARTY_MEMBERS_MEETING: rules.reviewNoticeDays,
      REPRESENTATIVES_MEETING: rules.representativesNoticeDays,
      VILLAGERS_MEETING: rules.villagersNoticeDays,
    })[kind];

  test('agree with the reference for every meeting, notice and county rule', () => {
    fc.assert(
      fc.property(fc.constantFrom(...kinds), anyDay, fc.nat(40), fc.nat(30), fc.nat(30), fc.nat(30), (kind, meeting, ahead, review, reps, villagers) => {
        const rules = { ...matter, reviewNoticeDays: review, representativesNoticeDays: reps, villagersNoticeDays: villagers };
        const record = { noticeDate: dayOf(meeting - ahead), meetingDate: dayOf(meeting) } as MeetingRecord;
        const result = noticeKept(rules, kind, record);
        expect(result.ok).toBe(kind === 'JOINT_MEETING' || ahead >= needed(kind, rules));
      }),
      { numRuns: 2000 },
    );
  });

  test('a suggestion raised on paper: between the bound and today, inclusive', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: -10, max: 400 }), fc.nat(365), (today, before, bound) => {
        const result = raisedOnHolds({ ...matter, raisedOnPaperDays: bound }, dayOf(today - before), dayOf(today));
        expect(result.ok).toBe(before >= 0 && before <= bound);
      }),
    );
  });
});

describe('secondment periods', () => {
  const facts = (returnedAt: string): EligibilityFacts => ({
    cadre: { personId: 'p', name: 'p', unitId: 'town', category: 'ORDINARY_CADRE', since: '2000-01-01T00:00:00.000Z' },
    history: [{ id: 'h', borrowingUnitId: 'dept', status: 'RETURNED', startedAt: '2000-01-01T00:00:00.000Z', endsAt: returnedAt, returnedAt }],
    borrowingUnit: { id: 'dept.x', kind: 'DEPARTMENT_EXTERNAL', name: 'x' },
    borrowingUnitActive: 0,
  });
  /** The reference: calendar months, the day kept (the month's last day when it has fewer). */
  const monthsLater = (day: string, months: number) => {
    const [y, m, d] = day.split('-').map(Number);
    const month = m - 1 + months;
    const last = new Date(Date.UTC(y, month + 1, 0)).getUTCDate();
    return new Date(Date.UTC(y, month, Math.min(d, last))).toISOString().slice(0, 10);
  };

  test('months are calendar months, as the reference counts them', () => {
    fc.assert(
      fc.property(anyDay, fc.nat(60), (day, months) =>
        expect(addMonths(`${dayOf(day)}T00:00:00.000Z`, months).slice(0, 10)).toBe(monthsLater(dayOf(day), months)),
      ),
    );
  });

  test('the cool-down is measured to the start of the term: a start from its end on is allowed, before it refused', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: -800, max: 2000 }), fc.nat(60), (returned, startsAfter, coolDownMonths) => {
        const returnedAt = `${dayOf(returned)}T00:00:00.000Z`;
        const startsAt = `${dayOf(returned + startsAfter)}T00:00:00.000Z`;
        const rules = { ...secondment, coolDownMonths };
        const codes = eligibilityFailures(
          facts(returnedAt),
          { personId: 'p', reason: 'URGENT', explanation: 'xx', start: startsAt.slice(0, 10), months: 1 },
          rules,
          startsAt,
        ).map((f) => f.rule);
        expect(codes.includes('secondment.coolDownMonths')).toBe(dayOf(returned + startsAfter) < monthsLater(dayOf(returned), coolDownMonths));
        expect(coolDownEnds(returnedAt, coolDownMonths).slice(0, 10)).toBe(monthsLater(dayOf(returned), coolDownMonths));
      }),
      { numRuns: 2000 },
    );
  });

  test('extensions: the cumulative cap counts the term, pending extensions and the one asked', () => {
    const extension = fc.record({ months: fc.integer({ min: 1, max: 12 }), status: fc.constantFrom('PENDING', 'APPROVED', 'REJECTED', 'LAPSED') });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 }), fc.array(extension, { maxLength: 5 }), fc.integer({ min: 1, max: 12 }), (approved, extensions, more) => {
        const pending = extensions.filter((e) => e.status === 'PENDING').reduce((sum, e) => sum + e.months, 0);
        const details = { monthsApproved: approved, extensions: extensions.map((e) => ({ ...e, reason: 'r', askedAt: '' })) } as Parameters<
          typeof monthsWith
        >[0];
        expect(monthsWith(details, more)).toBe(approved + pending + more);
      }),
    );
  });

  test('an extension is in time when its lead time ends no later than the term', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: -1e9, max: 1e9 }), (end, offset) => {
        const endsAt = new Date(EPOCH + end).toISOString();
        const leadEnds = new Date(EPOCH + end + offset).toISOString();
        expect(extensionInTime(leadEnds, endsAt).ok).toBe(offset <= 0);
      }),
    );
  });
});

describe('rule sets', () => {
  test('take effect from their publication on, never before', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: -1e10, max: 1e10 }), (published, offset) => {
        const result = effectiveFromHolds(new Date(EPOCH + published + offset), new Date(EPOCH + published));
        expect(result.ok).toBe(offset >= 0);
        if (!result.ok) expect(result.rule).toBe('ruleSets.effectiveFrom');
      }),
    );
  });
});
