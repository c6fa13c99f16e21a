// The current details an operator reads in the Temporal UI (markdown).
import { processDetails } from '../common/details';
import { describePeriod } from '../rules/checks';
import type { Period } from '../rules/checks';
import type { AdmissionView } from './contract';

export function admissionDetails(view: AdmissionView, consultationPeriod: Period): string {
  const { application, review, consultation, decision } = view.details;
  const lines = [
    `- **Code**: ${application.proposedCode} · **Kind**: ${application.kind} · **Scope**: ${application.scope}`,
    `- **Department**: ${view.details.departmentId} · **Screening**: ${view.details.screening?.result ?? 'pending'}`,
  ];
  if (review) {
    lines.push(
      `- **Tests**: law ${review.requiredByLaw.met ? '✔' : '✘'} · custom ${review.customarilyNeedsVillage.met ? '✔' : '✘'} · capacity ${review.withinVillageCapacity.met ? '✔' : '✘'}`,
    );
  }
  if (consultation) {
    lines.push(
      `- **Consultation** (${describePeriod(consultationPeriod)}, until ${consultation.deadline}): ${consultation.responses.length}/${consultation.townIds.length} towns answered, ` +
        `${consultation.responses.filter((r) => r.objection).length} objection(s)`,
    );
  }
  if (decision) lines.push(`- **Decision**: ${decision.outcome} — ${decision.reason}`);
  return processDetails(view, `准入申请 ${application.title}`, lines);
}
