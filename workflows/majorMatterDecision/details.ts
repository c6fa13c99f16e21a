// The current details an operator reads in the Temporal UI (markdown).
import { processDetails } from '../common/details';
import type { MajorMatterView } from './contract';
import { currentDisclosure, openConcerns, unansweredObjections } from './rules';

export function majorMatterDetails(view: MajorMatterView): string {
  const d = view.details;
  const proposal = d.proposal.at(-1);
  const disclosure = currentDisclosure(view);
  const concerns = openConcerns(view);
  const lines = [
    `- **Village**: ${view.villageId} · **Kind**: ${proposal?.kind ?? d.suggestion.kind} · **Amount**: ¥${proposal?.estimatedAmount ?? d.suggestion.estimatedAmount}`,
    `- **Proposal**: ${proposal ? `version ${proposal.version} of ${d.proposal.length}` : 'not yet taken up'} · **Meetings**: ${d.meetings.map((m) => `${m.meeting} v${m.proposalVersion} ${m.passed ? 'passed' : 'failed'}`).join(', ') || '—'}`,
    `- **Next meeting / step**: ${d.next ? `${d.next.what}${d.next.dueAt ? `, due ${d.next.dueAt}` : ''}` : '—'}`,
  ];
  if (d.origin) lines.push(`- **Origin**: ${d.origin.processType} ${d.origin.workflowId}`);
  if (disclosure)
    lines.push(
      `- **Disclosure** ${disclosure.kind}: ${disclosure.startsAt} → ${disclosure.endsAt}${disclosure.heldOpen ? ' (held open)' : ''} · unanswered objections: ${unansweredObjections(view).length}`,
    );
  if (concerns.length) lines.push(`- **⚠ Unanswered supervisory concerns**: ${concerns.map((c) => `#${c.seq} ${c.text}`).join('; ')}`);
  return processDetails(view, `五议两公开 ${view.title} · ${view.villageId}`, lines);
}
