// The secondment process's API (借调审批与清退, docs/processes.md §5): how a request and a census finding
// become a start (parties, county offices, pinned rules), where a secondment sits, and the reports.
import { z } from 'zod';
import { readScope } from '../../api/access';
import { requireCounty, requireRole } from '../../api/auth';
import type { AppDeps } from '../../api/deps';
import { route, type HttpDeps } from '../../api/http';
import type { StartRoute } from '../../api/process-registry';
import { forbidden, notFound, Problem, problemOf } from '../../api/problem';
import { periodOverridesSchema } from '../../api/routes/periods';
import { pinRules, requestIdSchema } from '../../api/workflow-calls/start';
import { unitOf } from '../../activities/secondment';
import type { Db } from '../../prisma/client';
import type { Role } from '../../workflows/common/roles';
import { durationMs } from '../../workflows/rules/checks';
import { ineligible } from '../../workflows/secondment/rules';
import {
  awaitEligibility,
  PROCESS_TYPE,
  requestSchema,
  secondmentWorkflowId,
  type SecondmentStart,
  type SecondmentView,
} from '../../workflows/secondment/contract';

const orgId = z.string().min(1).max(120);
const date = z.iso.date();
const monthLasts = z
  .string()
  .regex(/^[1-9]\d{0,5}[smhd]$/, 'a whole number of seconds, minutes, hours or days: 5s, 1h, 30d')
  .meta({ description: 'Tests and demos only (refused in production): how long one month of the term lasts for this secondment, at most 31d' });

const requestBody = requestSchema
  .extend({
    requestId: requestIdSchema,
    borrowingUnitId: orgId.meta({ example: 'xingcun.dept.natural-resources' }),
    periods: periodOverridesSchema.optional(),
    monthLasts: monthLasts.optional(),
  })
  .strict()
  .meta({ id: 'SecondmentRequest' });

const censusBody = z
  .object({
    requestId: requestIdSchema,
    personId: requestSchema.shape.personId,
    borrowingUnitId: orgId,
    foundSince: date,
    explanation: z.string().min(2).max(2000),
    periods: periodOverridesSchema.optional(),
  })
  .strict()
  .meta({ id: 'SecondmentCensusFinding' });

const reportQuery = z.object({ countyId: orgId, endingWithinDays: z.coerce.number().int().min(1).max(366).default(30) });

const away = z.object({
  secondmentId: z.string(),
  personId: z.string(),
  name: z.string(),
  sourceUnitId: z.string(),
  borrowingUnitId: z.string(),
  approved: z.boolean(),
  startedAt: z.string(),
  endsAt: z.string(),
  daysAway: z.number().int(),
});
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
  .meta({ id: 'SecondmentReport' });

const production = () => process.env.NODE_ENV === 'production';

function checkMonthLasts(value: string | undefined): void {
  if (value === undefined) return;
  if (production()) throw new Problem(422, 'RULE_BROKEN', 'monthLasts is for tests and demos: in production a month is a calendar month.');
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
  const [orgDepartmentId, approverOrgId, inspectorOrgId] = await Promise.all([
    holderOrg(db, countyId, 'ORG_DEPARTMENT'),
    holderOrg(db, countyId, 'APPROVER'),
    holderOrg(db, countyId, 'INSPECTOR'),
  ]);
  return { orgDepartmentId, approverOrgId, inspectorOrgId };
}

const daysBetween = (from: Date, to: Date) => Math.max(0, Math.floor((to.getTime() - from.getTime()) / 86_400_000));

/** Secondments active, ending soon, overdue for return, clawed back by unit; per town and village, the cadres away and for how long. */
async function secondmentReport(deps: AppDeps, countyId: string, endingWithinDays: number) {
  const { db } = deps;
  const now = new Date();
  const [active, clawedBack, overdue] = await Promise.all([
    db.secondmentRecord.findMany({ where: { countyId, status: 'ACTIVE' }, orderBy: { endsAt: 'asc' } }),
    db.secondmentRecord.groupBy({
      by: ['borrowingUnitId'],
      where: { countyId, status: 'CLAWED_BACK' },
      _count: { _all: true },
      orderBy: { borrowingUnitId: 'asc' },
    }),
    db.processRecord.findMany({
      where: { processType: PROCESS_TYPE, countyId, status: 'RUNNING', step: 'RETURN_CONFIRMATION', overdue: true },
      orderBy: { dueAt: 'asc' },
    }),
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
    clawedBackByUnit: clawedBack.map((c) => ({
      borrowingUnitId: c.borrowingUnitId,
      name: org(c.borrowingUnitId)?.name ?? c.borrowingUnitId,
      count: c._count._all,
    })),
    awayByPlace: [...places.values()].sort((a, b) => a.placeId.localeCompare(b.placeId)),
  };
}

/** An ineligible request is refused (422, the first failure's rule) and its recorded decision named: the process that closed on it. */
function ineligibleRequest(view: SecondmentView): Problem | undefined {
  const failures = view.details.eligibility?.failures ?? [];
  const refusal = ineligible(failures);
  if (refusal.ok || view.details.ending !== 'INELIGIBLE') return undefined;
  const problem = problemOf(refusal, view.rules);
  return new Problem(problem.status, problem.code, problem.detail, { ...problem.extras, workflowId: view.workflowId, failures });
}

/** A borrowing unit's dispatcher asks for a cadre: the parties, the county's offices and its rules in force. */
export const requestRoute: StartRoute<SecondmentStart, SecondmentView, z.infer<typeof requestBody>> = {
  path: '/secondments',
  summary: 'A unit asks to borrow a cadre (借调申请): answers once eligibility is checked, with every failure',
  body: requestBody,
  firstCall: awaitEligibility,
  refusedAt: ineligibleRequest,
  async begin({ deps, actor, body, inCounty }) {
    const found = await parties(deps.db, body);
    inCounty(found.countyId);
    requireRole(actor, 'DISPATCHER', found.borrowingUnit.id);
    checkMonthLasts(body.monthLasts);
    const rules = await pinRules(deps, found.countyId, body);
    const { requestId, periods, monthLasts: lasts, borrowingUnitId: _unit, ...request } = body;
    const start: SecondmentStart = {
      ...found,
      ...(await countyOffices(deps.db, found.countyId)),
      origin: 'REQUEST',
      requester: actor,
      request,
      rules,
      periods,
      monthLasts: lasts,
    };
    return { start, workflowId: secondmentWorkflowId(found.sourceUnit.id, requestId), starterOrgId: found.borrowingUnit.id };
  },
};

/** An inspector registers a secondment found by a census: it enters at clawback. */
export const censusRoute: StartRoute<SecondmentStart, SecondmentView, z.infer<typeof censusBody>> = {
  path: '/secondment-census',
  operationId: 'startSecondmentCensus',
  summary: 'An inspector registers a secondment found by a census (摸底) that was never approved: it enters at clawback',
  body: censusBody,
  async begin({ deps, actor, body, inCounty }) {
    const found = await parties(deps.db, body);
    inCounty(found.countyId);
    const offices = await countyOffices(deps.db, found.countyId);
    requireRole(actor, 'INSPECTOR', offices.inspectorOrgId);
    const rules = await pinRules(deps, found.countyId, body);
    const request = { personId: body.personId, reason: 'URGENT' as const, explanation: body.explanation, start: body.foundSince, months: 1 };
    const start: SecondmentStart = {
      ...found,
      ...offices,
      origin: 'CENSUS',
      requester: actor,
      request,
      foundSince: new Date(body.foundSince).toISOString(),
      rules,
      periods: body.periods,
    };
    return { start, workflowId: secondmentWorkflowId(found.sourceUnit.id, body.requestId), starterOrgId: offices.inspectorOrgId };
  },
};

/** The secondment's own routes: its reports (county staff). */
export function secondmentReportRoutes(http: HttpDeps, deps: AppDeps): void {
  route(
    http,
    {
      method: 'get',
      path: '/secondments/reports',
      operationId: 'secondmentReports',
      summary: 'Secondments active, ending soon, overdue for return, clawed back by unit; per town and village the cadres away and for how long',
      tag: 'secondments',
      query: reportQuery,
      response: report,
    },
    async ({ actor, query }) => {
      requireCounty(actor, query.countyId);
      if (!(await readScope(deps.db, actor)).counties.has(query.countyId))
        throw forbidden(`Secondment reports of ${query.countyId} are read by the county's own staff.`);
      return secondmentReport(deps, query.countyId, query.endingWithinDays);
    },
  );
}

/** A secondment's id names its source unit (secondment-<town or village>-…): the place its cadre is away from. */
export async function placeOfSecondment(db: Db, workflowId: string) {
  const units = await db.organisation.findMany({
    where: { kind: { in: ['TOWN', 'VILLAGE'] } },
    select: { id: true, kind: true, parentId: true, countyId: true },
  });
  const unit = units.filter((u) => workflowId.startsWith(`${PROCESS_TYPE}-${u.id}-`)).sort((a, b) => b.id.length - a.id.length)[0];
  if (!unit) return undefined;
  return unit.kind === 'TOWN'
    ? { countyId: unit.countyId, townId: unit.id }
    : { countyId: unit.countyId, townId: unit.parentId ?? undefined, villageId: unit.id };
}
