// 揭榜挂帅 (projectBidding): a town posts a project, its villages bid, a panel scores, the best bid wins in public.
import { z } from 'zod';
import { findOrganisation } from '../../domain/organisation';
import type { Db } from '../../prisma/client';
import {
  acceptMilestone,
  answerObjection,
  answerOffer,
  biddingSummary,
  biddingWorkflowId,
  chooseAfterNoBid,
  chooseReoffer,
  declareConflict,
  declareFailure,
  getBidding,
  objectToWinner,
  PROCESS_TYPE,
  reportMilestone,
  reviseBid,
  scoreBid,
  submitBid,
  TIE_BREAKS,
  withdrawWinner,
  type BiddingStart,
  type BiddingView,
  type PanelMember,
} from '../../workflows/projectBidding/messages';
import { postRefusal } from '../../workflows/projectBidding/rules';
import type { projectBidding } from '../../workflows/projectBidding/workflow';
import { readableRows, requireReader } from '../access';
import type { AppDeps } from '../deps';
import { requireCounty, requireRole } from '../auth';
import { route, type HttpDeps } from '../http';
import { notFound, Problem } from '../problem';
import { pinRules, startProcess } from '../workflow-calls/start';
import { listProcesses, processSummarySchema, readProcess } from '../workflow-calls/read';
import { requestIdSchema } from '../workflow-calls/start';
import { stepRoutes } from '../workflow-calls/step';
import { biddingViewSchema } from './bidding-views';
import { periodOverridesSchema } from './periods';

const tag = 'biddings';
const idParams = z.object({ id: z.string().regex(/^bidding-(?!.*--)/, 'a bidding id') });
const instant = z.iso.datetime({ offset: true });
const text = (max = 2000) => z.string().min(1).max(max);
const reason = z.string().max(2000);

const criterion = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,30}$/, 'lower-case letters, digits and dashes'),
    name: text(100),
    weight: z.number().int().min(1).max(100).openapi({ description: 'The weights of a post sum to 100 (else 422)' }),
    minScore: z.number().int().min(0).max(1000),
    maxScore: z.number().int().min(1).max(1000),
  })
  .openapi('BiddingCriterion');

const post = z
  .object({
    title: z.string().min(2).max(200),
    description: text(),
    funds: z.number().int().min(0).max(1_000_000_000).openapi({ description: 'Yuan' }),
    eligibility: z.object({
      villageIds: z.array(z.string().min(1).max(100)).min(1).max(50).openapi({ example: ['xingcun.qiaotou.dongshan'] }),
      conditions: z.array(text(500)).max(20).default([]),
    }),
    criteria: z.array(criterion).min(1).max(10),
    deadline: instant,
    tieBreak: z.enum(TIE_BREAKS).openapi({ description: "How equal weighted totals are ordered: one of the county's rules (projectBidding.tieBreaks)" }),
    milestones: z.array(text(200)).min(1).max(20),
  })
  .openapi('BiddingPost');

const startBody = z
  .object({
    requestId: requestIdSchema,
    townId: z.string().min(1).max(100).openapi({ example: 'xingcun.qiaotou' }),
    post,
    panel: z.array(z.string().min(1).max(100)).min(1).max(15).openapi({ description: 'Person ids of PANEL_MEMBERs of the county who score the bids' }),
    periods: periodOverridesSchema.optional(),
  })
  .openapi('BiddingStart');

const bid = z
  .object({ advantages: text(), groundwork: text(), plan: text(), resourcesRequested: text(), conditionStatements: z.array(text(1000)).max(20).default([]) })
  .openapi('Bid');
const noBidChoice = z
  .discriminatedUnion('choice', [z.object({ choice: z.literal('EXTEND'), newDeadline: instant, reason: reason.optional() }), z.object({ choice: z.literal('CANCEL'), reason })])
  .openapi('NoBidChoice');
const conflict = z.object({ villageId: z.string().min(1).max(100), reason }).openapi('ConflictDeclaration');
const sheet = z
  .object({
    villageId: z.string().min(1).max(100),
    scores: z.record(z.string(), z.number().min(-1_000_000).max(1_000_000)).openapi({ description: "Criterion id → score, every criterion within its range (else 422)" }),
    comment: z.string().max(2000).optional(),
  })
  .openapi('ScoreSheet');
const objection = z.object({ reason }).openapi('BiddingObjection');
const objectionAnswer = z.object({ seq: z.number().int().min(1).max(10_000), upheld: z.boolean(), answer: reason }).openapi('BiddingObjectionAnswer');
const milestone = z.number().int().min(0).max(19);
const milestoneReport = z.object({ milestone, summary: reason, evidenceRefs: z.array(text(200)).max(50).default([]) }).openapi('MilestoneReport');
const milestoneAcceptance = z
  .discriminatedUnion('decision', [
    z.object({ milestone, decision: z.literal('ACCEPT'), comment: z.string().max(2000).optional() }),
    z.object({ milestone, decision: z.literal('RETURN'), reasons: reason }),
  ])
  .openapi('MilestoneAcceptance');
const withdrawal = z.object({ reason }).openapi('BiddingWithdrawal');
const reoffer = z
  .discriminatedUnion('choice', [z.object({ choice: z.literal('OFFER_RUNNER_UP'), reason: reason.optional() }), z.object({ choice: z.literal('REPOST'), reason })])
  .openapi('Reoffer');
const offerAnswer = z.object({ accept: z.boolean(), reason: reason.optional() }).openapi('OfferAnswer');

const listQuery = z.object({
  countyId: z.string().min(1),
  townId: z.string().optional(),
  villageId: z.string().optional().openapi({ description: 'An eligible village' }),
  step: z.string().optional(),
  status: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

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

export function biddingRoutes(http: HttpDeps, deps: AppDeps): void {
  const { db } = deps;

  route(
    http,
    { method: 'post', path: '/biddings', operationId: 'startBidding', summary: 'A town posts a project for its villages to bid for (贴榜)', tag, body: startBody, response: biddingViewSchema, status: 201, refusals: [404, 409, 422, 503] },
    async ({ actor, body, res }) => {
      const town = await findOrganisation(db, body.townId);
      if (!town || town.kind !== 'TOWN') throw notFound(`Town ${body.townId}`);
      res.locals.process = { processType: PROCESS_TYPE, countyId: town.countyId };
      requireRole(actor, 'DISPATCHER', town.id);
      const rules = await pinRules(deps, town.countyId, body);
      const { townVillages, townOrgIds } = await townOrganisations(db, town.id);
      const refusal = postRefusal(body.post, { allowedTieBreaks: rules.values.projectBidding.tieBreaks, townVillageIds: townVillages.map((v) => v.villageId), now: new Date().toISOString() });
      if (!refusal.ok) throw new Problem(422, refusal.code, refusal.detail);
      const panel = await panelOf(db, town.countyId, body.panel, townVillages);
      const eligibility = { ...body.post.eligibility, villageIds: [...new Set(body.post.eligibility.villageIds)] };
      const start: BiddingStart = { countyId: town.countyId, townId: town.id, poster: actor, post: { ...body.post, eligibility }, panel, townVillages, townOrgIds, rules, periods: body.periods };
      return startProcess<typeof projectBidding, BiddingView>(deps, res, {
        processType: PROCESS_TYPE,
        workflowId: biddingWorkflowId(town.id, body.requestId),
        args: [start],
        staticSummary: biddingSummary(start),
        starterOrgId: town.id,
        request: body,
        startedBy: (view) => view.details.townId,
        query: getBidding,
      });
    },
  );

  route(http, { method: 'get', path: '/biddings', operationId: 'listBiddings', summary: 'Posts for bidding, filtered by town, eligible village, step, status (from the read model)', tag, query: listQuery, response: z.array(processSummarySchema) }, async ({ actor, query }) => {
    requireCounty(actor, query.countyId);
    const { limit, ...where } = query;
    return listProcesses(deps, { processType: PROCESS_TYPE, ...where }, limit, await readableRows(deps, actor, PROCESS_TYPE, query.countyId));
  });

  route(http, { method: 'get', path: '/biddings/{id}', operationId: 'getBidding', summary: 'The full state of a post: bids, every score sheet, rankings, objections, milestones, record', tag, params: idParams, response: biddingViewSchema, refusals: [404, 503] }, async ({ actor, params, res }) => {
    await requireReader(deps, actor, res, PROCESS_TYPE, params.id);
    return readProcess(deps, res, { processType: PROCESS_TYPE, workflowId: params.id }, getBidding);
  });

  stepRoutes(http, deps, { base: '/biddings', operation: 'bidding', tag, processType: PROCESS_TYPE, params: idParams, view: biddingViewSchema }, [
    { path: 'bids', summary: 'The secretary of an eligible village bids (竞榜): one bid per village, until the deadline', body: bid, update: submitBid },
    { path: 'bid-revision', summary: "The village revises its own bid until the deadline", body: bid, update: reviseBid },
    { path: 'no-bid-choice', summary: 'No bid at the deadline: the poster extends once or cancels (the town reviewer too, once escalated)', body: noBidChoice, update: chooseAfterNoBid },
    { path: 'conflicts', summary: 'A panel member declares a tie to a bidding village, and will not score its bid', body: conflict, update: declareConflict },
    { path: 'scores', summary: "A panel member scores one bid on every criterion within its range (综合比对)", body: sheet, update: scoreBid },
    { path: 'objections', summary: 'Anyone of the town objects to the proposed winner during the public notice', body: objection, update: objectToWinner },
    { path: 'objection-answers', summary: 'The town reviewer answers an objection; an upheld one sends the bids back to evaluation', body: objectionAnswer, update: answerObjection },
    { path: 'milestone-reports', summary: 'The winning village reports a milestone of implementation', body: milestoneReport, update: reportMilestone },
    { path: 'milestone-acceptances', summary: 'The town accepts a reported milestone, or returns it with reasons', body: milestoneAcceptance, update: acceptMilestone },
    { path: 'withdraw', summary: 'The winning (or proposed) village withdraws', body: withdrawal, update: withdrawWinner },
    { path: 'failure', summary: 'The town finds that the winner failed to implement', body: withdrawal, update: declareFailure },
    { path: 'reoffer', summary: 'After a withdrawal or failure: offer to the runner-up, or post again', body: reoffer, update: chooseReoffer },
    { path: 'offer-answer', summary: 'The runner-up offered the project accepts or declines it', body: offerAnswer, update: answerOffer },
  ]);
}
