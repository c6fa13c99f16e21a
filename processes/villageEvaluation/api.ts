// The quarterly evaluation's API (一季一评比, docs/processes.md §7): how a quarter's list becomes a start
// (the town and its villages, the list checked against the catalogue in force, the participating
// departments, the size of the quarter before), and where an evaluation sits.
import { z } from 'zod';
import { requireRole } from '../../api/auth';
import { type StartRoute } from '../../api/process-registry';
import { notFound, Problem, problemOf } from '../../api/problem';
import { periodOverridesSchema } from '../../api/routes/periods';
import { pinRules } from '../../api/workflow-calls/start';
import { versionInForce } from '../../domain/catalogue';
import type { Db } from '../../prisma/client';
import { durationMs } from '../../workflows/rules/checks';
import {
  evaluationWorkflowId,
  PROCESS_TYPE,
  quarterSchema,
  type EvaluationStart,
  type EvaluationView,
  type ListItem,
} from '../../workflows/villageEvaluation/contract';
import { listRule, previousQuarter, quarterSpan } from '../../workflows/villageEvaluation/rules';

const orgId = z.string().min(1).max(120);

const listBody = z
  .object({
    quarter: quarterSchema,
    townId: orgId.meta({ example: 'xingcun.qiaotou' }),
    villageIds: z.array(orgId).min(1).max(100).optional().meta({ description: 'The villages evaluated; every village of the town when absent' }),
    departmentIds: z.array(orgId).min(1).max(50).meta({ description: 'The participating departments: each marks the items it is responsible for' }),
    items: z
      .array(z.object({ code: z.string().min(1).max(40), weight: z.number().int().min(1).max(100) }).strict())
      .min(1)
      .max(100)
      .meta({ description: "Catalogue items in force with this quarter's weights, adding up to 100" }),
    periods: periodOverridesSchema.optional(),
    monthLasts: z
      .string()
      .regex(/^[1-9]\d{0,5}[smhd]$/, 'a whole number of seconds, minutes, hours or days: 5s, 1h, 30d')
      .optional()
      .meta({ description: 'Tests and demos only (refused in production): the quarter starts now and each of its months lasts this long' }),
  })
  .strict()
  .meta({ id: 'EvaluationList' });
type ListBody = z.infer<typeof listBody>;

const unprocessable = (detail: string) => new Problem(422, 'INVALID_INPUT', detail);

/** The quarter's months: the calendar's, or (tests and demos) months of `monthLasts` from now. */
function span(body: ListBody, now: number): { monthStarts: string[]; quarterEndsAt: string } {
  if (body.monthLasts === undefined) {
    const { monthStarts, endsAt } = quarterSpan(body.quarter);
    if (Date.parse(endsAt) <= now) throw new Problem(422, 'RULE_BROKEN', `${body.quarter} has ended: a quarter's list is issued before its end.`);
    return { monthStarts, quarterEndsAt: endsAt };
  }
  if (process.env.NODE_ENV === 'production')
    throw new Problem(422, 'RULE_BROKEN', 'monthLasts is for tests and demos: in production a month is a calendar month.');
  const month = durationMs(body.monthLasts)!;
  return { monthStarts: [0, 1, 2].map((k) => new Date(now + k * month).toISOString()), quarterEndsAt: new Date(now + 3 * month).toISOString() };
}

/** The list's items from the catalogue in force, each marked by its responsible department, every department with an item. */
async function listItems(db: Db, countyId: string, body: ListBody): Promise<ListItem[]> {
  const version = await versionInForce(db, countyId);
  if (!version) throw unprocessable(`${countyId} has no catalogue in force.`);
  const found = await db.catalogueItem.findMany({ where: { versionId: version.id, retiredAt: null, screeningCode: { in: body.items.map((i) => i.code) } } });
  const items = body.items.map((i) => {
    const item = found.find((f) => f.screeningCode === i.code);
    if (!item) throw unprocessable(`${i.code} is not in the catalogue in force (version ${version.version}).`);
    if (!item.responsibleDepartmentId || !body.departmentIds.includes(item.responsibleDepartmentId))
      throw unprocessable(`${i.code} is marked by ${item.responsibleDepartmentId ?? item.responsibleDepartment}, which is not a participating department.`);
    return { code: i.code, name: item.name, weight: i.weight, departmentId: item.responsibleDepartmentId };
  });
  const idle = body.departmentIds.find((id) => !items.some((i) => i.departmentId === id));
  if (idle) throw unprocessable(`${idle} participates but is responsible for no item of the list.`);
  return items;
}

async function organisations(db: Db, body: ListBody) {
  const town = await db.organisation.findUnique({ where: { id: body.townId } });
  if (!town || town.kind !== 'TOWN') throw notFound(`Town ${body.townId}`);
  const villages = await db.organisation.findMany({
    where: { kind: 'VILLAGE', parentId: town.id, ...(body.villageIds && { id: { in: body.villageIds } }) },
    orderBy: { id: 'asc' },
  });
  const stranger = body.villageIds?.find((id) => !villages.some((v) => v.id === id));
  if (stranger || !villages.length) throw unprocessable(`${stranger ?? 'No village'} is not a village of ${town.name}.`);
  const departments = await db.organisation.findMany({ where: { id: { in: body.departmentIds }, kind: 'DEPARTMENT', countyId: town.countyId } });
  const unknown = body.departmentIds.find((id) => !departments.some((x) => x.id === id));
  if (unknown) throw unprocessable(`${unknown} is not a department of the county.`);
  const ref = (o: { id: string; name: string }) => ({ id: o.id, name: o.name });
  return {
    countyId: town.countyId,
    town: ref(town),
    villages: villages.map(ref),
    departments: body.departmentIds.map((id) => ref(departments.find((x) => x.id === id)!)),
  };
}

/** Items of the town's list of the quarter before, from the read model. */
async function previousListSize(db: Db, townId: string, quarter: string): Promise<number | undefined> {
  const row = await db.processRecord.findUnique({ where: { workflowId: evaluationWorkflowId(townId, previousQuarter(quarter)) } });
  return row ? (JSON.parse(row.state) as EvaluationView).details.items.length : undefined;
}

/** A participating department's staff issue the quarter's list for a town (the departments issue it jointly). */
export const listRoute: StartRoute<EvaluationStart, EvaluationView, ListBody> = {
  path: '/evaluations',
  summary: "A participating department issues a town's quarterly list (季度清单): the quarterly evaluation starts",
  body: listBody,
  async begin({ deps, actor, body, inCounty }) {
    const found = await organisations(deps.db, body);
    inCounty(found.countyId);
    const issuer = body.departmentIds.find((id) => actor.roles.some((r) => r.role === 'DISPATCHER' && r.orgId === id)) ?? body.departmentIds[0];
    requireRole(actor, 'DISPATCHER', issuer);
    const weights = listRule(body.items);
    if (!weights.ok) throw problemOf(weights);
    const rules = await pinRules(deps, found.countyId, body);
    const start: EvaluationStart = {
      ...found,
      quarter: body.quarter,
      items: await listItems(deps.db, found.countyId, body),
      previousListSize: await previousListSize(deps.db, body.townId, body.quarter),
      ...span(body, Date.now()),
      requester: actor,
      rules,
      periods: body.periods,
    };
    return { start, workflowId: evaluationWorkflowId(body.townId, body.quarter), starterOrgId: body.townId };
  },
};

/** An evaluation's id names its town and quarter: villageEvaluation-<town>-<YYYY-Qn>. */
export async function placeOfEvaluation(db: Db, workflowId: string) {
  const townId = new RegExp(`^${PROCESS_TYPE}-(.+)-\\d{4}-Q[1-4]$`).exec(workflowId)?.[1];
  const town = townId ? await db.organisation.findUnique({ where: { id: townId } }) : null;
  if (!town || town.kind !== 'TOWN') return undefined;
  return { countyId: town.countyId, townId: town.id };
}
