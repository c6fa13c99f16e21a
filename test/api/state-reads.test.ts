// State reads come from the read model (what every step publishes before it answers), never from
// the worker or its cache: the same state the step answered and the workflow holds, as fast with
// the worker stopped or its cache cold; `Cache-Control: no-cache` asks the workflow itself.
import { getDispatch, getVillageTask } from '../../workflows/taskDispatch/contract';
import { DATABASES, eventually, startPlatform, type ApiResponse, type TestPlatform } from '../support/platform';
import { AUDITOR, dispatchAt, DISPATCHER, REVIEWER, SECRETARY, villageTaskAt } from '../support/scenarios';

const READ_MS = 2_000;
const LIVE = { 'cache-control': 'no-cache' };

jest.setTimeout(120_000);

describe.each(DATABASES)('on %s', (database) => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startPlatform(database, { bounds: { readMs: READ_MS, retryAfterSeconds: 2 } });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const read = async (url: string, headers: Record<string, string> = {}): Promise<[ApiResponse, number]> => {
    const started = Date.now();
    const response = await platform.api(AUDITOR, 'GET', url, undefined, headers);
    expect(response.status).toBe(200);
    return [response, Date.now() - started];
  };
  const source = (response: ApiResponse) => response.headers.get('x-state-source');

  test("after a step, a GET answers the step's own state from the read model: the workflow's state, at its revision", async () => {
    const task = await villageTaskAt(platform, 'RECEIVE');
    const received = await platform.api(SECRETARY, 'POST', `/village-tasks/${task}/receive`);
    expect(received.body.step).toBe('ASSIGN');

    const [stored] = await read(`/village-tasks/${task}`);
    expect(source(stored)).toBe('read-model');
    expect(new Date(stored.headers.get('last-modified')!).getTime()).toBeGreaterThan(0);
    expect(stored.body).toEqual(received.body);
    expect(stored.body.revision).toBeGreaterThan(0);
    expect(await platform.temporal.workflow.getHandle(task).query(getVillageTask)).toEqual(stored.body);

    const [live] = await read(`/village-tasks/${task}`, LIVE);
    expect(source(live)).toBe('temporal');
    expect(live.body).toEqual(stored.body);
    const unbounded = await platform.api(AUDITOR, 'GET', `/village-tasks/${task}`, undefined, { 'cache-control': 'x'.repeat(201) });
    expect({ status: unbounded.status, code: unbounded.body.code }).toEqual({ status: 400, code: 'INVALID_REQUEST' });

    // The dispatch publishes the village's move when its signal arrives: then its read model and its workflow agree.
    const dispatchId = task.split('--')[0];
    let seen: unknown;
    await eventually(
      async () => {
        const [dispatch] = await read(`/dispatches/${dispatchId}`);
        seen = { revision: dispatch.body.revision, villages: dispatch.body.details.villages };
        if (dispatch.body.details.villages[0].step !== 'ASSIGN') return undefined;
        expect(source(dispatch)).toBe('read-model');
        const { screeningFlags, ...state } = dispatch.body;
        expect(screeningFlags).toEqual([]);
        expect(await platform.temporal.workflow.getHandle(dispatchId).query(getDispatch)).toEqual(state);
        return true;
      },
      60_000,
      () => seen,
    );
  });

  test('with the worker stopped a GET answers at once from the read model; after a restart (cold cache) too, and the next step replays and publishes', async () => {
    const task = await villageTaskAt(platform, 'ASSIGN');
    const [before] = await read(`/village-tasks/${task}`);
    await platform.stopWorker();
    try {
      const [stopped, took] = await read(`/village-tasks/${task}`);
      expect(source(stopped)).toBe('read-model');
      expect(stopped.body).toEqual(before.body);
      expect(took).toBeLessThan(READ_MS);

      // Asked for the workflow's own answer, nobody answers: the read model does, once the query's deadline passed.
      const [fallback, waited] = await read(`/village-tasks/${task}`, LIVE);
      expect(source(fallback)).toBe('read-model');
      expect(fallback.body).toEqual(before.body);
      expect(waited).toBeGreaterThanOrEqual(READ_MS - 100);
    } finally {
      await platform.startWorker();
    }

    const [cold, took] = await read(`/village-tasks/${task}`);
    expect(source(cold)).toBe('read-model');
    expect(cold.body).toEqual(before.body);
    expect(took).toBeLessThan(READ_MS);

    const assigned = await eventually(async () => {
      const answer = await platform.api(SECRETARY, 'POST', `/village-tasks/${task}/assign`, { personIds: ['p.qiaotou.dongshan.cadre1'] });
      return answer.status === 200 ? answer : undefined;
    });
    const [after] = await read(`/village-tasks/${task}`);
    expect(after.body).toEqual(assigned.body);
    expect(after.body.revision).toBeGreaterThan(before.body.revision);
  });

  test('a process reads as it stood at any instant (`?at=`): before a step, after it, and not before it began', async () => {
    const before = new Date().toISOString();
    const id = await dispatchAt(platform, 'REVIEW');
    const inReview = new Date().toISOString();
    expect((await platform.api(REVIEWER, 'POST', `/dispatches/${id}/review`, { decision: 'RETURN', reasons: '要求不够具体' })).status).toBe(200);
    const [now] = await read(`/dispatches/${id}`);
    const [then] = await read(`/dispatches/${id}?at=${encodeURIComponent(inReview)}`);
    expect([now.body.step, then.body.step]).toEqual(['REVISION', 'REVIEW']);
    expect(then.body.record.map((r: { step: string }) => r.step)).not.toContain('REVIEW');
    expect(then.body.revision).toBeLessThan(now.body.revision);
    const [later] = await read(`/dispatches/${id}?at=${encodeURIComponent(new Date().toISOString())}`);
    expect(later.body).toEqual(now.body);
    expect((await platform.api(AUDITOR, 'GET', `/dispatches/${id}?at=${encodeURIComponent(before)}`)).status).toBe(404);
  });

  test('an ended process reads as final from the read model', async () => {
    const id = await dispatchAt(platform, 'REVIEW');
    const withdrawn = await platform.api(DISPATCHER, 'POST', `/dispatches/${id}/withdraw`, { reason: '任务取消' });
    expect(withdrawn.body).toMatchObject({ status: 'WITHDRAWN', step: 'CLOSED' });
    const [closed] = await read(`/dispatches/${id}`);
    expect(source(closed)).toBe('read-model; closed');
    expect(closed.body).toEqual(withdrawn.body);
  });

  test('a read model that lost a process (restored from an older backup) gets its whole state back at the next step', async () => {
    const task = await villageTaskAt(platform, 'RECEIVE');
    // The task may be read from the workflow before its first publication reaches the read model.
    await eventually(() => platform.db.processRecord.findUnique({ where: { workflowId: task } }).then((row) => row ?? undefined));
    await platform.db.processRecord.delete({ where: { workflowId: task } });
    // The step's change has no base to apply to (READ_MODEL_BEHIND): the workflow publishes its whole state instead.
    const received = await platform.api(SECRETARY, 'POST', `/village-tasks/${task}/receive`);
    expect({ status: received.status, step: received.body.step }).toEqual({ status: 200, step: 'ASSIGN' });
    const [stored] = await read(`/village-tasks/${task}`);
    expect(source(stored)).toBe('read-model');
    expect(stored.body).toEqual(await platform.temporal.workflow.getHandle(task).query(getVillageTask));
  });
});
