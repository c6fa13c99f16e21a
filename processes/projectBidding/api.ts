// 揭榜挂帅 (projectBidding, docs/processes.md §4): how a town's post becomes a start (its own checks, its
// panel, the town's villages), and where a bidding sits.
import { z } from 'zod';
import { requireRole } from '../../api/auth';
import type { StartRoute } from '../../api/process-registry';
import { notFound, Problem } from '../../api/problem';
import { periodOverridesSchema } from '../../api/routes/periods';
import { pinRules, requestIdSchema } from '../../api/workflow-calls/start';
import { findOrganisation } from '../../domain/organisation';
import type { Db } from '../../prisma/client';
import { biddingWorkflowId, postSchema, type BiddingStart, type BiddingView, type PanelMember } from '../../workflows/projectBidding/contract';
import { postRefusal } from '../../workflows/projectBidding/rules';

const startBody = z
  .object({
    requestId: requestIdSchema,
    townId: z.string().min(1).max(100).meta({ example: 'xingcun.qiaotou' }),
    post: postSchema,
    panel: z.array(z.string().min(1).max(100)).min(1).max(15).meta({ description: 'Person ids of PANEL_MEMBERs of the county who score the bids' }),
    periods: periodOverridesSchema.optional(),
  })
  .meta({ id: 'BiddingStart' });

/** Every village of the town with the organisations inside it, and the town's own organisations. */
async function townOrganisations(db: Db, townId: string) {
  const villages = await db.organisation.findMany({ where: { parentId: townId, kind: 'VILLAGE' }, orderBy: { id: 'asc' } });
  const grids = await db.organisation.findMany({ where: { parentId: { in: villages.map((v) => v.id) } } });
  const stations = await db.organisation.findMany({ where: { parentId: townId, kind: { not: 'VILLAGE' } } });
  return {
    townVillages: villages.map((v) => ({ villageId: v.id, orgIds: [v.id, ...grids.filter((g) => g.parentId === v.id).map((g) => g.id)] })),
    townOrgIds: [townId, ...stations.map((s) => s.id)],
  };
}

/** The panel: PANEL_MEMBERs of the county, each with the villages of the town they belong to (who may not score those bids). */
async function panelOf(db: Db, countyId: string, personIds: string[], townVillages: BiddingStart['townVillages']): Promise<PanelMember[]> {
  const people = await db.person.findMany({ where: { id: { in: personIds } }, include: { roles: { include: { org: true } } } });
  const unique = [...new Set(personIds)];
  const members = unique.map((id) => people.find((p) => p.id === id && p.roles.some((r) => r.role === 'PANEL_MEMBER' && r.org.countyId === countyId)));
  const strangers = unique.filter((_, i) => !members[i]);
  if (strangers.length) throw new Problem(422, 'INVALID_INPUT', `Not panel members (PANEL_MEMBER) of ${countyId}: ${strangers.join(', ')}.`);
  return members.map((p) => {
    const orgIds = p!.roles.map((r) => r.orgId);
    return { personId: p!.id, name: p!.name, villageIds: townVillages.filter((v) => v.orgIds.some((o) => orgIds.includes(o))).map((v) => v.villageId) };
  });
}

/** A town's dispatcher posts a project for its villages to bid for (贴榜). */
export const postRoute: StartRoute<BiddingStart, BiddingView, z.infer<typeof startBody>> = {
  path: '/biddings',
  summary: 'A town posts a project for its villages to bid for (贴榜)',
  body: startBody,
  async begin({ deps, actor, body, inCounty }) {
    const { db } = deps;
    const town = await findOrganisation(db, body.townId);
    if (!town || town.kind !== 'TOWN') throw notFound(`Town ${body.townId}`);
    inCounty(town.countyId);
    requireRole(actor, 'DISPATCHER', town.id);
    const rules = await pinRules(deps, town.countyId, body);
    const { townVillages, townOrgIds } = await townOrganisations(db, town.id);
    const refusal = postRefusal(body.post, {
      allowedTieBreaks: rules.values.projectBidding.tieBreaks,
      townVillageIds: townVillages.map((v) => v.villageId),
      now: new Date().toISOString(),
    });
    if (!refusal.ok) throw new Problem(422, refusal.code, refusal.detail);
    const panel = await panelOf(db, town.countyId, body.panel, townVillages);
    const eligibility = { ...body.post.eligibility, villageIds: [...new Set(body.post.eligibility.villageIds)] };
    const start: BiddingStart = {
      countyId: town.countyId,
      townId: town.id,
      poster: actor,
      post: { ...body.post, eligibility },
      panel,
      townVillages,
      townOrgIds,
      rules,
      periods: body.periods,
    };
    return { start, workflowId: biddingWorkflowId(town.id, body.requestId), starterOrgId: town.id };
  },
};

/** bidding-<town>-<request id>: the town and its county. */
export async function placeOfBidding(db: Db, workflowId: string) {
  const towns = await db.organisation.findMany({ where: { kind: 'TOWN' }, select: { id: true, countyId: true } });
  const town = towns.find((t) => workflowId.startsWith(`bidding-${t.id}-`));
  return town && { countyId: town.countyId, townId: town.id };
}
