// The current details an operator reads in the Temporal UI (markdown).
import { processDetails } from '../common/details';
import type { SecondmentView } from './contract';

export function secondmentDetails(view: SecondmentView): string {
  const d = view.details;
  const lines = [
    `- **Cadre**: ${d.cadre.name} (${d.cadre.personId}${d.cadre.category ? `, ${d.cadre.category}` : ''})`,
    `- **From** ${d.sourceUnit.name} (${d.sourceUnit.id}) **to** ${d.borrowingUnit.name} (${d.borrowingUnit.id}) · ${d.origin === 'CENSUS' ? '摸底发现 found by a census' : `${d.request.reason}: ${d.request.explanation}`}`,
  ];
  if (d.eligibility && !d.eligibility.eligible) lines.push(`- **Ineligible**: ${d.eligibility.failures.map((f) => f.reason).join(' ')}`);
  if (d.consentDueAt && view.step === 'CONSENT')
    lines.push(`- **Consent** due ${d.consentDueAt}: ${d.consents.map((c) => `${c.party} ${c.consent ? '✔' : '✘'}`).join(', ') || 'none yet'}`);
  if (d.endsAt) lines.push(`- **Term**: ${d.monthsApproved} month(s), from ${d.termStartedAt ?? '—'} to **${d.endsAt}**`);
  const pending = d.extensions.find((e) => e.status === 'PENDING');
  if (pending) lines.push(`- **Extension asked**: ${pending.months} month(s) — ${pending.reason}`);
  if (d.returnedAt)
    lines.push(
      `- **Returned** ${d.returnedAt}; confirmation due ${d.returnDueAt ?? '—'}${d.escalated ? ' · **ESCALATED** to the organisation department' : ''}`,
    );
  if (d.clawback) lines.push(`- **Clawed back** (${d.clawback.grounds}): ${d.clawback.reason} — accountability: ${d.borrowingUnit.id}`);
  return processDetails(view, `借调 ${d.cadre.name}: ${d.sourceUnit.name} → ${d.borrowingUnit.name}`, lines);
}
