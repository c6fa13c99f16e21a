// The rules of 五议两公开 (workflows/majorMatterDecision/rules.ts): pure functions, no Temporal, no database.
import type { Actor } from '../../workflows/common/actor';
import type { Role } from '../../workflows/common/roles';
import type { MajorMatterView, MeetingRecord } from '../../workflows/majorMatterDecision/contract';
import {
  chinaDate,
  currentDisclosure,
  daysBetween,
  disclosureMayClose,
  disclosureStartsAt,
  figuresHold,
  raisedOnHolds,
  timelineHolds,
  timelineOf,
  holdsAny,
  isMajorMatter,
  mayAccept,
  mayAnswerConcern,
  mayAnswerObjection,
  mayHoldMeeting,
  mayObject,
  mayOrder,
  mayPropose,
  mayRaiseConcern,
  mayReportProgress,
  MEETING_LABELS,
  MEETING_OF_STEP,
  meetingRecordable,
  meetingValid,
  noticeDays,
  noticeKept,
  openConcerns,
  quorate,
  quorum,
  unansweredObjections,
  votePasses,
  type MatterRules,
} from '../../workflows/majorMatterDecision/rules';
import { ruleOfPeriod, ruleViolations, withDefaults } from '../../workflows/rules/checks';
import { MAJOR_MATTER_KINDS, MAJOR_MATTER_RULES } from '../../workflows/majorMatterDecision/rule-section';

/** The section this process owns (its contract's `rules`). */
const sections = { majorMatterDecision: MAJOR_MATTER_RULES };

const VILLAGE = 'xingcun.qiaotou.dongshan';
const TOWN = 'xingcun.qiaotou';
const DAY = 86_400_000;
const NOW = Date.parse('2026-11-23T04:00:00Z');
const TODAY = '2026-11-23';
const rules: MatterRules = withDefaults(sections).majorMatterDecision;
const stricter: MatterRules = { ...rules, villagersQuorumBasis: 'ADULTS', resolutionMajorityBase: 'ALL' };

const actor = (...roles: [Role, string][]): Actor => ({
  personId: 'p',
  name: 'P',
  roles: roles.map(([role, orgId]) => ({ role, orgId, countyId: 'xingcun' })),
  requestId: 'r',
});
const secretary = actor(['VILLAGE_SECRETARY', VILLAGE]);
const cadre = actor(['VILLAGE_CADRE', VILLAGE]);
const supervisor = actor(['SUPERVISOR', VILLAGE]);
const villager = actor(['VILLAGER', VILLAGE]);
const partyMember = actor(['PARTY_MEMBER', VILLAGE]);
const townReviewer = actor(['TOWN_REVIEWER', TOWN]);
const elsewhere = (role: Role) => actor([role, 'xingcun.xikou.jinxi']);

const record = (overrides: Partial<MeetingRecord> = {}): MeetingRecord => ({
  meetingDate: TODAY,
  noticeDate: '2026-11-10',
  expected: 9,
  present: 9,
  votesFor: 8,
  votesAgainst: 1,
  abstentions: 0,
  minutesRef: 'm',
  attachmentRefs: [],
  ...overrides,
});

function view(step: string, details: Partial<MajorMatterView['details']> = {}, status: MajorMatterView['status'] = 'RUNNING'): MajorMatterView {
  return {
    processType: 'majorMatterDecision',
    workflowId: 'w',
    title: 't',
    countyId: 'xingcun',
    townId: TOWN,
    villageId: VILLAGE,
    step,
    status,
    nextActors: [],
    overdue: false,
    startedAt: '',
    updatedAt: '',
    record: [],
    details: {
      townId: TOWN,
      suggestion: { title: 't', description: 'd', reason: 'r', kind: 'PUBLIC_WORKS', estimatedAmount: 1, at: '2026-11-01T02:00:00Z' },
      proposal: [{ version: 1, title: 't', description: 'd', kind: 'PUBLIC_WORKS', estimatedAmount: 1, at: '', note: '' }],
      meetings: [],
      disclosures: [],
      objections: [],
      concerns: [],
      returns: [],
      progress: [],
      townOrders: [],
      ...details,
    },
  };
}

const ok = { ok: true };
const code = (c: string, rule?: string) => expect.objectContaining({ ok: false, code: c, ...(rule && { rule }) });
const detail = (text: string) => expect.objectContaining({ ok: false, detail: expect.stringContaining(text) });

describe('what is a major matter', () => {
  test('a listed kind whatever its amount; any other kind from the threshold on', () => {
    expect(isMajorMatter(rules, 'PUBLIC_WORKS', 0)).toEqual(ok);
    expect(isMajorMatter(rules, 'OTHER', 100_000)).toEqual(ok);
    expect(isMajorMatter(rules, 'OTHER', 99_999)).toEqual(code('RULE_BROKEN', 'majorMatterDecision.amountThreshold'));
    expect(isMajorMatter({ ...rules, kinds: ['BORROWING'] }, 'PUBLIC_WORKS', 5)).toEqual(code('RULE_BROKEN'));
    expect(isMajorMatter({ ...rules, kinds: [], amountThreshold: 0 }, 'OTHER', 0)).toEqual(ok);
  });

  test('the county defaults: the five kinds, ¥100,000, no merging, the quorums and majorities of the law', () => {
    expect(rules).toEqual({
      kinds: ['LAND_CONTRACT', 'COLLECTIVE_ASSETS', 'PUBLIC_WORKS', 'BORROWING', 'VILLAGE_PLAN'],
      amountThreshold: 100_000,
      raisedOnPaperDays: 30,
      mergeProposeAndDeliberate: false,
      jointMeetingMajority: 0.5,
      partyMeetingQuorum: 2 / 3,
      partyMeetingMajority: 0.5,
      reviewNoticeDays: 3,
      representativesQuorum: 2 / 3,
      representativesNoticeDays: 3,
      villagersAdultsQuorum: 0.5,
      villagersHouseholdsQuorum: 2 / 3,
      villagersQuorumBasis: 'ADULTS_OR_HOUSEHOLDS',
      villagersNoticeDays: 10,
      resolutionMajority: 0.5,
      resolutionMajorityBase: 'PRESENT',
      stepPeriod: 20,
      resolutionDisclosure: '7d',
      resultDisclosure: '7d',
    });
  });
});

describe('the county rules of the section', () => {
  const check = (values: Record<string, unknown>) => ruleViolations(sections, { majorMatterDecision: values });

  test('kinds from the six, ratios from one half to all, notice days 1 to 30, disclosures 1 to 30 days', () => {
    expect(MAJOR_MATTER_KINDS).toEqual(['LAND_CONTRACT', 'COLLECTIVE_ASSETS', 'PUBLIC_WORKS', 'BORROWING', 'VILLAGE_PLAN', 'OTHER']);
    expect(check({ kinds: [...MAJOR_MATTER_KINDS] })).toEqual([]);
    expect(check({ kinds: ['BRIDGES'] })).toEqual([{ rule: 'majorMatterDecision.kinds', value: ['BRIDGES'], bound: expect.stringContaining('at most 6 of') }]);
    for (const rule of [
      'jointMeetingMajority',
      'partyMeetingQuorum',
      'partyMeetingMajority',
      'representativesQuorum',
      'villagersAdultsQuorum',
      'villagersHouseholdsQuorum',
      'resolutionMajority',
    ]) {
      expect(check({ [rule]: 0.5 })).toEqual([]);
      expect(check({ [rule]: 1 })).toEqual([]);
      expect(check({ [rule]: 0.49 })).toHaveLength(1);
      expect(check({ [rule]: 1.01 })).toHaveLength(1);
    }
    for (const rule of ['reviewNoticeDays', 'representativesNoticeDays', 'villagersNoticeDays']) {
      expect(check({ [rule]: 1 })).toEqual([]);
      expect(check({ [rule]: 30 })).toEqual([]);
      expect(check({ [rule]: 0 })).toHaveLength(1);
      expect(check({ [rule]: 31 })).toHaveLength(1);
    }
    expect(check({ amountThreshold: 0, stepPeriod: 60, mergeProposeAndDeliberate: true })).toEqual([]);
    expect(check({ amountThreshold: -1 })).toHaveLength(1);
    expect(check({ stepPeriod: 61 })).toHaveLength(1);
    expect(check({ mergeProposeAndDeliberate: 'yes' })).toHaveLength(1);
    for (const rule of ['resolutionDisclosure', 'resultDisclosure']) {
      expect(check({ [rule]: '1d' })).toEqual([]);
      expect(check({ [rule]: '30d' })).toEqual([]);
      expect(check({ [rule]: '23h' })).toHaveLength(1);
      expect(check({ [rule]: '31d' })).toHaveLength(1);
    }
    expect(check({ villagersQuorumBasis: 'ADULTS', resolutionMajorityBase: 'ALL' })).toEqual([]);
    expect(check({ villagersQuorumBasis: 'HOUSEHOLDS' })).toEqual([]);
    expect(check({ villagersQuorumBasis: 'EITHER', resolutionMajorityBase: 'HALF' })).toHaveLength(2);
  });

  test('its periods name the rules they shorten', () => {
    expect(ruleOfPeriod(sections, 'majorMatterStep')).toMatchObject({ section: 'majorMatterDecision', rule: 'stepPeriod' });
    expect(ruleOfPeriod(sections, 'resolutionDisclosure')).toMatchObject({ section: 'majorMatterDecision', rule: 'resolutionDisclosure' });
    expect(ruleOfPeriod(sections, 'resultDisclosure')).toMatchObject({ section: 'majorMatterDecision', rule: 'resultDisclosure' });
  });
});

describe('who acts', () => {
  test('one of several roles in the organisation; held elsewhere is the wrong organisation; held nowhere is not authorised', () => {
    expect(holdsAny(cadre, ['VILLAGE_SECRETARY', 'VILLAGE_CADRE'], VILLAGE, 'x')).toEqual(ok);
    expect(holdsAny(secretary, ['VILLAGE_SECRETARY', 'VILLAGE_CADRE'], VILLAGE, 'x')).toEqual(ok);
    expect(holdsAny(elsewhere('VILLAGE_CADRE'), ['VILLAGE_SECRETARY', 'VILLAGE_CADRE'], VILLAGE, 'x')).toEqual(code('WRONG_ORGANISATION'));
    expect(holdsAny(villager, ['VILLAGE_SECRETARY', 'VILLAGE_CADRE'], VILLAGE, 'x')).toEqual(code('NOT_AUTHORISED'));
    expect(holdsAny(villager, ['VILLAGE_SECRETARY', 'VILLAGE_CADRE'], VILLAGE, 'x')).toEqual(detail('VILLAGE_SECRETARY, VILLAGE_CADRE'));
  });
});

describe('dates', () => {
  test('today in China, whole days between dates', () => {
    expect(chinaDate(Date.parse('2026-11-22T15:59:59Z'))).toBe('2026-11-22');
    expect(chinaDate(Date.parse('2026-11-22T16:00:00Z'))).toBe('2026-11-23');
    expect(daysBetween('2026-11-20', '2026-11-23')).toBe(3);
    expect(daysBetween('2026-11-23', '2026-11-20')).toBe(-3);
    expect(daysBetween('2026-10-24', '2026-11-03')).toBe(10);
  });

  test('a disclosure in days starts the next day at midnight in China; a shortened one at once', () => {
    const at = Date.parse('2026-11-23T04:00:00Z');
    expect(new Date(disclosureStartsAt(at, 7 * DAY)).toISOString()).toBe('2026-11-23T16:00:00.000Z');
    expect(new Date(disclosureStartsAt(at, DAY)).toISOString()).toBe('2026-11-23T16:00:00.000Z');
    expect(new Date(disclosureStartsAt(Date.parse('2026-11-23T17:00:00Z'), DAY)).toISOString()).toBe('2026-11-24T16:00:00.000Z');
    expect(new Date(disclosureStartsAt(Date.parse('2026-11-23T16:00:00Z'), DAY)).toISOString()).toBe('2026-11-24T16:00:00.000Z');
    expect(disclosureStartsAt(at, DAY - 1)).toBe(at);
    expect(disclosureStartsAt(at, 3000)).toBe(at);
  });
});

describe('a meeting record', () => {
  test('its figures must be possible', () => {
    expect(figuresHold(record())).toEqual(ok);
    expect(figuresHold(record({ expected: 0, present: 0, votesFor: 0, votesAgainst: 0 }))).toEqual(detail('at least one member'));
    expect(figuresHold(record({ expected: 1, present: 1, votesFor: 1, votesAgainst: 0 }))).toEqual(ok);
    expect(figuresHold(record({ present: 10 }))).toEqual(detail('10 present is more than the 9'));
    expect(figuresHold(record({ present: 9, votesFor: 9, votesAgainst: 0, abstentions: 0 }))).toEqual(ok);
    expect(figuresHold(record({ votesFor: 8, votesAgainst: 1, abstentions: 1 }))).toEqual(detail('more votes were counted'));
    expect(figuresHold(record({ householdsExpected: 10, householdsPresent: 10 }))).toEqual(ok);
    expect(figuresHold(record({ householdsExpected: 10, householdsPresent: 11 }))).toEqual(detail('more households'));
    expect(figuresHold(record({ householdsPresent: 1 }))).toEqual(detail('more households'));
    expect(figuresHold(record({ present: 10, votesFor: 11 }))).toEqual(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        rule: 'majorMatterDecision.meetingFigures',
        detail: expect.stringMatching(/more than the 9.*; more votes/),
      }),
    );
  });

  test("its dates follow the matter's timeline: raised, notice, meeting, previous meeting, today", () => {
    const on = (raisedOn: string, previousMeetingDate?: string) => ({ today: TODAY, raisedOn, previousMeetingDate });
    const timeline = (text: string) =>
      expect.objectContaining({ ok: false, code: 'RULE_BROKEN', rule: 'majorMatterDecision.timeline', detail: expect.stringContaining(text) });
    expect(timelineHolds(record(), on('2026-11-10'))).toEqual(ok);
    expect(timelineHolds(record({ noticeDate: TODAY }), on(TODAY))).toEqual(ok);
    expect(timelineHolds(record(), on('2026-11-11'))).toEqual(timeline('the notice (2026-11-10) is before the matter was raised (2026-11-11)'));
    expect(timelineHolds(record({ noticeDate: '2026-11-22', meetingDate: '2026-11-22' }), on(TODAY))).toEqual(
      timeline('the meeting date 2026-11-22 is before the matter was raised (2026-11-23)'),
    );
    expect(timelineHolds(record({ noticeDate: '2026-11-24', meetingDate: TODAY }), on('2026-11-01'))).toEqual(timeline('the notice came after the meeting'));
    expect(timelineHolds(record({ meetingDate: '2026-11-24' }), on('2026-11-01'))).toEqual(timeline('is in the future'));
    expect(timelineHolds(record(), on('2026-11-01', TODAY))).toEqual(ok);
    expect(timelineHolds(record({ meetingDate: '2026-11-22' }), on('2026-11-01', TODAY))).toEqual(timeline('before the previous meeting (2026-11-23)'));
    expect(timelineHolds(record({ meetingDate: '2026-11-24', noticeDate: '2026-11-25' }), on('2026-11-01'))).toEqual(
      timeline('the notice came after the meeting; the meeting date 2026-11-24 is in the future'),
    );
  });

  test('a suggestion raised on paper: not in the future, at most raisedOnPaperDays before it is entered', () => {
    const named = expect.objectContaining({ code: 'RULE_BROKEN', rule: 'majorMatterDecision.raisedOnPaperDays' });
    expect(raisedOnHolds(rules, TODAY, TODAY)).toEqual(ok);
    expect(raisedOnHolds(rules, '2026-10-24', TODAY)).toEqual(ok);
    expect(raisedOnHolds(rules, '2026-10-23', TODAY)).toEqual(named);
    expect(raisedOnHolds({ ...rules, raisedOnPaperDays: 0 }, '2026-11-22', TODAY)).toEqual(named);
    expect(raisedOnHolds(rules, '2026-11-24', TODAY)).toEqual(named);
    expect(raisedOnHolds(rules, '2026-11-24', TODAY)).toEqual(detail('a day to come'));
  });

  test('the timeline of a matter: raised on its paper date, else the day it was entered (China), its last meeting', () => {
    const base = view('DELIBERATE');
    const entered = { ...base, details: { ...base.details, suggestion: { ...base.details.suggestion, at: '2026-11-20T16:30:00Z' } } };
    expect(timelineOf(entered, NOW)).toEqual({ today: TODAY, raisedOn: '2026-11-21', previousMeetingDate: undefined });
    const paper = { ...entered, details: { ...entered.details, suggestion: { ...entered.details.suggestion, raisedOn: '2026-11-02' } } };
    expect(timelineOf(paper, NOW).raisedOn).toBe('2026-11-02');
    const met = { ...paper, details: { ...paper.details, meetings: [{ meetingDate: '2026-11-05' }, { meetingDate: '2026-11-09' }] as never } };
    expect(timelineOf(met, NOW).previousMeetingDate).toBe('2026-11-09');
  });

  test('notice: none for the joint meeting; 3 days for party members and representatives; 10 for villagers', () => {
    expect(noticeDays(rules, 'JOINT_MEETING')).toBe(0);
    expect(noticeDays(rules, 'PARTY_MEMBERS_MEETING')).toBe(3);
    expect(noticeDays({ ...rules, reviewNoticeDays: 5 }, 'PARTY_MEMBERS_MEETING')).toBe(5);
    expect(noticeDays({ ...rules, representativesNoticeDays: 4 }, 'REPRESENTATIVES_MEETING')).toBe(4);
    expect(noticeDays(rules, 'VILLAGERS_MEETING')).toBe(10);
    expect(noticeKept(rules, 'PARTY_MEMBERS_MEETING', record({ noticeDate: '2026-11-20' }))).toEqual(ok);
    expect(noticeKept(rules, 'PARTY_MEMBERS_MEETING', record({ noticeDate: '2026-11-21' }))).toEqual(
      code('RULE_BROKEN', 'majorMatterDecision.reviewNoticeDays'),
    );
    expect(noticeKept(rules, 'PARTY_MEMBERS_MEETING', record({ noticeDate: '2026-11-21' }))).toEqual(
      detail("needs 3 days' notice; notice on 2026-11-21 for 2026-11-23 gave 2"),
    );
    expect(noticeKept(rules, 'VILLAGERS_MEETING', record({ noticeDate: '2026-11-13' }))).toEqual(ok);
    expect(noticeKept(rules, 'VILLAGERS_MEETING', record({ noticeDate: '2026-11-14' }))).toEqual(
      code('RULE_BROKEN', 'majorMatterDecision.villagersNoticeDays'),
    );
    expect(noticeKept(rules, 'REPRESENTATIVES_MEETING', record({ noticeDate: '2026-11-21' }))).toEqual(
      code('RULE_BROKEN', 'majorMatterDecision.representativesNoticeDays'),
    );
    expect(noticeKept(rules, 'JOINT_MEETING', record({ noticeDate: '2026-11-24' }))).toEqual(ok);
    expect(noticeKept(rules, 'JOINT_MEETING', record({ noticeDate: TODAY }))).toEqual(ok);
  });
});

describe('quorum', () => {
  test("the joint meeting has none; party members' and representatives' meetings two thirds present", () => {
    expect(quorum(rules, 'JOINT_MEETING', record({ present: 0, votesFor: 0, votesAgainst: 0 }))).toEqual({ met: true, reckoning: 'no quorum rule' });
    expect(quorum(rules, 'PARTY_MEMBERS_MEETING', record({ expected: 30, present: 20 }))).toEqual({
      met: true,
      reckoning: '20 of 30 party members present, at least 20 needed',
    });
    expect(quorum(rules, 'PARTY_MEMBERS_MEETING', record({ expected: 30, present: 19 })).met).toBe(false);
    expect(quorum(rules, 'PARTY_MEMBERS_MEETING', record({ expected: 9, present: 6 })).met).toBe(true);
    expect(quorum(rules, 'PARTY_MEMBERS_MEETING', record({ expected: 10, present: 6 }))).toEqual({
      met: false,
      reckoning: '6 of 10 party members present, at least 6.67 needed',
    });
    expect(quorum({ ...rules, partyMeetingQuorum: 0.8 }, 'PARTY_MEMBERS_MEETING', record({ expected: 10, present: 7 })).met).toBe(false);
    expect(quorum(rules, 'REPRESENTATIVES_MEETING', record({ expected: 45, present: 30 }))).toEqual({
      met: true,
      reckoning: '30 of 45 representatives present, at least 30 needed',
    });
    expect(quorum(rules, 'REPRESENTATIVES_MEETING', record({ expected: 45, present: 29 })).met).toBe(false);
    expect(quorum({ ...rules, representativesQuorum: 0.9 }, 'REPRESENTATIVES_MEETING', record({ expected: 10, present: 8 })).met).toBe(false);
  });

  test("a villagers' meeting: more than half the adults, or two thirds of households, as the rule chooses", () => {
    const adultsOnly = record({ expected: 800, present: 401, householdsExpected: 150, householdsPresent: 99 });
    const householdsOnly = record({ expected: 800, present: 400, householdsExpected: 150, householdsPresent: 100 });
    const neither = record({ expected: 800, present: 400, householdsExpected: 150, householdsPresent: 99 });
    expect(quorum(rules, 'VILLAGERS_MEETING', adultsOnly).met).toBe(true);
    expect(quorum(rules, 'VILLAGERS_MEETING', householdsOnly).met).toBe(true);
    expect(quorum(rules, 'VILLAGERS_MEETING', neither).met).toBe(false);
    expect(quorum(stricter, 'VILLAGERS_MEETING', adultsOnly).met).toBe(true);
    expect(quorum(stricter, 'VILLAGERS_MEETING', householdsOnly).met).toBe(false);
    expect(quorum({ ...rules, villagersQuorumBasis: 'HOUSEHOLDS' }, 'VILLAGERS_MEETING', householdsOnly).met).toBe(true);
    expect(quorum({ ...rules, villagersQuorumBasis: 'HOUSEHOLDS' }, 'VILLAGERS_MEETING', adultsOnly).met).toBe(false);
    expect(
      quorum({ ...rules, villagersAdultsQuorum: 0.6 }, 'VILLAGERS_MEETING', record({ expected: 10, present: 6, householdsExpected: 0, householdsPresent: 0 }))
        .met,
    ).toBe(false);
    expect(
      quorum(
        { ...rules, villagersHouseholdsQuorum: 0.9 },
        'VILLAGERS_MEETING',
        record({ expected: 10, present: 1, householdsExpected: 10, householdsPresent: 8 }),
      ).met,
    ).toBe(false);
    // No households counted: quorate by adults only.
    expect(quorum(rules, 'VILLAGERS_MEETING', record({ expected: 10, present: 5, votesFor: 5, votesAgainst: 0 })).met).toBe(false);
    expect(quorum(rules, 'VILLAGERS_MEETING', householdsOnly).reckoning).toBe(
      'quorum by ADULTS_OR_HOUSEHOLDS: adults 400 of 800 (more than 400 needed: not met), households 100 of 150 (at least 100 needed: met)',
    );
    expect(quorum(stricter, 'VILLAGERS_MEETING', adultsOnly).reckoning).toBe(
      'quorum by ADULTS: adults 401 of 800 (more than 400 needed: met), households 99 of 150 (at least 100 needed: not met)',
    );
    expect(quorum(rules, 'VILLAGERS_MEETING', record({ expected: 4, present: 3 })).reckoning).toContain('households 0 of 0 (at least 0 needed: not met)');
  });

  test('a meeting without quorum could not decide', () => {
    expect(quorate(rules, 'PARTY_MEMBERS_MEETING', record({ expected: 30, present: 19 }))).toEqual(
      detail('19 of 30 party members present, at least 20 needed'),
    );
    expect(quorate(rules, 'PARTY_MEMBERS_MEETING', record({ expected: 30, present: 19 }))).toEqual(
      code('RULE_BROKEN', 'majorMatterDecision.partyMeetingQuorum'),
    );
    expect(quorate(rules, 'REPRESENTATIVES_MEETING', record({ expected: 30, present: 19 }))).toEqual(
      code('RULE_BROKEN', 'majorMatterDecision.representativesQuorum'),
    );
    expect(
      quorate(rules, 'VILLAGERS_MEETING', record({ expected: 30, present: 1, votesFor: 1, votesAgainst: 0, householdsExpected: 10, householdsPresent: 1 })),
    ).toEqual(code('RULE_BROKEN', 'majorMatterDecision.villagersQuorumBasis'));
    expect(quorate(rules, 'JOINT_MEETING', record({ present: 0, votesFor: 0, votesAgainst: 0 }))).toEqual(ok);
    expect(quorate(rules, 'PARTY_MEMBERS_MEETING', record({ expected: 30, present: 20 }))).toEqual(ok);
  });
});

describe('the vote: the process decides', () => {
  test('joint meeting and party members: more than half of all members', () => {
    expect(votePasses(rules, 'JOINT_MEETING', record({ expected: 9, present: 9, votesFor: 5, votesAgainst: 4 }))).toEqual({
      passed: true,
      reckoning: '5 for of 9 members, more than 4.5 needed: passed',
    });
    expect(votePasses(rules, 'JOINT_MEETING', record({ expected: 10, present: 10, votesFor: 5, votesAgainst: 5 }))).toEqual({
      passed: false,
      reckoning: '5 for of 10 members, more than 5 needed: failed',
    });
    expect(votePasses(rules, 'JOINT_MEETING', record({ expected: 10, present: 6, votesFor: 6, votesAgainst: 0 })).passed).toBe(true);
    expect(
      votePasses({ ...rules, jointMeetingMajority: 0.7 }, 'JOINT_MEETING', record({ expected: 10, present: 10, votesFor: 7, votesAgainst: 3 })).passed,
    ).toBe(false);
    expect(votePasses(rules, 'PARTY_MEMBERS_MEETING', record({ expected: 30, present: 20, votesFor: 15, votesAgainst: 5 }))).toEqual({
      passed: false,
      reckoning: '15 for of 30 entitled to attend, more than 15 needed: failed',
    });
    expect(votePasses(rules, 'PARTY_MEMBERS_MEETING', record({ expected: 30, present: 20, votesFor: 16, votesAgainst: 4 })).passed).toBe(true);
    expect(
      votePasses({ ...rules, partyMeetingMajority: 0.6 }, 'PARTY_MEMBERS_MEETING', record({ expected: 30, present: 20, votesFor: 18, votesAgainst: 2 })).passed,
    ).toBe(false);
  });

  test('a resolution: more than half of those present, or of all under the stricter local rule', () => {
    const meeting = record({ expected: 45, present: 30, votesFor: 20, votesAgainst: 10 });
    expect(votePasses(rules, 'REPRESENTATIVES_MEETING', meeting)).toEqual({ passed: true, reckoning: '20 for of 30 present, more than 15 needed: passed' });
    expect(votePasses(stricter, 'REPRESENTATIVES_MEETING', meeting)).toEqual({
      passed: false,
      reckoning: '20 for of 45 entitled to attend (more than half of all), more than 22.5 needed: failed',
    });
    expect(votePasses(rules, 'VILLAGERS_MEETING', record({ expected: 800, present: 300, votesFor: 150, votesAgainst: 150 })).passed).toBe(false);
    expect(votePasses(rules, 'VILLAGERS_MEETING', record({ expected: 800, present: 300, votesFor: 151, votesAgainst: 149 })).passed).toBe(true);
    expect(votePasses({ ...rules, resolutionMajority: 0.75 }, 'REPRESENTATIVES_MEETING', meeting).passed).toBe(false);
  });
});

describe('a meeting may be recorded', () => {
  test('recordable: everything but the quorum (a meeting that failed its quorum is recorded, then refused)', () => {
    const timeline = { today: TODAY, raisedOn: '2026-11-01' };
    const inquorate = record({ present: 5, votesFor: 5, votesAgainst: 0 });
    expect(meetingRecordable(rules, 'PARTY_MEMBERS_MEETING', inquorate, timeline)).toEqual(ok);
    expect(meetingValid(rules, 'PARTY_MEMBERS_MEETING', inquorate, timeline)).toEqual(code('RULE_BROKEN', 'majorMatterDecision.partyMeetingQuorum'));
    expect(meetingRecordable(rules, 'PARTY_MEMBERS_MEETING', record({ present: 10 }), timeline)).toEqual(code('INVALID_INPUT'));
    expect(meetingRecordable(rules, 'PARTY_MEMBERS_MEETING', { ...inquorate, noticeDate: '2026-11-22' }, timeline)).toEqual(detail('notice'));
    expect(meetingRecordable(rules, 'JOINT_MEETING', record(), { ...timeline, raisedOn: TODAY })).toEqual(code('RULE_BROKEN', 'majorMatterDecision.timeline'));
  });

  test('valid: possible figures, notice kept, quorate; a villagers meeting counts households', () => {
    expect(meetingValid(rules, 'JOINT_MEETING', record(), { today: TODAY, raisedOn: '2026-11-01' })).toEqual(ok);
    expect(meetingValid(rules, 'JOINT_MEETING', record({ present: 10 }), { today: TODAY, raisedOn: '2026-11-01' })).toEqual(code('INVALID_INPUT'));
    expect(meetingValid(rules, 'JOINT_MEETING', record(), { today: TODAY, raisedOn: '2026-11-01', previousMeetingDate: '2026-11-24' })).toEqual(
      code('RULE_BROKEN', 'majorMatterDecision.timeline'),
    );
    expect(meetingValid(rules, 'JOINT_MEETING', record(), { today: TODAY, raisedOn: TODAY })).toEqual(code('RULE_BROKEN', 'majorMatterDecision.timeline'));
    expect(meetingValid(rules, 'PARTY_MEMBERS_MEETING', record({ noticeDate: '2026-11-22' }), { today: TODAY, raisedOn: '2026-11-01' })).toEqual(
      detail('notice'),
    );
    expect(
      meetingValid(rules, 'PARTY_MEMBERS_MEETING', record({ present: 5, votesFor: 5, votesAgainst: 0 }), { today: TODAY, raisedOn: '2026-11-01' }),
    ).toEqual(detail('not quorate'));
    expect(
      meetingValid(rules, 'VILLAGERS_MEETING', record({ expected: 10, present: 6, votesFor: 6, votesAgainst: 0 }), { today: TODAY, raisedOn: '2026-11-01' }),
    ).toEqual(detail('counts households'));
    expect(
      meetingValid(rules, 'VILLAGERS_MEETING', record({ expected: 10, present: 6, votesFor: 6, votesAgainst: 0 }), { today: TODAY, raisedOn: '2026-11-01' }),
    ).toEqual(code('INVALID_INPUT'));
    expect(
      meetingValid(
        rules,
        'VILLAGERS_MEETING',
        record({ expected: 10, present: 6, votesFor: 6, votesAgainst: 0, householdsExpected: 4, householdsPresent: 1 }),
        { today: TODAY, raisedOn: '2026-11-01' },
      ),
    ).toEqual(ok);
    expect(
      meetingValid(rules, 'REPRESENTATIVES_MEETING', record({ expected: 10, present: 6, votesFor: 6, votesAgainst: 0, householdsExpected: undefined }), {
        today: TODAY,
        raisedOn: '2026-11-01',
      }),
    ).toEqual(code('RULE_BROKEN', 'majorMatterDecision.representativesQuorum'));
  });

  test('each meeting at its step, by its convener in the village', () => {
    expect(mayHoldMeeting(view('DELIBERATE'), secretary, rules, 'JOINT_MEETING', record(), NOW)).toEqual(ok);
    expect(mayHoldMeeting(view('REVIEW'), secretary, rules, 'JOINT_MEETING', record(), NOW)).toEqual(code('WRONG_STEP'));
    expect(mayHoldMeeting(view('DELIBERATE'), cadre, rules, 'JOINT_MEETING', record(), NOW)).toEqual(code('NOT_AUTHORISED'));
    expect(mayHoldMeeting(view('REVIEW'), secretary, rules, 'PARTY_MEMBERS_MEETING', record(), NOW)).toEqual(ok);
    expect(mayHoldMeeting(view('RESOLVE'), secretary, rules, 'PARTY_MEMBERS_MEETING', record(), NOW)).toEqual(code('WRONG_STEP'));
    expect(mayHoldMeeting(view('REVIEW'), cadre, rules, 'PARTY_MEMBERS_MEETING', record(), NOW)).toEqual(code('NOT_AUTHORISED'));
    expect(mayHoldMeeting(view('RESOLVE'), cadre, rules, 'REPRESENTATIVES_MEETING', record(), NOW)).toEqual(ok);
    expect(mayHoldMeeting(view('RESOLVE'), secretary, rules, 'REPRESENTATIVES_MEETING', record(), NOW)).toEqual(ok);
    expect(mayHoldMeeting(view('RESOLVE'), elsewhere('VILLAGE_CADRE'), rules, 'REPRESENTATIVES_MEETING', record(), NOW)).toEqual(code('WRONG_ORGANISATION'));
    expect(mayHoldMeeting(view('REVIEW'), secretary, rules, 'VILLAGERS_MEETING', record(), NOW)).toEqual(code('WRONG_STEP'));
    expect(mayHoldMeeting(view('RESOLVE', {}, 'REJECTED'), secretary, rules, 'REPRESENTATIVES_MEETING', record(), NOW)).toEqual(code('PROCESS_CLOSED'));
    // Today is taken in China, and a meeting may not precede the one before it.
    expect(
      mayHoldMeeting(view('DELIBERATE'), secretary, rules, 'JOINT_MEETING', record({ meetingDate: '2026-11-24' }), Date.parse('2026-11-23T16:00:00Z')),
    ).toEqual(ok);
    expect(
      mayHoldMeeting(view('DELIBERATE'), secretary, rules, 'JOINT_MEETING', record({ meetingDate: '2026-11-24' }), Date.parse('2026-11-23T15:59:00Z')),
    ).toEqual(code('RULE_BROKEN', 'majorMatterDecision.timeline'));
    const held = { ...record({ meetingDate: TODAY }), meeting: 'JOINT_MEETING' as const, proposalVersion: 1, passed: true, reckoning: '', at: '' };
    expect(mayHoldMeeting(view('REVIEW', { meetings: [held] }), secretary, rules, 'PARTY_MEMBERS_MEETING', record({ meetingDate: '2026-11-22' }), NOW)).toEqual(
      code('RULE_BROKEN', 'majorMatterDecision.timeline'),
    );
  });

  test('the labels name each meeting and the meeting each step holds', () => {
    expect(MEETING_LABELS).toEqual({
      JOINT_MEETING: '村务联席会议 joint meeting',
      PARTY_MEMBERS_MEETING: "党员大会 party members' meeting",
      REPRESENTATIVES_MEETING: "村民代表会议 representatives' meeting",
      VILLAGERS_MEETING: "村民会议 villagers' meeting",
    });
    expect(MEETING_OF_STEP).toEqual({
      DELIBERATE: '村务联席会议 joint meeting',
      REVIEW: "党员大会 party members' meeting",
      RESOLVE: "村民代表会议 representatives' meeting / 村民会议 villagers' meeting",
    });
  });
});

describe('propose', () => {
  const propose = { decision: 'PROPOSE' as const, title: 't', description: 'd', kind: 'PUBLIC_WORKS' as const, estimatedAmount: 1 };
  test('the secretary takes up a major matter at PROPOSE, or declines it with a reason', () => {
    expect(mayPropose(view('PROPOSE'), secretary, rules, propose, NOW)).toEqual(ok);
    expect(mayPropose(view('DELIBERATE'), secretary, rules, propose, NOW)).toEqual(code('WRONG_STEP'));
    expect(mayPropose(view('PROPOSE'), elsewhere('VILLAGE_SECRETARY'), rules, propose, NOW)).toEqual(code('WRONG_ORGANISATION'));
    expect(mayPropose(view('PROPOSE'), villager, rules, { decision: 'DECLINE', reason: 'r' }, NOW)).toEqual(code('NOT_AUTHORISED'));
    expect(mayPropose(view('PROPOSE'), secretary, rules, { ...propose, kind: 'OTHER' }, NOW)).toEqual(code('RULE_BROKEN'));
    expect(mayPropose(view('PROPOSE'), villager, rules, { ...propose, kind: 'OTHER' }, NOW)).toEqual(code('NOT_AUTHORISED'));
    expect(mayPropose(view('PROPOSE'), secretary, rules, { decision: 'DECLINE', reason: 'not now' }, NOW)).toEqual(ok);
    expect(mayPropose(view('PROPOSE'), secretary, rules, { decision: 'DECLINE', reason: ' ' }, NOW)).toEqual(code('MISSING_REASON'));
    expect(mayPropose(view('REVIEW'), secretary, rules, { decision: 'DECLINE', reason: ' ' }, NOW)).toEqual(code('WRONG_STEP'));
  });

  test('propose and deliberate merged only where the rules allow it, with a valid joint meeting', () => {
    const merging = { ...rules, mergeProposeAndDeliberate: true };
    expect(mayPropose(view('PROPOSE'), secretary, rules, { ...propose, jointMeeting: record() }, NOW)).toEqual(
      code('RULE_BROKEN', 'majorMatterDecision.mergeProposeAndDeliberate'),
    );
    expect(mayPropose(view('PROPOSE'), secretary, merging, { ...propose, jointMeeting: record() }, NOW)).toEqual(ok);
    expect(mayPropose(view('PROPOSE'), secretary, merging, { ...propose, jointMeeting: record({ present: 10 }) }, NOW)).toEqual(code('INVALID_INPUT'));
    expect(mayPropose(view('PROPOSE'), secretary, merging, { ...propose, jointMeeting: record({ meetingDate: '2026-11-24' }) }, NOW)).toEqual(
      code('RULE_BROKEN', 'majorMatterDecision.timeline'),
    );
  });
});

describe('disclosures and objections', () => {
  const open = { kind: 'RESOLUTION' as const, startsAt: '2026-11-20T00:00:00Z', endsAt: '2026-11-27T00:00:00Z', heldOpen: false };
  const objection = (seq: number, disclosure: number, answered = false) => ({
    seq,
    disclosure,
    text: 'x',
    at: '',
    personId: 'p',
    ...(answered && { answer: { objectionSeq: seq, upheld: false, answer: 'a', at: '' } }),
  });
  const during = Date.parse('2026-11-23T00:00:00Z');
  const after = Date.parse('2026-11-27T00:00:00Z');

  test('the current disclosure is the last one not yet closed', () => {
    expect(currentDisclosure(view('RESOLUTION_DISCLOSURE'))).toBeUndefined();
    expect(currentDisclosure(view('RESOLUTION_DISCLOSURE', { disclosures: [open] }))).toBe(open);
    expect(currentDisclosure(view('IMPLEMENTATION', { disclosures: [{ ...open, closedAt: 'x' }] }))).toBeUndefined();
  });

  test("only the open disclosure's unanswered objections count", () => {
    const closed = { ...open, closedAt: 'x' };
    expect(
      unansweredObjections(view('RESOLUTION_DISCLOSURE', { disclosures: [open], objections: [objection(1, 1), objection(2, 1, true)] })).map((o) => o.seq),
    ).toEqual([1]);
    expect(unansweredObjections(view('RESOLUTION_DISCLOSURE', { disclosures: [closed, open], objections: [objection(1, 1)] }))).toEqual([]);
    expect(unansweredObjections(view('PROPOSE', { disclosures: [closed], objections: [objection(1, 1)] }))).toEqual([]);
  });

  test('party members and villagers of the village object during the period, with a text', () => {
    const v = view('RESOLUTION_DISCLOSURE', { disclosures: [open] });
    expect(mayObject(v, villager, { text: 'x' }, during)).toEqual(ok);
    expect(mayObject(v, partyMember, { text: 'x' }, during)).toEqual(ok);
    expect(mayObject(view('RESULT_DISCLOSURE', { disclosures: [open] }), villager, { text: 'x' }, during)).toEqual(ok);
    expect(mayObject(v, secretary, { text: 'x' }, during)).toEqual(code('NOT_AUTHORISED'));
    expect(mayObject(v, elsewhere('VILLAGER'), { text: 'x' }, during)).toEqual(code('WRONG_ORGANISATION'));
    expect(mayObject(v, villager, { text: '  ' }, during)).toEqual(code('MISSING_REASON'));
    expect(mayObject(v, villager, { text: 'x' }, after)).toEqual(code('WRONG_STEP'));
    expect(mayObject(v, villager, { text: 'x' }, after - 1)).toEqual(ok);
    expect(mayObject(view('IMPLEMENTATION'), villager, { text: 'x' }, during)).toEqual(code('WRONG_STEP'));
  });

  test('the secretary answers each open objection once, with an answer', () => {
    const v = view('RESOLUTION_DISCLOSURE', { disclosures: [open], objections: [objection(1, 1), objection(2, 1, true)] });
    expect(mayAnswerObjection(v, secretary, { objectionSeq: 1, upheld: false, answer: 'a' })).toEqual(ok);
    expect(mayAnswerObjection(v, secretary, { objectionSeq: 2, upheld: false, answer: 'a' })).toEqual(code('ALREADY_DONE'));
    expect(mayAnswerObjection(v, secretary, { objectionSeq: 3, upheld: false, answer: 'a' })).toEqual(code('INVALID_INPUT'));
    expect(mayAnswerObjection(v, secretary, { objectionSeq: 1, upheld: true, answer: '' })).toEqual(code('MISSING_REASON'));
    expect(mayAnswerObjection(v, cadre, { objectionSeq: 1, upheld: true, answer: 'a' })).toEqual(code('NOT_AUTHORISED'));
    expect(mayAnswerObjection({ ...v, step: 'IMPLEMENTATION' }, secretary, { objectionSeq: 1, upheld: true, answer: 'a' })).toEqual(code('WRONG_STEP'));
    expect(mayAnswerObjection({ ...v, step: 'RESULT_DISCLOSURE' }, secretary, { objectionSeq: 1, upheld: true, answer: 'a' })).toEqual(ok);
  });

  test('a disclosure closes when its period is over and every objection is answered', () => {
    expect(disclosureMayClose(view('RESOLUTION_DISCLOSURE', { disclosures: [open] }), after)).toBe(true);
    expect(disclosureMayClose(view('RESOLUTION_DISCLOSURE', { disclosures: [open] }), after - 1)).toBe(false);
    expect(disclosureMayClose(view('RESOLUTION_DISCLOSURE', { disclosures: [open], objections: [objection(1, 1)] }), after)).toBe(false);
    expect(disclosureMayClose(view('RESOLUTION_DISCLOSURE', { disclosures: [open], objections: [objection(1, 1, true)] }), after)).toBe(true);
    expect(disclosureMayClose(view('RESOLUTION_DISCLOSURE'), after)).toBe(false);
  });
});

describe('the town, implementation, acceptance, supervision', () => {
  test("the village's town orders a correction or quashes, at disclosure or implementation, with reasons", () => {
    expect(mayOrder(view('RESOLUTION_DISCLOSURE'), townReviewer, { order: 'QUASH', reasons: 'r' })).toEqual(ok);
    expect(mayOrder(view('IMPLEMENTATION'), townReviewer, { order: 'CORRECT', reasons: 'r' })).toEqual(ok);
    expect(mayOrder(view('RESOLVE'), townReviewer, { order: 'CORRECT', reasons: 'r' })).toEqual(code('WRONG_STEP'));
    expect(mayOrder(view('IMPLEMENTATION'), actor(['TOWN_REVIEWER', 'xingcun.xikou']), { order: 'CORRECT', reasons: 'r' })).toEqual(code('WRONG_ORGANISATION'));
    expect(mayOrder(view('IMPLEMENTATION'), townReviewer, { order: 'QUASH', reasons: '' })).toEqual(code('MISSING_REASON'));
  });

  test('progress by the village secretary or a cadre, at implementation', () => {
    expect(mayReportProgress(view('IMPLEMENTATION'), cadre, { text: 'x', completed: false, evidenceRefs: [] })).toEqual(ok);
    expect(mayReportProgress(view('IMPLEMENTATION'), secretary, { text: 'x', completed: true, evidenceRefs: [] })).toEqual(ok);
    expect(mayReportProgress(view('IMPLEMENTATION'), villager, { text: 'x', completed: true, evidenceRefs: [] })).toEqual(code('NOT_AUTHORISED'));
    expect(mayReportProgress(view('ACCEPTANCE'), cadre, { text: 'x', completed: true, evidenceRefs: [] })).toEqual(code('WRONG_STEP'));
    expect(mayReportProgress(view('IMPLEMENTATION'), cadre, { text: ' ', completed: true, evidenceRefs: [] })).toEqual(code('MISSING_REASON'));
  });

  test('acceptance by the supervisory committee, with a report or the reasons for rework', () => {
    expect(mayAccept(view('ACCEPTANCE'), supervisor, { decision: 'ACCEPT', reportRef: 'r' })).toEqual(ok);
    expect(mayAccept(view('ACCEPTANCE'), supervisor, { decision: 'REWORK', reasons: 'r' })).toEqual(ok);
    expect(mayAccept(view('ACCEPTANCE'), supervisor, { decision: 'ACCEPT', reportRef: ' ' })).toEqual(code('MISSING_REASON'));
    expect(mayAccept(view('ACCEPTANCE'), supervisor, { decision: 'REWORK', reasons: '' })).toEqual(code('MISSING_REASON'));
    expect(mayAccept(view('ACCEPTANCE'), secretary, { decision: 'ACCEPT', reportRef: 'r' })).toEqual(code('NOT_AUTHORISED'));
    expect(mayAccept(view('IMPLEMENTATION'), supervisor, { decision: 'ACCEPT', reportRef: 'r' })).toEqual(code('WRONG_STEP'));
  });

  test('a concern at any step while running, answered once by the secretary', () => {
    const concern = { seq: 1, text: 'c', step: 'REVIEW', at: '', personId: 's' };
    expect(mayRaiseConcern(view('REVIEW'), supervisor, { text: 'c' })).toEqual(ok);
    expect(mayRaiseConcern(view('RESULT_DISCLOSURE'), supervisor, { text: 'c' })).toEqual(ok);
    expect(mayRaiseConcern(view('CLOSED', {}, 'COMPLETED'), supervisor, { text: 'c' })).toEqual(code('PROCESS_CLOSED'));
    expect(mayRaiseConcern(view('REVIEW'), elsewhere('SUPERVISOR'), { text: 'c' })).toEqual(code('WRONG_ORGANISATION'));
    expect(mayRaiseConcern(view('REVIEW'), supervisor, { text: '' })).toEqual(code('MISSING_REASON'));
    const v = view('REVIEW', { concerns: [concern] });
    expect(openConcerns(v)).toEqual([concern]);
    expect(mayAnswerConcern(v, secretary, { concernSeq: 1, answer: 'a' })).toEqual(ok);
    expect(mayAnswerConcern(v, secretary, { concernSeq: 2, answer: 'a' })).toEqual(code('INVALID_INPUT'));
    expect(mayAnswerConcern(v, secretary, { concernSeq: 1, answer: ' ' })).toEqual(code('MISSING_REASON'));
    expect(mayAnswerConcern(v, supervisor, { concernSeq: 1, answer: 'a' })).toEqual(code('NOT_AUTHORISED'));
    expect(mayAnswerConcern({ ...v, status: 'COMPLETED' }, secretary, { concernSeq: 1, answer: 'a' })).toEqual(code('PROCESS_CLOSED'));
    const answered = view('REVIEW', { concerns: [{ ...concern, answer: { answer: 'a', at: '', personId: 'p' } }] });
    expect(openConcerns(answered)).toEqual([]);
    expect(mayAnswerConcern(answered, secretary, { concernSeq: 1, answer: 'a' })).toEqual(code('ALREADY_DONE'));
  });
});
