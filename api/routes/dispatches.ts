import { z } from 'zod';
import { coordinationOfficeOf, findOrganisation } from '../../domain/organisation';
import {
  acceptTask,
  awaitScreening,
  assignTask,
  completeTask,
  DISPATCH_PROCESS,
  dispatchSummary,
  dispatchWorkflowId,
  getDispatch,
  getVillageTask,
  receiveTask,
  recordCollectiveDecision,
  reportProgress,
  reviewDispatch,
  reviseDispatch,
  VILLAGE_TASK_PROCESS,
  withdrawDispatch,
  type DispatchStart,
  type DispatchView,
} from '../../workflows/taskDispatch/contract';
import type { taskDispatch } from '../../workflows/taskDispatch/workflow';
import { readableRows, requireReader } from '../access';
import type { Actor } from '../../workflows/common/actor';
import type { AppDeps } from '../deps';
import { requireCounty, requireRole } from '../auth';
import { route, type HttpDeps } from '../http';
import { notFound, Problem } from '../problem';
import { pinRules, startProcess } from '../workflow-calls/start';
import { listProcesses, processSummarySchema, readHeaders, readProcess } from '../workflow-calls/read';
import { requestIdSchema } from '../workflow-calls/start';
import { stepRoutes } from '../workflow-calls/step';
import { refuseNegativeListed } from '../screening';
import { dispatchViewSchema, presentDispatch, villageTaskViewSchema } from '../views';
import { maxReworkRoundsSchema, periodOverridesSchema } from './periods';

const tag = 'dispatches';
const dispatchParams = z.object({ id: z.string().regex(/^dispatch-(?!.*--)/, 'a dispatch id') });
const taskParams = z.object({ id: z.string().regex(/^dispatch-.+--.+/, 'a village task id') });
const instant = z.iso.datetime({ offset: true });

const content = z
  .object({
    title: z.string().min(2).max(200),
    screeningCode: z.string().regex(/^[A-Z0-9-]{3,40}$/, 'upper-case letters, digits and dashes').optional(),
    villageIds: z.array(z.string().min(1)).min(1).max(100).openapi({ example: ['xingcun.qiaotou.dongshan'] }),
    requirements: z.string().min(2),
    deliverables: z.array(z.string().min(1)).max(50),
    acceptanceCriteria: z.string(),
    deadline: instant,
    supportingOrgIds: z.array(z.string().min(1)).max(20).default([]),
    majorMatter: z.boolean().default(false),
  })
  .openapi('DispatchContent');

const admission = z
  .object({
    kind: z.enum(['DUTY', 'ASSIST']),
    whyVillages: z.string().min(2),
    legalBasis: z.string().min(2),
    expectedLoad: z.string().min(2),
    durationMonths: z.number().int().min(1).max(120),
    subItems: z.array(z.string().min(1)).max(50).default([]),
  })
  .openapi('OutOfListAdmission');

const revision = content
  .omit({ villageIds: true })
  .extend({ admission: admission.optional().openapi({ description: 'For out-of-list work returned for want of admission' }) })
  .strict()
  .openapi('DispatchRevision');

const startBody = z
  .object({
    requestId: requestIdSchema,
    townId: z.string().min(1).openapi({ example: 'xingcun.qiaotou' }),
    dispatcherOrgId: z
      .string()
      .min(1)
      .optional()
      .openapi({ description: 'Which of your own DISPATCHER assignments you act in, when you hold several: the town itself, or a department or station of its county' }),
    content,
    admission: admission.optional(),
    periods: periodOverridesSchema.optional(),
    maxReworkRounds: maxReworkRoundsSchema.optional(),
  })
  .openapi('DispatchStart');

const review = z
  .discriminatedUnion('decision', [
    z.object({ decision: z.literal('APPROVE'), comment: z.string().optional() }),
    z.object({ decision: z.literal('RETURN'), reasons: z.string() }),
    z.object({ decision: z.literal('REJECT'), grounds: z.enum(['OUT_OF_LIST', 'UNCLEAR', 'DUPLICATE', 'OTHER']), reasons: z.string() }),
  ])
  .openapi('DispatchReview');
const collective = z.object({ meetingDate: z.iso.date(), minutesRef: z.string(), approved: z.boolean(), note: z.string().optional() }).openapi('CollectiveDecision');
const withdrawal = z.object({ reason: z.string() }).openapi('DispatchWithdrawal');
const assignment = z.object({ personIds: z.array(z.string().min(1)).max(50), note: z.string().optional() }).openapi('Assignment');
const report = z.object({ items: z.array(z.object({ text: z.string().min(1), done: z.boolean() })).max(100), note: z.string().optional() }).openapi('ProgressReport');
const completion = z.object({ summary: z.string(), evidenceRefs: z.array(z.string().min(1)).max(50).default([]) }).openapi('Completion');
const acceptance = z
  .discriminatedUnion('decision', [
    z.object({ decision: z.literal('ACCEPT'), comment: z.string().optional() }),
    z.object({ decision: z.literal('REWORK'), reasons: z.string(), newDeadline: instant }),
  ])
  .openapi('AcceptanceDecision');

const listQuery = z.object({
  countyId: z.string().min(1),
  townId: z.string().optional(),
  villageId: z.string().optional(),
  step: z.string().optional(),
  status: z.string().optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  screeningCode: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

async function checkVillages(deps: AppDeps, townId: string, villageIds: string[]): Promise<void> {
  const villages = await deps.db.organisation.findMany({ where: { id: { in: villageIds }, kind: 'VILLAGE', parentId: townId } });
  const strangers = villageIds.filter((id) => !villages.some((v) => v.id === id));
  if (strangers.length) throw new Problem(422, 'INVALID_INPUT', `Not villages of ${townId}: ${strangers.join(', ')}.`);
}

/**
 * The organisation a dispatcher acts for, from the token alone: a town dispatches only to its own
 * villages, a department or station only within its county.
 */
async function dispatchingOrganisation(deps: AppDeps, actor: Actor, town: { id: string; countyId: string }, requested: string | undefined): Promise<string> {
  const assignments = actor.roles.filter((r) => r.role === 'DISPATCHER' && (requested === undefined || r.orgId === requested));
  if (!assignments.length) requireRole(actor, 'DISPATCHER', requested ?? town.id);
  const orgs = await deps.db.organisation.findMany({ where: { id: { in: assignments.map((r) => r.orgId) } } });
  const fitting = orgs.filter((o) => (o.kind === 'TOWN' ? o.id === town.id : ['DEPARTMENT', 'STATION'].includes(o.kind) && o.countyId === town.countyId));
  if (!fitting.length) {
    throw new Problem(403, 'WRONG_ORGANISATION', `${assignments.map((r) => r.orgId).join(', ')} may not dispatch to the villages of ${town.id}: a town dispatches only to its own villages, a department or station only within its county.`);
  }
  const chosen = fitting.find((o) => o.id === town.id) ?? (fitting.length === 1 ? fitting[0] : undefined);
  if (!chosen) throw new Problem(422, 'INVALID_INPUT', `You dispatch for ${fitting.map((o) => o.id).join(' and ')}: say which with dispatcherOrgId.`);
  return chosen.id;
}

async function checkSupporters(deps: AppDeps, supportingOrgIds: string[]): Promise<void> {
  const supporters = await deps.db.organisation.findMany({ where: { id: { in: supportingOrgIds }, kind: { in: ['DEPARTMENT', 'STATION'] } } });
  const unknown = supportingOrgIds.filter((id) => !supporters.some((s) => s.id === id));
  if (unknown.length) throw new Problem(422, 'INVALID_INPUT', `Supporting organisations must be departments or stations: ${unknown.join(', ')}.`);
}

async function checkRevision(deps: AppDeps, body: z.infer<typeof revision>, countyId: string): Promise<void> {
  await checkSupporters(deps, body.supportingOrgIds);
  if (body.screeningCode) await refuseNegativeListed(deps.db, countyId, body.screeningCode);
}

export function dispatchRoutes(http: HttpDeps, deps: AppDeps): void {
  const { db } = deps;

  route(
    http,
    { method: 'post', path: '/dispatches', operationId: 'startDispatch', summary: 'Send a task down to villages (派单): answers once screening is done, with its result and flags', tag, body: startBody, response: dispatchViewSchema, status: 201, refusals: [404, 409, 422, 503] },
    async ({ actor, body, res }) => {
      const town = await findOrganisation(db, body.townId);
      if (!town || town.kind !== 'TOWN') throw notFound(`Town ${body.townId}`);
      res.locals.process = { processType: DISPATCH_PROCESS, countyId: town.countyId };
      const dispatcherOrgId = await dispatchingOrganisation(deps, actor, town, body.dispatcherOrgId);
      await checkVillages(deps, town.id, body.content.villageIds);
      await checkSupporters(deps, body.content.supportingOrgIds);
      if (body.content.screeningCode) await refuseNegativeListed(db, town.countyId, body.content.screeningCode);
      const coordinationOfficeId = await coordinationOfficeOf(db, town.countyId);
      if (!coordinationOfficeId) throw notFound(`The coordination office of ${town.countyId}`);
      const rules = await pinRules(deps, town.countyId, body);
      const start: DispatchStart = {
        countyId: town.countyId,
        townId: town.id,
        dispatcherOrgId,
        coordinationOfficeId,
        dispatcher: actor,
        content: { ...body.content, villageIds: [...new Set(body.content.villageIds)] },
        admission: body.admission,
        rules,
        periods: body.periods,
        maxReworkRounds: body.maxReworkRounds,
      };
      const view = await startProcess<typeof taskDispatch, DispatchView>(deps, res, {
        processType: DISPATCH_PROCESS,
        workflowId: dispatchWorkflowId(town.id, body.requestId),
        args: [start],
        staticSummary: dispatchSummary(start),
        starterOrgId: dispatcherOrgId,
        request: body,
        startedBy: (view) => view.details.dispatcherOrgId,
        query: getDispatch,
        // A new dispatch answers once screening is done, with its result.
        firstCall: (handle) => handle.executeUpdate(awaitScreening),
      });
      return presentDispatch(view);
    },
  );

  route(http, { method: 'get', path: '/dispatches', operationId: 'listDispatches', summary: 'Dispatches, filtered (from the read model)', tag, query: listQuery, response: z.array(processSummarySchema) }, async ({ actor, query }) => {
    requireCounty(actor, query.countyId);
    const { limit, ...where } = query;
    return listProcesses(deps, { processType: DISPATCH_PROCESS, ...where }, limit, await readableRows(deps, actor, DISPATCH_PROCESS, query.countyId));
  });

  route(http, { method: 'get', path: '/village-tasks', operationId: 'listVillageTasks', summary: "Villages' tasks, filtered by village, town, step, status, overdue, screening code", tag, query: listQuery, response: z.array(processSummarySchema) }, async ({ actor, query }) => {
    requireCounty(actor, query.countyId);
    const { limit, ...where } = query;
    return listProcesses(deps, { processType: VILLAGE_TASK_PROCESS, ...where }, limit, await readableRows(deps, actor, VILLAGE_TASK_PROCESS, query.countyId));
  });

  route(http, { method: 'get', path: '/dispatches/{id}', operationId: 'getDispatch', summary: 'The full state of a dispatch, with every village and its screening flags', tag, params: dispatchParams, response: dispatchViewSchema, headers: readHeaders, refusals: [404, 503] }, async ({ actor, params, res }) => {
    await requireReader(deps, actor, res, DISPATCH_PROCESS, params.id);
    return presentDispatch(await readProcess(deps, res, { processType: DISPATCH_PROCESS, workflowId: params.id }, getDispatch));
  });

  route(http, { method: 'get', path: '/village-tasks/{id}', operationId: 'getVillageTask', summary: "The full state of one village's task", tag, params: taskParams, response: villageTaskViewSchema, headers: readHeaders, refusals: [404, 503] }, async ({ actor, params, res }) => {
    await requireReader(deps, actor, res, VILLAGE_TASK_PROCESS, params.id);
    return readProcess(deps, res, { processType: VILLAGE_TASK_PROCESS, workflowId: params.id }, getVillageTask);
  });

  stepRoutes(http, deps, { base: '/dispatches', operation: 'dispatch', tag, processType: DISPATCH_PROCESS, params: dispatchParams, view: dispatchViewSchema, present: presentDispatch }, [
    { path: 'revise', summary: 'The dispatcher revises a returned dispatch (screening runs again); the villages stay', body: revision, update: reviseDispatch, check: (body: z.infer<typeof revision>, process) => checkRevision(deps, body, process.countyId) },
    { path: 'review', summary: 'The town reviewer approves, returns for revision, or rejects', body: review, update: reviewDispatch },
    { path: 'collective-decision', summary: "A major matter: the town meeting's decision", body: collective, update: recordCollectiveDecision },
    { path: 'withdraw', summary: 'The dispatcher withdraws before any village received it', body: withdrawal, update: withdrawDispatch },
  ]);

  stepRoutes(http, deps, { base: '/village-tasks', operation: 'villageTask', tag, processType: VILLAGE_TASK_PROCESS, params: taskParams, view: villageTaskViewSchema }, [
    { path: 'receive', summary: 'The village secretary receives the task (接单)', update: receiveTask },
    { path: 'assign', summary: 'The secretary assigns cadres or grid members of the village', body: assignment, update: assignTask },
    { path: 'progress-reports', summary: "The week's itemised progress report (周五条目式汇报)", body: report, update: reportProgress },
    { path: 'complete', summary: 'What was done, with evidence references', body: completion, update: completeTask },
    { path: 'acceptance', summary: 'Accept, or return for rework with reasons and a new deadline (验收)', body: acceptance, update: acceptTask },
  ]);
}
