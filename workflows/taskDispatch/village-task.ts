import { msToNumber } from '@temporalio/common/lib/time';
import { allHandlersFinished, condition, getExternalWorkflowHandle, setHandler } from '@temporalio/workflow';
import { actedAs, findRole, type Actor } from '../common/actor';
import { deadlineFor, platform, publish } from '../common/activities';
import { periodFor } from '../common/durations';
import type { NextActor, ProcessStatus } from '../common/process';
import { closingOnCancel, nowIso, processSteps, recordStep, workflowId } from '../common/workflow-support';
import { villageTaskDetails } from './details';
import {
  acceptTask,
  assignTask,
  completeTask,
  dispatchWithdrawn,
  getVillageTask,
  receiveTask,
  reportProgress,
  villageProgressed,
  type VillageTaskStart,
  type VillageTaskStep,
  type VillageTaskView,
} from './messages';
import { acceptor, mayAccept, mayAssign, mayComplete, mayReceive, mayReport, reworkEscalates } from './rules';

const WORKING_STEPS = ['RECEIVE', 'ASSIGN', 'IN_PROGRESS'];

/** One village's share of a dispatch: receive, assign, report weekly, complete, acceptance (PROCESSES.md §2, 5–8). */
export async function villageTask(start: VillageTaskStart): Promise<VillageTaskView> {
  const view = initialView(start);
  let changes = 0;
  const secretary = (action: string): NextActor[] => [{ role: 'VILLAGE_SECRETARY', orgId: start.villageId, action, dueAt: view.details.deadline }];
  const moveTo = (step: VillageTaskStep, nextActors: NextActor[]) => {
    view.step = step;
    view.nextActors = nextActors;
    changes++;
  };
  const close = (status: ProcessStatus, reason: string) => {
    moveTo('CLOSED', []);
    view.status = status;
    view.outcome = { status, reason };
    view.overdue = false;
    view.dueAt = undefined;
  };
  const show = async () => {
    await publish(view, villageTaskDetails(view));
    const progress = { villageId: start.villageId, workflowId: view.workflowId, step: view.step, status: view.status, overdue: view.overdue };
    const dispatch = getExternalWorkflowHandle(start.dispatchWorkflowId).signal(villageProgressed, progress);
    // A cancelled dispatch may have ended before its village tasks: nobody is left to tell.
    await (view.status === 'CANCELLED' ? dispatch.catch(() => undefined) : dispatch);
  };
  const workers = (action: string): NextActor[] => [
    ...secretary(action),
    ...view.details.assignees.map((a) => ({ role: a.role, orgId: a.orgId, action, dueAt: view.details.deadline })),
  ];
  const startReporting = async () => {
    view.details.nextReportDueAt ??= await deadlineFor(periodFor('progressReport', start.periods));
  };

  setHandler(getVillageTask, () => view);
  const { step, exclusively } = processSteps(view, show);
  // Taken before any step is registered, so a receipt arriving early waits for the task to open.
  const opened = exclusively(open);

  step(receiveTask, (actor) => mayReceive(view, actor), (actor) => {
    recordStep(view, { step: 'RECEIVE', by: { actor, as: actedAs(actor, 'VILLAGE_SECRETARY', start.villageId) }, rule: 'only the village secretary receives', summary: 'Received by the village secretary' });
    moveTo('ASSIGN', secretary('assign to cadres or grid members'));
  });

  step(
    assignTask,
    (actor, assignment) => mayAssign(view, actor, assignment),
    async (actor, assignment) => {
      view.details.assignees = view.details.staff.filter((s) => assignment.personIds.includes(s.personId));
      recordStep(view, {
        step: 'ASSIGN',
        by: { actor, as: actedAs(actor, 'VILLAGE_SECRETARY', start.villageId) },
        rule: 'assignees are cadres or grid members of this village',
        summary: `Assigned to ${view.details.assignees.map((a) => a.name).join(', ')}`,
        data: assignment,
      });
      await startReporting();
      moveTo('IN_PROGRESS', workers('carry out, report every Friday, complete'));
    },
  );

  step(
    reportProgress,
    (actor, report) => mayReport(view, actor, report),
    (actor, report) => {
      view.details.reports.push({ ...report, at: nowIso(), personId: actor.personId, weekDueAt: view.details.nextReportDueAt! });
      recordStep(view, { step: 'REPORT', by: { actor, as: workerRole(actor) }, rule: 'itemised report due every Friday', summary: `Report: ${report.items.filter((i) => i.done).length}/${report.items.length} items done`, data: report });
      changes++;
    },
  );

  step(
    completeTask,
    (actor, completion) => mayComplete(view, actor, completion),
    (actor, completion) => {
      view.details.completions.push({ ...completion, at: nowIso(), personId: actor.personId });
      recordStep(view, { step: 'COMPLETE', by: { actor, as: workerRole(actor) }, summary: `Completed: ${completion.summary}`, data: completion });
      view.overdue = false;
      const by = acceptor(view);
      moveTo('ACCEPTANCE', [{ role: by.role, orgId: by.orgId, action: 'accept or return for rework' }]);
    },
  );

  step(
    acceptTask,
    (actor, decision) => mayAccept(view, actor, decision, nowIso()),
    async (actor, decision) => {
      const by = acceptor(view);
      const as = actedAs(actor, by.role, by.orgId);
      if (decision.decision === 'ACCEPT') {
        recordStep(view, { step: 'ACCEPT', by: { actor, as }, summary: `Accepted${decision.comment ? `: ${decision.comment}` : ''}` });
        close('COMPLETED', 'Accepted');
      } else if (reworkEscalates(view, start.maxReworkRounds)) {
        view.details.escalated = true;
        recordStep(view, { step: 'ESCALATE', by: { actor, as }, rule: `rework bounded to ${start.maxReworkRounds} rounds`, summary: `Rework asked again after ${view.details.reworkRounds} rounds: escalated to the town reviewer — ${decision.reasons}`, data: decision });
        const next = acceptor(view);
        moveTo('ACCEPTANCE', [{ role: next.role, orgId: next.orgId, action: 'escalated: accept or order rework' }]);
      } else {
        view.details.reworkRounds++;
        view.details.deadline = decision.newDeadline;
        view.dueAt = decision.newDeadline;
        view.details.reminded = false;
        view.details.nextReportDueAt = await deadlineFor(periodFor('progressReport', start.periods));
        recordStep(view, { step: 'REWORK', by: { actor, as }, summary: `Returned for rework (round ${view.details.reworkRounds}), new deadline ${decision.newDeadline}: ${decision.reasons}`, data: decision });
        moveTo('IN_PROGRESS', workers('rework, report every Friday, complete'));
      }
    },
  );

  // The dispatch allowed the withdrawal by what it knew; a receipt may have crossed it, and the dispatch's word stands.
  setHandler(dispatchWithdrawn, (withdrawal) =>
    exclusively(async () => {
      if (view.status !== 'RUNNING') return;
      const crossed = view.step === 'RECEIVE' ? '' : ` (it crossed the receipt, at step ${view.step})`;
      recordStep(view, { step: 'WITHDRAWN', summary: `The dispatch was withdrawn${crossed}: ${withdrawal.reason}` });
      close('WITHDRAWN', withdrawal.reason);
      await show();
    }),
  );

  function workerRole(actor: Actor) {
    if (findRole(actor, 'VILLAGE_SECRETARY', start.villageId)) return actedAs(actor, 'VILLAGE_SECRETARY', start.villageId);
    const member = view.details.assignees.find((a) => a.personId === actor.personId)!;
    return actedAs(actor, member.role, member.orgId);
  }

  /** Deadlines, reminders and the weekly report: whichever falls next. */
  async function onTimers(): Promise<void> {
    const now = Date.now();
    const { deadline, nextReportDueAt } = view.details;
    const working = WORKING_STEPS.includes(view.step);
    if (working && !view.details.reminded && now >= reminderAt(deadline)) {
      view.details.reminded = true;
      recordStep(view, { step: 'REMINDER', rule: 'reminder before the deadline', summary: `Reminder: due ${deadline}` });
      await notify(`REMINDER@${deadline}`, `提醒 Reminder: ${view.title} is due ${deadline}`);
      await show();
    }
    if (working && !view.overdue && now >= Date.parse(deadline)) {
      view.overdue = true;
      recordStep(view, { step: 'OVERDUE', rule: 'past the deadline the task is overdue until done', summary: `Overdue since ${deadline}` });
      await notify(`OVERDUE@${deadline}`, `逾期 Overdue: ${view.title} (${start.villageId}) was due ${deadline}`, start.townId);
      await show();
    }
    if (view.step === 'IN_PROGRESS' && nextReportDueAt && now >= Date.parse(nextReportDueAt)) {
      if (!view.details.reports.some((r) => r.weekDueAt === nextReportDueAt)) {
        view.details.missedReports.push(nextReportDueAt);
        recordStep(view, { step: 'REPORT_MISSED', rule: 'itemised report due every Friday', summary: `No progress report for the week due ${nextReportDueAt}` });
        await notify(`REPORT_MISSED@${nextReportDueAt}`, `周报未交 No progress report: ${view.title} (${start.villageId}), due ${nextReportDueAt}`, start.townId);
      }
      view.details.nextReportDueAt = await deadlineFor(periodFor('progressReport', start.periods));
      await show();
    }
  }

  async function open(): Promise<void> {
    view.details.staff = await platform.villageStaff(start.villageId);
    await platform.notifyOrganisations({
      workflowId: view.workflowId,
      orgIds: start.content.supportingOrgIds,
      kind: 'SUPPORTING',
      message: `协同任务 Supporting ${start.villageId}: ${start.content.title}`,
    });
    recordStep(view, {
      step: 'DISPATCHED',
      rule: 'supporting departments and stations named on the dispatch are notified',
      summary: `Sent to ${start.villageId}${start.content.supportingOrgIds.length ? `; supporting: ${start.content.supportingOrgIds.join(', ')}` : ''}`,
    });
    moveTo('RECEIVE', secretary('receive'));
    await show();
  }

  /** Tells whoever must act next (and, for lateness, the town) without waiting for them to open their inbox. */
  function notify(kind: string, message: string, ...alsoOrgIds: string[]): Promise<void> {
    return platform.notifyOrganisations({ workflowId: view.workflowId, orgIds: [...view.nextActors.map((a) => a.orgId), ...alsoOrgIds], kind, message });
  }

  function reminderAt(deadline: string): number {
    const before = periodFor('deadlineReminder', start.periods);
    const lead = 'duration' in before ? msToNumber(before.duration) : 'workingDays' in before ? before.workingDays * 86_400_000 : 0;
    return Date.parse(deadline) - lead;
  }

  function nextWake(): number {
    const times: number[] = [];
    if (WORKING_STEPS.includes(view.step)) {
      if (!view.details.reminded) times.push(reminderAt(view.details.deadline));
      if (!view.overdue) times.push(Date.parse(view.details.deadline));
    }
    if (view.step === 'IN_PROGRESS' && view.details.nextReportDueAt) times.push(Date.parse(view.details.nextReportDueAt));
    return times.length ? Math.max(0, Math.min(...times) - Date.now()) : Number.POSITIVE_INFINITY;
  }

  return closingOnCancel({ view, close, show }, async () => {
    await opened;

    while (view.status === 'RUNNING') {
      const seen = changes;
      const wait = nextWake();
      if (Number.isFinite(wait)) await condition(() => changes !== seen || view.status !== 'RUNNING', wait);
      else await condition(() => changes !== seen || view.status !== 'RUNNING');
      if (view.status === 'RUNNING') await exclusively(onTimers);
    }
    await condition(allHandlersFinished);
    return view;
  });
}

function initialView(start: VillageTaskStart): VillageTaskView {
  const at = nowIso();
  return {
    processType: 'villageTask',
    workflowId: workflowId(),
    title: start.content.title,
    countyId: start.countyId,
    townId: start.townId,
    villageId: start.villageId,
    screeningCode: start.content.screeningCode,
    step: 'RECEIVE',
    status: 'RUNNING',
    nextActors: [],
    dueAt: start.content.deadline,
    overdue: false,
    startedAt: at,
    updatedAt: at,
    record: [],
    details: {
      dispatchWorkflowId: start.dispatchWorkflowId,
      townId: start.townId,
      dispatcherOrgId: start.dispatcherOrgId,
      content: start.content,
      deadline: start.content.deadline,
      staff: [],
      assignees: [],
      reports: [],
      missedReports: [],
      reminded: false,
      completions: [],
      reworkRounds: 0,
      escalated: false,
    },
  };
}
