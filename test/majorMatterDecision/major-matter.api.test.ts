// majorMatterDecision (五议两公开) end to end through the REST API, on a real Temporal dev server and database.
import { DATABASES, startPlatform, type TestPlatform } from '../support/platform';
import {
  AUDITOR,
  bridge,
  CADRE,
  daysAgo,
  DONGSHAN,
  matterAt,
  matterWhen,
  meeting,
  PARTY_MEMBER,
  partyMeeting,
  proposal,
  representatives,
  SECRETARY,
  SUPERVISOR,
  TOWN_REVIEWER,
  uniqueId,
  VILLAGER,
} from './scenario';

const OFFICE = 'p.coord-office.reviewer1';
const JINXI = {
  secretary: 'p.xikou.jinxi.secretary',
  villager: 'p.xikou.jinxi.villager',
  partyMember: 'p.xikou.jinxi.party-member',
  supervisor: 'p.xikou.jinxi.supervisor',
};
const XIKOU_REVIEWER = 'p.xikou.reviewer';

/** A villagers' meeting quorate by households (110 of 150, at least 100 needed) but not by adults (300 of 800, more than 400 needed). */
const householdsOnly = (overrides: Record<string, unknown> = {}) =>
  meeting({
    meeting: 'VILLAGERS_MEETING',
    expected: 800,
    present: 300,
    householdsExpected: 150,
    householdsPresent: 110,
    votesFor: 200,
    votesAgainst: 60,
    abstentions: 10,
    minutesRef: '东山村村民会议记录',
    ...overrides,
  });

describe.each(DATABASES)('on %s', (database) => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startPlatform(database);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const post = (person: string, id: string, path: string, body?: unknown) => platform.api(person, 'POST', `/major-matters/${id}/${path}`, body);
  const read = async (id: string) => (await platform.api(AUDITOR, 'GET', `/major-matters/${id}`)).body;
  // A due date counted on plain weekdays (near a year's end, before the next year is loaded) adds a note to the record; not a step.
  const stepsOf = (view: { record: { step: string }[] }) => view.record.map((r) => r.step).filter((step) => step !== 'CALENDAR_PLAIN_WEEKDAYS');

  /** A refusal as problem+json: its status, code and, for a business rule, the rule it applied, the pinned rule set and both languages. */
  function expectRefused(response: { status: number; body: any; contentType: string }, status: number, code: string, rule?: string) {
    expect(response.contentType).toContain('application/problem+json');
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    if (rule)
      expect(response.body).toMatchObject({
        rule,
        ruleSet: { id: expect.any(String), version: expect.any(Number) },
        reason: { zh: expect.any(String), en: response.body.detail },
      });
  }

  /** What an operator sees in the Temporal UI: search attributes and the current details. */
  async function inTemporal(id: string) {
    const handle = platform.temporal.workflow.getHandle(id);
    const description = await handle.describe();
    const attributes = Object.fromEntries(description.typedSearchAttributes.getAll().map((pair) => [pair.key.name, pair.value]));
    const metadata = await handle.query<{ currentDetails: string }>('__temporal_workflow_metadata');
    return { attributes, details: metadata.currentDetails, summary: await description.staticSummary() };
  }

  test("the seeds' case: Dongshan repairs its damaged bridge — suggest, propose, three meetings, disclosure, repair, acceptance, result disclosure, closed", async () => {
    const started = await platform.api(VILLAGER, 'POST', '/major-matters', {
      requestId: uniqueId('bridge'),
      villageId: DONGSHAN,
      suggestion: bridge(),
      periods: { resolutionDisclosure: { duration: '3s' }, resultDisclosure: { duration: '3s' } },
    });
    expect(started.status).toBe(201);
    const id: string = started.body.workflowId;
    expect(started.body).toMatchObject({
      processType: 'majorMatterDecision',
      step: 'PROPOSE',
      villageId: DONGSHAN,
      townId: 'xingcun.qiaotou',
      rules: { ruleSetId: expect.any(String) },
    });
    expect(started.body.record[0]).toMatchObject({ step: 'SUGGEST', actor: { role: 'VILLAGER', orgId: DONGSHAN } });
    await matterWhen(platform, id, (v) => v.details.next?.dueAt !== undefined);

    const proposed = await post(SECRETARY, id, 'proposal', proposal());
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({
      step: 'DELIBERATE',
      details: { proposal: [{ version: 1, estimatedAmount: 380_000 }], next: { what: expect.stringContaining('村务联席会议') } },
    });
    expect(proposed.body.nextActors).toEqual([
      expect.objectContaining({ role: 'VILLAGE_SECRETARY', orgId: DONGSHAN, dueAt: proposed.body.details.next.dueAt }),
    ]);

    const shown = await inTemporal(id);
    expect(shown.attributes).toMatchObject({
      CunwuProcess: 'majorMatterDecision',
      CunwuVillage: DONGSHAN,
      CunwuStep: 'DELIBERATE',
      CunwuMatterKind: 'PUBLIC_WORKS',
      CunwuAmount: 380_000,
      CunwuOpenConcern: false,
    });
    expect(shown.details).toContain('**Next meeting / step**: 村务联席会议 joint meeting, due ');
    expect(shown.summary).toContain('修复村口受损石桥');
    expect(shown.details).toContain(`GET /processes/${id}/timeline`);

    // The joint meeting passes and lowers the amount: version 2, which the meetings after it vote on.
    const deliberated = await post(SECRETARY, id, 'joint-meeting', meeting({ amendment: { estimatedAmount: 360_000, note: '桥面板改用本地石材，节约造价' } }));
    expect(deliberated.body).toMatchObject({
      step: 'REVIEW',
      details: {
        proposal: [{ version: 1 }, { version: 2, estimatedAmount: 360_000 }],
        meetings: [{ meeting: 'JOINT_MEETING', proposalVersion: 1, passed: true }],
      },
    });
    expect(deliberated.body.details.next.what).toContain('党员大会');

    const reviewed = await post(SECRETARY, id, 'party-members-meeting', partyMeeting());
    expect(reviewed.body).toMatchObject({
      step: 'RESOLVE',
      details: { meetings: [{}, { meeting: 'PARTY_MEMBERS_MEETING', proposalVersion: 2, passed: true }] },
    });

    const resolved = await post(CADRE, id, 'resolution-meeting', representatives());
    expect(resolved.body).toMatchObject({
      step: 'RESOLUTION_DISCLOSURE',
      details: { meetings: [{}, {}, { meeting: 'REPRESENTATIVES_MEETING', proposalVersion: 2, passed: true }], disclosures: [{ kind: 'RESOLUTION' }] },
    });
    expect((await inTemporal(id)).attributes).toMatchObject({ CunwuStep: 'RESOLUTION_DISCLOSURE', CunwuAmount: 360_000 });

    const board = await platform.api(undefined, 'GET', `/villages/${DONGSHAN}/board.json`);
    expect(board.status).toBe(200);
    expect(board.body.underDisclosure).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          workflowId: id,
          stage: 'RESOLUTION_DISCLOSURE',
          estimatedAmount: 360_000,
          resolution: expect.objectContaining({ votesFor: 35, present: 38 }),
        }),
      ]),
    );

    // The disclosure period (3 s here) closes by its timer.
    await matterWhen(platform, id, (v) => v.step === 'IMPLEMENTATION');
    expect((await post(CADRE, id, 'progress', { text: '施工单位进场，桥墩加固完成' })).body).toMatchObject({ step: 'IMPLEMENTATION' });
    expect((await post(CADRE, id, 'progress', { text: '桥面板更换、护栏安装完成', completed: true, evidenceRefs: ['photo-bridge-1'] })).body).toMatchObject({
      step: 'ACCEPTANCE',
      nextActors: [{ role: 'SUPERVISOR' }],
    });
    const accepted = await post(SUPERVISOR, id, 'acceptance', { decision: 'ACCEPT', reportRef: '东山村石桥修复工程验收报告', comment: '质量合格' });
    expect(accepted.body).toMatchObject({
      step: 'RESULT_DISCLOSURE',
      details: { disclosures: [{ kind: 'RESOLUTION', closedAt: expect.any(String) }, { kind: 'RESULT' }] },
    });

    const closed = await matterWhen(platform, id, (v) => v.status !== 'RUNNING');
    expect(closed).toMatchObject({ step: 'CLOSED', status: 'COMPLETED' });
    expect(stepsOf(closed)).toEqual([
      'SUGGEST',
      'PROPOSE',
      'JOINT_MEETING',
      'AMEND',
      'PARTY_MEMBERS_MEETING',
      'REPRESENTATIVES_MEETING',
      'RESOLUTION_DISCLOSED',
      'RESOLUTION_DISCLOSURE_CLOSED',
      'PROGRESS',
      'COMPLETED_WORK',
      'ACCEPT',
      'RESULT_DISCLOSED',
      'RESULT_DISCLOSURE_CLOSED',
    ]);
    const after = await platform.api(undefined, 'GET', `/villages/${DONGSHAN}/board.json`);
    expect(after.body.recentlyClosed).toEqual(
      expect.arrayContaining([expect.objectContaining({ workflowId: id, stage: 'COMPLETED', result: '桥面板更换、护栏安装完成' })]),
    );
    await platform.recordHistory(id, 'major-matter-bridge');
  }, 120_000);

  test("a party members' meeting without quorum is refused; two thirds present is quorate", async () => {
    const id = await matterAt(platform, 'REVIEW');
    const refused = await post(
      SECRETARY,
      id,
      'party-members-meeting',
      partyMeeting({ expected: 30, present: 19, votesFor: 18, votesAgainst: 0, abstentions: 0 }),
    );
    expectRefused(refused, 422, 'RULE_BROKEN', 'majorMatterDecision.partyMeetingQuorum');
    expect(refused.body.detail).toContain('19 of 30 party members present, at least 20 needed');
    // It could not decide, but it was held: a fact of the matter, with its date, figures and the rule it failed.
    const after = await read(id);
    expect(after.step).toBe('REVIEW');
    expect(after.details.failedQuorums).toEqual([
      expect.objectContaining({
        meeting: 'PARTY_MEMBERS_MEETING',
        meetingDate: daysAgo(0),
        expected: 30,
        present: 19,
        rule: 'majorMatterDecision.partyMeetingQuorum',
        reckoning: '19 of 30 party members present, at least 20 needed',
      }),
    ]);
    expect(after.record.at(-1)).toMatchObject({
      step: 'QUORUM_FAILED',
      rule: 'majorMatterDecision.partyMeetingQuorum',
      actor: { personId: SECRETARY },
      summary: expect.stringContaining(`of ${daysAgo(0)}`),
    });
    expect(after.details.meetings).toEqual([expect.objectContaining({ meeting: 'JOINT_MEETING' })]);
    expect((await post(SECRETARY, id, 'party-members-meeting', partyMeeting({ expected: 30, present: 20, votesFor: 16 }))).body).toMatchObject({
      step: 'RESOLVE',
    });
  });

  test("a villagers' meeting quorate by households but not by adults stands under the law's either-quorum; one quorate neither way is refused", async () => {
    const id = await matterAt(platform, 'RESOLVE');
    const neither = await post(SECRETARY, id, 'resolution-meeting', householdsOnly({ householdsPresent: 90 }));
    expectRefused(neither, 422, 'RULE_BROKEN', 'majorMatterDecision.villagersQuorumBasis');
    expect(neither.body.detail).toMatch(/adults 300 of 800 .*not met.*households 90 of 150 .*not met/);
    expect((await read(id)).details.failedQuorums).toEqual([
      expect.objectContaining({
        meeting: 'VILLAGERS_MEETING',
        householdsPresent: 90,
        householdsExpected: 150,
        rule: 'majorMatterDecision.villagersQuorumBasis',
      }),
    ]);
    const byHouseholds = await post(SECRETARY, id, 'resolution-meeting', householdsOnly());
    expect(byHouseholds.body).toMatchObject({ step: 'RESOLUTION_DISCLOSURE' });
    expect(byHouseholds.body.details.meetings.at(-1).reckoning).toMatch(/adults 300 of 800 .*not met.*households 110 of 150 .*met/);
    // Its quorum counted households: the village board shows how many were present.
    const board = await platform.api(undefined, 'GET', `/villages/${DONGSHAN}/board.json`);
    const entry = board.body.underDisclosure.find((e: { workflowId: string }) => e.workflowId === id);
    expect(entry.resolution).toMatchObject({ meeting: 'VILLAGERS_MEETING', present: 300, householdsPresent: 110 });
    const page = await fetch(`${platform.baseUrl}/villages/${DONGSHAN}/board`);
    expect(await page.text()).toContain('实到300人，到会110户');
  });

  test('notice periods too short are refused: party members 3 days, villagers 10 days', async () => {
    const id = await matterAt(platform, 'REVIEW');
    const early = await post(SECRETARY, id, 'party-members-meeting', partyMeeting({ noticeDate: daysAgo(2) }));
    expectRefused(early, 422, 'RULE_BROKEN', 'majorMatterDecision.reviewNoticeDays');
    expect(early.body.detail).toContain("needs 3 days' notice");
    await post(SECRETARY, id, 'party-members-meeting', partyMeeting({ noticeDate: daysAgo(3) }));
    const villagers = await post(SECRETARY, id, 'resolution-meeting', householdsOnly({ noticeDate: daysAgo(9) }));
    expectRefused(villagers, 422, 'RULE_BROKEN', 'majorMatterDecision.villagersNoticeDays');
    expect(villagers.body.detail).toContain("needs 10 days' notice");
    expectRefused(
      await post(SECRETARY, id, 'resolution-meeting', representatives({ meetingDate: daysAgo(-3) })),
      422,
      'RULE_BROKEN',
      'majorMatterDecision.timeline',
    );
    expectRefused(
      await post(SECRETARY, id, 'resolution-meeting', representatives({ present: 38, votesFor: 30, votesAgainst: 9 })),
      422,
      'INVALID_INPUT',
      'majorMatterDecision.meetingFigures',
    );
  });

  test('a failed resolution vote returns the matter to propose with its reasons; the revision is voted on again, each meeting naming its version', async () => {
    const id = await matterAt(platform, 'RESOLVE');
    const failed = await post(SECRETARY, id, 'resolution-meeting', representatives({ votesFor: 19, votesAgainst: 17, abstentions: 2 }));
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({
      step: 'PROPOSE',
      details: { returns: [{ from: 'REPRESENTATIVES_MEETING', reasons: expect.stringContaining('19 for of 38 present') }] },
    });
    expect(failed.body.details.meetings.at(-1)).toMatchObject({ passed: false, proposalVersion: 1 });
    expect(failed.body.details.next.what).toContain('proposal');

    // The party organisation revises the proposal; the meetings start again on version 2.
    const revised = await post(SECRETARY, id, 'proposal', proposal({ description: '仅加固桥墩，桥面板修补', estimatedAmount: 220_000, note: '压缩工程范围' }));
    expect(revised.body).toMatchObject({
      step: 'DELIBERATE',
      details: { proposal: [{ version: 1 }, { version: 2, estimatedAmount: 220_000, note: '压缩工程范围' }] },
    });
    await post(SECRETARY, id, 'joint-meeting', meeting());
    await post(SECRETARY, id, 'party-members-meeting', partyMeeting());
    const passed = await post(SECRETARY, id, 'resolution-meeting', representatives());
    expect(passed.body.step).toBe('RESOLUTION_DISCLOSURE');
    expect(passed.body.details.meetings.map((m: any) => `${m.meeting} v${m.proposalVersion} ${m.passed}`)).toEqual([
      'JOINT_MEETING v1 true',
      'PARTY_MEMBERS_MEETING v1 true',
      'REPRESENTATIVES_MEETING v1 false',
      'JOINT_MEETING v2 true',
      'PARTY_MEMBERS_MEETING v2 true',
      'REPRESENTATIVES_MEETING v2 true',
    ]);
  });

  test('the party organisation may end a matter after a failed vote, with a reason', async () => {
    const id = await matterAt(platform, 'DELIBERATE');
    expect((await post(SECRETARY, id, 'joint-meeting', meeting({ votesFor: 4, votesAgainst: 5 }))).body.step).toBe('PROPOSE');
    expectRefused(await post(SECRETARY, id, 'proposal', { decision: 'DECLINE', reason: '   ' }), 422, 'MISSING_REASON', 'process.reasonGiven');
    expect((await post(SECRETARY, id, 'proposal', { decision: 'DECLINE', reason: '联席会议未通过，暂缓实施' })).body).toMatchObject({
      status: 'REJECTED',
      step: 'CLOSED',
    });
    await platform.recordHistory(id, 'major-matter-declined-after-failed-vote');
  });

  test('an objection holds the disclosure open until answered; the period closes once it is', async () => {
    const id = await matterAt(platform, 'RESOLUTION_DISCLOSURE', { periods: { resolutionDisclosure: { duration: '3s' } } });
    const objected = await post(PARTY_MEMBER, id, 'objections', { text: '施工单位的选定程序未公开' });
    expect(objected.body.details.objections).toEqual([expect.objectContaining({ seq: 1, disclosure: 1 })]);
    const held = await matterWhen(platform, id, (v) => v.details.disclosures[0].heldOpen);
    expect(held.step).toBe('RESOLUTION_DISCLOSURE');
    expect(stepsOf(held)).toContain('DISCLOSURE_HELD_OPEN');
    expectRefused(await post(VILLAGER, id, 'objections', { text: '期满后再提' }), 409, 'WRONG_STEP', 'majorMatterDecision.resolutionDisclosure');
    expectRefused(await post(SECRETARY, id, 'objection-answers', { objectionSeq: 2, upheld: false, answer: '无此异议' }), 422, 'INVALID_INPUT');
    const answered = await post(SECRETARY, id, 'objection-answers', { objectionSeq: 1, upheld: false, answer: '施工单位经村民代表会议比选产生，记录已公开' });
    expect(answered.body).toMatchObject({ step: 'IMPLEMENTATION', details: { disclosures: [{ closedAt: expect.any(String) }] } });
  });

  test('an upheld objection sends the matter back to propose', async () => {
    const id = await matterAt(platform, 'RESOLUTION_DISCLOSURE');
    await post(VILLAGER, id, 'objections', { text: '预算中护栏单价明显偏高' });
    const upheld = await post(SECRETARY, id, 'objection-answers', { objectionSeq: 1, upheld: true, answer: '经核实单价偏高，重新询价后再议' });
    expect(upheld.body).toMatchObject({ step: 'PROPOSE', details: { returns: [{ from: 'OBJECTION' }], disclosures: [{ closedAt: expect.any(String) }] } });
    const board = await platform.api(undefined, 'GET', `/villages/${DONGSHAN}/board.json`);
    expect(board.body.underDisclosure.map((e: any) => e.workflowId)).not.toContain(id);
  });

  test('the town quashes a resolution with reasons; another town may not', async () => {
    const id = await matterAt(platform, 'RESOLUTION_DISCLOSURE');
    expectRefused(await post(XIKOU_REVIEWER, id, 'town-orders', { order: 'QUASH', reasons: '越权' }), 404, 'NOT_FOUND');
    expectRefused(await post(TOWN_REVIEWER, id, 'town-orders', { order: 'QUASH', reasons: ' ' }), 422, 'MISSING_REASON');
    const quashed = await post(TOWN_REVIEWER, id, 'town-orders', { order: 'QUASH', reasons: '决议内容违反土地管理法规定' });
    expect(quashed.body).toMatchObject({ status: 'REJECTED', step: 'CLOSED', outcome: { reason: expect.stringContaining('quashed') } });
    expect(stepsOf(quashed.body)).toContain('QUASHED');
    await platform.recordHistory(id, 'major-matter-quashed');
  });

  test('the town orders a resolution corrected: back to propose', async () => {
    const id = await matterAt(platform, 'RESOLUTION_DISCLOSURE');
    const corrected = await post(TOWN_REVIEWER, id, 'town-orders', { order: 'CORRECT', reasons: '未附工程预算明细' });
    expect(corrected.body).toMatchObject({ step: 'PROPOSE', details: { returns: [{ from: 'TOWN_ORDER' }] } });
  });

  test('to actors of another village the matter is not there at any step (404, as a missing one); people of another village cannot suggest for Dongshan', async () => {
    const suggested = await platform.api(JINXI.villager, 'POST', '/major-matters', { requestId: uniqueId(), villageId: DONGSHAN, suggestion: bridge() });
    expectRefused(suggested, 403, 'WRONG_ORGANISATION');
    const id = await matterAt(platform, 'PROPOSE');
    expectRefused(await post(JINXI.secretary, id, 'proposal', proposal()), 404, 'NOT_FOUND');
    expectRefused(await post(VILLAGER, id, 'proposal', proposal()), 403, 'NOT_AUTHORISED');
    expectRefused(await post(JINXI.supervisor, id, 'concerns', { text: '程序有疑问' }), 404, 'NOT_FOUND');
    expectRefused(await platform.api(JINXI.villager, 'GET', `/major-matters/${id}`), 404, 'NOT_FOUND');
    expect((await platform.api(VILLAGER, 'GET', `/major-matters/${id}`)).status).toBe(200);
    const disclosed = await matterAt(platform, 'RESOLUTION_DISCLOSURE');
    expectRefused(await post(JINXI.partyMember, disclosed, 'objections', { text: '不同意' }), 404, 'NOT_FOUND');
  });

  test('what is not a major matter is refused; merging propose and deliberate is refused unless the rules allow it', async () => {
    const small = await platform.api(VILLAGER, 'POST', '/major-matters', {
      requestId: uniqueId(),
      villageId: DONGSHAN,
      suggestion: bridge({ kind: 'OTHER', estimatedAmount: 5_000 }),
    });
    expectRefused(small, 422, 'RULE_BROKEN', 'majorMatterDecision.amountThreshold');
    expect((await platform.api(VILLAGER, 'POST', '/major-matters', { requestId: uniqueId(), villageId: 'xingcun.nowhere', suggestion: bridge() })).status).toBe(
      404,
    );
    const id = await matterAt(platform, 'PROPOSE');
    expectRefused(
      await post(SECRETARY, id, 'proposal', proposal({ jointMeeting: meeting() })),
      422,
      'RULE_BROKEN',
      'majorMatterDecision.mergeProposeAndDeliberate',
    );
  });

  test("every meeting follows the matter's own timeline: none before it was raised, none dated in the future; a paper date within the county's bound", async () => {
    // Suggested today, with no earlier paper date: a joint meeting dated yesterday is refused, and logged with its rule.
    const today = await matterAt(platform, 'DELIBERATE', { suggestion: { raisedOn: undefined } });
    const yesterday = await post(SECRETARY, today, 'joint-meeting', meeting({ meetingDate: daysAgo(1), noticeDate: daysAgo(1) }));
    expectRefused(yesterday, 422, 'RULE_BROKEN', 'majorMatterDecision.timeline');
    expect(yesterday.body.detail).toContain('before the matter was raised');
    expect(yesterday.body.reason.zh).toContain('先后顺序');
    const logged = await platform.api(AUDITOR, 'GET', `/audit/refusals?countyId=xingcun&workflowId=${today}`);
    expect(logged.body.items[0]).toMatchObject({
      rule: 'majorMatterDecision.timeline',
      ruleSet: { version: expect.any(Number) },
      reason: { en: yesterday.body.detail },
    });
    const future = await post(SECRETARY, today, 'joint-meeting', meeting({ meetingDate: daysAgo(-1), noticeDate: daysAgo(0) }));
    expectRefused(future, 422, 'RULE_BROKEN', 'majorMatterDecision.timeline');
    expect(future.body.detail).toContain('in the future');
    expect((await read(today)).step).toBe('DELIBERATE');
    // Raised on paper a week ago and entered today: its meetings may follow the paper date, which the record keeps.
    const paper = await matterAt(platform, 'DELIBERATE', { suggestion: { raisedOn: daysAgo(7) } });
    expect((await read(paper)).details.suggestion.raisedOn).toBe(daysAgo(7));
    expect((await read(paper)).record[0].summary).toContain(`raised on paper on ${daysAgo(7)}`);
    expect((await post(SECRETARY, paper, 'joint-meeting', meeting({ meetingDate: daysAgo(1), noticeDate: daysAgo(6) }))).body.step).toBe('REVIEW');
    // A paper date beyond the county's bound (30 days by default), or to come, is refused at the suggestion.
    for (const raisedOn of [daysAgo(40), daysAgo(-2)]) {
      const refused = await platform.api(VILLAGER, 'POST', '/major-matters', { requestId: uniqueId(), villageId: DONGSHAN, suggestion: bridge({ raisedOn }) });
      expectRefused(refused, 422, 'RULE_BROKEN', 'majorMatterDecision.raisedOnPaperDays');
    }
  });

  test('a supervisory concern stays visible, in the state and the Temporal UI, until it is answered on the record', async () => {
    const id = await matterAt(platform, 'DELIBERATE');
    expectRefused(await post(VILLAGER, id, 'concerns', { text: '我有意见' }), 403, 'NOT_AUTHORISED');
    const raised = await post(SUPERVISOR, id, 'concerns', { text: '联席会议通知未送达全体成员' });
    expect(raised.body.details.concerns).toEqual([expect.objectContaining({ seq: 1, step: 'DELIBERATE' })]);
    const shown = await inTemporal(id);
    expect(shown.attributes.CunwuOpenConcern).toBe(true);
    expect(shown.details).toContain('Unanswered supervisory concerns**: #1 联席会议通知未送达全体成员');
    const answered = await post(SECRETARY, id, 'concern-answers', { concernSeq: 1, answer: '已补送通知，会议改期' });
    expect(answered.body.details.concerns[0].answer).toMatchObject({ answer: '已补送通知，会议改期', personId: SECRETARY });
    expectRefused(await post(SECRETARY, id, 'concern-answers', { concernSeq: 1, answer: '再答' }), 409, 'ALREADY_DONE');
    const after = await inTemporal(id);
    expect(after.attributes.CunwuOpenConcern).toBe(false);
    expect(after.details).not.toContain('Unanswered supervisory concerns');
  });

  test('the matters of a county are listed by village and step; step retries with the same key record once', async () => {
    const id = await matterAt(platform, 'DELIBERATE');
    const key = { 'idempotency-key': uniqueId('key') };
    const first = await platform.api(SECRETARY, 'POST', `/major-matters/${id}/joint-meeting`, meeting(), key);
    const again = await platform.api(SECRETARY, 'POST', `/major-matters/${id}/joint-meeting`, meeting(), key);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(stepsOf(await read(id)).filter((s) => s === 'JOINT_MEETING')).toHaveLength(1);
    const listed = await platform.api(SECRETARY, 'GET', `/major-matters?countyId=xingcun&villageId=${DONGSHAN}&step=REVIEW`);
    expect(listed.status).toBe(200);
    expect(listed.body.map((m: any) => m.workflowId)).toContain(id);
    const foreign = await platform.api(JINXI.secretary, 'GET', `/major-matters?countyId=xingcun&villageId=${DONGSHAN}`);
    expect(foreign.body).toEqual([]);
  });

  // Last: it changes the county's rules for the matters started after it.
  test('a rule set published mid-process does not alter a running matter; matters started after it follow it', async () => {
    const running = await matterAt(platform, 'RESOLVE');
    const draft = await platform.api(OFFICE, 'POST', '/counties/xingcun/rule-sets', { note: '村民会议须过半数成年村民到会' });
    expect(draft.status).toBe(201);
    const values = { majorMatterDecision: { villagersQuorumBasis: 'ADULTS', resolutionMajorityBase: 'ALL' } };
    expect((await platform.api(OFFICE, 'POST', `/rule-sets/${draft.body.id}/changes`, { values, reason: '从严' })).status).toBe(200);
    const published = await platform.api(OFFICE, 'POST', `/rule-sets/${draft.body.id}/publish`, {});
    expect(published.body).toMatchObject({ status: 'PUBLISHED', violations: [] });

    const later = await matterAt(platform, 'RESOLVE');
    expect((await read(later)).rules.ruleSetId).toBe(published.body.id);
    expect((await read(running)).rules.ruleSetId).not.toBe(published.body.id);
    expectRefused(await post(SECRETARY, later, 'resolution-meeting', householdsOnly()), 422, 'RULE_BROKEN', 'majorMatterDecision.villagersQuorumBasis');
    expect((await post(SECRETARY, running, 'resolution-meeting', householdsOnly())).body.step).toBe('RESOLUTION_DISCLOSURE');
    // More than half of all: 35 for of 45 representatives passes; 20 for of 45 (of 25 present) fails under the new rule only.
    const strict = await post(SECRETARY, later, 'resolution-meeting', representatives({ present: 30, votesFor: 20, votesAgainst: 10, abstentions: 0 }));
    expect(strict.body).toMatchObject({ step: 'PROPOSE' });
    expect(strict.body.details.returns[0].reasons).toContain('20 for of 45 entitled to attend');
  });
});
