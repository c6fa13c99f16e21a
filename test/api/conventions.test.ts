// The API's conventions, shared by every process: health, OpenAPI, authentication, problem+json.
import express from 'express';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { route } from '../../api/http';
import { createRegistry } from '../../api/openapi';
import { DATABASES, startPlatform, type TestPlatform } from '../support/platform';

/**
 * Every operationId, sorted. Client generators (openapi-typescript, orval) name their functions from
 * them: renaming one breaks every client, so it is a deliberate change, made here too.
 */
const OPERATION_IDS = [
  'addCatalogueItem',
  'changeRules',
  'draftCatalogueVersion',
  'draftRuleSet',
  'exportRefusals',
  'getCalendar',
  'getCalendarYear',
  'getCatalogue',
  'getCatalogueVersion',
  'getDeploymentList',
  'getHealth',
  'getItemAdmission',
  'getMajorMatterDecision',
  'getMe',
  'getMyInbox',
  'getNegativeList',
  'getProcessArchive',
  'getProcessTimeline',
  'getProcessTimelinePage',
  'getProjectBidding',
  'getRuleSet',
  'getRulesInForce',
  'getSecondment',
  'getTaskDispatch',
  'getTownBoard',
  'getTownBoardPage',
  'getVillageBoard',
  'getVillageBoardPage',
  'getVillageEvaluation',
  'getVillageTask',
  'getWeeklyReport',
  'itemAdmissionDecide',
  'itemAdmissionRespondToConsultation',
  'itemAdmissionReview',
  'itemAdmissionWithdraw',
  'listAdmissions',
  'listBiddings',
  'listCalendarChanges',
  'listCatalogueChanges',
  'listCatalogueVersions',
  'listCertificates',
  'listDispatches',
  'listEvaluations',
  'listLoggedReads',
  'listMajorMatters',
  'listMyNotifications',
  'listPendingCalendarDueDates',
  'listProcesses',
  'listRefusals',
  'listRuleChanges',
  'listRuleDefinitions',
  'listRuleSets',
  'listSecondments',
  'listVillageTasks',
  'loadCalendarYear',
  'majorMatterDecisionAccept',
  'majorMatterDecisionAnswerConcern',
  'majorMatterDecisionAnswerObjection',
  'majorMatterDecisionConcern',
  'majorMatterDecisionDeliberate',
  'majorMatterDecisionObject',
  'majorMatterDecisionProgress',
  'majorMatterDecisionPropose',
  'majorMatterDecisionResolve',
  'majorMatterDecisionReview',
  'majorMatterDecisionTownOrder',
  'projectBiddingAcceptMilestone',
  'projectBiddingAnswerObjection',
  'projectBiddingAnswerOffer',
  'projectBiddingBid',
  'projectBiddingChooseAfterNoBid',
  'projectBiddingDeclareConflict',
  'projectBiddingDeclareFailure',
  'projectBiddingObject',
  'projectBiddingReoffer',
  'projectBiddingReportMilestone',
  'projectBiddingReviseBid',
  'projectBiddingScore',
  'projectBiddingWithdrawWinner',
  'publishCatalogueVersion',
  'publishRuleSet',
  'retireCatalogueItem',
  'screenCode',
  'secondmentApprove',
  'secondmentClawback',
  'secondmentConfirmReturn',
  'secondmentConsent',
  'secondmentRegister',
  'secondmentReports',
  'secondmentRequestExtension',
  'secondmentReview',
  'secondmentWithdraw',
  'startItemAdmission',
  'startMajorMatterDecision',
  'startProjectBidding',
  'startSecondment',
  'startSecondmentCensus',
  'startTaskDispatch',
  'startVillageEvaluation',
  'taskDispatchCollectiveDecision',
  'taskDispatchReview',
  'taskDispatchRevise',
  'taskDispatchWithdraw',
  'verifyAuditChain',
  'villageEvaluationAnswerDispute',
  'villageEvaluationAnswerObjection',
  'villageEvaluationDispute',
  'villageEvaluationEvaluate',
  'villageEvaluationMark',
  'villageEvaluationObject',
  'villageEvaluationSign',
  'villageTaskAccept',
  'villageTaskAssign',
  'villageTaskComplete',
  'villageTaskReceive',
  'villageTaskReportProgress',
];

test('route() refuses, at startup, an operationId already taken or not camelCase', () => {
  const http = { router: express.Router(), registry: createRegistry(), jwtSecret: 'x', confirmLive: () => Promise.resolve() };
  const spec = { method: 'get', path: '/a', operationId: 'getA', summary: 'A', tag: 'platform', response: z.object({}) } as const;
  route(http, spec, () => ({}));
  expect(() => route(http, { ...spec, method: 'post', path: '/b' }, () => ({}))).toThrow("POST /b: operationId getA is already GET /a's");
  expect(() => route(http, { ...spec, path: '/c', operationId: 'get-c' }, () => ({}))).toThrow('not camelCase');
});

describe.each(DATABASES)('on %s', (database) => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatform(database);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  test('GET /healthz reports Temporal and the database reachable, without a token', async () => {
    const health = await platform.api(undefined, 'GET', '/healthz');
    expect(health).toMatchObject({ status: 200, body: { status: 'ok', temporal: true, database: true } });
  });

  test('GET /openapi.json documents every route with its schemas and bearer security; /docs serves a reference page', async () => {
    const { body } = await platform.api(undefined, 'GET', '/openapi.json');
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/admissions',
        '/admissions/{id}/review',
        '/dispatches',
        '/village-tasks/{id}/acceptance',
        '/me/inbox',
        '/counties/{countyId}/screening',
        '/towns/{townId}/weekly-report',
      ]),
    );
    expect(body.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(body.paths['/admissions'].post.requestBody.content['application/json'].schema).toBeDefined();
    expect(body.paths['/admissions/{id}/decision'].post.responses['409'].content['application/problem+json']).toBeDefined();
    const docs = await fetch(`${platform.baseUrl}/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui');
  });

  test('every operation has a stable camelCase operationId and a tag the document declares; the document declares its servers', async () => {
    const { body } = await platform.api(undefined, 'GET', '/openapi.json');
    const operations = Object.entries(body.paths as Record<string, Record<string, { operationId?: string; tags?: string[] }>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, ...operation })),
    );
    const tags = body.tags as { name: string; description?: string }[];
    const declared = new Set(tags.map((t) => t.name));
    expect(tags.filter((t) => !t.description)).toEqual([]);
    expect(operations.filter((o) => !/^[a-z][A-Za-z0-9]+$/.test(o.operationId ?? '')).map((o) => o.name)).toEqual([]);
    expect(operations.filter((o) => !o.tags?.length || o.tags.some((t) => !declared.has(t))).map((o) => `${o.name} ${String(o.tags)}`)).toEqual([]);
    expect([...declared].filter((t) => !operations.some((o) => o.tags?.includes(t)))).toEqual([]);
    const ids = operations.map((o) => o.operationId!).sort();
    expect(ids.filter((id, i) => ids[i - 1] === id)).toEqual([]);
    expect(ids).toEqual(OPERATION_IDS);
    expect(body.servers).toEqual([{ url: '/', description: expect.any(String) }]);
  });

  test('no token, a bad token or a forged token is 401 problem+json', async () => {
    const none = await platform.api(undefined, 'GET', '/me');
    expect(none).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect(none.contentType).toContain('application/problem+json');
    const forged = jwt.sign({ name: 'X', roles: [] }, 'another-secret-another-secret-another', { subject: 'p.x', issuer: 'cunwu-flow' });
    const response = await fetch(`${platform.baseUrl}/me`, { headers: { authorization: `Bearer ${forged}` } });
    expect(response.status).toBe(401);
  });

  test('a token without an expiry, or living longer than 7 days, is 401', async () => {
    const claims = { name: '陈建国', roles: [{ role: 'VILLAGE_SECRETARY', orgId: 'xingcun.qiaotou.dongshan', countyId: 'xingcun' }] };
    const secret = 'test-secret-test-secret-test-secret-42';
    const forever = jwt.sign(claims, secret, { subject: 'p.qiaotou.dongshan.secretary', issuer: 'cunwu-flow' });
    const tooLong = jwt.sign(claims, secret, { subject: 'p.qiaotou.dongshan.secretary', issuer: 'cunwu-flow', expiresIn: '30d' });
    for (const token of [forever, tooLong]) {
      const response = await fetch(`${platform.baseUrl}/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(401);
    }
  });

  test('a method a path does not have is 405 with the methods it has (Allow)', async () => {
    for (const [method, url, allow] of [
      ['DELETE', '/admissions', 'POST, GET, HEAD'],
      ['GET', '/admissions/admission-x/review', 'POST'],
      ['PUT', '/me', 'GET, HEAD'],
    ]) {
      const response = await fetch(`${platform.baseUrl}${url}`, { method });
      expect({ status: response.status, allow: response.headers.get('allow'), type: response.headers.get('content-type') }).toEqual({
        status: 405,
        allow,
        type: expect.stringContaining('application/problem+json'),
      });
    }
  });

  test('a token names the person and every role assignment', async () => {
    const me = await platform.api('p.qiaotou.dongshan.secretary', 'GET', '/me');
    expect(me.body).toMatchObject({
      personId: 'p.qiaotou.dongshan.secretary',
      roles: [{ role: 'VILLAGE_SECRETARY', orgId: 'xingcun.qiaotou.dongshan', countyId: 'xingcun' }],
    });
  });

  test('malformed JSON and invalid bodies are 400 with the reason; unknown routes 404; never a 500', async () => {
    const malformed = await fetch(`${platform.baseUrl}/admissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await platform.tokenFor('p.dept.civil-affairs.dispatcher')}` },
      body: '{"requestId": ',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { code: string }).code).toBe('INVALID_REQUEST');
    const invalid = await platform.api('p.dept.civil-affairs.dispatcher', 'POST', '/admissions', { requestId: 'x', departmentId: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['body.requestId', 'body.departmentId', 'body.application']),
    );
    const unknown = await platform.api('p.dept.civil-affairs.dispatcher', 'GET', '/nowhere');
    expect(unknown).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  test('the request id is echoed, taken from the caller when given', async () => {
    const response = await fetch(`${platform.baseUrl}/healthz`, { headers: { 'x-request-id': 'trace-123' } });
    expect(response.headers.get('x-request-id')).toBe('trace-123');
  });
});
