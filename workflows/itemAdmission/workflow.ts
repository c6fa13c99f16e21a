import { condition } from '@temporalio/workflow';
import { actedAs } from '../common/actor';
import type { NextActor } from '../common/view';
import { openProcess } from '../common/open-process';
import { nowIso } from '../common/workflow-support';
import { admissionDetails } from './details';
import { admissionContract, type AdmissionStart, type AdmissionStep, type AdmissionView } from './contract';
import { allTownsResponded, decisionRule, objections, responseRule, reviewRule, stepAfterReview, withdrawalRule } from './rules';

const { query, actions } = admissionContract;

/** 准入: a department asks to put work on villages; the coordination office decides (docs/processes.md §1). */
export async function itemAdmission(start: AdmissionStart): Promise<AdmissionView> {
  const process = openProcess<AdmissionView, AdmissionStep>({
    query,
    rules: start.rules,
    ruleSections: admissionContract.rules,
    dueDateFields: { admissionConsultation: { get: (v) => v.details.consultation?.deadline, set: (v, at) => void (v.details.consultation!.deadline = at) } },
    periods: start.periods,
    start,
    continued: start.continued,
    view: {
      processType: 'itemAdmission',
      title: start.application.title,
      countyId: start.countyId,
      screeningCode: start.application.proposedCode,
      step: 'SCREENING',
      details: { departmentId: start.departmentId, coordinationOfficeId: start.coordinationOfficeId, application: start.application },
    },
    details: (view: AdmissionView): string => admissionDetails(view, process.deadlines.period('admissionConsultation')),
  });
  const { view, step, moveTo, close, record } = process;
  const { platform, inStep } = process.activities;
  const officeReviewer = (action: string): NextActor[] => [{ role: 'ADMISSION_REVIEWER', orgId: start.coordinationOfficeId, action }];

  step(
    actions.review,
    (_actor, review) => reviewRule(view, review),
    async (actor, review) => {
      const next = stepAfterReview(review);
      const consultation = next === 'CONSULTATION' ? await consultTowns() : undefined;
      view.details.review = review;
      record({
        step: 'REVIEW',
        by: { actor, as: actedAs(actor, 'ADMISSION_REVIEWER', start.coordinationOfficeId) },
        rule: 'three tests: required by law; customarily needs the village; within its capacity',
        summary: `Reviewed: ${next === 'CONSULTATION' ? 'all three tests met' : 'not all tests met'}`,
        data: review,
      });
      if (consultation) {
        view.details.consultation = consultation;
        const towns = consultation.townIds.map((orgId): NextActor => ({
          role: 'TOWN_REVIEWER',
          orgId,
          action: 'respond to consultation',
          dueAt: consultation.deadline,
        }));
        moveTo('CONSULTATION', towns, consultation.deadline);
      } else {
        moveTo('DECISION', officeReviewer('decide'));
      }
    },
  );

  step(
    actions.respondToConsultation,
    (_actor, response) => responseRule(view, response),
    (actor, response) => {
      view.details.consultation!.responses.push({ ...response, at: nowIso(), personId: actor.personId });
      view.nextActors = view.nextActors.filter((a) => a.orgId !== response.townId);
      record({
        step: 'CONSULTATION_RESPONSE',
        by: { actor, as: actedAs(actor, 'TOWN_REVIEWER', response.townId) },
        summary: `${response.townId}: ${response.objection ? 'objects' : 'no objection'}${response.comment ? ` — ${response.comment}` : ''}`,
        data: response,
      });
    },
  );

  step(
    actions.decide,
    (_actor, decision) => decisionRule(view, decision),
    async (actor, decision) => {
      const applied = await inStep.applyAdmissionDecision({ workflowId: view.workflowId, start, decision, byPersonId: actor.personId });
      view.details.decision = { ...decision, catalogueVersionId: applied.catalogueVersionId };
      record({
        step: 'DECISION',
        by: { actor, as: actedAs(actor, 'ADMISSION_REVIEWER', start.coordinationOfficeId) },
        rule: 'admission only when all three tests are met; objections answered',
        summary: `${decision.outcome}: ${decision.reason}`,
        data: view.details.decision,
      });
      close(decision.outcome === 'REFUSE' ? 'REJECTED' : 'COMPLETED', `${decision.outcome}: ${decision.reason}`);
    },
  );

  step(
    actions.withdraw,
    (_actor, withdrawal) => withdrawalRule(view, withdrawal),
    (actor, withdrawal) => {
      record({
        step: 'WITHDRAW',
        by: { actor, as: actedAs(actor, 'DISPATCHER', start.departmentId) },
        summary: `Withdrawn: ${withdrawal.reason}`,
        data: withdrawal,
      });
      close('WITHDRAWN', withdrawal.reason);
    },
  );

  /** The towns to consult and until when: asked before the review is recorded, so a failure leaves nothing half done. */
  async function consultTowns() {
    const [townIds, deadline] = await Promise.all([inStep.listTowns(start.countyId), process.deadlines.due('admissionConsultation', { inStep: true })]);
    return { townIds, deadline, responses: [] };
  }

  /** Silence counts as no objection: the consultation closes when every town answered or its period ends. */
  async function closeConsultation(): Promise<void> {
    const consultation = view.details.consultation!;
    consultation.closedBy = allTownsResponded(consultation) ? 'ALL_RESPONDED' : 'DEADLINE';
    const silent = consultation.townIds.filter((t) => !consultation.responses.some((r) => r.townId === t));
    record({
      step: 'CONSULTATION_CLOSED',
      rule: 'silence counts as no objection',
      summary:
        `Consultation closed (${consultation.closedBy}): ${objections(consultation).length} objection(s)` +
        (silent.length ? `; no answer, taken as no objection: ${silent.join(', ')}` : ''),
    });
    moveTo('DECISION', officeReviewer('decide'));
    await process.show();
  }

  return process.run(async () => {
    // A run continued from an earlier one resumes at its consultation: the steps before it are done.
    if (!process.continued) {
      record({
        step: 'APPLY',
        by: { actor: start.applicant, as: actedAs(start.applicant, 'DISPATCHER', start.departmentId) },
        summary: `Applied: ${start.application.title}`,
        data: start.application,
      });
      const screening = await platform.screenCode({ countyId: start.countyId, code: start.application.proposedCode });
      await process.transition(() => {
        view.details.screening = screening;
        record({ step: 'SCREEN', rule: 'negative list and catalogue in force', summary: `Screening: ${screening.result}`, data: screening });
        if (screening.result === 'NEGATIVE_LIST')
          close('REJECTED', `On the negative list: ${screening.matchedName ?? start.application.proposedCode}; it cannot be admitted.`);
        else moveTo('REVIEW', officeReviewer('review against the three tests'));
      });
      await condition(() => view.step !== 'REVIEW');
    }
    if (view.step === 'CONSULTATION') {
      const consultation = view.details.consultation!;
      const deadline = { active: () => true, at: () => Date.parse(consultation.deadline), fire: closeConsultation };
      await process.watch(() => view.step === 'CONSULTATION' && !allTownsResponded(consultation), [deadline]);
      await process.exclusively(async () => {
        if (view.step === 'CONSULTATION') await closeConsultation();
      });
    }
    await condition(() => view.status !== 'RUNNING');
  });
}
