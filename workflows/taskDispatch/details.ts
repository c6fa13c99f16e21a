// Current details an operator reads in the Temporal UI (markdown).
import type { NextActor } from '../common/process';
import type { DispatchView, VillageTaskView } from './messages';

function next(actors: NextActor[]): string {
  return actors.length ? actors.map((a) => `${a.role} @ ${a.orgId} (${a.action})`).join('; ') : '—';
}

export function dispatchDetails(view: DispatchView): string {
  const { content, screening, villages } = view.details;
  const flags = screening ? [screening.catalogue, ...screening.unclear, ...(screening.duplicates.length ? ['DUPLICATE'] : [])].join(', ') : 'pending';
  const lines = [
    `## 派单 ${content.title}`,
    `- **Step**: ${view.step} · **Status**: ${view.status}${view.outcome ? ` — ${view.outcome.reason}` : ''}${view.overdue ? ' · **OVERDUE**' : ''}`,
    `- **Code**: ${content.screeningCode ?? '—'} · **Screening**: ${flags}`,
    `- **Town**: ${view.details.townId} · **Deadline**: ${content.deadline}${view.details.reviewDueAt ? ` · **Review due**: ${view.details.reviewDueAt}` : ''}`,
    `- **Next**: ${next(view.nextActors)}`,
  ];
  for (const v of villages) lines.push(`- ${v.villageId}: ${v.step} (${v.status})${v.overdue ? ' **overdue**' : ''}`);
  return lines.join('\n');
}

export function villageTaskDetails(view: VillageTaskView): string {
  const d = view.details;
  return [
    `## 村级任务 ${view.title} · ${view.villageId}`,
    `- **Step**: ${view.step} · **Status**: ${view.status}${view.outcome ? ` — ${view.outcome.reason}` : ''}${view.overdue ? ' · **OVERDUE**' : ''}`,
    `- **Deadline**: ${d.deadline} · **Next report due**: ${d.nextReportDueAt ?? '—'} · **Reports**: ${d.reports.length} (missed ${d.missedReports.length})`,
    `- **Assignees**: ${d.assignees.map((a) => a.name).join(', ') || '—'} · **Rework rounds**: ${d.reworkRounds}${d.escalated ? ' (escalated)' : ''}`,
    `- **Next**: ${next(view.nextActors)}`,
  ].join('\n');
}
