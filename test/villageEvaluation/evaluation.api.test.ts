// 一季一评比 through the REST API: Qiaotou's quarter for Dongshan and Nantang, every step with known
// outcomes (figures from the record, marks, totals, ranking, a dispute answered, an objection, close),
// and the refusals: wrong role, wrong order, a mark outside its bounds. Months last a second here.
import { startPlatform, type TestPlatform } from '../support/platform';
import {
  AGRICULTURE_DISPATCHER,
  CIVIL_DISPATCHER,
  DONGSHAN,
  freshQuarter,
  LEADER,
  listBody,
  LOW_INCOME,
  markAll,
  NANTANG,
  ok,
  REVIEWER,
  SECRETARY,
  TOWN,
  until,
  UPKEEP,
} from './scenarios';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startPlatform('sqlite');
});
afterAll(async () => {
  await platform?.stop();
});

function expectProblem(response: { status: number; body: any }, status: number, code: string, rule?: string) {
  expect({ status: response.status, code: response.body?.code, ...(rule && { rule: response.body?.rule }) }).toEqual({ status, code, ...(rule && { rule }) });
}

/** Village tasks the read model holds for the quarter: Dongshan one on time (reworked once) and one open past its deadline; Nantang one late. */
async function villageTasks(): Promise<void> {
  const now = new Date();
  const row = (workflowId: string, villageId: string, status: string, overdue: boolean, deadline: Date, reworkRounds: number) => ({
    workflowId,
    processType: 'villageTask',
    countyId: 'xingcun',
    townId: TOWN,
    villageId,
    title: workflowId,
    step: status === 'RUNNING' ? 'IN_PROGRESS' : 'CLOSED',
    status,
    overdue,
    startedAt: now,
    updatedAt: now,
    state: JSON.stringify({ details: { deadline: deadline.toISOString(), reworkRounds } }),
  });
  const day = 86_400_000;
  await platform.db.processRecord.createMany({
    data: [
      row('villageTask-evaluation-1', DONGSHAN, 'COMPLETED', false, new Date(now.getTime() + day), 1),
      row('villageTask-evaluation-2', DONGSHAN, 'RUNNING', true, new Date(now.getTime() - day), 0),
      row('villageTask-evaluation-3', NANTANG, 'COMPLETED', false, new Date(now.getTime() - day), 0),
    ],
  });
}

test("a town's quarter: list, reminders, marks, ranking, a dispute, signatures, an objection, rewards and a yellow card", async () => {
  const quarter = freshQuarter();
  const started = await ok(platform.api(CIVIL_DISPATCHER, 'POST', '/evaluations', listBody(quarter)));
  await villageTasks();
  const id: string = started.workflowId;
  expect(id).toBe(`villageEvaluation-${TOWN}-${quarter}`);
  expect(started.details.items).toEqual([
    { code: LOW_INCOME, name: '最低生活保障申请受理', weight: 60, departmentId: 'xingcun.dept.civil-affairs' },
    { code: UPKEEP, name: '村庄环境卫生和人居环境日常管护', weight: 40, departmentId: 'xingcun.dept.agriculture-rural' },
  ]);

  // Wrong order: no marks during the quarter.
  const early = await platform.api(CIVIL_DISPATCHER, 'POST', `/evaluations/${id}/marks`, {
    marks: [{ villageId: DONGSHAN, code: LOW_INCOME, mark: 90, reason: '早' }],
  });
  expectProblem(early, 409, 'WRONG_STEP', 'process.atStep');

  const marking = await until(platform, id, (v) => v.step === 'MARKING');
  expect(marking.record.filter((r: any) => r.step === 'REMINDER').length).toBeGreaterThanOrEqual(1);
  expect(marking.details.figures).toEqual([
    { villageId: DONGSHAN, onTime: 1, overdue: 1, reworked: 1 },
    { villageId: NANTANG, onTime: 0, overdue: 1, reworked: 0 },
  ]);
  const notices = await platform.api(SECRETARY[DONGSHAN], 'GET', '/me/notifications');
  expect(JSON.stringify(notices.body)).toContain('一月一提示');

  // Wrong role, another department's item, a mark outside its bounds.
  const mark = { villageId: DONGSHAN, code: LOW_INCOME, mark: 90, reason: '受理及时' };
  expectProblem(await platform.api(SECRETARY[NANTANG], 'POST', `/evaluations/${id}/marks`, { marks: [mark] }), 403, 'NOT_AUTHORISED', 'process.by');
  expectProblem(await platform.api(AGRICULTURE_DISPATCHER, 'POST', `/evaluations/${id}/marks`, { marks: [mark] }), 403, 'WRONG_ORGANISATION', 'process.by');
  expectProblem(
    await platform.api(CIVIL_DISPATCHER, 'POST', `/evaluations/${id}/marks`, { marks: [{ ...mark, mark: 101 }] }),
    422,
    'RULE_BROKEN',
    'villageEvaluation.topMark',
  );

  await markAll(platform, id);
  expectProblem(await platform.api(LEADER, 'POST', `/evaluations/${id}/evaluation`, {}), 403, 'NOT_AUTHORISED', 'process.by');
  const evaluated = await ok(platform.api(REVIEWER, 'POST', `/evaluations/${id}/evaluation`, { comment: '按权重计分' }));
  expect(evaluated.step).toBe('CONFIRMATION');
  expect(evaluated.details.evaluation.standings).toEqual([
    { villageId: DONGSHAN, total: 8600, rank: 1, tieBroken: false, reward: 20000, yellowCard: false },
    { villageId: NANTANG, total: 5400, rank: 2, tieBroken: false, yellowCard: true },
  ]);

  // Nantang disputes its civil-affairs mark; it cannot sign while the dispute is open; the town corrects the mark.
  await ok(platform.api(LEADER, 'POST', `/evaluations/${id}/signatures`, {}));
  await ok(
    platform.api(SECRETARY[NANTANG], 'POST', `/evaluations/${id}/disputes`, { villageId: NANTANG, code: LOW_INCOME, reason: '入户调查记录已在系统补录' }),
  );
  expectProblem(
    await platform.api(SECRETARY[NANTANG], 'POST', `/evaluations/${id}/signatures`, { villageId: NANTANG }),
    409,
    'WRONG_STEP',
    'villageEvaluation.disputesAnswered',
  );
  const answered = await ok(
    platform.api(REVIEWER, 'POST', `/evaluations/${id}/dispute-answers`, { dispute: 1, answer: '经核实记录已补录，改为 70 分', mark: 70 }),
  );
  expect(answered.details.evaluation.standings.map((s: any) => [s.villageId, s.total, s.rank, s.yellowCard])).toEqual([
    [DONGSHAN, 8600, 1, false],
    [NANTANG, 6600, 2, false],
  ]);
  expect(answered.details.signatures).toEqual([]);
  for (const [who, body] of [
    [LEADER, {}],
    [SECRETARY[DONGSHAN], { villageId: DONGSHAN }],
    [SECRETARY[NANTANG], { villageId: NANTANG }],
  ] as const)
    await ok(platform.api(who, 'POST', `/evaluations/${id}/signatures`, body));
  expectProblem(await platform.api(LEADER, 'POST', `/evaluations/${id}/signatures`, {}), 409, 'WRONG_STEP', 'process.atStep');

  // Public notice: an objection holds the close until it is answered.
  await ok(platform.api('p.qiaotou.nantang.villager', 'POST', `/evaluations/${id}/objections`, { villageId: NANTANG, text: '东山村保洁评分偏高' }));
  await new Promise((r) => setTimeout(r, 3500));
  expect((await platform.api(REVIEWER, 'GET', `/evaluations/${id}`)).body.step).toBe('PUBLIC_NOTICE');
  await ok(platform.api(REVIEWER, 'POST', `/evaluations/${id}/objection-answers`, { objection: 1, answer: '保洁评分有现场照片和巡查记录为据，维持' }));
  const closed = await until(platform, id, (v) => v.status !== 'RUNNING');
  expect(closed.outcome).toEqual({ status: 'COMPLETED', reason: 'Evaluated and posted; 1 rewarded, 0 warned' });
  expect(closed.record.map((r: any) => r.step).filter((s: string) => s !== 'REMINDER')).toEqual([
    'LIST',
    'QUARTER_ENDED',
    'MARK',
    'MARK',
    'EVALUATION',
    'SIGNATURE',
    'DISPUTE',
    'DISPUTE_ANSWER',
    'SIGNATURE',
    'SIGNATURE',
    'SIGNATURE',
    'OBJECTION',
    'OBJECTION_ANSWER',
    'CLOSE',
  ]);
  await platform.recordHistory(id, 'evaluation-quarter');

  // The next quarter's list is measured against this one.
  const next = `${quarter.slice(0, 4)}-Q${Number(quarter.slice(6)) + 1}`;
  if (next.endsWith('Q5')) return;
  const following = await ok(
    platform.api(CIVIL_DISPATCHER, 'POST', '/evaluations', {
      ...listBody(next),
      items: [{ code: LOW_INCOME, weight: 100 }],
      departmentIds: ['xingcun.dept.civil-affairs'],
    }),
  );
  expect(following.details.previousListSize).toBe(2);
});

test('a list is checked at the door: the catalogue in force, the weights, the departments', async () => {
  const post = (body: object) => platform.api(CIVIL_DISPATCHER, 'POST', '/evaluations', { ...listBody(), ...body });
  expectProblem(await post({ items: [{ code: 'XC-NOPE-999', weight: 100 }], departmentIds: ['xingcun.dept.civil-affairs'] }), 422, 'INVALID_INPUT');
  expectProblem(
    await post({
      items: [
        { code: LOW_INCOME, weight: 50 },
        { code: UPKEEP, weight: 40 },
      ],
    }),
    422,
    'RULE_BROKEN',
    'villageEvaluation.weights',
  );
  expectProblem(await post({ departmentIds: ['xingcun.dept.civil-affairs'] }), 422, 'INVALID_INPUT');
  expectProblem(await platform.api(REVIEWER, 'POST', '/evaluations', listBody()), 403, 'NOT_AUTHORISED');
});
