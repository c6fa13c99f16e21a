// The current details an operator reads in the Temporal UI (markdown).
import { processDetails } from '../common/details';
import type { BiddingView } from './contract';

export function biddingDetails(view: BiddingView): string {
  const { post, bids, sheets, results, objections, winner, proposedWinner, milestones, majorMatter } = view.details;
  const lines = [
    `- **Project**: ${post.title} · **Funds**: ${post.funds} 元 · **Town**: ${view.details.townId}`,
    `- **Eligible**: ${post.eligibility.villageIds.join(', ')} · **Deadline**: ${view.details.deadline}${view.details.extensions ? ` (extended ${view.details.extensions}×)` : ''}`,
    `- **Criteria**: ${post.criteria.map((c) => `${c.name} ${c.weight}% (${c.minScore}–${c.maxScore})`).join(' · ')} · **Tie-break**: ${post.tieBreak}`,
    `- **Bids**: ${bids.length ? bids.map((b) => b.villageId).join(', ') : 'none yet'}`,
  ];
  if (view.step === 'EVALUATION') lines.push(`- **Evaluation** (round ${view.details.round}): ${sheets.length} score sheet(s) in`);
  const result = results.at(-1);
  if (result)
    lines.push(
      `- **Ranking** (round ${result.round}): ${result.ranking.map((r) => `${r.rank}. ${r.villageId} ${r.total}${r.tieBrokenBy ? ` (tie: ${r.tieBrokenBy})` : ''}`).join(' · ')}`,
    );
  if (proposedWinner && !winner)
    lines.push(
      `- **On public notice** until ${view.details.noticeEndsAt}: ${proposedWinner} · objections ${objections.length} (${objections.filter((o) => !o.answer).length} open)`,
    );
  if (winner) lines.push(`- **Winner**: ${winner} · milestones ${milestones.filter((m) => m.status === 'ACCEPTED').length}/${milestones.length} accepted`);
  if (majorMatter?.required)
    lines.push(
      `- **Major matter** (五议两公开): ${view.details.majorMatterWorkflowId ?? `required (¥${majorMatter.funds} from ¥${majorMatter.threshold}), to follow for the winning village`}`,
    );
  return processDetails(view, `揭榜挂帅 ${post.title}`, lines);
}
