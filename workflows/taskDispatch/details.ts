// Current details an operator reads in the Temporal UI (markdown).
import { processDetails } from '../common/details';
import type { DispatchView, VillageTaskView } from './contract';

export function dispatchDetails(view: DispatchView): string {
  const { content, screening, villages } = view.details;
  const flags = screening ? [screening.catalogue, ...screening.unclear, ...(screening.duplicates.length ? ['DUPLICATE'] : [])].join(', ') : 'pending';
  return processDetails(view, `派单 ${content.title}`, [
    `- **Code**: ${content.screeningCode ?? '—'} · **Screening**: ${flags}`,
    `- **Town**: ${view.details.townId} · **Deadline**: ${content.deadline}${view.details.reviewDueAt ? ` · **Review due**: ${view.details.reviewDueAt}` : ''}`,
    ...villages.map((v) => `- ${v.villageId}: ${v.step} (${v.status})${v.overdue ? ' **overdue**' : ''}`),
  ]);
}

export function villageTaskDetails(view: VillageTaskView): string {
  const d = view.details;
  return processDetails(view, `村级任务 ${view.title} · ${view.villageId}`, [
    `- **Deadline**: ${d.deadline} · **Next report due**: ${d.nextReportDueAt ?? '—'} · **Reports**: ${d.reports.length} (missed ${d.missedReports.length})`,
    `- **Assignees**: ${d.assignees.map((a) => a.name).join(', ') || '—'} · **Rework rounds**: ${d.reworkRounds}${d.escalated ? ' (escalated)' : ''}`,
  ]);
}
