// The weekly rhythm (周一清单式部署、周五条目式汇报), computed from the processes' own records.
import type { Db } from '../prisma/client';
import { stateAt } from './process-history';
import { BEIJING_OFFSET_MS } from '../workflows/common/durations';
import type { VillageTaskView } from '../workflows/taskDispatch/contract';

const DAY_MS = 86_400_000;

/** Monday 00:00 to the next Monday 00:00, Beijing time, of the week holding `at`. */
export function weekOf(at: Date): { from: Date; to: Date; monday: string; friday: string } {
  const beijing = new Date(at.getTime() + BEIJING_OFFSET_MS);
  const sinceMonday = (beijing.getUTCDay() + 6) % 7;
  const mondayUtc = Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate() - sinceMonday);
  const from = new Date(mondayUtc - BEIJING_OFFSET_MS);
  return {
    from,
    to: new Date(from.getTime() + 7 * DAY_MS),
    monday: new Date(mondayUtc).toISOString().slice(0, 10),
    friday: new Date(mondayUtc + 4 * DAY_MS).toISOString().slice(0, 10),
  };
}

/** The village tasks of a place as they stand, or, for a past instant, as they stood then (domain/process-history.ts). */
async function villageTasks(db: Db, where: { villageId?: string; townId?: string }, at: Date) {
  const past = at.getTime() < Date.now();
  const rows = await db.processRecord.findMany({
    where: { processType: 'villageTask', ...where, ...(past && { startedAt: { lte: at } }) },
    orderBy: [{ dueAt: 'asc' }],
  });
  if (!past) return rows.map((r) => JSON.parse(r.state) as VillageTaskView);
  const then = await Promise.all(rows.map((r) => stateAt(db, r.workflowId, at)));
  return then.filter((t): t is VillageTaskView => t !== undefined);
}

const within = (iso: string | undefined, week: { from: Date; to: Date }) =>
  !!iso && Date.parse(iso) >= week.from.getTime() && Date.parse(iso) < week.to.getTime();

/**
 * Monday's list for one village: every open task, its due date, whether it is late or due this week, how
 * many are assigned and, where `namesShown` says the reader may know them (docs/processes.md §0.9), who.
 */
export async function deploymentList(db: Db, villageId: string, at: Date, namesShown: (task: VillageTaskView) => boolean) {
  const week = weekOf(at);
  const open = (await villageTasks(db, { villageId }, at)).filter((t) => t.status === 'RUNNING');
  return {
    villageId,
    weekStarting: week.monday,
    tasks: open.map((t) => ({
      workflowId: t.workflowId,
      title: t.title,
      screeningCode: t.screeningCode ?? null,
      step: t.step,
      deadline: t.details.deadline,
      overdue: t.overdue,
      dueThisWeek: within(t.details.deadline, week),
      nextReportDueAt: t.details.nextReportDueAt ?? null,
      missedReports: t.details.missedReports,
      assigned: t.details.assignees.length,
      assignees: namesShown(t) ? t.details.assignees.map((a) => a.name) : [],
    })),
  };
}

/** One task's week, item by item: what each report said was done, and which reports were missed. */
function itemised(t: VillageTaskView, week: { from: Date; to: Date }) {
  return {
    workflowId: t.workflowId,
    title: t.title,
    step: t.step,
    status: t.status,
    overdue: t.overdue,
    deadline: t.details.deadline,
    reports: t.details.reports.filter((r) => within(r.at, week)).map((r) => ({ at: r.at, items: r.items, note: r.note ?? null })),
    missedReports: t.details.missedReports.filter((due) => within(due, week)),
  };
}

/** Friday's roll-up for a town: per village, what is open, late, done and reported this week. */
export async function townWeeklyReport(db: Db, townId: string, at: Date) {
  const week = weekOf(at);
  const tasks = await villageTasks(db, { townId }, at);
  const byVillage = new Map<string, VillageTaskView[]>();
  for (const t of tasks) byVillage.set(t.villageId!, [...(byVillage.get(t.villageId!) ?? []), t]);
  const villages = [...byVillage.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([villageId, list]) => {
      const open = list.filter((t) => t.status === 'RUNNING');
      const inProgress = open.filter((t) => t.step === 'IN_PROGRESS');
      return {
        villageId,
        open: open.length,
        overdue: open.filter((t) => t.overdue).length,
        acceptedThisWeek: list.filter((t) => t.record.some((r) => r.step === 'ACCEPT' && within(r.at, week))).length,
        reworkedThisWeek: list.filter((t) => t.record.some((r) => r.step === 'REWORK' && within(r.at, week))).length,
        reportsThisWeek: list.reduce((n, t) => n + t.details.reports.filter((r) => within(r.at, week)).length, 0),
        withoutReportThisWeek: inProgress.filter((t) => !t.details.reports.some((r) => within(r.at, week))).map((t) => t.workflowId),
        tasks: list.filter((t) => t.status === 'RUNNING' || within(t.updatedAt, week)).map((t) => itemised(t, week)),
      };
    });
  return { townId, weekStarting: week.monday, weekEnding: week.friday, villages };
}
