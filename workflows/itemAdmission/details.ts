// The current details an operator reads in the Temporal UI (markdown).
import { describePeriod, periodFor } from '../common/durations';
import type { AdmissionStart, AdmissionView } from './messages';

function nextActorsLine(view: AdmissionView): string {
  if (view.nextActors.length === 0) return '—';
  return view.nextActors.map((a) => `${a.role} @ ${a.orgId} (${a.action}${a.dueAt ? `, due ${a.dueAt}` : ''})`).join('; ');
}

export function admissionDetails(view: AdmissionView, start: AdmissionStart): string {
  const { application, review, consultation, decision } = view.details;
  const lines = [
    `## 准入申请 ${application.title}`,
    `- **Step**: ${view.step} · **Status**: ${view.status}${view.outcome ? ` — ${view.outcome.reason}` : ''}`,
    `- **Code**: ${application.proposedCode} · **Kind**: ${application.kind} · **Scope**: ${application.scope}`,
    `- **Department**: ${view.details.departmentId} · **Screening**: ${view.details.screening?.result ?? 'pending'}`,
    `- **Next**: ${nextActorsLine(view)}`,
  ];
  if (review) {
    lines.push(
      `- **Tests**: law ${review.requiredByLaw.met ? '✔' : '✘'} · custom ${review.customarilyNeedsVillage.met ? '✔' : '✘'} · capacity ${review.withinVillageCapacity.met ? '✔' : '✘'}`,
    );
  }
  if (consultation) {
    const period = describePeriod(periodFor('admissionConsultation', start.periods));
    lines.push(
      `- **Consultation** (${period}, until ${consultation.deadline}): ${consultation.responses.length}/${consultation.townIds.length} towns answered, ` +
        `${consultation.responses.filter((r) => r.objection).length} objection(s)`,
    );
  }
  if (decision) lines.push(`- **Decision**: ${decision.outcome} — ${decision.reason}`);
  return lines.join('\n');
}
