// 五议两公开: a village's major matters (docs/processes.md §3), and the village's public notice board.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { findOrganisation } from '../../domain/organisation';
import { actedAs } from '../../workflows/common/actor';
import {
  answerConcern,
  answerObjection,
  decideProposal,
  getMajorMatter,
  MAJOR_MATTER_PROCESS,
  majorMatterSummary,
  majorMatterWorkflowId,
  orderByTown,
  raiseConcern,
  raiseObjection,
  recordAcceptance,
  recordJointMeeting,
  recordPartyMeeting,
  recordProgress,
  recordResolution,
  type MajorMatterStart,
  type MajorMatterView,
} from '../../workflows/majorMatterDecision/messages';
import { holdsAny, isMajorMatter } from '../../workflows/majorMatterDecision/rules';
import type { majorMatterDecision } from '../../workflows/majorMatterDecision/workflow';
import { MAJOR_MATTER_KINDS } from '../../workflows/rules/definitions';
import { readableRows, requireReader } from '../access';
import type { AppDeps } from '../deps';
import { requireCounty } from '../auth';
import { route, type HttpDeps } from '../http';
import { problemSchema } from '../openapi';
import { boardSchema, renderBoard, villageBoard } from '../pages/village-board';
import { notFound, Problem } from '../problem';
import { pinRules, startProcess } from '../workflow-calls/start';
import { listProcesses, processSummarySchema, readProcess } from '../workflow-calls/read';
import { requestIdSchema } from '../workflow-calls/start';
import { stepRoutes } from '../workflow-calls/step';
import { processView } from '../views';
import { periodOverridesSchema } from './periods';

const tag = 'major matters';
const idParams = z.object({ id: z.string().regex(/^matter-[^-].*--./, 'a major matter id') });
const villageParams = z.object({ villageId: z.string().min(1).max(200) });

const kind = z.enum(MAJOR_MATTER_KINDS);
const text = (max = 2000) => z.string().min(1).max(max);
const amount = z.number().int().min(0).max(10_000_000_000).openapi({ description: 'Estimated amount, in yuan' });
const count = z.number().int().min(0).max(1_000_000);

const suggestion = z
  .object({ title: text(200), description: text(), reason: text(), kind, estimatedAmount: amount })
  .strict()
  .openapi('MajorMatterSuggestion');

const startBody = z
  .object({ requestId: requestIdSchema, villageId: z.string().min(1).max(200).openapi({ example: 'xingcun.qiaotou.dongshan' }), suggestion, periods: periodOverridesSchema.optional() })
  .strict()
  .openapi('MajorMatterStart');

const meetingFields = {
  meetingDate: z.iso.date(),
  noticeDate: z.iso.date().openapi({ description: 'When the meeting was announced (for the party members: when the proposal reached them)' }),
  expected: count.openapi({ description: 'Entitled to attend: members, party members with voting rights, representatives, or adult villagers' }),
  present: count,
  householdsExpected: count.optional().openapi({ description: "Villagers' meeting: the village's households" }),
  householdsPresent: count.optional().openapi({ description: "Villagers' meeting: households represented" }),
  votesFor: count,
  votesAgainst: count,
  abstentions: count,
  minutesRef: text(200),
  attachmentRefs: z.array(text(200)).max(50).default([]),
};
const meetingRecord = z.object(meetingFields).strict().openapi('MeetingRecord', { description: 'The minutes: the process decides from these figures and the pinned rules whether the meeting passed' });
const amendment = z.object({ description: text().optional(), estimatedAmount: amount.optional(), note: text() }).strict().openapi('ProposalAmendment');
const jointMeeting = z.object({ ...meetingFields, amendment: amendment.optional() }).strict().openapi('JointMeetingRecord');
const resolutionMeeting = z.object({ ...meetingFields, meeting: z.enum(['REPRESENTATIVES_MEETING', 'VILLAGERS_MEETING']) }).strict().openapi('ResolutionMeetingRecord');

const proposal = z
  .discriminatedUnion('decision', [
    z.object({ decision: z.literal('PROPOSE'), title: text(200), description: text(), kind, estimatedAmount: amount, note: text().optional(), jointMeeting: meetingRecord.optional().openapi({ description: 'Only where the rules merge propose and deliberate' }) }).strict(),
    z.object({ decision: z.literal('DECLINE'), reason: text() }).strict(),
  ])
  .openapi('ProposalDecision');
const objection = z.object({ text: text() }).strict().openapi('Objection');
const objectionAnswer = z.object({ objectionSeq: z.number().int().min(1).max(100_000), upheld: z.boolean(), answer: text() }).strict().openapi('ObjectionAnswer');
const townOrder = z.object({ order: z.enum(['CORRECT', 'QUASH']), reasons: text() }).strict().openapi('TownOrder');
const progress = z.object({ text: text(), completed: z.boolean().default(false), evidenceRefs: z.array(text(200)).max(50).default([]) }).strict().openapi('MatterProgress');
const acceptance = z
  .discriminatedUnion('decision', [
    z.object({ decision: z.literal('ACCEPT'), reportRef: text(200), comment: text().optional() }).strict(),
    z.object({ decision: z.literal('REWORK'), reasons: text() }).strict(),
  ])
  .openapi('MatterAcceptance');
const concern = z.object({ text: text() }).strict().openapi('SupervisoryConcern');
const concernAnswer = z.object({ concernSeq: z.number().int().min(1).max(100_000), answer: text() }).strict().openapi('ConcernAnswer');

// ---- the view ----

const MEETINGS = ['JOINT_MEETING', 'PARTY_MEMBERS_MEETING', 'REPRESENTATIVES_MEETING', 'VILLAGERS_MEETING'] as const;
const heldMeeting = z.object({
  meeting: z.enum(MEETINGS),
  meetingDate: z.string(),
  noticeDate: z.string(),
  expected: z.number().int(),
  present: z.number().int(),
  householdsExpected: z.number().int().optional(),
  householdsPresent: z.number().int().optional(),
  votesFor: z.number().int(),
  votesAgainst: z.number().int(),
  abstentions: z.number().int(),
  minutesRef: z.string(),
  attachmentRefs: z.array(z.string()),
  proposalVersion: z.number().int(),
  passed: z.boolean(),
  reckoning: z.string(),
  at: z.string(),
});

const matterDetails = z
  .object({
    townId: z.string(),
    suggestion: z.object({ title: z.string(), description: z.string(), reason: z.string(), kind, estimatedAmount: z.number(), at: z.string() }),
    origin: z
      .object({ processType: z.literal('projectBidding'), workflowId: z.string() })
      .optional()
      .openapi({ description: 'The process whose step started this matter (a bidding award: the winning village\'s use of the funds); absent when a person suggested it' }),
    proposal: z.array(z.object({ version: z.number().int(), title: z.string(), description: z.string(), kind, estimatedAmount: z.number(), at: z.string(), note: z.string() })),
    meetings: z.array(heldMeeting),
    disclosures: z.array(z.object({ kind: z.enum(['RESOLUTION', 'RESULT']), startsAt: z.string(), endsAt: z.string(), heldOpen: z.boolean(), closedAt: z.string().optional() })),
    objections: z.array(
      z.object({
        seq: z.number().int(),
        text: z.string(),
        disclosure: z.number().int(),
        at: z.string(),
        personId: z.string(),
        answer: z.object({ objectionSeq: z.number().int(), upheld: z.boolean(), answer: z.string(), at: z.string() }).optional(),
      }),
    ),
    concerns: z.array(
      z.object({ seq: z.number().int(), text: z.string(), step: z.string(), at: z.string(), personId: z.string(), answer: z.object({ answer: z.string(), at: z.string(), personId: z.string() }).optional() }),
    ),
    returns: z.array(z.object({ from: z.string(), reasons: z.string(), at: z.string() })),
    progress: z.array(z.object({ text: z.string(), completed: z.boolean(), evidenceRefs: z.array(z.string()), at: z.string(), personId: z.string() })),
    acceptance: z
      .discriminatedUnion('decision', [
        z.object({ decision: z.literal('ACCEPT'), reportRef: z.string(), comment: z.string().optional(), at: z.string() }),
        z.object({ decision: z.literal('REWORK'), reasons: z.string(), at: z.string() }),
      ])
      .optional(),
    townOrders: z.array(z.object({ order: z.enum(['CORRECT', 'QUASH']), reasons: z.string(), at: z.string() })),
    next: z.object({ what: z.string(), dueAt: z.string().optional() }).optional().openapi({ description: 'The next meeting (or step) and its due date' }),
  })
  .openapi('MajorMatterDetails');

export const majorMatterViewSchema = processView('majorMatterDecision', matterDetails).openapi('MajorMatterView');

const listQuery = z.object({
  countyId: z.string().min(1),
  townId: z.string().optional(),
  villageId: z.string().optional(),
  step: z.string().optional(),
  status: z.string().optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const SUGGESTERS = ['PARTY_MEMBER', 'VILLAGER', 'VILLAGE_SECRETARY', 'VILLAGE_CADRE'] as const;

export function majorMatterRoutes(http: HttpDeps, deps: AppDeps): void {
  const { db } = deps;

  route(
    http,
    { method: 'post', path: '/major-matters', operationId: 'startMajorMatter', summary: 'Suggest a major matter of your village (建议): party members, villagers and cadres', tag, body: startBody, response: majorMatterViewSchema, status: 201, refusals: [404, 409, 422, 503] },
    async ({ actor, body, res }) => {
      const village = await findOrganisation(db, body.villageId);
      if (!village || village.kind !== 'VILLAGE' || !village.parentId) throw notFound(`Village ${body.villageId}`);
      res.locals.process = { processType: MAJOR_MATTER_PROCESS, countyId: village.countyId };
      const may = holdsAny(actor, [...SUGGESTERS], village.id, 'Suggesting a major matter');
      if (!may.ok) throw new Problem(403, may.code, may.detail);
      const rules = await pinRules(deps, village.countyId, body);
      const major = isMajorMatter(rules.values.majorMatterDecision, body.suggestion.kind, body.suggestion.estimatedAmount);
      if (!major.ok) throw new Problem(422, major.code, major.detail);
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
      return startProcess<typeof majorMatterDecision, MajorMatterView>(deps, res, {
        processType: MAJOR_MATTER_PROCESS,
        workflowId: majorMatterWorkflowId(village.id, body.requestId),
        args: [start],
        staticSummary: majorMatterSummary(start),
        starterOrgId: village.id,
        request: body,
        startedBy: (view) => view.villageId!,
        query: getMajorMatter,
      });
    },
  );

  route(
    http,
    { method: 'get', path: '/major-matters', operationId: 'listMajorMatters', summary: 'Major matters, filtered by town, village, step, status, overdue (from the read model)', tag, query: listQuery, response: z.array(processSummarySchema) },
    async ({ actor, query }) => {
      requireCounty(actor, query.countyId);
      const { limit, ...where } = query;
      return listProcesses(deps, { processType: MAJOR_MATTER_PROCESS, ...where }, limit, await readableRows(deps, actor, MAJOR_MATTER_PROCESS, query.countyId));
    },
  );

  route(
    http,
    { method: 'get', path: '/major-matters/{id}', operationId: 'getMajorMatter', summary: 'The full state of a major matter: proposal revisions, meetings, disclosures, objections, concerns, record', tag, params: idParams, response: majorMatterViewSchema, refusals: [404, 503] },
    async ({ actor, params, res }) => {
      await requireReader(deps, actor, res, MAJOR_MATTER_PROCESS, params.id);
      return readProcess(deps, res, { processType: MAJOR_MATTER_PROCESS, workflowId: params.id }, getMajorMatter);
    },
  );

  stepRoutes(http, deps, { base: '/major-matters', operation: 'majorMatter', tag, processType: MAJOR_MATTER_PROCESS, params: idParams, view: majorMatterViewSchema }, [
    { path: 'proposal', summary: 'The village party organisation takes the suggestion up as a proposal (提议), revises it after a return, or declines it', body: proposal, update: decideProposal },
    { path: 'joint-meeting', summary: 'The joint meeting (村务联席会议, 商议): its record; it may amend the proposal', body: jointMeeting, update: recordJointMeeting },
    { path: 'party-members-meeting', summary: "The party members' meeting (党员大会, 审议): its record", body: meetingRecord, update: recordPartyMeeting },
    { path: 'resolution-meeting', summary: "The representatives' or villagers' meeting (决议): its record", body: resolutionMeeting, update: recordResolution },
    { path: 'objections', summary: 'A party member or villager of the village objects during a disclosure (异议)', body: objection, update: raiseObjection },
    { path: 'objection-answers', summary: 'The village answers an objection; an upheld one sends the matter back', body: objectionAnswer, update: answerObjection },
    { path: 'town-orders', summary: 'The town orders an unlawful resolution corrected, or quashes it', body: townOrder, update: orderByTown },
    { path: 'progress', summary: 'Implementation progress, and completion', body: progress, update: recordProgress },
    { path: 'acceptance', summary: 'The supervisory committee accepts the work (验收), or returns it for rework', body: acceptance, update: recordAcceptance },
    { path: 'concerns', summary: 'The supervisory committee records a concern at any step', body: concern, update: raiseConcern },
    { path: 'concern-answers', summary: 'The village answers a supervisory concern on the record', body: concernAnswer, update: answerConcern },
  ]);

  route(
    http,
    { method: 'get', path: '/villages/{villageId}/board.json', operationId: 'getVillageBoard', summary: "The village's public notice board (村务公开栏) as data: matters under disclosure and recently closed", tag: 'boards', params: villageParams, response: boardSchema, public: true, refusals: [404] },
    async ({ params }) => villageBoard(db, params.villageId),
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
    // Always as it stands now: a board that changed (an objection, a closed period) is never shown from a cache.
    res.status(200).type('text/html; charset=utf-8').set('Cache-Control', 'no-store').send(renderBoard(board));
  });
}
