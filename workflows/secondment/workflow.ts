import { condition, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { actedAs, type Actor } from '../common/actor';
import type { NextActor } from '../common/view';
import { openProcess } from '../common/open-process';
import type { Role } from '../common/roles';
import { nowIso } from '../common/workflow-support';
import { secondmentDetails } from './details';
import type { WithOwn } from '../common/contract';
import { secondmentContract, type Decision, type SecondmentActivities, type SecondmentStart, type SecondmentStep, type SecondmentView } from './contract';
import { awaitEligibility } from './contract';
import {
  bothConsented,
  clawbackRule,
  consentRule,
  decisionReasoned,
  eligibilityFailures,
  extensionInTime,
  extensionRule,
  ineligible,
  registrationRule,
  sourceRole,
  termEnd,
  termStart,
  withdrawalRule,
} from './rules';

const { query, actions, searchAttributes } = secondmentContract;

const IN_TERM: SecondmentStep[] = ['ACTIVE', 'EXTENSION_REVIEW', 'EXTENSION_APPROVAL'];

/** 借调审批与清退: a unit borrows a cadre only by the county's rules, and the cadre always comes back (docs/processes.md §5). */
export async function secondment(start: SecondmentStart): Promise<SecondmentView> {
  const census = start.origin === 'CENSUS';
  const process = openProcess<SecondmentView, SecondmentStep>({
    query,
    rules: start.rules,
    ruleSections: secondmentContract.rules,
    dueDateFields: {
      secondmentConsent: { get: (v) => v.details.consentDueAt, set: (v, at) => void (v.details.consentDueAt = at) },
      secondmentReturnConfirmation: { get: (v) => v.details.returnDueAt, set: (v, at) => void (v.details.returnDueAt = at) },
    },
    periods: start.periods,
    start,
    continued: start.continued,
    view: {
      processType: 'secondment',
      title: `借调 ${start.cadre.name} → ${start.borrowingUnit.name}`,
      countyId: start.countyId,
      townId: start.sourceUnit.townId,
      villageId: start.sourceUnit.kind === 'VILLAGE' ? start.sourceUnit.id : undefined,
      step: census ? 'CLAWBACK' : 'ELIGIBILITY',
      details: {
        origin: start.origin,
        cadre: start.cadre,
        sourceUnit: start.sourceUnit,
        borrowingUnit: start.borrowingUnit,
        orgDepartmentId: start.orgDepartmentId,
        approverOrgId: start.approverOrgId,
        inspectorOrgId: start.inspectorOrgId,
        request: start.request,
        foundSince: start.foundSince,
        monthLasts: start.monthLasts,
        consents: [],
        reviews: [],
        approvals: [],
        monthsApproved: 0,
        extensions: [],
        escalated: false,
      },
    },
    details: secondmentDetails,
  });
  const { view, step, moveTo, close, record, deadlines } = process;
  const { platform, inStep } = process.activities as WithOwn<typeof process.activities, SecondmentActivities>;
  const d = view.details;
  const rules = process.rules.values.secondment;
  const source = d.sourceUnit;
  const sourceActor = (action: string, dueAt?: string): NextActor => ({ role: sourceRole(source), orgId: source.id, action, dueAt });
  const orgDepartment = (action: string): NextActor[] => [{ role: 'ORG_DEPARTMENT', orgId: d.orgDepartmentId, action }];
  const as = (actor: Actor, role: Role, orgId: string) => ({ actor, as: actedAs(actor, role, orgId) });
  const pendingExtension = () => d.extensions.find((e) => e.status === 'PENDING');

  /** The history row as the secondment now stands. */
  const historyRow = (status: 'ACTIVE' | 'RETURNED' | 'CLAWED_BACK', at: string, clawback?: { reason: string; by: string }) => ({
    id: view.workflowId,
    countyId: view.countyId,
    personId: d.cadre.personId,
    sourceUnitId: source.id,
    borrowingUnitId: d.borrowingUnit.id,
    approved: d.registration !== undefined,
    status,
    startedAt: d.termStartedAt ?? d.foundSince ?? view.startedAt,
    endsAt: d.endsAt ?? at,
    ...(status !== 'ACTIVE' && { returnedAt: at }),
    ...(clawback && { clawbackReason: clawback.reason, clawedBackBy: clawback.by }),
  });

  function setEnd(endsAt: string): void {
    d.endsAt = endsAt;
    upsertSearchAttributes([{ key: searchAttributes.endsAt, value: new Date(endsAt) }]);
  }

  setHandler(awaitEligibility, async () => {
    await condition(() => view.step !== 'ELIGIBILITY');
    return view;
  });

  step(
    actions.consent,
    (_actor, consent) => consentRule(view, consent),
    (actor, consent) => {
      d.consents.push({ ...consent, at: nowIso(), personId: actor.personId });
      const by =
        consent.party === 'CADRE'
          ? { actor, as: actedAs(actor, actor.roles[0]?.role ?? sourceRole(source), actor.roles[0]?.orgId ?? source.id) }
          : as(actor, sourceRole(source), source.id);
      record({
        step: 'CONSENT',
        by,
        rule: 'the source unit and the cadre both consent',
        summary: `${consent.party === 'CADRE' ? d.cadre.name : source.name}: ${consent.consent ? 'consents' : `refuses — ${consent.comment}`}`,
        data: consent,
      });
      if (!consent.consent) {
        d.ending = 'CONSENT_REFUSED';
        close('REJECTED', `Consent refused by ${consent.party === 'CADRE' ? d.cadre.name : source.name}: ${consent.comment}`);
      } else if (bothConsented(d)) {
        moveTo('REVIEW', orgDepartment('review the secondment'));
      } else {
        view.nextActors = view.nextActors.filter((a) => a.action !== (consent.party === 'CADRE' ? cadreAction() : 'consent for the source unit'));
      }
    },
  );

  step(
    actions.review,
    (_actor, decision) => decisionReasoned(decision),
    (actor, decision) => {
      const stage = view.step === 'REVIEW' ? 'REQUEST' : 'EXTENSION';
      d.reviews.push({ ...decision, stage, at: nowIso(), personId: actor.personId });
      record({
        step: stage === 'REQUEST' ? 'REVIEW' : 'EXTENSION_REVIEW',
        by: as(actor, 'ORG_DEPARTMENT', d.orgDepartmentId),
        summary: summaryOf(decision),
        data: decision,
      });
      if (decision.decision === 'APPROVE')
        moveTo(stage === 'REQUEST' ? 'APPROVAL' : 'EXTENSION_APPROVAL', [{ role: 'APPROVER', orgId: d.approverOrgId, action: 'decide' }]);
      else refuse(stage, decision);
    },
  );

  step(
    actions.approve,
    (_actor, decision) => decisionReasoned(decision),
    async (actor, decision) => {
      const stage = view.step === 'APPROVAL' ? 'REQUEST' : 'EXTENSION';
      const extension = pendingExtension();
      const extendedTo =
        stage === 'EXTENSION' && decision.decision === 'APPROVE' ? termEnd(d.termStartedAt!, d.monthsApproved + extension!.months, d.monthLasts) : undefined;
      if (extendedTo) await inStep.recordSecondment({ ...historyRow('ACTIVE', nowIso()), endsAt: extendedTo });
      d.approvals.push({ ...decision, stage, at: nowIso(), personId: actor.personId });
      record({
        step: stage === 'REQUEST' ? 'APPROVAL' : 'EXTENSION_APPROVAL',
        by: as(actor, 'APPROVER', d.approverOrgId),
        summary: summaryOf(decision),
        data: decision,
      });
      if (decision.decision === 'REJECT') return refuse(stage, decision);
      if (stage === 'REQUEST') return moveTo('REGISTRATION', orgDepartment('register (备案)'));
      extension!.status = 'APPROVED';
      d.monthsApproved += extension!.months;
      setEnd(extendedTo!);
      moveTo('ACTIVE', [], d.endsAt);
    },
  );

  step(
    actions.register,
    (_actor, registration) => registrationRule(registration),
    async (actor, registration) => {
      const at = nowIso();
      const from = termStart(d.request.start, at);
      // The moment the term starts: eligibility, the quota and other terms are checked again, to that day.
      const facts = await inStep.secondmentFacts(factsInput());
      process.refuseUnless(ineligible(eligibilityFailures(facts, d.request, rules, from)));
      const endsAt = termEnd(from, d.request.months, d.monthLasts);
      await inStep.recordSecondment({ ...historyRow('ACTIVE', at), approved: true, startedAt: from, endsAt });
      d.registration = { ...registration, at, personId: actor.personId };
      d.termStartedAt = from;
      d.monthsApproved = d.request.months;
      setEnd(endsAt);
      record({
        step: 'REGISTRATION',
        by: as(actor, 'ORG_DEPARTMENT', d.orgDepartmentId),
        rule: 'registered (备案) before it is active; eligibility, quota and other terms checked again to its start',
        summary: `Registered ${registration.registrationRef}: active from ${from} to ${endsAt}`,
        data: registration,
      });
      moveTo('ACTIVE', [], endsAt);
    },
  );

  step(
    actions.requestExtension,
    (_actor, extension) => extensionRule(view, extension, rules),
    async (actor, extension) => {
      const leadTimeEndsAt = await deadlines.due('secondmentExtensionLead', { inStep: true });
      const inTime = extensionInTime(leadTimeEndsAt, d.endsAt!);
      process.refuseUnless(inTime);
      d.extensions.push({ ...extension, askedAt: nowIso(), status: 'PENDING' });
      record({
        step: 'EXTENSION_REQUEST',
        by: as(actor, 'DISPATCHER', d.borrowingUnit.id),
        rule: 'asked before the lead time; the cumulative cap holds',
        summary: `Extension of ${extension.months} month(s) asked: ${extension.reason}`,
        data: extension,
      });
      moveTo('EXTENSION_REVIEW', orgDepartment('review the extension'), d.endsAt);
    },
  );

  step(actions.confirmReturn, undefined, (actor, confirmation) => {
    const byOrgDepartment = !actor.roles.some((r) => r.role === sourceRole(source) && r.orgId === source.id);
    d.returnConfirmed = { ...confirmation, at: nowIso(), personId: actor.personId };
    record({
      step: 'RETURN_CONFIRMED',
      by: byOrgDepartment ? as(actor, 'ORG_DEPARTMENT', d.orgDepartmentId) : as(actor, sourceRole(source), source.id),
      summary: `${d.cadre.name} is back at ${source.name}${confirmation.note ? `: ${confirmation.note}` : ''}`,
      data: confirmation,
    });
    d.ending = d.ending ?? 'RETURNED';
    close('COMPLETED', d.clawback ? `Clawed back (${d.clawback.grounds}); the cadre is back` : 'Term ended; the cadre is back');
  });

  // The borrowing unit that asked may withdraw its request until the term starts (docs/processes.md §5).
  step(
    actions.withdraw,
    (_actor, withdrawal) => withdrawalRule(withdrawal),
    (actor, withdrawal) => {
      d.ending = 'WITHDRAWN';
      record({
        step: 'WITHDRAW',
        by: as(actor, 'DISPATCHER', d.borrowingUnit.id),
        rule: 'the requester may withdraw a request before the term starts',
        summary: `${d.borrowingUnit.name} withdraws its request at ${view.step}: ${withdrawal.reason}`,
        data: withdrawal,
      });
      close('WITHDRAWN', `Withdrawn by ${d.borrowingUnit.name}: ${withdrawal.reason}`);
    },
  );

  step(
    actions.clawback,
    (_actor, clawback) => clawbackRule(clawback),
    async (actor, clawback) => {
      const at = nowIso();
      const [returnDueAt] = await Promise.all([
        deadlines.due('secondmentReturnConfirmation', { inStep: true }),
        inStep.recordSecondment(historyRow('CLAWED_BACK', at, { reason: `${clawback.grounds}: ${clawback.reason}`, by: actor.personId })),
      ]);
      d.clawback = { ...clawback, at, personId: actor.personId };
      d.ending = 'CLAWED_BACK';
      record({
        step: 'CLAWBACK',
        by: as(actor, 'INSPECTOR', d.inspectorOrgId),
        rule: 'unapproved, expired or ineligible secondments end at once',
        summary: `Clawed back (${clawback.grounds}): ${clawback.reason}; accountability record against ${d.borrowingUnit.name}`,
        data: clawback,
      });
      backToSource(at, returnDueAt);
      await process.notify(
        [d.borrowingUnit.id, source.id],
        'CLAWBACK',
        `清退 Clawback: ${d.cadre.name} returns to ${source.name} at once (${clawback.grounds}: ${clawback.reason}); an accountability record is made against ${d.borrowingUnit.name}.`,
      );
    },
  );

  function factsInput() {
    return { countyId: view.countyId, personId: d.cadre.personId, borrowingUnitId: d.borrowingUnit.id, workflowId: view.workflowId };
  }

  function cadreAction(): string {
    return `consent (${d.cadre.name})`;
  }

  function summaryOf(decision: Decision): string {
    return `${decision.decision === 'APPROVE' ? 'Approved' : 'Rejected'}${decision.comment ? `: ${decision.comment}` : ''}`;
  }

  /** A rejected request ends the process; a rejected extension leaves the term as it was. */
  function refuse(stage: 'REQUEST' | 'EXTENSION', decision: Decision): void {
    if (stage === 'REQUEST') {
      d.ending = 'REJECTED';
      close('REJECTED', `Rejected: ${decision.comment}`);
      return;
    }
    pendingExtension()!.status = 'REJECTED';
    moveTo('ACTIVE', [], d.endsAt);
  }

  /** The cadre is back at the source unit, which confirms by `returnDueAt`. */
  function backToSource(at: string, returnDueAt: string): void {
    const pending = pendingExtension();
    if (pending) pending.status = 'LAPSED';
    d.returnedAt = at;
    d.returnDueAt = returnDueAt;
    moveTo('RETURN_CONFIRMATION', [sourceActor('confirm the cadre is back', returnDueAt)], returnDueAt);
  }

  async function checkEligibility(): Promise<void> {
    record({
      step: 'REQUEST',
      by: as(start.requester, 'DISPATCHER', d.borrowingUnit.id),
      summary: `${d.borrowingUnit.name} asks for ${d.cadre.name} for ${d.request.months} month(s) from ${d.request.start} (${d.request.reason})`,
      data: d.request,
    });
    const facts = await platform.secondmentFacts(factsInput());
    const measuredTo = termStart(d.request.start, nowIso());
    const failures = eligibilityFailures(facts, d.request, rules, measuredTo);
    const consentDueAt = failures.length ? undefined : await deadlines.due('secondmentConsent');
    await process.transition(() => {
      d.eligibility = { eligible: failures.length === 0, failures, checkedAt: nowIso(), measuredTo };
      d.cadre.category = facts.cadre?.category;
      record({
        step: 'ELIGIBILITY',
        rule: 'banned categories; cool-down; term and cumulative cap; quota; county-level borrowers',
        summary: failures.length ? `Ineligible: ${failures.map((f) => `${f.code} (${f.rule})`).join(', ')}` : `Eligible, measured to ${measuredTo}`,
        data: d.eligibility,
      });
      if (failures.length) {
        d.ending = 'INELIGIBLE';
        close('REJECTED', `Ineligible: ${failures.map((f) => f.reason).join(' ')}`);
        return;
      }
      d.consentDueAt = consentDueAt;
      const cadreRole: Role = source.kind === 'VILLAGE' ? 'VILLAGE_CADRE' : 'DISPATCHER';
      moveTo(
        'CONSENT',
        [sourceActor('consent for the source unit', consentDueAt), { role: cadreRole, orgId: source.id, action: cadreAction(), dueAt: consentDueAt }],
        consentDueAt,
      );
    });
  }

  async function registerCensusFinding(): Promise<void> {
    await platform.recordSecondment(historyRow('ACTIVE', nowIso()));
    await process.transition(() => {
      record({
        step: 'CENSUS',
        by: as(start.requester, 'INSPECTOR', d.inspectorOrgId),
        rule: 'secondments never approved enter at clawback',
        summary: `Found by a census: ${d.cadre.name} working at ${d.borrowingUnit.name} since ${d.foundSince} without approval`,
        data: { foundSince: d.foundSince, explanation: d.request.explanation },
      });
      moveTo('CLAWBACK', [{ role: 'INSPECTOR', orgId: d.inspectorOrgId, action: 'claw back' }]);
    });
  }

  const consentLapse = {
    active: () => view.step === 'CONSENT',
    at: () => Date.parse(d.consentDueAt!),
    fire: async () => {
      record({ step: 'LAPSED', rule: 'both consents within the consent period', summary: `Consent not given by ${d.consentDueAt}: the request lapses` });
      d.ending = 'LAPSED';
      close('REJECTED', `Lapsed: consent not given by ${d.consentDueAt}`);
      await process.show();
      await process.notify(
        [d.borrowingUnit.id],
        `LAPSED@${d.consentDueAt}`,
        `借调申请失效 The request for ${d.cadre.name} lapsed: consent was not given by ${d.consentDueAt}.`,
      );
    },
  };

  const termEnds = {
    active: () => IN_TERM.includes(view.step as SecondmentStep),
    at: () => Date.parse(d.endsAt!),
    fire: async () => {
      const returnDueAt = await deadlines.due('secondmentReturnConfirmation', { from: d.endsAt });
      const at = nowIso();
      await platform.recordSecondment(historyRow('RETURNED', at));
      record({
        step: 'RETURN',
        rule: 'at the end of the term the cadre returns automatically',
        summary: `Term ended ${d.endsAt}: ${d.cadre.name} returns to ${source.name}; confirmation due ${returnDueAt}`,
      });
      backToSource(at, returnDueAt);
      await process.show();
      await process.notify(
        [source.id, d.borrowingUnit.id],
        `RETURN@${d.endsAt}`,
        `借调期满归位 ${d.cadre.name}'s secondment to ${d.borrowingUnit.name} ended ${d.endsAt}: ${source.name} confirms the return by ${returnDueAt}.`,
      );
    },
  };

  const returnUnconfirmed = {
    active: () => view.step === 'RETURN_CONFIRMATION' && !d.escalated,
    at: () => Date.parse(d.returnDueAt!),
    fire: async () => {
      d.escalated = true;
      view.overdue = true;
      view.nextActors = [...view.nextActors, ...orgDepartment('confirm the return (escalated)')];
      record({
        step: 'ESCALATED',
        rule: 'an unconfirmed return is escalated to the organisation department',
        summary: `Return not confirmed by ${d.returnDueAt}: escalated to the organisation department`,
      });
      await process.show();
      await process.notify(
        [d.orgDepartmentId],
        `RETURN_UNCONFIRMED@${d.returnDueAt}`,
        `归位未确认 ${source.name} has not confirmed ${d.cadre.name}'s return (due ${d.returnDueAt}).`,
      );
    },
  };

  return process.run(async () => {
    // A run continued from an earlier one resumes at its timers: the opening was done.
    if (!process.continued) {
      if (census) await registerCensusFinding();
      else await checkEligibility();
    } else if (d.endsAt) setEnd(d.endsAt);
    await process.watch(() => view.status === 'RUNNING', [consentLapse, termEnds, returnUnconfirmed]);
  });
}
