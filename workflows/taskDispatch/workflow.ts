import { CancellationScope, condition, executeChild, getExternalWorkflowHandle, isCancellation, setHandler, uuid4 } from '@temporalio/workflow';
import { actedAs } from '../common/actor';
import type { NextActor, ProcessStatus } from '../common/view';
import { openProcess, type Timer } from '../common/open-process';
import { nowIso } from '../common/workflow-support';
import { describePeriod } from '../rules/checks';
import { admissionSummary, admissionWorkflowId, type AdmissionStart } from '../itemAdmission/contract';
import { itemAdmission } from '../itemAdmission/workflow';
import { dispatchDetails } from './details';
import {
  awaitScreening,
  dispatchWithdrawn,
  duplicateReported,
  taskDispatchContract as contract,
  villageProgressed,
  villageTaskSummary,
  villageTaskWorkflowId,
  type DispatchScreening,
  type DispatchStart,
  type DispatchStep,
  type DispatchView,
  type OutOfListAdmission,
  type VillageTaskStart,
} from './contract';
import { collectiveDecisionRule, isOutOfList, reviewRule, reviseRule, unclearReasons, withdrawRule } from './rules';
import { villageTask } from './village-task';

/** 派单—审核: a town sends a task to villages; it is screened, reviewed, then runs per village (docs/processes.md §2). */
export async function taskDispatch(start: DispatchStart): Promise<DispatchView> {
  const process = openProcess<DispatchView, DispatchStep>({
    query: contract.query,
    rules: start.rules,
    ruleSections: contract.rules,
    dueDateFields: { dispatchReview: { get: (v) => v.details.reviewDueAt, set: (v, at) => void (v.details.reviewDueAt = at) } },
    // A continued run holds no handle on its villages' tasks: the platform tells it of one ended outside.
    onChildEnded: (dispatch, child): boolean => {
      const village = dispatch.details.villages.find((v) => v.workflowId === child.workflowId && v.status === 'RUNNING');
      if (village) villageEnded(village.villageId, child.status);
      return village !== undefined;
    },
    periods: start.periods,
    start,
    continued: start.continued,
    view: {
      processType: 'taskDispatch',
      title: start.content.title,
      countyId: start.countyId,
      townId: start.townId,
      villageIds: start.content.villageIds,
      screeningCode: start.content.screeningCode,
      step: 'SCREENING',
      details: { townId: start.townId, dispatcherOrgId: start.dispatcherOrgId, content: start.content, reviews: [], villages: [] },
    },
    details: dispatchDetails,
  });
  const { view, step, moveTo, close, record, deadlines } = process;
  const { platform } = process.activities;
  /** What out-of-list work needs before review: sent with the dispatch, or added by a revision. */
  let application = start.admission;
  const reviewer = (action: string, dueAt?: string): NextActor[] => [{ role: 'TOWN_REVIEWER', orgId: start.townId, action, dueAt }];

  const screened = () => view.step !== 'SCREENING';
  setHandler(awaitScreening, async () => {
    await condition(screened);
    return view;
  });

  step(
    contract.actions.revise,
    (_actor, revision) => reviseRule(view, revision),
    (actor, revision) => {
      const { admission, ...content } = revision;
      application = admission ?? application;
      view.details.content = { ...content, villageIds: view.details.content.villageIds };
      view.title = content.title;
      view.screeningCode = content.screeningCode;
      record({
        step: 'REVISE',
        by: { actor, as: actedAs(actor, 'DISPATCHER', start.dispatcherOrgId) },
        summary: `Revised${admission ? ', with an admission application' : ''}; screening runs again`,
        data: revision,
      });
      moveTo('SCREENING', []);
    },
    { settle: screened },
  );

  step(
    contract.actions.review,
    (_actor, review) => reviewRule(view, review),
    (actor, review) => {
      view.details.reviews.push({ ...review, at: nowIso(), personId: actor.personId });
      view.overdue = false;
      const by = { actor, as: actedAs(actor, 'TOWN_REVIEWER', start.townId) };
      if (review.decision === 'APPROVE') {
        record({ step: 'REVIEW', by, summary: `Approved${review.comment ? `: ${review.comment}` : ''}`, data: review });
        if (view.details.content.majorMatter) moveTo('COLLECTIVE_DECISION', reviewer('record the collective decision'));
        else sendToVillages();
      } else if (review.decision === 'RETURN') {
        record({ step: 'REVIEW', by, summary: `Returned for revision: ${review.reasons}`, data: review });
        moveTo('REVISION', [{ role: 'DISPATCHER', orgId: start.dispatcherOrgId, action: 'revise and resubmit' }]);
      } else {
        record({ step: 'REVIEW', by, summary: `Rejected (${review.grounds}): ${review.reasons}`, data: review });
        close('REJECTED', `${review.grounds}: ${review.reasons}`);
      }
    },
  );

  step(
    contract.actions.collectiveDecision,
    (_actor, decision) => collectiveDecisionRule(decision),
    (actor, decision) => {
      view.details.collectiveDecision = decision;
      record({
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
    contract.actions.withdraw,
    (_actor, withdrawal) => withdrawRule(view, withdrawal),
    async (actor, withdrawal) => {
      const by = { actor, as: actedAs(actor, 'DISPATCHER', start.dispatcherOrgId) };
      // The villages first: a task already closed (cancelled by an operator) has nothing left to withdraw.
      for (const v of view.details.villages) {
        await getExternalWorkflowHandle(v.workflowId)
          .signal(dispatchWithdrawn, { ...withdrawal, dispatchWorkflowId: view.workflowId, by })
          .catch(() => undefined);
      }
      record({ step: 'WITHDRAW', by, summary: `Withdrawn: ${withdrawal.reason}`, data: withdrawal });
      close('WITHDRAWN', withdrawal.reason);
    },
  );

  // A village's progress is taken only from that village's own task.
  setHandler(villageProgressed, (progress) => {
    const at = view.details.villages.findIndex((v) => v.villageId === progress.villageId && v.workflowId === progress.workflowId);
    if (at >= 0) view.details.villages[at] = progress;
    view.overdue = view.details.villages.some((v) => v.overdue);
    process.changed();
  });

  /** Duplicates reported while this dispatch's own screening reads the claims: it adds them to what it finds. */
  let reportedDuringScreening: DispatchScreening['duplicates'] = [];
  let screeningUnderWay = false;
  const flaggedAlready = (d: { villageId: string; workflowId: string }) =>
    [...(view.details.screening?.duplicates ?? []), ...reportedDuringScreening].some(
      (f) => f.villageId === d.villageId && f.workflowId.split('--')[0] === d.workflowId,
    );

  // A dispatch screened after this one found both claiming one code for one village: this one is flagged too,
  // if that dispatch's claim is really there and this one's villages have not started.
  process.signal(
    duplicateReported,
    (report) =>
      report.dispatchWorkflowId !== view.workflowId && report.countyId === start.countyId && report.screeningCode === view.details.content.screeningCode,
    async (report) => {
      if (view.step === 'IN_VILLAGES') return;
      const villageIds = report.villageIds.filter((v) => view.details.content.villageIds.includes(v));
      const claimed = villageIds.length
        ? await platform.claimedVillages({ countyId: start.countyId, workflowId: report.dispatchWorkflowId, code: report.screeningCode, villageIds })
        : [];
      const found = claimed.map((villageId) => ({ villageId, workflowId: report.dispatchWorkflowId })).filter((d) => !flaggedAlready(d));
      if (!found.length) return;
      if (screeningUnderWay || !view.details.screening) reportedDuringScreening.push(...found);
      else view.details.screening.duplicates.push(...found);
      record({
        step: 'DUPLICATE_FLAGGED',
        rule: 'one code, one village, one open task: two dispatches that claim the same flag each other',
        summary: `Duplicate of ${report.dispatchWorkflowId} (${report.screeningCode} for ${found.map((d) => d.villageId).join(', ')}), reported by its screening`,
        data: { reportedBy: report.dispatchWorkflowId, duplicates: found },
      });
    },
  );

  /** Tells the dispatches this screening found, still before their villages, that they have a duplicate too. */
  async function tellDuplicates(duplicates: DispatchScreening['duplicates']): Promise<void> {
    const code = view.details.content.screeningCode;
    const dispatches = [...new Set(duplicates.filter((d) => !d.workflowId.includes('--')).map((d) => d.workflowId))];
    if (!code || !dispatches.length) return;
    await Promise.all(
      dispatches.map((id) =>
        getExternalWorkflowHandle(id)
          .signal(duplicateReported, {
            dispatchWorkflowId: view.workflowId,
            countyId: start.countyId,
            screeningCode: code,
            villageIds: duplicates.filter((d) => d.workflowId === id).map((d) => d.villageId),
          })
          .catch(() => undefined),
      ),
    );
  }

  function sendToVillages(): void {
    view.details.villages = start.content.villageIds.map((villageId) => ({
      villageId,
      workflowId: villageTaskWorkflowId(view.workflowId, villageId),
      step: 'RECEIVE',
      status: 'RUNNING',
      overdue: false,
    }));
    moveTo(
      'IN_VILLAGES',
      view.details.content.villageIds.map((orgId) => ({ role: 'VILLAGE_SECRETARY', orgId, action: 'receive' })),
      view.details.content.deadline,
    );
  }

  async function screen(): Promise<'REJECTED' | 'TO_REVIEW'> {
    const content = view.details.content;
    screeningUnderWay = true;
    const [found, earliestDeadline] = await Promise.all([
      platform.screenDispatch({ countyId: start.countyId, code: content.screeningCode, villageIds: content.villageIds, dispatchWorkflowId: view.workflowId }),
      deadlines.due('minimumLeadTime'),
    ]);
    const reported = reportedDuringScreening.filter(
      (d) => !found.duplicates.some((f) => f.villageId === d.villageId && f.workflowId.split('--')[0] === d.workflowId),
    );
    reportedDuringScreening = [];
    screeningUnderWay = false;
    const screening = { ...found, duplicates: [...found.duplicates, ...reported], unclear: unclearReasons(content, earliestDeadline) };
    view.details.screening = screening;
    record({
      step: 'SCREEN',
      rule: 'catalogue in force, negative list, open duplicates, clarity (deliverables, criteria, lead time)',
      summary: `Screening: ${screening.catalogue}${screening.duplicates.length ? `; duplicate of ${screening.duplicates.map((d) => d.workflowId).join(', ')}` : ''}${screening.unclear.length ? `; unclear: ${screening.unclear.join(', ')}` : ''}`,
      data: screening,
    });
    await tellDuplicates(found.duplicates);
    if (screening.catalogue === 'NEGATIVE_LIST') {
      await process.transition(() => close('REJECTED', `On the negative list (${screening.matchedName}): no one may push this down to a village.`));
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
      application: {
        ...application,
        title: content.title,
        proposedCode: content.screeningCode ?? `ONCE-${uuid4().slice(0, 8).toUpperCase()}`,
        scope: 'ONCE',
        taskRef: view.workflowId,
      },
      rules: start.rules,
      periods: start.periods,
    };
    const id = admissionWorkflowId(start.countyId, `for-${view.workflowId}`);
    await process.transition(() => {
      view.details.admission = { workflowId: id, code: admissionStart.application.proposedCode };
      moveTo('AWAITING_ADMISSION', [{ role: 'ADMISSION_REVIEWER', orgId: start.coordinationOfficeId, action: 'decide the admission of this task' }]);
    });
    const admission = await executeChild(itemAdmission, {
      workflowId: id,
      args: [admissionStart],
      staticSummary: admissionSummary(admissionStart),
      parentClosePolicy: 'REQUEST_CANCEL',
    }).catch((error) => {
      // The admission alone cancelled by an operator: this task cannot be admitted.
      if (isCancellation(error) && !CancellationScope.current().consideredCancelled)
        return { status: 'CANCELLED' as ProcessStatus, details: { decision: undefined }, outcome: { reason: 'the admission was cancelled' } };
      throw error;
    });
    const outcome = admission.details.decision?.outcome ?? admission.status;
    view.details.admission!.outcome = outcome;
    record({ step: 'ADMISSION', rule: 'out-of-list work needs admission before review', summary: `Admission ${outcome}: ${admission.outcome?.reason ?? ''}` });
    if (admittedAlready()) {
      markAdmitted();
      return 'TO_REVIEW';
    }
    await process.transition(() => {
      if (admission.status === 'WITHDRAWN') close('WITHDRAWN', `The admission application was withdrawn: ${admission.outcome?.reason ?? ''}`);
      else close('REJECTED', `Out of the list and not admitted: ${admission.outcome?.reason ?? outcome}`);
    });
    return 'REJECTED';
  }

  /** Admitted once for this task, under the code it still carries (a revision may drop or keep it, not change it). */
  function admittedAlready(): boolean {
    const admission = view.details.admission;
    const admitted = admission?.outcome === 'ADMIT_ONCE' || admission?.outcome === 'ADMIT_TO_CATALOGUE';
    const code = view.details.content.screeningCode;
    return admitted && (code === undefined || code === admission.code);
  }

  function markAdmitted(): void {
    view.details.screening!.catalogue = 'ADMITTED_ONCE';
    view.details.content.screeningCode ??= view.details.admission!.code;
    view.screeningCode = view.details.content.screeningCode;
  }

  /** The town review, due in working days by the pinned rule; late, it is flagged and the town reminded. */
  async function review(): Promise<void> {
    let dueAt = '';
    await process.transition(async () => {
      dueAt = await deadlines.due('dispatchReview');
      view.details.reviewDueAt = dueAt;
      moveTo('REVIEW', reviewer('review: approve, return or reject', dueAt), dueAt);
    });
    const overdue: Timer = {
      active: () => !view.overdue,
      at: () => Date.parse(dueAt),
      fire: async () => {
        await process.notify([start.townId], `REVIEW_OVERDUE@${dueAt}`, `审核逾期 Review overdue: ${view.title}, due ${dueAt}`);
        view.overdue = true;
        record({
          step: 'REVIEW_OVERDUE',
          rule: `review is due in ${describePeriod(deadlines.period('dispatchReview'))}`,
          summary: `Review overdue since ${dueAt}: the reviewer is reminded`,
        });
        await process.show();
      },
    };
    // The review's due date is held here, not in the view: a dispatch continues as new only among its villages.
    await process.watch(() => view.step === 'REVIEW', [overdue], { resumable: false });
  }

  /**
   * The village tasks run as children the dispatch abandons when its run closes: a dispatch continuing
   * as new (or ending) never cancels villages' work; its own cancellation reaches them explicitly.
   * The first run follows its children's results; a continued run, which has no handles on them,
   * follows what they signal (every village task signals its closing).
   */
  async function runVillages(): Promise<void> {
    let finished = false;
    let failure: Error | undefined;
    let all: Promise<{ villageId: string; status: ProcessStatus }[]> | undefined;
    if (!process.continued) {
      const children = view.details.villages.map((v) => {
        const childStart: VillageTaskStart = {
          dispatchWorkflowId: view.workflowId,
          countyId: start.countyId,
          townId: start.townId,
          villageId: v.villageId,
          dispatcherOrgId: start.dispatcherOrgId,
          content: view.details.content,
          rules: start.rules,
          periods: start.periods,
          maxReworkRounds: start.maxReworkRounds ?? process.rules.values.dispatch.maxReworkRounds,
          ...(start.maxHistoryEvents !== undefined && { maxHistoryEvents: start.maxHistoryEvents }),
        };
        const running = executeChild(villageTask, {
          workflowId: v.workflowId,
          args: [childStart],
          staticSummary: villageTaskSummary(childStart),
          parentClosePolicy: 'ABANDON',
        });
        // One village's task cancelled, terminated by an operator, failed or timed out closes that village only.
        return process
          .survive({ workflowId: v.workflowId, name: `The village task of ${v.villageId}` }, running, (end) => villageEnded(v.villageId, end.status))
          .then((result) => ({ villageId: v.villageId, status: result.status }));
      });
      all = Promise.all(children);
      all.then(
        () => (finished = true),
        (error: Error) => {
          failure = error;
          finished = true;
        },
      );
    }
    const villagesClosed = () => view.details.villages.every((v) => v.status !== 'RUNNING');
    try {
      await process.followChanges(
        () => finished || (process.continued && villagesClosed()),
        async () => {
          if (view.status !== 'RUNNING') return;
          view.nextActors = view.details.villages
            .filter((v) => v.status === 'RUNNING' && v.step === 'RECEIVE')
            .map((v) => ({ role: 'VILLAGE_SECRETARY', orgId: v.villageId, action: 'receive' }));
          await process.show();
        },
      );
    } catch (error) {
      if (isCancellation(error)) {
        if (process.continued) await CancellationScope.nonCancellable(cancelVillages);
        // The first run's children close as cancelled before it does: a closed workflow's cancellation requests are dropped.
        else await CancellationScope.nonCancellable(() => all!);
      }
      throw error;
    }
    if (failure) throw failure;
    const results = all ? await all : view.details.villages.map((v) => ({ villageId: v.villageId, status: v.status }));
    await process.exclusively(async () => {
      if (view.status !== 'RUNNING') return;
      const closed = results.map((r) => `${r.villageId} ${r.status}`).join(', ');
      record({ step: 'ALL_VILLAGES_DONE', summary: `All ${results.length} village task(s) closed: ${closed}` });
      close('COMPLETED', results.every((r) => r.status === 'COMPLETED') ? 'Every village task was accepted' : `Every village task closed: ${closed}`);
      await process.show();
    });
  }

  /** A village task that ended without telling (terminated, failed, timed out): its village is marked so. */
  function villageEnded(villageId: string, status: ProcessStatus): void {
    const village = view.details.villages.find((v) => v.villageId === villageId);
    if (village && village.status === 'RUNNING') village.status = status;
    view.overdue = view.details.villages.some((v) => v.status === 'RUNNING' && v.overdue);
  }

  /** A continued run's cancellation, passed on to the village tasks still running (the first run's children follow its scope). */
  async function cancelVillages(): Promise<void> {
    await Promise.all(
      view.details.villages
        .filter((v) => v.status === 'RUNNING')
        .map((v) =>
          getExternalWorkflowHandle(v.workflowId)
            .cancel()
            .catch(() => undefined),
        ),
    );
  }

  return process.run(async () => {
    // A dispatch continues as new only among its villages: a continued run goes straight back to them.
    if (process.continued) return runVillages();
    record({
      step: 'SUBMIT',
      by: { actor: start.dispatcher, as: actedAs(start.dispatcher, 'DISPATCHER', start.dispatcherOrgId) },
      summary: `Submitted to ${start.content.villageIds.join(', ')}`,
      data: start.content,
    });
    for (;;) {
      if ((await screen()) === 'REJECTED') break;
      await review();
      if (view.step === 'REVISION') await condition(() => view.step !== 'REVISION');
      if (view.step !== 'SCREENING') break;
    }
    await condition(() => view.step !== 'COLLECTIVE_DECISION');
    if (view.step === 'IN_VILLAGES') await runVillages();
  });
}
