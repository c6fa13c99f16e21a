import { actedAs, findRole, type Actor } from '../common/actor';
import type { NextActor } from '../common/view';
import { openProcess, type Timer } from '../common/open-process';
import { nowIso } from '../common/workflow-support';
import { villageTaskDetails } from './details';
import {
  dispatchWithdrawn,
  villageProgressed,
  villageTaskContract as contract,
  type VillageProgress,
  type VillageTaskStart,
  type VillageTaskStep,
  type VillageTaskView,
} from './contract';
import { acceptor, acceptRule, assignRule, mayComplete, mayReport, reworkEscalates } from './rules';

const WORKING_STEPS = ['RECEIVE', 'ASSIGN', 'IN_PROGRESS'];

/** One village's share of a dispatch: receive, assign, report weekly, complete, acceptance (docs/processes.md §2.5–2.8). */
export async function villageTask(start: VillageTaskStart): Promise<VillageTaskView> {
  const process = openProcess<VillageTaskView, VillageTaskStep>({
    query: contract.query,
    rules: start.rules,
    ruleSections: contract.rules,
    dueDateFields: { progressReport: { get: (v) => v.details.nextReportDueAt, set: (v, at) => void (v.details.nextReportDueAt = at) } },
    periods: start.periods,
    start,
    continued: start.continued,
    view: {
      processType: 'villageTask',
      title: start.content.title,
      countyId: start.countyId,
      townId: start.townId,
      villageId: start.villageId,
      screeningCode: start.content.screeningCode,
      step: 'RECEIVE',
      dueAt: start.content.deadline,
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
    },
    details: villageTaskDetails,
    parent: { workflowId: start.dispatchWorkflowId, signal: villageProgressed, shows: progressOf },
  });
  function progressOf(view: VillageTaskView): VillageProgress {
    return { villageId: start.villageId, workflowId: view.workflowId, step: view.step, status: view.status, overdue: view.overdue };
  }
  const { view, step, close, record, deadlines } = process;
  const { platform } = process.activities;
  const moveTo = (next: VillageTaskStep, nextActors: NextActor[]) => process.moveTo(next, nextActors, view.details.deadline);
  const secretary = (action: string): NextActor[] => [{ role: 'VILLAGE_SECRETARY', orgId: start.villageId, action, dueAt: view.details.deadline }];
  const workers = (action: string): NextActor[] => [
    ...secretary(action),
    ...view.details.assignees.map((a) => ({ role: a.role, orgId: a.orgId, action, dueAt: view.details.deadline })),
  ];
  // Taken before any step is registered, so a receipt arriving early waits for the task to open (a continued run is open).
  const opened = process.continued ? Promise.resolve() : process.exclusively(open);

  step(contract.actions.receive, undefined, (actor) => {
    record({
      step: 'RECEIVE',
      by: { actor, as: actedAs(actor, 'VILLAGE_SECRETARY', start.villageId) },
      rule: 'only the village secretary receives',
      summary: 'Received by the village secretary',
    });
    moveTo('ASSIGN', secretary('assign to cadres or grid members'));
  });

  step(
    contract.actions.assign,
    (_actor, assignment) => assignRule(view, assignment),
    async (actor, assignment) => {
      const firstReportDueAt = view.details.nextReportDueAt ?? (await deadlines.due('progressReport', { inStep: true }));
      view.details.assignees = view.details.staff.filter((s) => assignment.personIds.includes(s.personId));
      record({
        step: 'ASSIGN',
        by: { actor, as: actedAs(actor, 'VILLAGE_SECRETARY', start.villageId) },
        rule: 'assignees are cadres or grid members of this village',
        summary: `Assigned to ${view.details.assignees.map((a) => a.name).join(', ')}`,
        data: assignment,
      });
      view.details.nextReportDueAt = firstReportDueAt;
      moveTo('IN_PROGRESS', workers('carry out, report every week, complete'));
    },
  );

  step(
    // Its whole rule in rules.ts (the contract's `at` and `by`, with finer refusals of who is not a worker here).
    contract.actions.reportProgress.update,
    (actor, report) => mayReport(view, actor, report),
    (actor, report) => {
      view.details.reports.push({ ...report, at: nowIso(), personId: actor.personId, weekDueAt: view.details.nextReportDueAt! });
      record({
        step: 'REPORT',
        by: { actor, as: workerRole(actor) },
        rule: 'itemised report due every week',
        summary: `Report: ${report.items.filter((i) => i.done).length}/${report.items.length} items done`,
        data: report,
      });
      process.changed();
    },
  );

  step(
    contract.actions.complete.update,
    (actor, completion) => mayComplete(view, actor, completion),
    (actor, completion) => {
      view.details.completions.push({ ...completion, at: nowIso(), personId: actor.personId });
      record({ step: 'COMPLETE', by: { actor, as: workerRole(actor) }, summary: `Completed: ${completion.summary}`, data: completion });
      view.overdue = false;
      const by = acceptor(view);
      moveTo('ACCEPTANCE', [{ role: by.role, orgId: by.orgId, action: 'accept or return for rework' }]);
    },
  );

  step(
    contract.actions.accept,
    (_actor, decision) => acceptRule(decision, nowIso()),
    async (actor, decision) => {
      const by = acceptor(view);
      const as = actedAs(actor, by.role, by.orgId);
      if (decision.decision === 'ACCEPT') {
        record({ step: 'ACCEPT', by: { actor, as }, summary: `Accepted${decision.comment ? `: ${decision.comment}` : ''}` });
        close('COMPLETED', 'Accepted');
      } else if (reworkEscalates(view, start.maxReworkRounds)) {
        view.details.escalated = true;
        record({
          step: 'ESCALATE',
          by: { actor, as },
          rule: `rework bounded to ${start.maxReworkRounds} rounds`,
          summary: `Rework asked again after ${view.details.reworkRounds} rounds: escalated to the town reviewer — ${decision.reasons}`,
          data: decision,
        });
        const next = acceptor(view);
        moveTo('ACCEPTANCE', [{ role: next.role, orgId: next.orgId, action: 'escalated: accept or order rework' }]);
      } else {
        const nextReportDueAt = await deadlines.due('progressReport', { inStep: true });
        view.details.reworkRounds++;
        view.details.deadline = decision.newDeadline;
        view.details.reminded = false;
        view.details.nextReportDueAt = nextReportDueAt;
        record({
          step: 'REWORK',
          by: { actor, as },
          summary: `Returned for rework (round ${view.details.reworkRounds}), new deadline ${decision.newDeadline}: ${decision.reasons}`,
          data: decision,
        });
        moveTo('IN_PROGRESS', workers('rework, report every week, complete'));
      }
    },
  );

  // The dispatch allowed the withdrawal by what it knew; a receipt may have crossed it, and the dispatch's word stands.
  // Only the task's own dispatch may withdraw it.
  process.signal(
    dispatchWithdrawn,
    (withdrawal) => withdrawal.dispatchWorkflowId === start.dispatchWorkflowId,
    (withdrawal) => {
      const crossed = view.step === 'RECEIVE' ? '' : ` (it crossed the receipt, at step ${view.step})`;
      record({ step: 'WITHDRAWN', by: withdrawal.by, summary: `The dispatch was withdrawn${crossed}: ${withdrawal.reason}` });
      close('WITHDRAWN', withdrawal.reason);
    },
  );

  function workerRole(actor: Actor) {
    if (findRole(actor, 'VILLAGE_SECRETARY', start.villageId)) return actedAs(actor, 'VILLAGE_SECRETARY', start.villageId);
    const member = view.details.assignees.find((a) => a.personId === actor.personId)!;
    return actedAs(actor, member.role, member.orgId);
  }

  // Each timer tells its people first, then records: what the state shows has been told.
  /** Tells whoever must act next (and, for lateness, the town) without waiting for them to open their inbox. */
  const notifyNext = (kind: string, message: string, ...alsoOrgIds: string[]) =>
    process.notify([...view.nextActors.map((a) => a.orgId), ...alsoOrgIds], kind, message);
  const working = () => WORKING_STEPS.includes(view.step);

  const reminder: Timer = {
    active: () => working() && !view.details.reminded,
    at: () => deadlines.reminderAt(view.details.deadline),
    fire: async () => {
      const { deadline } = view.details;
      await notifyNext(`REMINDER@${deadline}`, `提醒 Reminder: ${view.title} is due ${deadline}`);
      view.details.reminded = true;
      record({ step: 'REMINDER', rule: 'reminder before the deadline', summary: `Reminder: due ${deadline}` });
      await process.show();
    },
  };

  const overdue: Timer = {
    active: () => working() && !view.overdue,
    at: () => Date.parse(view.details.deadline),
    fire: async () => {
      const { deadline } = view.details;
      await notifyNext(`OVERDUE@${deadline}`, `逾期 Overdue: ${view.title} (${start.villageId}) was due ${deadline}`, start.townId);
      view.overdue = true;
      record({ step: 'OVERDUE', rule: 'past the deadline the task is overdue until done', summary: `Overdue since ${deadline}` });
      await process.show();
    },
  };

  const weeklyReport: Timer = {
    active: () => view.step === 'IN_PROGRESS' && !!view.details.nextReportDueAt,
    at: () => Date.parse(view.details.nextReportDueAt!),
    fire: async () => {
      const { passed, next } = await deadlines.recurring('progressReport', view.details.nextReportDueAt!);
      for (const due of passed.filter((week) => !view.details.reports.some((r) => r.weekDueAt === week))) {
        await notifyNext(`REPORT_MISSED@${due}`, `周报未交 No progress report: ${view.title} (${start.villageId}), due ${due}`, start.townId);
        view.details.missedReports.push(due);
        record({ step: 'REPORT_MISSED', rule: 'itemised report due every week', summary: `No progress report for the week due ${due}` });
      }
      view.details.nextReportDueAt = next;
      await process.show();
    },
  };

  async function open(): Promise<void> {
    view.details.staff = await platform.villageStaff(start.villageId);
    await process.notify(start.content.supportingOrgIds, 'SUPPORTING', `协同任务 Supporting ${start.villageId}: ${start.content.title}`);
    record({
      step: 'DISPATCHED',
      rule: 'supporting departments and stations named on the dispatch are notified',
      summary: `Sent to ${start.villageId}${start.content.supportingOrgIds.length ? `; supporting: ${start.content.supportingOrgIds.join(', ')}` : ''}`,
    });
    moveTo('RECEIVE', secretary('receive'));
    await process.show();
  }

  return process.run(async () => {
    await opened;
    await process.watch(() => view.status === 'RUNNING', [reminder, overdue, weeklyReport]);
  });
}
