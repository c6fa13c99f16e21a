import { allHandlersFinished, CancellationScope, condition, executeChild, getExternalWorkflowHandle, isCancellation, setHandler, uuid4 } from '@temporalio/workflow';
import { actedAs } from '../common/actor';
import { deadlineFor, platform, publish } from '../common/activities';
import { periodFor } from '../common/durations';
import type { NextActor, ProcessStatus } from '../common/process';
import { closingOnCancel, millisUntil, nowIso, processSteps, recordStep, workflowId } from '../common/workflow-support';
import { admissionSummary, admissionWorkflowId, type AdmissionStart } from '../itemAdmission/messages';
import { itemAdmission } from '../itemAdmission/workflow';
import { dispatchDetails } from './details';
import {
  awaitScreening,
  dispatchWithdrawn,
  getDispatch,
  recordCollectiveDecision,
  reviewDispatch,
  reviseDispatch,
  villageProgressed,
  villageTaskSummary,
  villageTaskWorkflowId,
  withdrawDispatch,
  type DispatchStart,
  type DispatchStep,
  type DispatchView,
  type OutOfListAdmission,
  type VillageTaskStart,
} from './messages';
import { DEFAULT_MAX_REWORK_ROUNDS, isOutOfList, mayRecordCollectiveDecision, mayReview, mayRevise, mayWithdraw, unclearReasons } from './rules';
import { villageTask } from './village-task';

/** 派单—审核: a town sends a task to villages; it is screened, reviewed, then runs per village (PROCESSES.md §2). */
export async function taskDispatch(start: DispatchStart): Promise<DispatchView> {
  const view = initialView(start);
  /** What out-of-list work needs before review: sent with the dispatch, or added by a revision. */
  let application = start.admission;
  let changes = 0;
  const reviewer = (action: string, dueAt?: string): NextActor[] => [{ role: 'TOWN_REVIEWER', orgId: start.townId, action, dueAt }];
  const moveTo = (step: DispatchStep, nextActors: NextActor[], dueAt?: string) => {
    view.step = step;
    view.nextActors = nextActors;
    view.dueAt = dueAt;
    changes++;
  };
  const close = (status: ProcessStatus, reason: string) => {
    moveTo('CLOSED', []);
    view.status = status;
    view.outcome = { status, reason };
    view.overdue = false;
  };
  const show = () => publish(view, dispatchDetails(view));

  setHandler(getDispatch, () => view);
  const screened = () => view.step !== 'SCREENING';
  setHandler(awaitScreening, async () => {
    await condition(screened);
    return view;
  });
  const { step, exclusively } = processSteps(view, show);

  step(
    reviseDispatch,
    (actor, revision) => mayRevise(view, actor, revision),
    (actor, revision) => {
      const { admission, ...content } = revision;
      application = admission ?? application;
      view.details.content = { ...content, villageIds: view.details.content.villageIds };
      view.title = content.title;
      view.screeningCode = content.screeningCode;
      recordStep(view, { step: 'REVISE', by: { actor, as: actedAs(actor, 'DISPATCHER', start.dispatcherOrgId) }, summary: `Revised${admission ? ', with an admission application' : ''}; screening runs again`, data: revision });
      moveTo('SCREENING', []);
    },
    { settle: screened },
  );

  step(
    reviewDispatch,
    (actor, review) => mayReview(view, actor, review),
    (actor, review) => {
      view.details.reviews.push({ ...review, at: nowIso(), personId: actor.personId });
      view.overdue = false;
      const by = { actor, as: actedAs(actor, 'TOWN_REVIEWER', start.townId) };
      if (review.decision === 'APPROVE') {
        recordStep(view, { step: 'REVIEW', by, summary: `Approved${review.comment ? `: ${review.comment}` : ''}`, data: review });
        if (view.details.content.majorMatter) moveTo('COLLECTIVE_DECISION', reviewer('record the collective decision'));
        else sendToVillages();
      } else if (review.decision === 'RETURN') {
        recordStep(view, { step: 'REVIEW', by, summary: `Returned for revision: ${review.reasons}`, data: review });
        moveTo('REVISION', [{ role: 'DISPATCHER', orgId: start.dispatcherOrgId, action: 'revise and resubmit' }]);
      } else {
        recordStep(view, { step: 'REVIEW', by, summary: `Rejected (${review.grounds}): ${review.reasons}`, data: review });
        close('REJECTED', `${review.grounds}: ${review.reasons}`);
      }
    },
  );

  step(
    recordCollectiveDecision,
    (actor, decision) => mayRecordCollectiveDecision(view, actor, decision),
    (actor, decision) => {
      view.details.collectiveDecision = decision;
      recordStep(view, {
        step: 'COLLECTIVE_DECISION',
        by: { actor, as: actedAs(actor, 'TOWN_REVIEWER', start.townId) },
        rule: 'a major matter goes to the town collective decision',
        summary: `Meeting ${decision.meetingDate} (${decision.minutesRef}): ${decision.approved ? 'approved' : 'rejected'}`,
        data: decision,
      });
      if (decision.approved) sendToVillages();
      else close('REJECTED', `Collective decision rejected it (${decision.minutesRef})`);
    },
  );

  step(
    withdrawDispatch,
    (actor, withdrawal) => mayWithdraw(view, actor, withdrawal),
    async (actor, withdrawal) => {
      recordStep(view, { step: 'WITHDRAW', by: { actor, as: actedAs(actor, 'DISPATCHER', start.dispatcherOrgId) }, summary: `Withdrawn: ${withdrawal.reason}`, data: withdrawal });
      for (const v of view.details.villages) await getExternalWorkflowHandle(v.workflowId).signal(dispatchWithdrawn, withdrawal);
      close('WITHDRAWN', withdrawal.reason);
    },
  );

  setHandler(villageProgressed, (progress) => {
    const at = view.details.villages.findIndex((v) => v.villageId === progress.villageId);
    if (at >= 0) view.details.villages[at] = progress;
    view.overdue = view.details.villages.some((v) => v.overdue);
    changes++;
  });

  function sendToVillages(): void {
    view.details.villages = start.content.villageIds.map((villageId) => ({
      villageId,
      workflowId: villageTaskWorkflowId(view.workflowId, villageId),
      step: 'RECEIVE',
      status: 'RUNNING',
      overdue: false,
    }));
    moveTo('IN_VILLAGES', view.details.content.villageIds.map((orgId) => ({ role: 'VILLAGE_SECRETARY', orgId, action: 'receive' })), view.details.content.deadline);
  }

  async function screen(): Promise<'REJECTED' | 'TO_REVIEW'> {
    const content = view.details.content;
    const [found, earliestDeadline] = await Promise.all([
      platform.screenDispatch({ countyId: start.countyId, code: content.screeningCode, villageIds: content.villageIds, dispatchWorkflowId: view.workflowId }),
      deadlineFor(periodFor('minimumLeadTime', start.periods)),
    ]);
    const screening = { ...found, unclear: unclearReasons(content, earliestDeadline) };
    view.details.screening = screening;
    recordStep(view, {
      step: 'SCREEN',
      rule: 'catalogue in force, negative list, open duplicates, clarity (deliverables, criteria, lead time)',
      summary: `Screening: ${screening.catalogue}${screening.duplicates.length ? `; duplicate of ${screening.duplicates.map((d) => d.workflowId).join(', ')}` : ''}${screening.unclear.length ? `; unclear: ${screening.unclear.join(', ')}` : ''}`,
      data: screening,
    });
    if (screening.catalogue === 'NEGATIVE_LIST') {
      close('REJECTED', `On the negative list (${screening.matchedName}): no one may push this down to a village.`);
      await show();
      return 'REJECTED';
    }
    if (isOutOfList(screening) && admittedAlready()) markAdmitted();
    else if (isOutOfList(screening) && application) return admit(application);
    return 'TO_REVIEW';
  }

  async function admit(application: OutOfListAdmission): Promise<'REJECTED' | 'TO_REVIEW'> {
    const content = view.details.content;
    const admissionStart: AdmissionStart = {
      countyId: start.countyId,
      departmentId: start.dispatcherOrgId,
      coordinationOfficeId: start.coordinationOfficeId,
      applicant: start.dispatcher,
      application: { ...application, title: content.title, proposedCode: content.screeningCode ?? `ONCE-${uuid4().slice(0, 8).toUpperCase()}`, scope: 'ONCE', taskRef: view.workflowId },
      periods: start.periods,
    };
    const id = admissionWorkflowId(start.countyId, `for-${view.workflowId}`);
    view.details.admission = { workflowId: id, code: admissionStart.application.proposedCode };
    moveTo('AWAITING_ADMISSION', [{ role: 'ADMISSION_REVIEWER', orgId: start.coordinationOfficeId, action: 'decide the admission of this task' }]);
    await show();
    const admission = await executeChild(itemAdmission, { workflowId: id, args: [admissionStart], staticSummary: admissionSummary(admissionStart), parentClosePolicy: 'REQUEST_CANCEL' }).catch(
      (error) => {
        // The admission alone cancelled by an operator: this task cannot be admitted.
        if (isCancellation(error) && !CancellationScope.current().consideredCancelled) return { status: 'CANCELLED' as ProcessStatus, details: { decision: undefined }, outcome: { reason: 'the admission was cancelled' } };
        throw error;
      },
    );
    const outcome = admission.details.decision?.outcome ?? admission.status;
    view.details.admission.outcome = outcome;
    recordStep(view, { step: 'ADMISSION', rule: 'out-of-list work needs admission before review', summary: `Admission ${outcome}: ${admission.outcome?.reason ?? ''}` });
    if (admittedAlready()) {
      markAdmitted();
      return 'TO_REVIEW';
    }
    if (admission.status === 'WITHDRAWN') close('WITHDRAWN', `The admission application was withdrawn: ${admission.outcome?.reason ?? ''}`);
    else close('REJECTED', `Out of the list and not admitted: ${admission.outcome?.reason ?? outcome}`);
    await show();
    return 'REJECTED';
  }

  /** Admitted once for this task, under the code it still carries (a revision may drop or keep it, not change it). */
  function admittedAlready(): boolean {
    const admission = view.details.admission;
    const admitted = admission?.outcome === 'ADMIT_ONCE' || admission?.outcome === 'ADMIT_TO_CATALOGUE';
    const code = view.details.content.screeningCode;
    return admitted && (code === undefined || code === admission!.code);
  }

  function markAdmitted(): void {
    view.details.screening!.catalogue = 'ADMITTED_ONCE';
    view.details.content.screeningCode ??= view.details.admission!.code;
    view.screeningCode = view.details.content.screeningCode;
  }

  async function review(): Promise<void> {
    const dueAt = await deadlineFor(periodFor('dispatchReview', start.periods));
    view.details.reviewDueAt = dueAt;
    moveTo('REVIEW', reviewer('review: approve, return or reject', dueAt), dueAt);
    await show();
    if (!(await condition(() => view.step !== 'REVIEW', millisUntil(dueAt)))) {
      await exclusively(async () => {
        if (view.step !== 'REVIEW') return;
        view.overdue = true;
        recordStep(view, { step: 'REVIEW_OVERDUE', rule: 'review is due in 2 working days', summary: `Review overdue since ${dueAt}: the reviewer is reminded` });
        await platform.notifyOrganisations({ workflowId: view.workflowId, orgIds: [start.townId], kind: `REVIEW_OVERDUE@${dueAt}`, message: `审核逾期 Review overdue: ${view.title}, due ${dueAt}` });
        await show();
      });
      await condition(() => view.step !== 'REVIEW');
    }
  }

  return closingOnCancel({ view, close, show }, async () => {
    recordStep(view, { step: 'SUBMIT', by: { actor: start.dispatcher, as: actedAs(start.dispatcher, 'DISPATCHER', start.dispatcherOrgId) }, summary: `Submitted to ${start.content.villageIds.join(', ')}`, data: start.content });
    for (;;) {
      if ((await screen()) === 'REJECTED') break;
      await review();
      if (view.step === 'REVISION') await condition(() => view.step !== 'REVISION');
      if (view.step !== 'SCREENING') break;
    }
    await condition(() => view.step !== 'COLLECTIVE_DECISION');
    if (view.step === 'IN_VILLAGES') await runVillages();
    await condition(allHandlersFinished);
    return view;
  });

  async function runVillages(): Promise<void> {
    let finished = false;
    const children = view.details.villages.map((v) => {
      const childStart: VillageTaskStart = {
        dispatchWorkflowId: view.workflowId,
        countyId: start.countyId,
        townId: start.townId,
        villageId: v.villageId,
        dispatcherOrgId: start.dispatcherOrgId,
        content: view.details.content,
        periods: start.periods,
        maxReworkRounds: start.maxReworkRounds ?? DEFAULT_MAX_REWORK_ROUNDS,
      };
      return executeChild(villageTask, { workflowId: v.workflowId, args: [childStart], staticSummary: villageTaskSummary(childStart), parentClosePolicy: 'REQUEST_CANCEL' }).then(
        (result) => ({ villageId: v.villageId, status: result.status }),
        (error) => {
          // One village's task cancelled by an operator closes that village only.
          if (isCancellation(error)) return { villageId: v.villageId, status: 'CANCELLED' as ProcessStatus };
          throw error;
        },
      );
    });
    let failure: unknown;
    const all = Promise.all(children);
    all.then(
      () => (finished = true),
      (error) => {
        failure = error;
        finished = true;
      },
    );
    while (!finished) {
      const seen = changes;
      await condition(() => finished || changes !== seen);
      await exclusively(async () => {
        if (view.status !== 'RUNNING') return;
        view.nextActors = view.details.villages.filter((v) => v.status === 'RUNNING' && v.step === 'RECEIVE').map((v) => ({ role: 'VILLAGE_SECRETARY', orgId: v.villageId, action: 'receive' }));
        await show();
      });
    }
    if (failure) throw failure;
    const results = await all;
    await exclusively(async () => {
      if (view.status !== 'RUNNING') return;
      const closed = results.map((r) => `${r.villageId} ${r.status}`).join(', ');
      recordStep(view, { step: 'ALL_VILLAGES_DONE', summary: `All ${results.length} village task(s) closed: ${closed}` });
      close('COMPLETED', results.every((r) => r.status === 'COMPLETED') ? 'Every village task was accepted' : `Every village task closed: ${closed}`);
      await show();
    });
  }
}

function initialView(start: DispatchStart): DispatchView {
  const at = nowIso();
  return {
    processType: 'taskDispatch',
    workflowId: workflowId(),
    title: start.content.title,
    countyId: start.countyId,
    townId: start.townId,
    villageIds: start.content.villageIds,
    screeningCode: start.content.screeningCode,
    step: 'SCREENING',
    status: 'RUNNING',
    nextActors: [],
    overdue: false,
    startedAt: at,
    updatedAt: at,
    record: [],
    details: { townId: start.townId, dispatcherOrgId: start.dispatcherOrgId, content: start.content, reviews: [], villages: [] },
  };
}
