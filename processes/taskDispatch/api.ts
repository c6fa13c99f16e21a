// The dispatch process's API (派单—审核—接单—办理—验收, docs/processes.md §2): how a request becomes a
// dispatch (the dispatching organisation, villages, supporters, pinned rules), where a dispatch and a
// village task sit, the check of a revision, and the dispatch's view with its screening flags.
import { z } from 'zod';
import { coordinationOfficeOf, findOrganisation } from '../../domain/organisation';
import { requireRole } from '../../api/auth';
import type { AppDeps } from '../../api/deps';
import type { StartRoute } from '../../api/process-registry';
import { notFound, Problem } from '../../api/problem';
import type { ProcessRef } from '../../api/refusals';
import { maxReworkRoundsSchema, periodOverridesSchema } from '../../api/routes/periods';
import { refuseNegativeListed } from '../../api/screening';
import { pinRules, requestIdSchema } from '../../api/workflow-calls/start';
import type { Db } from '../../prisma/client';
import type { Actor } from '../../workflows/common/actor';
import {
  awaitScreening,
  contentBodySchema,
  dispatchWorkflowId,
  outOfListAdmissionSchema,
  taskDispatchContract,
  type DispatchRevision,
  type DispatchStart,
  type DispatchView,
} from '../../workflows/taskDispatch/contract';
import { isOutOfList } from '../../workflows/taskDispatch/rules';

const startBody = z
  .object({
    requestId: requestIdSchema,
    townId: z.string().min(1).meta({ example: 'xingcun.qiaotou' }),
    dispatcherOrgId: z.string().min(1).optional().meta({
      description: 'Which of your own DISPATCHER assignments you act in, when you hold several: the town itself, or a department or station of its county',
    }),
    content: contentBodySchema,
    admission: outOfListAdmissionSchema.optional(),
    periods: periodOverridesSchema.optional(),
    maxReworkRounds: maxReworkRoundsSchema.optional(),
  })
  .meta({ id: 'DispatchStart' });

/** Its list is filtered by screening code as well (the dispatches and tasks of one catalogue item). */
export const screeningCodeFilter = { screeningCode: z.string().max(40).optional() };

async function checkVillages(db: Db, townId: string, villageIds: string[]): Promise<void> {
  const villages = await db.organisation.findMany({ where: { id: { in: villageIds }, kind: 'VILLAGE', parentId: townId } });
  const strangers = villageIds.filter((id) => !villages.some((v) => v.id === id));
  if (strangers.length) throw new Problem(422, 'INVALID_INPUT', `Not villages of ${townId}: ${strangers.join(', ')}.`);
}

/**
 * The organisation a dispatcher acts for, from the token alone: a town dispatches only to its own
 * villages, a department or station only within its county.
 */
async function dispatchingOrganisation(db: Db, actor: Actor, town: { id: string; countyId: string }, requested: string | undefined): Promise<string> {
  const assignments = actor.roles.filter((r) => r.role === 'DISPATCHER' && (requested === undefined || r.orgId === requested));
  if (!assignments.length) requireRole(actor, 'DISPATCHER', requested ?? town.id);
  const orgs = await db.organisation.findMany({ where: { id: { in: assignments.map((r) => r.orgId) } } });
  const fitting = orgs.filter((o) => (o.kind === 'TOWN' ? o.id === town.id : ['DEPARTMENT', 'STATION'].includes(o.kind) && o.countyId === town.countyId));
  if (!fitting.length) {
    throw new Problem(
      403,
      'WRONG_ORGANISATION',
      `${assignments.map((r) => r.orgId).join(', ')} may not dispatch to the villages of ${town.id}: a town dispatches only to its own villages, a department or station only within its county.`,
    );
  }
  const chosen = fitting.find((o) => o.id === town.id) ?? (fitting.length === 1 ? fitting[0] : undefined);
  if (!chosen) throw new Problem(422, 'INVALID_INPUT', `You dispatch for ${fitting.map((o) => o.id).join(' and ')}: say which with dispatcherOrgId.`);
  return chosen.id;
}

async function checkSupporters(db: Db, supportingOrgIds: string[]): Promise<void> {
  const supporters = await db.organisation.findMany({ where: { id: { in: supportingOrgIds }, kind: { in: ['DEPARTMENT', 'STATION'] } } });
  const unknown = supportingOrgIds.filter((id) => !supporters.some((s) => s.id === id));
  if (unknown.length) throw new Problem(422, 'INVALID_INPUT', `Supporting organisations must be departments or stations: ${unknown.join(', ')}.`);
}

/** A revision's supporters and code, checked against the database before the workflow sees it. */
export async function checkRevision(deps: AppDeps, body: DispatchRevision, process: ProcessRef): Promise<void> {
  await checkSupporters(deps.db, body.supportingOrgIds);
  if (body.screeningCode) await refuseNegativeListed(deps.db, process.countyId, body.screeningCode);
}

/** `POST /dispatches`: answers once screening is done, with its result and flags. */
export const dispatchRoute: StartRoute<DispatchStart, DispatchView, z.infer<typeof startBody>> = {
  path: '/dispatches',
  summary: 'Send a task down to villages (派单): answers once screening is done, with its result and flags',
  body: startBody,
  async begin({ deps, actor, body, inCounty }) {
    const { db } = deps;
    const town = await findOrganisation(db, body.townId);
    if (!town || town.kind !== 'TOWN') throw notFound(`Town ${body.townId}`);
    inCounty(town.countyId);
    const dispatcherOrgId = await dispatchingOrganisation(db, actor, town, body.dispatcherOrgId);
    await checkVillages(db, town.id, body.content.villageIds);
    await checkSupporters(db, body.content.supportingOrgIds);
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
    return { start, workflowId: dispatchWorkflowId(town.id, body.requestId), starterOrgId: dispatcherOrgId };
  },
  // A new dispatch answers once screening is done, with its result.
  firstCall: awaitScreening,
};

// ---- where a dispatch and a village task sit ----

async function townOfDispatch(db: Db, dispatchId: string) {
  const towns = await db.organisation.findMany({ where: { kind: 'TOWN' }, select: { id: true, countyId: true } });
  return towns.find((t) => dispatchId.startsWith(`dispatch-${t.id}-`));
}

/** A dispatch sits in its town: `dispatch-<town>-<request>`. */
export async function placeOfDispatch(db: Db, workflowId: string) {
  if (workflowId.includes('--')) return undefined;
  const town = await townOfDispatch(db, workflowId);
  return town && { countyId: town.countyId, townId: town.id };
}

/** A village task sits in its village: `<dispatch id>--<village id>`, the village one of the dispatch's town. */
export async function placeOfVillageTask(db: Db, workflowId: string) {
  const [dispatchId, villageId, ...rest] = workflowId.split('--');
  if (rest.length || villageId === undefined) return undefined;
  const town = await townOfDispatch(db, dispatchId);
  if (!town) return undefined;
  const village = await db.organisation.findUnique({ where: { id: villageId } });
  if (!village || village.kind !== 'VILLAGE' || village.parentId !== town.id) return undefined;
  return { countyId: town.countyId, townId: town.id, villageId };
}

// ---- the dispatch's view, with its screening flags ----

const SCREENING_FLAGS = ['DUPLICATE', 'OUT_OF_LIST', 'UNCLEAR'] as const;

export const dispatchViewSchema = taskDispatchContract.view
  .extend({
    screeningFlags: z.array(z.enum(SCREENING_FLAGS)).meta({
      description:
        'What screening found for the reviewer to weigh (empty while screening runs, or when clear): DUPLICATE (the same code open for one of the villages), OUT_OF_LIST (not in the catalogue in force and not admitted), UNCLEAR (no deliverables, no acceptance criteria, or a deadline too close)',
    }),
  })
  .meta({ id: 'DispatchView' });

/** A dispatch's state with its screening flags on top, where a front-end looks first. */
export function presentDispatch(view: DispatchView): z.infer<typeof dispatchViewSchema> {
  const s = view.details.screening;
  const flags: (typeof SCREENING_FLAGS)[number][] = [];
  if (s?.duplicates.length) flags.push('DUPLICATE');
  if (s && isOutOfList(s)) flags.push('OUT_OF_LIST');
  if (s?.unclear.length) flags.push('UNCLEAR');
  return { ...(view as z.infer<typeof dispatchViewSchema>), screeningFlags: flags };
}
