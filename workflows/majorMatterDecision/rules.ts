// Rules of the majorMatterDecision process (docs/processes.md §3): pure functions called by the validators
// and by the workflow, which decides from a meeting's record and the pinned rules whether it passed.
import type { Actor } from '../common/actor';
import { findRole } from '../common/actor';
import { allowed, firstRefusal, refused, ruleBroken, type RuleId, type RuleResult } from '../common/reasons';
import { mayTake, type Action } from '../common/contract';
import { holds, reasonGiven } from '../common/guards';
import type { Role } from '../common/roles';
import type { RuleValues } from '../rules/definitions';
import type {
  AcceptanceRecord,
  Concern,
  ConcernAnswer,
  Disclosure,
  MajorMatterKind,
  MajorMatterStep,
  MajorMatterView,
  MeetingKind,
  MeetingRecord,
  Objection,
  ObjectionAnswer,
  ProgressRecord,
  ProposalDecision,
  TownOrder,
  MajorMatterDetails,
} from './contract';
import { majorMatterContract } from './contract';

const { actions } = majorMatterContract;

export type MatterRules = RuleValues['majorMatterDecision'];

/** A rule of the county's majorMatterDecision section, as a refusal names it. */
const county = (rule: keyof MatterRules): RuleId => `majorMatterDecision.${rule}`;

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
/** Shares are compared with this slack, so that a share of 2/3 stored as a decimal counts 6 of 9. */
const SLACK = 1e-9;

export const MEETING_LABELS: Record<MeetingKind, string> = {
  JOINT_MEETING: '村务联席会议 joint meeting',
  PARTY_MEMBERS_MEETING: "党员大会 party members' meeting",
  REPRESENTATIVES_MEETING: "村民代表会议 representatives' meeting",
  VILLAGERS_MEETING: "村民会议 villagers' meeting",
};

/** The meeting each step holds. */
export const MEETING_OF_STEP: Partial<Record<MajorMatterStep, string>> = {
  DELIBERATE: MEETING_LABELS.JOINT_MEETING,
  REVIEW: MEETING_LABELS.PARTY_MEMBERS_MEETING,
  RESOLVE: `${MEETING_LABELS.REPRESENTATIVES_MEETING} / ${MEETING_LABELS.VILLAGERS_MEETING}`,
};

/** A matter is major when of a kind the county lists, or when its amount reaches the threshold. */
export function isMajorMatter(rules: MatterRules, kind: MajorMatterKind, amount: number): RuleResult {
  if (rules.kinds.includes(kind) || amount >= rules.amountThreshold) return allowed;
  return ruleBroken(
    county('amountThreshold'),
    `Not a major matter: ${kind} is not among the kinds the county lists (${rules.kinds.join(', ')}) and ¥${amount} is below its threshold of ¥${rules.amountThreshold}.`,
    `不属于重大事项：${kind} 不在县里所列事项类别（${rules.kinds.join('、')}）之中，且金额 ¥${amount} 低于 ¥${rules.amountThreshold} 的标准。`,
  );
}

/** Holds one of `roles` in `orgId`; the refusal names the first role for people. */
export function holdsAny(actor: Actor, roles: Role[], orgId: string, action: string): RuleResult {
  if (roles.some((role) => findRole(actor, role, orgId))) return allowed;
  const refusal = roles.map((role) => holds(actor, role, orgId, action)).find((r) => !r.ok && r.code === 'WRONG_ORGANISATION');
  return refusal ?? refused('NOT_AUTHORISED', `${action} needs one of the roles ${roles.join(', ')} in ${orgId}; ${actor.name} holds none.`);
}

/** Today's date in China (meeting dates are local dates). */
export function chinaDate(nowMs: number): string {
  return new Date(nowMs + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole days from one date (YYYY-MM-DD) to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

/** The figures of a meeting record are possible: nobody counted twice, no more present than entitled. */
export function figuresHold(record: MeetingRecord): RuleResult {
  const problems: string[] = [];
  if (record.expected < 1) problems.push('a meeting has at least one member entitled to attend');
  if (record.present > record.expected) problems.push(`${record.present} present is more than the ${record.expected} entitled to attend`);
  if (record.votesFor + record.votesAgainst + record.abstentions > record.present) problems.push('more votes were counted than people present');
  if ((record.householdsPresent ?? 0) > (record.householdsExpected ?? 0)) problems.push('more households present than the village has');
  return problems.length
    ? refused('INVALID_INPUT', `The meeting record does not hold: ${problems.join('; ')}.`, {
        rule: 'majorMatterDecision.meetingFigures',
        zh: `会议记录的数字不成立：${problems.join('；')}。`,
      })
    : allowed;
}

/** Where a matter's own timeline stands: the day it was suggested (or raised on paper), its last meeting, today (China dates). */
export interface Timeline {
  today: string;
  /** The day the matter was raised: its suggestion's `raisedOn`, else the day it was entered. */
  raisedOn: string;
  previousMeetingDate?: string;
}

/**
 * A meeting follows the matter's own timeline: its notice and its date not before the matter was raised,
 * the notice not after the meeting, the meeting not before the one before it, and no minutes of a day to come.
 */
export function timelineHolds(record: Pick<MeetingRecord, 'meetingDate' | 'noticeDate'>, timeline: Timeline): RuleResult {
  const { today, raisedOn, previousMeetingDate } = timeline;
  const problems: string[] = [];
  if (record.noticeDate < raisedOn) problems.push(`the notice (${record.noticeDate}) is before the matter was raised (${raisedOn})`);
  if (record.meetingDate < raisedOn) problems.push(`the meeting date ${record.meetingDate} is before the matter was raised (${raisedOn})`);
  if (record.noticeDate > record.meetingDate) problems.push('the notice came after the meeting');
  if (record.meetingDate > today) problems.push(`the meeting date ${record.meetingDate} is in the future`);
  if (previousMeetingDate !== undefined && record.meetingDate < previousMeetingDate)
    problems.push(`the meeting date ${record.meetingDate} is before the previous meeting (${previousMeetingDate})`);
  return problems.length
    ? ruleBroken(
        'majorMatterDecision.timeline',
        `The meeting does not follow the matter's timeline: ${problems.join('; ')}.`,
        `会议日期不符合本事项的先后顺序：${problems.join('；')}。`,
      )
    : allowed;
}

/** A suggestion raised on paper on `raisedOn` is entered `today`: not in the future, at most `raisedOnPaperDays` before. */
export function raisedOnHolds(rules: MatterRules, raisedOn: string, today: string): RuleResult {
  const days = daysBetween(raisedOn, today);
  if (days < 0)
    return ruleBroken(county('raisedOnPaperDays'), `A suggestion cannot be raised on ${raisedOn}, a day to come.`, `建议提出日期 ${raisedOn} 尚未到来。`);
  return days <= rules.raisedOnPaperDays
    ? allowed
    : ruleBroken(
        county('raisedOnPaperDays'),
        `A suggestion raised on paper is entered within ${rules.raisedOnPaperDays} days: ${raisedOn} is ${days} days before today (${today}).`,
        `书面提出的建议须在 ${rules.raisedOnPaperDays} 日内录入：${raisedOn} 距今日（${today}）已 ${days} 日。`,
      );
}

/** The county rule of each meeting's notice (the joint meeting has none). */
const NOTICE_RULE = {
  PARTY_MEMBERS_MEETING: 'reviewNoticeDays',
  REPRESENTATIVES_MEETING: 'representativesNoticeDays',
  VILLAGERS_MEETING: 'villagersNoticeDays',
} as const satisfies Partial<Record<MeetingKind, keyof MatterRules>>;

/** Days of notice a meeting needs under the rules (the joint meeting has no notice rule). */
export function noticeDays(rules: MatterRules, meeting: MeetingKind): number {
  return meeting === 'JOINT_MEETING' ? 0 : rules[NOTICE_RULE[meeting]];
}

export function noticeKept(rules: MatterRules, meeting: MeetingKind, record: MeetingRecord): RuleResult {
  const needed = noticeDays(rules, meeting);
  const given = daysBetween(record.noticeDate, record.meetingDate);
  return given >= needed || meeting === 'JOINT_MEETING'
    ? allowed
    : ruleBroken(
        county(NOTICE_RULE[meeting]),
        `A ${MEETING_LABELS[meeting]} needs ${needed} days' notice; notice on ${record.noticeDate} for ${record.meetingDate} gave ${given}.`,
        `${MEETING_LABELS[meeting].split(' ')[0]}须提前 ${needed} 日通知；${record.noticeDate} 通知、${record.meetingDate} 开会，只提前了 ${given} 日。`,
      );
}

const atLeast = (count: number, share: number, of: number) => count >= share * of - SLACK;
const moreThan = (count: number, share: number, of: number) => count > share * of + SLACK;
const round = (n: number) => Math.round(n * 100) / 100;

/** Whether the meeting was quorate, with the reckoning in words. */
export function quorum(rules: MatterRules, meeting: MeetingKind, record: MeetingRecord): { met: boolean; reckoning: string } {
  const { present, expected } = record;
  switch (meeting) {
    case 'JOINT_MEETING':
      return { met: true, reckoning: 'no quorum rule' };
    case 'PARTY_MEMBERS_MEETING':
      return {
        met: atLeast(present, rules.partyMeetingQuorum, expected),
        reckoning: `${present} of ${expected} party members present, at least ${round(rules.partyMeetingQuorum * expected)} needed`,
      };
    case 'REPRESENTATIVES_MEETING':
      return {
        met: atLeast(present, rules.representativesQuorum, expected),
        reckoning: `${present} of ${expected} representatives present, at least ${round(rules.representativesQuorum * expected)} needed`,
      };
    case 'VILLAGERS_MEETING': {
      const households = { present: record.householdsPresent ?? 0, expected: record.householdsExpected ?? 0 };
      const byAdults = moreThan(present, rules.villagersAdultsQuorum, expected);
      const byHouseholds = households.expected > 0 && atLeast(households.present, rules.villagersHouseholdsQuorum, households.expected);
      const basis = rules.villagersQuorumBasis;
      const met = basis === 'ADULTS' ? byAdults : basis === 'HOUSEHOLDS' ? byHouseholds : byAdults || byHouseholds;
      return {
        met,
        reckoning:
          `quorum by ${basis}: adults ${present} of ${expected} (more than ${round(rules.villagersAdultsQuorum * expected)} needed: ${byAdults ? 'met' : 'not met'}), ` +
          `households ${households.present} of ${households.expected} (at least ${round(rules.villagersHouseholdsQuorum * households.expected)} needed: ${byHouseholds ? 'met' : 'not met'})`,
      };
    }
  }
}

/** The county rule a meeting's quorum applies (the villagers' meeting: its basis, which says what counts). */
export function quorumRule(meeting: Exclude<MeetingKind, 'JOINT_MEETING'>): RuleId {
  return county(
    ({ PARTY_MEMBERS_MEETING: 'partyMeetingQuorum', REPRESENTATIVES_MEETING: 'representativesQuorum', VILLAGERS_MEETING: 'villagersQuorumBasis' } as const)[
      meeting
    ],
  );
}

export function quorate(rules: MatterRules, meeting: MeetingKind, record: MeetingRecord): RuleResult {
  const found = quorum(rules, meeting, record);
  return found.met
    ? allowed
    : ruleBroken(
        quorumRule(meeting as Exclude<MeetingKind, 'JOINT_MEETING'>),
        `The ${MEETING_LABELS[meeting]} was not quorate: ${found.reckoning}; it could not decide.`,
        `${MEETING_LABELS[meeting].split(' ')[0]}到会人数不足法定人数：${found.reckoning}；不能作出决定。`,
      );
}

/** Whether the vote passed, by the pinned majority, with the reckoning in words. */
export function votePasses(rules: MatterRules, meeting: MeetingKind, record: MeetingRecord): { passed: boolean; reckoning: string } {
  const { share, base, of } =
    meeting === 'JOINT_MEETING'
      ? { share: rules.jointMeetingMajority, base: 'members', of: record.expected }
      : meeting === 'PARTY_MEMBERS_MEETING'
        ? { share: rules.partyMeetingMajority, base: 'entitled to attend', of: record.expected }
        : rules.resolutionMajorityBase === 'ALL'
          ? { share: rules.resolutionMajority, base: 'entitled to attend (more than half of all)', of: record.expected }
          : { share: rules.resolutionMajority, base: 'present', of: record.present };
  const passed = moreThan(record.votesFor, share, of);
  return { passed, reckoning: `${record.votesFor} for of ${of} ${base}, more than ${round(share * of)} needed: ${passed ? 'passed' : 'failed'}` };
}

/** A meeting record that can be taken: figures possible, on the matter's timeline, notice kept, quorate. */
export function meetingValid(rules: MatterRules, meeting: MeetingKind, record: MeetingRecord, timeline: Timeline): RuleResult {
  return firstRefusal(meetingRecordable(rules, meeting, record, timeline), quorate(rules, meeting, record));
}

/**
 * A meeting's record can be taken (figures, timeline, notice): all of `meetingValid` but the quorum. A
 * meeting that was not quorate is still a fact of the matter: the step records it, then refuses (§3).
 */
export function meetingRecordable(rules: MatterRules, meeting: MeetingKind, record: MeetingRecord, timeline: Timeline): RuleResult {
  return firstRefusal(
    figuresHold(record),
    meeting === 'VILLAGERS_MEETING' && !record.householdsExpected
      ? refused('INVALID_INPUT', "A villagers' meeting record counts households: householdsExpected and householdsPresent.", {
          rule: 'majorMatterDecision.meetingFigures',
          zh: '村民会议记录须填写户数：householdsExpected 与 householdsPresent。',
        })
      : allowed,
    timelineHolds(record, timeline),
    noticeKept(rules, meeting, record),
  );
}

/** The matter's timeline at `nowMs`: raised on its suggestion's date (or the paper's), its last meeting, today. */
export function timelineOf(view: MajorMatterView, nowMs: number): Timeline {
  const { suggestion, meetings } = view.details;
  return { today: chinaDate(nowMs), raisedOn: suggestion.raisedOn ?? chinaDate(Date.parse(suggestion.at)), previousMeetingDate: meetings.at(-1)?.meetingDate };
}

// Each action's own rule, checked by the kit after its steps (`at`) and its actors (`by`, in the contract);
// `may…` is the whole check, as the Update's validator makes it.

export function proposalRule(view: MajorMatterView, rules: MatterRules, decision: ProposalDecision, nowMs: number): RuleResult {
  if (decision.decision === 'DECLINE') return reasonGiven(decision.reason, 'Declining a suggestion');
  return firstRefusal(
    isMajorMatter(rules, decision.kind, decision.estimatedAmount),
    decision.jointMeeting && !rules.mergeProposeAndDeliberate
      ? ruleBroken(
          county('mergeProposeAndDeliberate'),
          "The county's rules do not allow merging propose and deliberate: the joint meeting is a step of its own.",
          '县里规则不允许提议与商议合并：村务联席会议须单独召开。',
        )
      : allowed,
    decision.jointMeeting ? meetingValid(rules, 'JOINT_MEETING', decision.jointMeeting, timelineOf(view, nowMs)) : allowed,
  );
}

export function mayPropose(view: MajorMatterView, actor: Actor, rules: MatterRules, decision: ProposalDecision, nowMs: number): RuleResult {
  return mayTake(actions.propose, view, actor, decision, () => proposalRule(view, rules, decision, nowMs));
}

/** A meeting's record is valid (figures, notice, quorum). */
export function meetingRule(view: MajorMatterView, rules: MatterRules, meeting: MeetingKind, record: MeetingRecord, nowMs: number): RuleResult {
  return meetingValid(rules, meeting, record, timelineOf(view, nowMs));
}

/** A meeting's record can be taken (figures, timeline, notice): the validator's part; the quorum is checked in the step, which records a failed one. */
export function meetingRecordRule(view: MajorMatterView, rules: MatterRules, meeting: MeetingKind, record: MeetingRecord, nowMs: number): RuleResult {
  return meetingRecordable(rules, meeting, record, timelineOf(view, nowMs));
}

/** A meeting step: at its step, recorded by its convener in the village, with a valid record. */
export function mayHoldMeeting(
  view: MajorMatterView,
  actor: Actor,
  rules: MatterRules,
  meeting: MeetingKind,
  record: MeetingRecord,
  nowMs: number,
): RuleResult {
  const action = meeting === 'JOINT_MEETING' ? actions.deliberate : meeting === 'PARTY_MEMBERS_MEETING' ? actions.review : actions.resolve;
  return mayTake(action as Action<MajorMatterDetails, MeetingRecord>, view, actor, record, () => meetingRule(view, rules, meeting, record, nowMs));
}

export function currentDisclosure(view: MajorMatterView): Disclosure | undefined {
  const last = view.details.disclosures.at(-1);
  return last && !last.closedAt ? last : undefined;
}

/** The objections of the open disclosure not yet answered. */
export function unansweredObjections(view: MajorMatterView) {
  const open = currentDisclosure(view) ? view.details.disclosures.length : 0;
  return view.details.objections.filter((o) => !o.answer && o.disclosure === open);
}

export function objectionRule(view: MajorMatterView, objection: Objection, nowMs: number): RuleResult {
  const disclosure = currentDisclosure(view);
  return firstRefusal(
    disclosure && nowMs >= Date.parse(disclosure.endsAt)
      ? refused('WRONG_STEP', `The disclosure period ended at ${disclosure.endsAt}; objections were taken until then.`, {
          rule: county(disclosure.kind === 'RESOLUTION' ? 'resolutionDisclosure' : 'resultDisclosure'),
          zh: `公开期已于 ${disclosure.endsAt} 结束，异议只在公开期内受理。`,
        })
      : allowed,
    reasonGiven(objection.text, 'An objection'),
  );
}

export function mayObject(view: MajorMatterView, actor: Actor, objection: Objection, nowMs: number): RuleResult {
  return mayTake(actions.object, view, actor, objection, () => objectionRule(view, objection, nowMs));
}

export function objectionAnswerRule(view: MajorMatterView, answer: ObjectionAnswer): RuleResult {
  const objection = view.details.objections.find((o) => o.seq === answer.objectionSeq);
  return firstRefusal(
    !objection || !unansweredObjections(view).includes(objection)
      ? refused(
          objection ? 'ALREADY_DONE' : 'INVALID_INPUT',
          objection ? `Objection ${answer.objectionSeq} has been answered already.` : `There is no objection ${answer.objectionSeq} open in this disclosure.`,
        )
      : allowed,
    reasonGiven(answer.answer, 'An answer to an objection'),
  );
}

export function mayAnswerObjection(view: MajorMatterView, actor: Actor, answer: ObjectionAnswer): RuleResult {
  return mayTake(actions.answerObjection, view, actor, answer, () => objectionAnswerRule(view, answer));
}

/** The disclosure may close: its period is over and every objection made during it is answered. */
export function disclosureMayClose(view: MajorMatterView, nowMs: number): boolean {
  const disclosure = currentDisclosure(view);
  return !!disclosure && nowMs >= Date.parse(disclosure.endsAt) && unansweredObjections(view).length === 0;
}

export const orderRule = (order: TownOrder): RuleResult => reasonGiven(order.reasons, "The town's order");

export function mayOrder(view: MajorMatterView, actor: Actor, order: TownOrder): RuleResult {
  return mayTake(actions.townOrder, view, actor, order, () => orderRule(order));
}

export const progressRule = (progress: ProgressRecord): RuleResult => reasonGiven(progress.text, 'A progress record');

export function mayReportProgress(view: MajorMatterView, actor: Actor, progress: ProgressRecord): RuleResult {
  return mayTake(actions.progress, view, actor, progress, () => progressRule(progress));
}

export const acceptanceRule = (acceptance: AcceptanceRecord): RuleResult =>
  acceptance.decision === 'ACCEPT' ? reasonGiven(acceptance.reportRef, 'An acceptance report') : reasonGiven(acceptance.reasons, 'Rework');

export function mayAccept(view: MajorMatterView, actor: Actor, acceptance: AcceptanceRecord): RuleResult {
  return mayTake(actions.accept, view, actor, acceptance, () => acceptanceRule(acceptance));
}

export const concernRule = (concern: Concern): RuleResult => reasonGiven(concern.text, 'A concern');

export function mayRaiseConcern(view: MajorMatterView, actor: Actor, concern: Concern): RuleResult {
  return mayTake(actions.concern, view, actor, concern, () => concernRule(concern));
}

export function concernAnswerRule(view: MajorMatterView, answer: ConcernAnswer): RuleResult {
  const concern = view.details.concerns.find((c) => c.seq === answer.concernSeq);
  return firstRefusal(
    !concern
      ? refused('INVALID_INPUT', `There is no concern ${answer.concernSeq}.`)
      : concern.answer
        ? refused('ALREADY_DONE', `Concern ${answer.concernSeq} has been answered already.`)
        : allowed,
    reasonGiven(answer.answer, 'An answer to a concern'),
  );
}

export function mayAnswerConcern(view: MajorMatterView, actor: Actor, answer: ConcernAnswer): RuleResult {
  return mayTake(actions.answerConcern, view, actor, answer, () => concernAnswerRule(view, answer));
}

export function openConcerns(view: MajorMatterView) {
  return view.details.concerns.filter((c) => !c.answer);
}

/** When a disclosure starts: one measured in days from the next day (China time), a shortened one at once. */
export function disclosureStartsAt(fromMs: number, periodMs: number): number {
  if (periodMs < DAY_MS) return fromMs;
  const local = fromMs + CHINA_OFFSET_MS;
  return local - (local % DAY_MS) + DAY_MS - CHINA_OFFSET_MS;
}
