// 五议两公开: a village's major matters (docs/processes.md §3): how a suggestion becomes a start, where a matter
// sits, and the village's public notice board.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { findOrganisation } from '../../domain/organisation';
import type { AppDeps } from '../../api/deps';
import { route, type HttpDeps } from '../../api/http';
import { problemSchema } from '../../api/openapi';
import { boardSchema, renderBoard, villageBoard } from './village-board';
import { revalidatedPublicly } from '../../api/pages/page';
import type { StartRoute } from '../../api/process-registry';
import { notFound, problemOf } from '../../api/problem';
import { periodOverridesSchema } from '../../api/routes/periods';
import { pinRules, requestIdSchema } from '../../api/workflow-calls/start';
import type { Db } from '../../prisma/client';
import { actedAs } from '../../workflows/common/actor';
import { allowed, firstRefusal } from '../../workflows/common/reasons';
import {
  majorMatterWorkflowId,
  suggestionSchema,
  villageOfMatter,
  type MajorMatterStart,
  type MajorMatterView,
} from '../../workflows/majorMatterDecision/contract';
import { chinaDate, holdsAny, isMajorMatter, raisedOnHolds } from '../../workflows/majorMatterDecision/rules';

const villageParams = z.object({ villageId: z.string().min(1).max(200) });

const SUGGESTERS = ['PARTY_MEMBER', 'VILLAGER', 'VILLAGE_SECRETARY', 'VILLAGE_CADRE'] as const;

const startBody = z
  .object({
    requestId: requestIdSchema,
    villageId: z.string().min(1).max(200).meta({ example: 'xingcun.qiaotou.dongshan' }),
    suggestion: suggestionSchema,
    periods: periodOverridesSchema.optional(),
  })
  .strict()
  .meta({ id: 'MajorMatterStart' });

/** A party member, villager or cadre of a village suggests a major matter. */
export const suggestRoute: StartRoute<MajorMatterStart, MajorMatterView, z.infer<typeof startBody>> = {
  path: '/major-matters',
  summary: 'Suggest a major matter of your village (建议): party members, villagers and cadres',
  body: startBody,
  async begin({ deps, actor, body, inCounty }) {
    const village = await findOrganisation(deps.db, body.villageId);
    if (!village || village.kind !== 'VILLAGE' || !village.parentId) throw notFound(`Village ${body.villageId}`);
    inCounty(village.countyId);
    const may = holdsAny(actor, [...SUGGESTERS], village.id, 'Suggesting a major matter');
    if (!may.ok) throw problemOf(may);
    const rules = await pinRules(deps, village.countyId, body);
    const matterRules = rules.values.majorMatterDecision;
    const major = firstRefusal(
      isMajorMatter(matterRules, body.suggestion.kind, body.suggestion.estimatedAmount),
      body.suggestion.raisedOn ? raisedOnHolds(matterRules, body.suggestion.raisedOn, chinaDate(Date.now())) : allowed,
    );
    if (!major.ok) throw problemOf(major, rules);
    const role = SUGGESTERS.find((r) => actor.roles.some((a) => a.role === r && a.orgId === village.id))!;
    const start: MajorMatterStart = {
      countyId: village.countyId,
      townId: village.parentId,
      villageId: village.id,
      suggestedBy: { actor, as: actedAs(actor, role, village.id) },
      suggestion: body.suggestion,
      rules,
      periods: body.periods,
    };
    return { start, workflowId: majorMatterWorkflowId(village.id, body.requestId), starterOrgId: village.id };
  },
};

/** matter-<village>--<request id>: the village, its town and county. */
export async function placeOfMatter(db: Db, workflowId: string) {
  const villageId = villageOfMatter(workflowId);
  const village = villageId ? await db.organisation.findUnique({ where: { id: villageId } }) : null;
  if (!village || village.kind !== 'VILLAGE' || !village.parentId) return undefined;
  return { countyId: village.countyId, townId: village.parentId, villageId: village.id };
}

/** The village's public notice board: its data (JSON) and its page. */
export function boardRoutes(http: HttpDeps, deps: AppDeps): void {
  route(
    http,
    {
      method: 'get',
      path: '/villages/{villageId}/board.json',
      operationId: 'getVillageBoard',
      summary: "The village's public notice board (村务公开栏) as data: matters under disclosure and recently closed",
      tag: 'boards',
      params: villageParams,
      response: boardSchema,
      public: true,
      refusals: [404],
    },
    async ({ params, res }) => {
      revalidatedPublicly(res);
      return villageBoard(deps.db, params.villageId);
    },
  );
  boardPage(http, deps);
}

/** The board as a page for people: public, HTML (the route helper answers JSON only). */
function boardPage(http: HttpDeps, deps: AppDeps): void {
  http.registry.registerPath({
    method: 'get',
    path: '/villages/{villageId}/board',
    operationId: 'getVillageBoardPage',
    summary: "The village's public notice board (村务公开栏): a page in Chinese, for phones; its data at /villages/{villageId}/board.json",
    tags: ['boards'],
    security: [],
    request: { params: villageParams },
    responses: {
      200: { description: 'The board', content: { 'text/html': { schema: z.string() } } },
      404: { description: 'No such village', content: { 'application/problem+json': { schema: problemSchema } } },
    },
  });
  http.methods ??= new Map();
  http.methods.set('/villages/:villageId/board', new Set(['GET', 'HEAD']));
  http.router.get('/villages/:villageId/board', async (req: Request, res: Response) => {
    const params = villageParams.safeParse(req.params);
    if (!params.success) throw notFound('Village');
    const board = await villageBoard(deps.db, params.data.villageId);
    revalidatedPublicly(res);
    res.status(200).type('text/html; charset=utf-8').send(renderBoard(board));
  });
}
