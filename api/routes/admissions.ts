import { z } from 'zod';
import { coordinationOfficeOf, findOrganisation } from '../../activities/organisation';
import {
  admissionSummary,
  admissionWorkflowId,
  decideAdmission,
  getAdmission,
  PROCESS_TYPE,
  respondToConsultation,
  reviewAdmission,
  withdrawAdmission,
  type AdmissionStart,
  type AdmissionView,
} from '../../workflows/itemAdmission/messages';
import type { itemAdmission } from '../../workflows/itemAdmission/workflow';
import { readableRows, requireReader } from '../access';
import type { AppDeps } from '../deps';
import { requireCounty, requireRole } from '../auth';
import { route, type HttpDeps } from '../http';
import { refuseNegativeListed } from '../screening';
import { admissionViewSchema } from '../views';
import { notFound, Problem } from '../problem';
import { pinRules, startProcess } from '../workflow-calls/start';
import { listProcesses, processSummarySchema, readHeaders, readProcess } from '../workflow-calls/read';
import { requestIdSchema } from '../workflow-calls/start';
import { stepRoutes } from '../workflow-calls/step';
import { periodOverridesSchema } from './periods';

const tag = 'admissions';
const idParams = z.object({ id: z.string().regex(/^admission-/, 'an admission id') });

const application = z
  .object({
    title: z.string().min(2).max(200),
    proposedCode: z.string().regex(/^[A-Z0-9-]{3,40}$/, 'upper-case letters, digits and dashes'),
    kind: z.enum(['DUTY', 'ASSIST']),
    whyVillages: z.string().min(2),
    legalBasis: z.string().min(2),
    expectedLoad: z.string().min(2),
    durationMonths: z.number().int().min(1).max(120),
    subItems: z.array(z.string().min(1)).max(50).default([]),
    scope: z.literal('CATALOGUE').openapi({ description: 'Into the catalogue. A once-only admission is asked for with its task: POST /dispatches with `admission`.' }),
  })
  .openapi('AdmissionApplication');

const startBody = z
  .object({ requestId: requestIdSchema, departmentId: z.string().min(1).openapi({ example: 'xingcun.dept.civil-affairs' }), application, periods: periodOverridesSchema.optional() })
  .openapi('AdmissionStart');

const testAnswer = z.object({ met: z.boolean(), reason: z.string() });
const review = z
  .object({ requiredByLaw: testAnswer, customarilyNeedsVillage: testAnswer, withinVillageCapacity: testAnswer })
  .openapi('AdmissionReview');
const consultationResponse = z.object({ townId: z.string().min(1), objection: z.boolean(), comment: z.string().default('') }).openapi('ConsultationResponse');
const decision = z
  .object({
    outcome: z.enum(['ADMIT_TO_CATALOGUE', 'ADMIT_ONCE', 'REFUSE']),
    reason: z.string(),
    effect: z.enum(['IMMEDIATE', 'NEXT_VERSION']).optional(),
    responseToObjections: z.string().optional(),
  })
  .openapi('AdmissionDecision');
const withdrawal = z.object({ reason: z.string() }).openapi('Withdrawal');

export function admissionRoutes(http: HttpDeps, deps: AppDeps): void {
  const { db } = deps;

  route(
    http,
    { method: 'post', path: '/admissions', operationId: 'startAdmission', summary: 'Apply to put work on villages (准入申请)', tag, body: startBody, response: admissionViewSchema, status: 201, refusals: [404, 409, 422, 503] },
    async ({ actor, body, res }) => {
      const department = await findOrganisation(db, body.departmentId);
      if (!department) throw notFound(`Organisation ${body.departmentId}`);
      if (department.kind !== 'DEPARTMENT') throw new Problem(422, 'INVALID_INPUT', `${department.id} is not a county department: only departments apply for admission.`);
      res.locals.process = { processType: PROCESS_TYPE, countyId: department.countyId };
      requireRole(actor, 'DISPATCHER', department.id);
      const coordinationOfficeId = await coordinationOfficeOf(db, department.countyId);
      if (!coordinationOfficeId) throw notFound(`The coordination office of ${department.countyId}`);
      const screening = await refuseNegativeListed(db, department.countyId, body.application.proposedCode);
      if (screening.result === 'IN_CATALOGUE') {
        throw new Problem(422, 'ALREADY_IN_CATALOGUE', `${body.application.proposedCode} is already in the catalogue in force (${screening.matchedName}); no admission is needed.`);
      }
      const rules = await pinRules(deps, department.countyId, body);
      const start: AdmissionStart = { countyId: department.countyId, departmentId: department.id, coordinationOfficeId, applicant: actor, application: body.application, rules, periods: body.periods };
      return startProcess<typeof itemAdmission, AdmissionView>(deps, res, {
        processType: PROCESS_TYPE,
        workflowId: admissionWorkflowId(department.countyId, body.requestId),
        args: [start],
        staticSummary: admissionSummary(start),
        starterOrgId: department.id,
        request: body,
        startedBy: (view) => view.details.departmentId,
        query: getAdmission,
      });
    },
  );

  route(
    http,
    {
      method: 'get',
      path: '/admissions',
      operationId: 'listAdmissions',
      summary: 'Admissions of a county, from the read model',
      tag,
      query: z.object({ countyId: z.string().min(1), status: z.string().optional(), step: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: z.array(processSummarySchema),
    },
    async ({ actor, query }) => {
      requireCounty(actor, query.countyId);
      const readable = await readableRows(deps, actor, PROCESS_TYPE, query.countyId);
      return listProcesses(deps, { processType: PROCESS_TYPE, countyId: query.countyId, status: query.status, step: query.step }, query.limit, readable);
    },
  );

  route(http, { method: 'get', path: '/admissions/{id}', operationId: 'getAdmission', summary: 'The full state of an admission: step, next actors, deadlines, record', tag, params: idParams, response: admissionViewSchema, headers: readHeaders, refusals: [404, 503] }, async ({ actor, params, res }) => {
    await requireReader(deps, actor, res, PROCESS_TYPE, params.id);
    return readProcess(deps, res, { processType: PROCESS_TYPE, workflowId: params.id }, getAdmission);
  });

  stepRoutes(http, deps, { base: '/admissions', operation: 'admission', tag, processType: PROCESS_TYPE, params: idParams, view: admissionViewSchema }, [
    { path: 'review', summary: 'Coordination office reviews on the three tests', body: review, update: reviewAdmission },
    { path: 'consultation-responses', summary: 'A consulted town responds (silence counts as no objection)', body: consultationResponse, update: respondToConsultation },
    { path: 'decision', summary: 'Admit into the catalogue, admit once, or refuse', body: decision, update: decideAdmission },
    { path: 'withdraw', summary: 'The applying department withdraws before the decision', body: withdrawal, update: withdrawAdmission },
  ]);
}
