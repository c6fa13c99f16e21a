// The itemAdmission process's API (准入, docs/processes.md §1): how an application becomes a start (the
// department, the coordination office, the negative list, the rules in force) and where it sits.
import { z } from 'zod';
import { coordinationOfficeOf, findOrganisation } from '../../domain/organisation';
import { requireRole } from '../../api/auth';
import type { StartRoute } from '../../api/process-registry';
import { notFound, Problem } from '../../api/problem';
import { periodOverridesSchema } from '../../api/routes/periods';
import { refuseNegativeListed } from '../../api/screening';
import { pinRules, requestIdSchema } from '../../api/workflow-calls/start';
import type { Db } from '../../prisma/client';
import { admissionWorkflowId, applicationSchema, type AdmissionStart, type AdmissionView } from '../../workflows/itemAdmission/contract';

const application = applicationSchema
  .omit({ taskRef: true })
  .extend({
    subItems: applicationSchema.shape.subItems.default([]),
    scope: z
      .literal('CATALOGUE')
      .meta({ description: 'Into the catalogue. A once-only admission is asked for with its task: POST /dispatches with `admission`.' }),
  })
  .meta({ id: 'AdmissionApplication' });

const startBody = z
  .object({
    requestId: requestIdSchema,
    departmentId: z.string().min(1).meta({ example: 'xingcun.dept.civil-affairs' }),
    application,
    periods: periodOverridesSchema.optional(),
  })
  .meta({ id: 'AdmissionStart' });

/** A county department applies to put work on villages. */
export const applyRoute: StartRoute<AdmissionStart, AdmissionView, z.infer<typeof startBody>> = {
  path: '/admissions',
  summary: 'Apply to put work on villages (准入申请)',
  body: startBody,
  async begin({ deps, actor, body, inCounty }) {
    const { db } = deps;
    const department = await findOrganisation(db, body.departmentId);
    if (!department) throw notFound(`Organisation ${body.departmentId}`);
    if (department.kind !== 'DEPARTMENT')
      throw new Problem(422, 'INVALID_INPUT', `${department.id} is not a county department: only departments apply for admission.`);
    inCounty(department.countyId);
    requireRole(actor, 'DISPATCHER', department.id);
    const coordinationOfficeId = await coordinationOfficeOf(db, department.countyId);
    if (!coordinationOfficeId) throw notFound(`The coordination office of ${department.countyId}`);
    const screening = await refuseNegativeListed(db, department.countyId, body.application.proposedCode);
    if (screening.result === 'IN_CATALOGUE') {
      throw new Problem(
        422,
        'ALREADY_IN_CATALOGUE',
        `${body.application.proposedCode} is already in the catalogue in force (${screening.matchedName}); no admission is needed.`,
      );
    }
    const rules = await pinRules(deps, department.countyId, body);
    const start: AdmissionStart = {
      countyId: department.countyId,
      departmentId: department.id,
      coordinationOfficeId,
      applicant: actor,
      application: body.application,
      rules,
      periods: body.periods,
    };
    return { start, workflowId: admissionWorkflowId(department.countyId, body.requestId), starterOrgId: department.id };
  },
};

/** admission-<county>-…: the county (every town of it is consulted, so every town reads it). */
export async function placeOfAdmission(db: Db, workflowId: string) {
  const counties = await db.organisation.findMany({ where: { kind: 'COUNTY' }, select: { id: true } });
  const county = counties.find((c) => workflowId.startsWith(`admission-${c.id}-`));
  return county && { countyId: county.id };
}
