// Secondment approval and clawback (借调审批与清退, docs/processes.md §5): request, census, steps, lists and reports.
import { z } from 'zod';
import { unitOf } from '../../activities/secondment';
import type { Db } from '../../prisma/client';
import type { Role } from '../../workflows/common/roles';
import { durationMs } from '../../workflows/rules/checks';
import {
  approveSecondment,
  awaitEligibility,
  clawBack,
  confirmReturn,
  getSecondment,
  giveConsent,
  PROCESS_TYPE,
  registerSecondment,
  requestExtension,
  reviewSecondment,
  secondmentSummary,
  secondmentWorkflowId,
  SECONDMENT_REASONS,
  type SecondmentStart,
  type SecondmentView,
} from '../../workflows/secondment/messages';
import type { secondment } from '../../workflows/secondment/workflow';
import { readableRows, readScope, requireReader } from '../access';
import type { AppDeps } from '../deps';
import { requireCounty, requireRole } from '../auth';
import { route, type HttpDeps } from '../http';
import { forbidden, notFound, Problem } from '../problem';
import { pinRules, startProcess } from '../workflow-calls/start';
import { listProcesses, processSummarySchema, readProcess } from '../workflow-calls/read';
import { requestIdSchema } from '../workflow-calls/start';
import { stepRoutes } from '../workflow-calls/step';
import { secondmentViewSchema } from '../views';
import { periodOverridesSchema } from './periods';

const tag = 'secondments';
const idParams = z.object({ id: z.string().regex(/^secondment-(?!.*--)/, 'a secondment id') });
const orgId = z.string().min(1).max(120);
const personId = z.string().min(1).max(120).openapi({ example: 'p.qiaotou.cadre.deng' });
const date = z.iso.date();
const text = z.string().max(2000);

const monthLasts = z
  .string()
  .regex(/^[1-9]\d{0,5}[smhd]$/, 'a whole number of seconds, minutes, hours or days: 5s, 1h, 30d')
  .openapi({ description: 'Tests and demos only (refused in production): how long one month of the term lasts for this secondment, at most 31d' });

const requestBody = z
  .object({
    requestId: requestIdSchema,
    borrowingUnitId: orgId.openapi({ example: 'xingcun.dept.natural-resources' }),
    personId,
    reason: z.enum(SECONDMENT_REASONS),
    explanation: z.string().min(2).max(2000),
    start: date,
    months: z.number().int().min(1).max(36),
    periods: periodOverridesSchema.optional(),
    monthLasts: monthLasts.optional(),
  })
  .strict()
  .openapi('SecondmentRequest');

const censusBody = z
  .object({ requestId: requestIdSchema, personId, borrowingUnitId: orgId, foundSince: date, explanation: z.string().min(2).max(2000), periods: periodOverridesSchema.optional() })
  .strict()
  .openapi('SecondmentCensusFinding');

const consent = z.object({ party: z.enum(['SOURCE_UNIT', 'CADRE']), consent: z.boolean(), comment: text.optional() }).strict().openapi('SecondmentConsent');
const decision = z.object({ decision: z.enum(['APPROVE', 'REJECT']), comment: text.optional() }).strict().openapi('SecondmentDecision');
const registration = z.object({ registrationRef: z.string().min(1).max(200) }).strict().openapi('SecondmentRegistration');
const extension = z.object({ months: z.number().int().min(1).max(36), reason: z.string().min(1).max(2000) }).strict().openapi('SecondmentExtension');
const confirmation = z.object({ note: text.optional() }).strict().openapi('ReturnConfirmation');
const clawback = z.object({ grounds: z.enum(['UNAPPROVED', 'EXPIRED', 'INELIGIBLE']), reason: z.string().min(1).max(2000) }).strict().openapi('SecondmentClawback');

const listQuery = z.object({
  countyId: orgId,
  townId: orgId.optional(),
  villageId: orgId.optional(),
  step: z.string().max(40).optional(),
  status: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const reportQuery = z.object({ countyId: orgId, endingWithinDays: z.coerce.number().int().min(1).max(366).default(30) });

const away = z.object({ secondmentId: z.string(), personId: z.string(), name: z.string(), sourceUnitId: z.string(), borrowingUnitId: z.string(), approved: z.boolean(), startedAt: z.string(), endsAt: z.string(), daysAway: z.number().int() });
const report = z
  .object({
    countyId: z.string(),
    at: z.string(),
    active: z.array(away),
    endingSoon: z.array(away),
    overdueForReturn: z.array(z.object({ workflowId: z.string(), title: z.string(), dueAt: z.string().nullable(), escalated: z.boolean() })),
    clawedBackByUnit: z.array(z.object({ borrowingUnitId: z.string(), name: z.string(), count: z.number().int() })),
    awayByPlace: z.array(z.object({ placeId: z.string(), kind: z.enum(['TOWN', 'VILLAGE']), name: z.string(), cadres: z.array(away) })),
  })
  .openapi('SecondmentReport');

const production = () => process.env.NODE_ENV === 'production';

function checkMonthLasts(value: string | undefined): void {
  if (value === undefined) return;
  if (production()) throw new Problem(422, 'RULE_BROKEN', "monthLasts is for tests and demos: in production a month is a calendar month.");
  if (durationMs(value)! > durationMs('31d')!) throw new Problem(422, 'RULE_BROKEN', `monthLasts: ${value} is longer than a month.`);
}

/** The organisation in the county where someone holds `role` (the organisation department, the approver's, the inspectorate). */
async function holderOrg(db: Db, countyId: string, role: Role): Promise<string> {
  const found = await db.roleAssignment.findFirst({ where: { role, org: { countyId } }, orderBy: { orgId: 'asc' } });
  if (!found) throw notFound(`A ${role} of ${countyId}`);
  return found.orgId;
}

/** The cadre, their unit (the source unit) and the borrowing unit, or 404/422 naming what is missing. */
async function parties(db: Db, body: { personId: string; borrowingUnitId: string }) {
  const [person, record, borrowingUnit] = await Promise.all([
    db.person.findUnique({ where: { id: body.personId } }),
    db.cadreRecord.findUnique({ where: { personId: body.personId } }),
    unitOf(db, body.borrowingUnitId),
  ]);
  if (!borrowingUnit) throw notFound(`Organisation ${body.borrowingUnitId}`);
  if (!person) throw notFound(`Person ${body.personId}`);
  if (!record) throw new Problem(422, 'INVALID_INPUT', `${person.name} (${person.id}) has no cadre record in the organisation data: only cadres are seconded.`);
  const sourceUnit = await unitOf(db, record.unitId);
  if (!sourceUnit) throw notFound(`Organisation ${record.unitId}`);
  const county = await db.organisation.findUnique({ where: { id: body.borrowingUnitId }, select: { countyId: true } });
  return { cadre: { personId: person.id, name: person.name }, sourceUnit, borrowingUnit, countyId: county!.countyId };
}

async function countyOffices(db: Db, countyId: string) {
  const [orgDepartmentId, approverOrgId, inspectorOrgId] = await Promise.all([holderOrg(db, countyId, 'ORG_DEPARTMENT'), holderOrg(db, countyId, 'APPROVER'), holderOrg(db, countyId, 'INSPECTOR')]);
  return { orgDepartmentId, approverOrgId, inspectorOrgId };
}

const daysBetween = (from: Date, to: Date) => Math.max(0, Math.floor((to.getTime() - from.getTime()) / 86_400_000));

/** Secondments active, ending soon, overdue for return, clawed back by unit; per town and village, the cadres away and for how long. */
async function secondmentReport(deps: AppDeps, countyId: string, endingWithinDays: number) {
  const { db } = deps;
  const now = new Date();
  const [active, clawedBack, overdue] = await Promise.all([
    db.secondmentRecord.findMany({ where: { countyId, status: 'ACTIVE' }, orderBy: { endsAt: 'asc' } }),
    db.secondmentRecord.groupBy({ by: ['borrowingUnitId'], where: { countyId, status: 'CLAWED_BACK' }, _count: { _all: true }, orderBy: { borrowingUnitId: 'asc' } }),
    db.processRecord.findMany({ where: { processType: PROCESS_TYPE, countyId, status: 'RUNNING', step: 'RETURN_CONFIRMATION', overdue: true }, orderBy: { dueAt: 'asc' } }),
  ]);
  const ids = [...new Set([...active.flatMap((a) => [a.sourceUnitId, a.borrowingUnitId]), ...clawedBack.map((c) => c.borrowingUnitId)])];
  const [people, orgs] = await Promise.all([
    db.person.findMany({ where: { id: { in: active.map((a) => a.personId) } } }),
    db.organisation.findMany({ where: { OR: [{ id: { in: ids } }, { countyId, kind: 'TOWN' }] } }),
  ]);
  const org = (id: string) => orgs.find((o) => o.id === id);
  const rows = active.map((a) => ({
    secondmentId: a.id,
    personId: a.personId,
    name: people.find((p) => p.id === a.personId)?.name ?? a.personId,
    sourceUnitId: a.sourceUnitId,
    borrowingUnitId: a.borrowingUnitId,
    approved: a.approved,
    startedAt: a.startedAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    daysAway: daysBetween(a.startedAt, now),
  }));
  const soon = now.getTime() + endingWithinDays * 86_400_000;
  const places = new Map<string, { placeId: string; kind: 'TOWN' | 'VILLAGE'; name: string; cadres: typeof rows }>();
  for (const row of rows) {
    const source = org(row.sourceUnitId);
    const placesOf = source?.kind === 'VILLAGE' ? [source, org(source.parentId ?? '')] : [source];
    for (const place of placesOf) {
      if (!place || (place.kind !== 'TOWN' && place.kind !== 'VILLAGE')) continue;
      const entry = places.get(place.id) ?? { placeId: place.id, kind: place.kind, name: place.name, cadres: [] };
      entry.cadres.push(row);
      places.set(place.id, entry);
    }
  }
  return {
    countyId,
    at: now.toISOString(),
    active: rows,
    endingSoon: rows.filter((r) => Date.parse(r.endsAt) >= now.getTime() && Date.parse(r.endsAt) <= soon),
    overdueForReturn: overdue.map((o) => ({ workflowId: o.workflowId, title: o.title, dueAt: o.dueAt?.toISOString() ?? null, escalated: true })),
    clawedBackByUnit: clawedBack.map((c) => ({ borrowingUnitId: c.borrowingUnitId, name: org(c.borrowingUnitId)?.name ?? c.borrowingUnitId, count: c._count._all })),
    awayByPlace: [...places.values()].sort((a, b) => a.placeId.localeCompare(b.placeId)),
  };
}

export function secondmentRoutes(http: HttpDeps, deps: AppDeps): void {
  const { db } = deps;

  const start = (res: Parameters<typeof startProcess>[1], begin: SecondmentStart, body: { requestId: string }, starterOrgId: string, firstCall?: boolean) =>
    startProcess<typeof secondment, SecondmentView>(deps, res, {
      processType: PROCESS_TYPE,
      workflowId: secondmentWorkflowId(begin.sourceUnit.id, body.requestId),
      args: [begin],
      staticSummary: secondmentSummary(begin),
      starterOrgId,
      request: body,
      startedBy: (view) => (view.details.origin === 'CENSUS' ? view.details.inspectorOrgId : view.details.borrowingUnit.id),
      query: getSecondment,
      ...(firstCall && { firstCall: (handle) => handle.executeUpdate(awaitEligibility) }),
    });

  route(
    http,
    { method: 'post', path: '/secondments', operationId: 'startSecondment', summary: 'A unit asks to borrow a cadre (借调申请): answers once eligibility is checked, with every failure', tag, body: requestBody, response: secondmentViewSchema, status: 201, refusals: [404, 409, 422, 503] },
    async ({ actor, body, res }) => {
      const found = await parties(db, body);
      res.locals.process = { processType: PROCESS_TYPE, countyId: found.countyId };
      requireRole(actor, 'DISPATCHER', found.borrowingUnit.id);
      checkMonthLasts(body.monthLasts);
      const rules = await pinRules(deps, found.countyId, body);
      const { requestId: _id, periods, monthLasts: lasts, ...request } = body;
      const begin: SecondmentStart = { ...found, ...(await countyOffices(db, found.countyId)), origin: 'REQUEST', requester: actor, request, rules, periods, monthLasts: lasts };
      return start(res, begin, body, found.borrowingUnit.id, true);
    },
  );

  route(
    http,
    { method: 'post', path: '/secondment-census', operationId: 'registerCensusSecondment', summary: 'An inspector registers a secondment found by a census (摸底) that was never approved: it enters at clawback', tag, body: censusBody, response: secondmentViewSchema, status: 201, refusals: [404, 409, 422, 503] },
    async ({ actor, body, res }) => {
      const found = await parties(db, body);
      res.locals.process = { processType: PROCESS_TYPE, countyId: found.countyId };
      const offices = await countyOffices(db, found.countyId);
      requireRole(actor, 'INSPECTOR', offices.inspectorOrgId);
      const rules = await pinRules(deps, found.countyId, body);
      const request = { personId: body.personId, reason: 'URGENT' as const, explanation: body.explanation, start: body.foundSince, months: 1 };
      const begin: SecondmentStart = { ...found, ...offices, origin: 'CENSUS', requester: actor, request, foundSince: new Date(body.foundSince).toISOString(), rules, periods: body.periods };
      return start(res, begin, body, offices.inspectorOrgId);
    },
  );

  route(http, { method: 'get', path: '/secondments', operationId: 'listSecondments', summary: 'Secondments of a county, from the read model', tag, query: listQuery, response: z.array(processSummarySchema) }, async ({ actor, query }) => {
    requireCounty(actor, query.countyId);
    const { limit, ...where } = query;
    return listProcesses(deps, { processType: PROCESS_TYPE, ...where }, limit, await readableRows(deps, actor, PROCESS_TYPE, query.countyId));
  });

  route(
    http,
    { method: 'get', path: '/secondments/reports', operationId: 'secondmentReport', summary: 'Secondments active, ending soon, overdue for return, clawed back by unit; per town and village the cadres away and for how long', tag, query: reportQuery, response: report },
    async ({ actor, query }) => {
      requireCounty(actor, query.countyId);
      if (!(await readScope(db, actor)).counties.has(query.countyId)) throw forbidden(`Secondment reports of ${query.countyId} are read by the county's own staff.`);
      return secondmentReport(deps, query.countyId, query.endingWithinDays);
    },
  );

  route(http, { method: 'get', path: '/secondments/{id}', operationId: 'getSecondment', summary: 'The full state of a secondment: step, eligibility, term, extensions, return', tag, params: idParams, response: secondmentViewSchema, refusals: [404, 503] }, async ({ actor, params, res }) => {
    await requireReader(deps, actor, res, PROCESS_TYPE, params.id);
    return readProcess(deps, res, { processType: PROCESS_TYPE, workflowId: params.id }, getSecondment);
  });

  stepRoutes(http, deps, { base: '/secondments', operation: 'secondment', tag, processType: PROCESS_TYPE, params: idParams, view: secondmentViewSchema }, [
    { path: 'consent', summary: 'The source unit, or the cadre, consents or refuses', body: consent, update: giveConsent },
    { path: 'review', summary: 'The organisation department reviews the request or an extension', body: decision, update: reviewSecondment },
    { path: 'approval', summary: 'The approving leader decides on the request or an extension', body: decision, update: approveSecondment },
    { path: 'registration', summary: 'The organisation department registers it (备案): then it is active', body: registration, update: registerSecondment },
    { path: 'extensions', summary: 'The borrowing unit asks for an extension, before the lead time and within the cap', body: extension, update: requestExtension },
    { path: 'return-confirmation', summary: 'The source unit (or, once escalated, the organisation department) confirms the cadre is back', body: confirmation, update: confirmReturn },
    { path: 'clawback', summary: 'An inspector claws back an unapproved, expired or ineligible secondment (清退)', body: clawback, update: clawBack },
  ]);
}

