import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { actedAs, findRole, type Actor } from '../common/actor';
import type { NextActor } from '../common/view';
import type { DueDateField } from '../common/calendar-changes';
import { openProcess, type Timer } from '../common/open-process';
import type { Role } from '../common/roles';
import { nowIso } from '../common/workflow-support';
import { shortestMs } from '../rules/checks';
import { majorMatterDetails } from './details';
import {
  majorMatterContract,
  type DisclosureKind,
  type MajorMatterStart,
  type MajorMatterStep,
  type MajorMatterView,
  type MeetingKind,
  type MeetingRecord,
} from './contract';
import {
  acceptanceRule,
  concernAnswerRule,
  concernRule,
  currentDisclosure,
  disclosureMayClose,
  disclosureStartsAt,
  MEETING_LABELS,
  MEETING_OF_STEP,
  meetingRecordRule,
  objectionAnswerRule,
  objectionRule,
  openConcerns,
  orderRule,
  progressRule,
  proposalRule,
  quorate,
  quorum,
  unansweredObjections,
  votePasses,
} from './rules';

const { query, actions, searchAttributes: own } = majorMatterContract;

/** Steps whose next actor is due within the county's step period (a meeting, a proposal, an acceptance). */
const TIMED_STEPS: MajorMatterStep[] = ['PROPOSE', 'DELIBERATE', 'REVIEW', 'RESOLVE', 'ACCEPTANCE'];

const NEXT: Record<MajorMatterStep, { role: Role; action: string }> = {
  PROPOSE: { role: 'VILLAGE_SECRETARY', action: 'take up as a proposal (提议), or decline with a reason' },
  DELIBERATE: { role: 'VILLAGE_SECRETARY', action: `hold the ${MEETING_LABELS.JOINT_MEETING} (商议)` },
  REVIEW: { role: 'VILLAGE_SECRETARY', action: `send the proposal and hold the ${MEETING_LABELS.PARTY_MEMBERS_MEETING} (审议)` },
  RESOLVE: { role: 'VILLAGE_SECRETARY', action: `announce and hold the ${MEETING_OF_STEP.RESOLVE} (决议)` },
  RESOLUTION_DISCLOSURE: { role: 'VILLAGE_SECRETARY', action: 'answer every objection before the resolution disclosure closes (决议公开)' },
  IMPLEMENTATION: { role: 'VILLAGE_SECRETARY', action: 'carry out the resolution, record progress and completion (实施)' },
  ACCEPTANCE: { role: 'SUPERVISOR', action: 'accept the work, or return it for rework (验收)' },
  RESULT_DISCLOSURE: { role: 'VILLAGE_SECRETARY', action: 'answer every objection before the result disclosure closes (实施结果公开)' },
  CLOSED: { role: 'VILLAGE_SECRETARY', action: '' },
};

/** What makes a matter findable in the Temporal UI besides the kit's attributes: its kind, amount and any open concern. */
function matterAttributes(view: MajorMatterView): SearchAttributeUpdatePair[] {
  const latest = view.details.proposal.at(-1) ?? view.details.suggestion;
  return [
    { key: own.matterKind, value: latest.kind },
    { key: own.amount, value: latest.estimatedAmount },
    { key: own.openConcern, value: openConcerns(view).length > 0 },
  ];
}

/** 五议两公开: a village's major matter decided by its legal steps (docs/processes.md §3). */
/** The end of the disclosure open now: a change of the calendar may move it. */
const openDisclosureEnd: DueDateField<MajorMatterView> = {
  get: (v) => {
    const open = v.details.disclosures.at(-1);
    return open && !open.closedAt ? open.endsAt : undefined;
  },
  set: (v, at) => void (v.details.disclosures.at(-1)!.endsAt = at),
};

export async function majorMatterDecision(start: MajorMatterStart): Promise<MajorMatterView> {
  const { villageId, townId } = start;
  const process = openProcess<MajorMatterView, MajorMatterStep>({
    query,
    rules: start.rules,
    ruleSections: majorMatterContract.rules,
    dueDateFields: {
      majorMatterStep: { get: (v) => v.details.next?.dueAt, set: (v, at) => void (v.details.next!.dueAt = at) },
      resolutionDisclosure: openDisclosureEnd,
      resultDisclosure: openDisclosureEnd,
    },
    periods: start.periods,
    start,
    continued: start.continued,
    view: {
      processType: 'majorMatterDecision',
      title: start.suggestion.title,
      countyId: start.countyId,
      townId,
      villageId,
      step: 'PROPOSE',
      details: {
        townId,
        suggestion: { ...start.suggestion, at: nowIso() },
        ...(start.origin && { origin: start.origin }),
        proposal: [],
        meetings: [],
        disclosures: [],
        objections: [],
        concerns: [],
        returns: [],
        progress: [],
        townOrders: [],
      },
    },
    details: majorMatterDetails,
    searchAttributes: matterAttributes,
    // The process that started it (a bidding's award) closes it when the award no longer holds.
    ...(start.origin && { origin: start.origin }),
  });
  const { view, step, record, close, deadlines } = process;
  const rules = process.rules.values.majorMatterDecision;
  const as = (actor: Actor, ...roles: Role[]) => actedAs(actor, roles.find((role) => findRole(actor, role, villageId)) ?? roles[0], villageId);

  /** The due date of the next timed step: asked before anything changes, so a failing calendar leaves nothing half done. */
  const dueOf = (next: MajorMatterStep) => (TIMED_STEPS.includes(next) ? deadlines.due('majorMatterStep', { inStep: true }) : Promise.resolve(undefined));

  function moveTo(next: MajorMatterStep, dueAt: string | undefined, until?: string): void {
    const { role, action } = NEXT[next];
    const by = dueAt ?? until;
    view.overdue = false;
    view.details.next = { what: MEETING_OF_STEP[next] ?? action, dueAt: by };
    process.moveTo(next, [{ role, orgId: villageId, action, ...(by && { dueAt: by }) } satisfies NextActor], dueAt);
  }

  const latestVersion = () => view.details.proposal.at(-1)!;
  // Taken before any step is registered, so a step arriving early waits for the matter to open (a continued run is open).
  const opened = process.continued ? Promise.resolve() : process.exclusively(open);

  /** Takes a valid meeting record: the process decides whether it passed, by the pinned rules. */
  function holdMeeting(meeting: MeetingKind, minutes: MeetingRecord, actor: Actor, convener: Role[]): boolean {
    const { passed, reckoning } = votePasses(rules, meeting, minutes);
    const proposalVersion = latestVersion().version;
    const quorate = quorum(rules, meeting, minutes).reckoning;
    const households = meeting === 'VILLAGERS_MEETING' && { quorumCountsHouseholds: rules.villagersQuorumBasis !== 'ADULTS' };
    view.details.meetings.push({ ...minutes, meeting, proposalVersion, passed, reckoning: `${quorate}; ${reckoning}`, ...households, at: nowIso() });
    record({
      step: meeting,
      by: { actor, as: as(actor, ...convener) },
      rule: `${MEETING_LABELS[meeting]}: notice, quorum and majority of the pinned rules`,
      summary: `${MEETING_LABELS[meeting]} on proposal v${proposalVersion} (${minutes.meetingDate}): ${passed ? 'passed' : 'failed'} — ${quorate}; ${reckoning}`,
      data: minutes,
    });
    return passed;
  }

  /**
   * A meeting that failed its quorum could not decide, but it was held: it is recorded on the matter (date,
   * figures, the rule it failed) and published before the step is refused, naming that rule.
   */
  async function quorumOrRecordFailure(meeting: MeetingKind, minutes: MeetingRecord, actor: Actor, convener: Role[]): Promise<void> {
    const result = quorate(rules, meeting, minutes);
    if (result.ok) return;
    const { reckoning } = quorum(rules, meeting, minutes);
    const { meetingDate, expected, present, householdsExpected, householdsPresent, minutesRef } = minutes;
    const rule = result.rule ?? `majorMatterDecision.${meeting}`;
    const fact = {
      meeting,
      meetingDate,
      expected,
      present,
      householdsExpected,
      householdsPresent,
      minutesRef,
      proposalVersion: latestVersion().version,
      rule,
      reckoning,
    };
    (view.details.failedQuorums ??= []).push({ ...fact, at: nowIso() });
    record({
      step: 'QUORUM_FAILED',
      by: { actor, as: as(actor, ...convener) },
      rule,
      summary: `${MEETING_LABELS[meeting]} of ${meetingDate} (${minutesRef}) was not quorate: ${reckoning}; it could not decide`,
      data: fact,
    });
    await process.show();
    process.refuseUnless(result);
  }

  function returnToPropose(from: string, reasons: string, dueAt: string | undefined): void {
    view.details.returns.push({ from, reasons, at: nowIso() });
    moveTo('PROPOSE', dueAt);
  }

  function closeDisclosure(): void {
    const disclosure = currentDisclosure(view)!;
    disclosure.closedAt = nowIso();
    record({
      step: `${disclosure.kind}_DISCLOSURE_CLOSED`,
      rule: 'a disclosure closes when its period is over and every objection is answered',
      summary: `Disclosure closed (${disclosure.startsAt} → ${disclosure.endsAt})`,
    });
    if (disclosure.kind === 'RESOLUTION') moveTo('IMPLEMENTATION', undefined);
    else close('COMPLETED', 'Carried out, accepted and its result disclosed');
  }

  step(
    actions.propose,
    (_actor, decision) => proposalRule(view, rules, decision, Date.now()),
    async (actor, decision) => {
      const by = { actor, as: actedAs(actor, 'VILLAGE_SECRETARY', villageId) };
      if (decision.decision === 'DECLINE') {
        record({ step: 'DECLINE', by, summary: `Declined: ${decision.reason}`, data: decision });
        close('REJECTED', `Declined by the village party organisation: ${decision.reason}`);
        return;
      }
      const merged = decision.jointMeeting;
      const passed = merged && votePasses(rules, 'JOINT_MEETING', merged).passed;
      const next = !merged ? 'DELIBERATE' : passed ? 'REVIEW' : 'PROPOSE';
      const dueAt = await dueOf(next);
      const { jointMeeting: _held, decision: _d, note, ...content } = decision;
      const version = view.details.proposal.length + 1;
      const why = note ?? (version === 1 ? 'taken up from the suggestion' : `revised after: ${view.details.returns.at(-1)?.reasons ?? 'a return'}`);
      view.details.proposal.push({ ...content, version, at: nowIso(), note: why });
      record({
        step: 'PROPOSE',
        by,
        rule: merged ? 'propose and deliberate merged (mergeProposeAndDeliberate)' : undefined,
        summary: `Proposal v${version}: ${content.title} (¥${content.estimatedAmount}) — ${why}`,
        data: decision,
      });
      if (merged) holdMeeting('JOINT_MEETING', merged, actor, ['VILLAGE_SECRETARY']);
      if (next === 'PROPOSE')
        returnToPropose(
          'JOINT_MEETING',
          `The ${MEETING_LABELS.JOINT_MEETING} did not pass proposal v${version}: ${view.details.meetings.at(-1)!.reckoning}`,
          dueAt,
        );
      else moveTo(next, dueAt);
    },
  );

  step(
    actions.deliberate,
    (_actor, meeting) => meetingRecordRule(view, rules, 'JOINT_MEETING', meeting, Date.now()),
    async (actor, { amendment, ...minutes }) => {
      const passed = votePasses(rules, 'JOINT_MEETING', minutes).passed;
      const dueAt = await dueOf(passed ? 'REVIEW' : 'PROPOSE');
      holdMeeting('JOINT_MEETING', minutes, actor, ['VILLAGE_SECRETARY']);
      if (passed && amendment) {
        const { note, ...changes } = amendment;
        const version = latestVersion().version + 1;
        view.details.proposal.push({ ...latestVersion(), ...changes, version, at: nowIso(), note: `amended by the joint meeting: ${note}` });
        record({
          step: 'AMEND',
          by: { actor, as: as(actor, 'VILLAGE_SECRETARY') },
          summary: `Proposal v${version}, as the joint meeting amended it: ${note}`,
          data: amendment,
        });
      }
      if (passed) moveTo('REVIEW', dueAt);
      else
        returnToPropose(
          'JOINT_MEETING',
          `The ${MEETING_LABELS.JOINT_MEETING} did not pass proposal v${latestVersion().version}: ${view.details.meetings.at(-1)!.reckoning}`,
          dueAt,
        );
    },
  );

  step(
    actions.review,
    (_actor, meeting) => meetingRecordRule(view, rules, 'PARTY_MEMBERS_MEETING', meeting, Date.now()),
    async (actor, minutes) => {
      await quorumOrRecordFailure('PARTY_MEMBERS_MEETING', minutes, actor, ['VILLAGE_SECRETARY']);
      const passed = votePasses(rules, 'PARTY_MEMBERS_MEETING', minutes).passed;
      const dueAt = await dueOf(passed ? 'RESOLVE' : 'PROPOSE');
      holdMeeting('PARTY_MEMBERS_MEETING', minutes, actor, ['VILLAGE_SECRETARY']);
      if (passed) moveTo('RESOLVE', dueAt);
      else
        returnToPropose(
          'PARTY_MEMBERS_MEETING',
          `The ${MEETING_LABELS.PARTY_MEMBERS_MEETING} did not pass proposal v${latestVersion().version}: ${view.details.meetings.at(-1)!.reckoning}`,
          dueAt,
        );
    },
  );

  step(
    actions.resolve,
    (_actor, meeting) => meetingRecordRule(view, rules, meeting.meeting, meeting, Date.now()),
    async (actor, { meeting, ...minutes }) => {
      await quorumOrRecordFailure(meeting, minutes, actor, ['VILLAGE_SECRETARY', 'VILLAGE_CADRE']);
      const passed = votePasses(rules, meeting, minutes).passed;
      if (passed) {
        const startsAt = nowIso();
        const endsAt = await deadlines.due('resolutionDisclosure', { from: startsAt, inStep: true });
        holdMeeting(meeting, minutes, actor, ['VILLAGE_SECRETARY', 'VILLAGE_CADRE']);
        openDisclosure('RESOLUTION', startsAt, endsAt);
      } else {
        const dueAt = await dueOf('PROPOSE');
        holdMeeting(meeting, minutes, actor, ['VILLAGE_SECRETARY', 'VILLAGE_CADRE']);
        returnToPropose(
          meeting,
          `The ${MEETING_LABELS[meeting]} did not pass proposal v${latestVersion().version}: ${view.details.meetings.at(-1)!.reckoning}`,
          dueAt,
        );
      }
    },
  );

  step(
    actions.object,
    (_actor, objection) => objectionRule(view, objection, Date.now()),
    (actor, objection) => {
      const seq = view.details.objections.length + 1;
      view.details.objections.push({ ...objection, seq, disclosure: view.details.disclosures.length, at: nowIso(), personId: actor.personId });
      record({
        step: 'OBJECTION',
        by: { actor, as: as(actor, 'VILLAGER', 'PARTY_MEMBER') },
        rule: 'anyone of the village may object during a disclosure',
        summary: `Objection #${seq}: ${objection.text}`,
        data: objection,
      });
    },
  );

  step(
    actions.answerObjection,
    (_actor, answer) => objectionAnswerRule(view, answer),
    async (actor, answer) => {
      const disclosure = currentDisclosure(view)!;
      const back: MajorMatterStep = disclosure.kind === 'RESOLUTION' ? 'PROPOSE' : 'IMPLEMENTATION';
      const dueAt = answer.upheld ? await dueOf(back) : undefined;
      view.details.objections.find((o) => o.seq === answer.objectionSeq)!.answer = { ...answer, at: nowIso() };
      record({
        step: 'OBJECTION_ANSWER',
        by: { actor, as: as(actor, 'VILLAGE_SECRETARY') },
        rule: 'every objection is answered before a disclosure closes',
        summary: `Objection #${answer.objectionSeq} ${answer.upheld ? 'upheld' : 'not upheld'}: ${answer.answer}`,
        data: answer,
      });
      if (answer.upheld) {
        disclosure.closedAt = nowIso();
        if (back === 'PROPOSE') returnToPropose('OBJECTION', `Objection #${answer.objectionSeq} upheld: ${answer.answer}`, dueAt);
        else {
          view.details.returns.push({ from: 'OBJECTION', reasons: `Objection #${answer.objectionSeq} upheld: ${answer.answer}`, at: nowIso() });
          moveTo('IMPLEMENTATION', undefined);
        }
      } else if (disclosureMayClose(view, Date.now())) closeDisclosure();
    },
  );

  step(
    actions.townOrder,
    (_actor, order) => orderRule(order),
    async (actor, order) => {
      const dueAt = order.order === 'CORRECT' ? await dueOf('PROPOSE') : undefined;
      view.details.townOrders.push({ ...order, at: nowIso() });
      const disclosure = currentDisclosure(view);
      if (disclosure) disclosure.closedAt = nowIso();
      const by = { actor, as: actedAs(actor, 'TOWN_REVIEWER', townId) };
      if (order.order === 'QUASH') {
        record({
          step: 'QUASHED',
          by,
          rule: 'the town may quash an unlawful resolution',
          summary: `Resolution quashed by ${townId}: ${order.reasons}`,
          data: order,
        });
        close('REJECTED', `Resolution quashed by the town: ${order.reasons}`);
      } else {
        record({
          step: 'CORRECTION_ORDERED',
          by,
          rule: 'the town may order an unlawful resolution corrected',
          summary: `Correction ordered by ${townId}: ${order.reasons}`,
          data: order,
        });
        returnToPropose('TOWN_ORDER', `Correction ordered by the town: ${order.reasons}`, dueAt);
      }
    },
  );

  step(
    actions.progress,
    (_actor, progress) => progressRule(progress),
    async (actor, progress) => {
      const dueAt = progress.completed ? await dueOf('ACCEPTANCE') : undefined;
      view.details.progress.push({ ...progress, at: nowIso(), personId: actor.personId });
      record({
        step: progress.completed ? 'COMPLETED_WORK' : 'PROGRESS',
        by: { actor, as: as(actor, 'VILLAGE_SECRETARY', 'VILLAGE_CADRE') },
        summary: `${progress.completed ? 'Completed' : 'Progress'}: ${progress.text}`,
        data: progress,
      });
      if (progress.completed) moveTo('ACCEPTANCE', dueAt);
    },
  );

  step(
    actions.accept,
    (_actor, acceptance) => acceptanceRule(acceptance),
    async (actor, acceptance) => {
      const by = { actor, as: actedAs(actor, 'SUPERVISOR', villageId) };
      if (acceptance.decision === 'REWORK') {
        view.details.returns.push({ from: 'ACCEPTANCE', reasons: acceptance.reasons, at: nowIso() });
        record({ step: 'REWORK', by, summary: `Returned for rework: ${acceptance.reasons}`, data: acceptance });
        moveTo('IMPLEMENTATION', undefined);
        return;
      }
      const periodMs = shortestMs(deadlines.period('resultDisclosure'))!;
      const startsAt = new Date(disclosureStartsAt(Date.now(), periodMs)).toISOString();
      const endsAt = await deadlines.due('resultDisclosure', { from: startsAt, inStep: true });
      view.details.acceptance = { ...acceptance, at: nowIso() };
      record({
        step: 'ACCEPT',
        by,
        rule: 'the result is disclosed from the day after acceptance',
        summary: `Accepted (${acceptance.reportRef})${acceptance.comment ? `: ${acceptance.comment}` : ''}`,
        data: acceptance,
      });
      openDisclosure('RESULT', startsAt, endsAt);
    },
  );

  step(
    actions.concern,
    (_actor, concern) => concernRule(concern),
    (actor, concern) => {
      const seq = view.details.concerns.length + 1;
      view.details.concerns.push({ ...concern, seq, step: view.step, at: nowIso(), personId: actor.personId });
      record({
        step: 'CONCERN',
        by: { actor, as: actedAs(actor, 'SUPERVISOR', villageId) },
        rule: 'the supervisory committee may record a concern at any step',
        summary: `Supervisory concern #${seq} at ${view.step}: ${concern.text}`,
        data: concern,
      });
    },
  );

  step(
    actions.answerConcern,
    (_actor, answer) => concernAnswerRule(view, answer),
    (actor, answer) => {
      view.details.concerns.find((c) => c.seq === answer.concernSeq)!.answer = { answer: answer.answer, at: nowIso(), personId: actor.personId };
      record({
        step: 'CONCERN_ANSWER',
        by: { actor, as: actedAs(actor, 'VILLAGE_SECRETARY', villageId) },
        rule: 'every concern is answered on the record',
        summary: `Concern #${answer.concernSeq} answered: ${answer.answer}`,
        data: answer,
      });
    },
  );

  function openDisclosure(kind: DisclosureKind, startsAt: string, endsAt: string): void {
    view.details.disclosures.push({ kind, startsAt, endsAt, heldOpen: false });
    record({
      step: `${kind}_DISCLOSED`,
      rule: `${kind === 'RESOLUTION' ? 'resolutionDisclosure' : 'resultDisclosure'} period of the pinned rules`,
      summary: `Posted on the village board from ${startsAt} to ${endsAt}`,
    });
    moveTo(kind === 'RESOLUTION' ? 'RESOLUTION_DISCLOSURE' : 'RESULT_DISCLOSURE', undefined, endsAt);
  }

  // Timers read their moments from the view, so a run restored from it resumes them.
  const disclosureEnds: Timer = {
    active: () => !!currentDisclosure(view) && !currentDisclosure(view)!.heldOpen,
    at: () => Date.parse(currentDisclosure(view)!.endsAt),
    fire: async () => {
      const disclosure = currentDisclosure(view)!;
      if (disclosureMayClose(view, Date.now())) closeDisclosure();
      else {
        disclosure.heldOpen = true;
        record({
          step: 'DISCLOSURE_HELD_OPEN',
          rule: 'a disclosure cannot close while an objection is unanswered',
          summary: `The period ended with ${unansweredObjections(view).length} objection(s) unanswered: held open until answered`,
        });
      }
      await process.show();
    },
  };

  const overdue: Timer = {
    active: () => view.status === 'RUNNING' && !!view.dueAt && !view.overdue,
    at: () => Date.parse(view.dueAt!),
    fire: async () => {
      const dueAt = view.dueAt!;
      await process.notify(
        [villageId, townId],
        `OVERDUE@${view.step}@${dueAt}`,
        `逾期 Overdue: ${view.title} (${villageId}) — ${view.details.next?.what ?? view.step} was due ${dueAt}`,
      );
      view.overdue = true;
      record({ step: 'OVERDUE', rule: 'stepPeriod of the pinned rules', summary: `${view.details.next?.what ?? view.step} overdue since ${dueAt}` });
      await process.show();
    },
  };

  async function open(): Promise<void> {
    record({
      step: 'SUGGEST',
      by: start.suggestedBy,
      rule: 'a major matter: a listed kind, or an amount at the threshold; raised on paper within raisedOnPaperDays',
      summary: `Suggested${start.suggestion.raisedOn ? ` (raised on paper on ${start.suggestion.raisedOn})` : ''}: ${start.suggestion.title} (${start.suggestion.kind}, ¥${start.suggestion.estimatedAmount}) — ${start.suggestion.reason}${start.origin ? ` (from ${start.origin.processType} ${start.origin.workflowId})` : ''}`,
      data: start.suggestion,
    });
    const dueAt = await deadlines.due('majorMatterStep');
    moveTo('PROPOSE', dueAt);
    await process.show();
  }

  return process.run(async () => {
    await opened;
    await process.watch(() => view.status === 'RUNNING', [disclosureEnds, overdue]);
  });
}
