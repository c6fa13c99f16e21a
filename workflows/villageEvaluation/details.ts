// The current details an operator reads in the Temporal UI (markdown).
import { processDetails } from '../common/details';
import type { EvaluationView } from './contract';
import { listChange } from './rules';

export function evaluationDetails(view: EvaluationView): string {
  const d = view.details;
  const change = listChange(d.items.length, d.previousListSize);
  const lines = [
    `- **List**: ${d.items.map((i) => `${i.code} ×${i.weight}`).join(', ')}${change === undefined ? '' : ` (${change > 0 ? '+' : ''}${change}% against the quarter before)`}`,
    `- **Quarter ends** ${d.quarterEndsAt}; reminders sent: ${d.remindedMonths} of 3`,
  ];
  if (d.markingDueAt) lines.push(`- **Marks** due ${d.markingDueAt}: ${d.marks.length} of ${d.items.length * d.villages.length}`);
  if (d.evaluation)
    lines.push(
      `- **Ranking**: ${d.evaluation.standings.map((s) => `${s.rank}. ${s.villageId} ${(s.total / 100).toFixed(2)}%${s.yellowCard ? ' 黄牌' : ''}`).join(' · ')}`,
    );
  if (d.signatures.length) lines.push(`- **Signed** by ${d.signatures.map((s) => s.orgId).join(', ')}`);
  const open = [...d.disputes, ...d.objections].filter((x) => !x.answer).length;
  if (open) lines.push(`- **Unanswered** disputes and objections: ${open}`);
  if (d.noticeEndsAt) lines.push(`- **Public notice** until ${d.noticeEndsAt}`);
  return processDetails(view, `一季一评比 ${d.town.name} ${d.quarter}`, lines);
}
