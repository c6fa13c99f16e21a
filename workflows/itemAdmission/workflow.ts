import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { actedAs } from '../common/actor';
import { deadlineFor, platform, publish } from '../common/activities';
import { periodFor } from '../common/durations';
import type { NextActor, ProcessStatus } from '../common/process';
import { closingOnCancel, millisUntil, nowIso, processSteps, recordStep, refusedByActivity, workflowId } from '../common/workflow-support';
import { admissionDetails } from './details';
import {
  decideAdmission,
  getAdmission,
  respondToConsultation,
  reviewAdmission,
  withdrawAdmission,
  type AdmissionStart,
  type AdmissionStep,
  type AdmissionView,
} from './messages';
import { allTownsResponded, mayDecide, mayRespond, mayReview, mayWithdraw, objections, stepAfterReview } from './rules';

/** 准入: a department asks to put work on villages; the coordination office decides (PROCESSES.md §1). */
export async function itemAdmission(start: AdmissionStart): Promise<AdmissionView> {
  const view = initialView(start);
  const officeReviewer = (action: string, dueAt?: string): NextActor[] => [
    { role: 'ADMISSION_REVIEWER', orgId: start.coordinationOfficeId, action, dueAt },
  ];
  const show = () => publish(view, admissionDetails(view, start));
  const moveTo = (step: AdmissionStep, nextActors: NextActor[], dueAt?: string) => {
    view.step = step;
    view.nextActors = nextActors;
    view.dueAt = dueAt;
  };
  const close = (status: ProcessStatus, reason: string) => {
    moveTo('CLOSED', []);
    view.status = status;
    view.outcome = { status, reason };
  };

  setHandler(getAdmission, () => view);
  const { step, exclusively } = processSteps(view, show);

  step(
    reviewAdmission,
    (actor, review) => mayReview(view, actor, review),
    async (actor, review) => {
      view.details.review = review;
      recordStep(view, {
        step: 'REVIEW',
        by: { actor, as: actedAs(actor, 'ADMISSION_REVIEWER', start.coordinationOfficeId) },
        rule: 'three tests: required by law; customarily needs the village; within its capacity',
        summary: `Reviewed: ${stepAfterReview(review) === 'CONSULTATION' ? 'all three tests met' : 'not all tests met'}`,
        data: review,
      });
      if (stepAfterReview(review) === 'CONSULTATION') {
        await openConsultation();
      } else {
        moveTo('DECISION', officeReviewer('decide'));
      }
    },
  );

  step(
    respondToConsultation,
    (actor, response) => mayRespond(view, actor, response),
    (actor, response) => {
      const consultation = view.details.consultation!;
      consultation.responses.push({ ...response, at: nowIso(), personId: actor.personId });
      view.nextActors = view.nextActors.filter((a) => a.orgId !== response.townId);
      recordStep(view, {
        step: 'CONSULTATION_RESPONSE',
        by: { actor, as: actedAs(actor, 'TOWN_REVIEWER', response.townId) },
        summary: `${response.townId}: ${response.objection ? 'objects' : 'no objection'}${response.comment ? ` — ${response.comment}` : ''}`,
        data: response,
      });
    },
  );

  step(
    decideAdmission,
    (actor, decision) => mayDecide(view, actor, decision),
    async (actor, decision) => {
      const applied = await refusedByActivity(platform.applyAdmissionDecision({ workflowId: workflowId(), start, decision, byPersonId: actor.personId }));
      view.details.decision = { ...decision, catalogueVersionId: applied.catalogueVersionId };
      recordStep(view, {
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
    withdrawAdmission,
    (actor, withdrawal) => mayWithdraw(view, actor, withdrawal),
    (actor, withdrawal) => {
      recordStep(view, {
        step: 'WITHDRAW',
        by: { actor, as: actedAs(actor, 'DISPATCHER', start.departmentId) },
        summary: `Withdrawn: ${withdrawal.reason}`,
        data: withdrawal,
      });
      close('WITHDRAWN', withdrawal.reason);
    },
  );

  async function openConsultation(): Promise<void> {
    const [townIds, deadline] = await Promise.all([
      platform.listTowns(start.countyId),
      deadlineFor(periodFor('admissionConsultation', start.periods)),
    ]);
    view.details.consultation = { townIds, deadline, responses: [] };
    moveTo(
      'CONSULTATION',
      townIds.map((orgId) => ({ role: 'TOWN_REVIEWER', orgId, action: 'respond to consultation', dueAt: deadline })),
      deadline,
    );
  }

  async function closeConsultation(): Promise<void> {
    const consultation = view.details.consultation!;
    consultation.closedBy = allTownsResponded(consultation) ? 'ALL_RESPONDED' : 'DEADLINE';
    const silent = consultation.townIds.filter((t) => !consultation.responses.some((r) => r.townId === t));
    recordStep(view, {
      step: 'CONSULTATION_CLOSED',
      rule: 'silence counts as no objection',
      summary:
        `Consultation closed (${consultation.closedBy}): ${objections(consultation).length} objection(s)` +
        (silent.length ? `; no answer, taken as no objection: ${silent.join(', ')}` : ''),
    });
    moveTo('DECISION', officeReviewer('decide'));
    await show();
  }

  return closingOnCancel({ view, close, show }, async () => {
    recordStep(view, {
      step: 'APPLY',
      by: { actor: start.applicant, as: actedAs(start.applicant, 'DISPATCHER', start.departmentId) },
      summary: `Applied: ${start.application.title}`,
      data: start.application,
    });
    const screening = await platform.screenCode({ countyId: start.countyId, code: start.application.proposedCode });
    view.details.screening = screening;
    recordStep(view, { step: 'SCREEN', rule: 'negative list and catalogue in force', summary: `Screening: ${screening.result}`, data: screening });
    if (screening.result === 'NEGATIVE_LIST') {
      close('REJECTED', `On the negative list: ${screening.matchedName ?? start.application.proposedCode}; it cannot be admitted.`);
    } else {
      moveTo('REVIEW', officeReviewer('review against the three tests'));
    }
    await show();

    await condition(() => view.step !== 'REVIEW');
    if (view.step === 'CONSULTATION') {
      const consultation = view.details.consultation!;
      await condition(() => view.step !== 'CONSULTATION' || allTownsResponded(consultation), millisUntil(consultation.deadline));
      await exclusively(async () => {
        if (view.step === 'CONSULTATION') await closeConsultation();
      });
    }
    await condition(() => view.status !== 'RUNNING' && allHandlersFinished());
    return view;
  });
}

function initialView(start: AdmissionStart): AdmissionView {
  const at = nowIso();
  return {
    processType: 'itemAdmission',
    workflowId: workflowId(),
    title: start.application.title,
    countyId: start.countyId,
    screeningCode: start.application.proposedCode,
    step: 'SCREENING',
    status: 'RUNNING',
    nextActors: [],
    overdue: false,
    startedAt: at,
    updatedAt: at,
    record: [],
    details: { departmentId: start.departmentId, coordinationOfficeId: start.coordinationOfficeId, application: start.application },
  };
}
