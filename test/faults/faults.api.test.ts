// Faults and retries through the API, with a real worker stopped and restarted (loopback only):
// bounded answers, stale reads from the read model, idempotency keys, concurrent duplicates.
import { DATABASES, eventually, startPlatform, type ApiResponse, type TestPlatform } from '../support/platform';
import { AUDITOR, DISPATCHER, DONGSHAN, dispatchContent, REVIEWER, SECRETARY } from '../support/scenarios';

const CADRE = 'p.qiaotou.dongshan.cadre1';
const STEP_MS = 4_000;
const READ_MS = 1_500;
const stepsOf = (view: { record: { step: string }[] }) => view.record.map((r) => r.step);

jest.setTimeout(120_000);

describe.each(DATABASES)('on %s', (database) => {
  let platform: TestPlatform;
  let counter = 0;

  beforeAll(async () => {
    platform = await startPlatform(database, { bounds: { stepMs: STEP_MS, readMs: READ_MS, retryAfterSeconds: 2 } });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const content = dispatchContent;

  const startBody = (overrides: Record<string, unknown> = {}) => ({
    requestId: `f-${Date.now()}-${++counter}`,
    townId: 'xingcun.qiaotou',
    content: content(),
    ...overrides,
  });

  /** A dispatch approved for Dongshan: its village task id, once open. */
  let tasksOpened = 0;
  async function openVillageTask(code = `XC-ASSIST-0${11 + tasksOpened++}`): Promise<string> {
    const started = await platform.api(DISPATCHER, 'POST', '/dispatches', startBody({ content: content({ screeningCode: code }) }));
    expect(started.status).toBe(201);
    const approved = await platform.api(REVIEWER, 'POST', `/dispatches/${started.body.workflowId}/review`, { decision: 'APPROVE' });
    expect(approved.body.step).toBe('IN_VILLAGES');
    const task = approved.body.details.villages[0].workflowId as string;
    await eventually(async () =>
      (await platform.api(AUDITOR, 'GET', `/village-tasks/${task}`)).body.record?.some((r: { step: string }) => r.step === 'DISPATCHED') ? true : undefined,
    );
    return task;
  }

  function expectProblem(response: ApiResponse, status: number, code: string) {
    expect(response.contentType).toContain('application/problem+json');
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
  }

  const timed = async <T>(call: () => Promise<T>): Promise<[T, number]> => {
    const started = Date.now();
    const result = await call();
    return [result, Date.now() - started];
  };

  describe('with the worker stopped', () => {
    test('/healthz says no worker polls; a step answers 503 + Retry-After in bounded time and is applied once when the worker is back; a state read comes from the read model, marked', async () => {
      const task = await openVillageTask();
      expect(await platform.api(undefined, 'GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok', worker: true } });
      await platform.stopWorker();
      try {
        const health = await eventually(async () => {
          const answer = await platform.api(undefined, 'GET', '/healthz');
          return answer.body.worker === false ? answer : undefined;
        }, 15_000);
        expect(health).toMatchObject({ status: 503, body: { status: 'degraded', temporal: true, database: true, worker: false } });

        const key = { 'idempotency-key': `receive-${task.slice(-12)}-${counter}` };
        const [refused, took] = await timed(() => platform.api(SECRETARY, 'POST', `/village-tasks/${task}/receive`, undefined, key));
        expectProblem(refused, 503, 'STEP_NOT_CONFIRMED');
        expect(refused.headers.get('retry-after')).toBe('2');
        expect(refused.body).toMatchObject({ applied: 'PENDING', retryAfter: 2 });
        expect(took).toBeLessThan(STEP_MS + 1_500);

        const [stale, readTook] = await timed(() => platform.api(AUDITOR, 'GET', `/village-tasks/${task}`));
        expect(stale.status).toBe(200);
        expect(stale.headers.get('x-state-source')).toBe('read-model');
        expect(stale.headers.get('last-modified')).toBeTruthy();
        expect(stale.body).toMatchObject({ workflowId: task, step: 'RECEIVE' });
        expect(readTook).toBeLessThan(READ_MS + 1_500);

        const [unscreened, startTook] = await timed(() => platform.api(DISPATCHER, 'POST', '/dispatches', startBody()));
        expectProblem(unscreened, 503, 'STEP_NOT_CONFIRMED');
        expect(unscreened.body.applied).toBe('STARTED');
        expect(startTook).toBeLessThan(STEP_MS + 1_500);
      } finally {
        await platform.startWorker();
      }

      // Temporal held the admitted step: the worker applies it once, without any retry.
      const received = await eventually(async () => {
        const view = await platform.api(AUDITOR, 'GET', `/village-tasks/${task}`, undefined, { 'cache-control': 'no-cache' });
        return view.body.step === 'ASSIGN' && view.headers.get('x-state-source') === 'temporal' ? view.body : undefined;
      });
      expect(stepsOf(received)).toEqual(['DISPATCHED', 'RECEIVE']);
      await eventually(async () => ((await platform.api(undefined, 'GET', '/healthz')).body.worker ? true : undefined), 15_000);
    });
  });

  describe('idempotency keys', () => {
    test('a step retried with its key returns the first outcome and records once; the key with another body is 409', async () => {
      const task = await openVillageTask();
      const key = { 'idempotency-key': `receive-once-${counter}` };
      const first = await platform.api(SECRETARY, 'POST', `/village-tasks/${task}/receive`, undefined, key);
      expect(first.body.step).toBe('ASSIGN');
      const again = await platform.api(SECRETARY, 'POST', `/village-tasks/${task}/receive`, undefined, key);
      expect(again.status).toBe(200);
      expect(again.body.record).toEqual(first.body.record);
      // Without the key, a second receipt is a new request, refused as out of order.
      expectProblem(await platform.api(SECRETARY, 'POST', `/village-tasks/${task}/receive`), 409, 'WRONG_STEP');

      const assignKey = { 'idempotency-key': `assign-once-${counter}` };
      const assigned = await platform.api(SECRETARY, 'POST', `/village-tasks/${task}/assign`, { personIds: [CADRE] }, assignKey);
      expect(assigned.body.step).toBe('IN_PROGRESS');
      const reused = await platform.api(SECRETARY, 'POST', `/village-tasks/${task}/assign`, { personIds: ['p.qiaotou.dongshan.grid1'] }, assignKey);
      expectProblem(reused, 409, 'IDEMPOTENCY_KEY_REUSED');
      // The same key on another step is another request too.
      expectProblem(await platform.api(SECRETARY, 'POST', `/village-tasks/${task}/receive`, undefined, assignKey), 409, 'IDEMPOTENCY_KEY_REUSED');
      // The key belongs to its person: another person's same key is theirs.
      expectProblem(await platform.api(CADRE, 'POST', `/village-tasks/${task}/assign`, { personIds: [CADRE] }, assignKey), 403, 'NOT_AUTHORISED');

      const view = (await platform.api(AUDITOR, 'GET', `/village-tasks/${task}`)).body;
      expect(stepsOf(view)).toEqual(['DISPATCHED', 'RECEIVE', 'ASSIGN']);
    });

    test('a refused step retried with its key gets the same refusal, on the audit log once', async () => {
      const task = await openVillageTask();
      for (const [person, status, code] of [
        [CADRE, 403, 'NOT_AUTHORISED'],
        // To a secretary of another village the task is not there: the same with the key.
        ['p.qiaotou.nantang.secretary', 404, 'NOT_FOUND'],
      ] as const) {
        const key = { 'x-request-id': `refused-${person}-${Date.now()}` };
        const first = await platform.api(person, 'POST', `/village-tasks/${task}/receive`, undefined, key);
        expectProblem(first, status, code);
        const again = await platform.api(person, 'POST', `/village-tasks/${task}/receive`, undefined, key);
        expect(again.body).toEqual(first.body);
        const logged = await platform.db.refusedAttempt.findMany({ where: { requestId: key['x-request-id'] } });
        expect(logged).toHaveLength(1);
      }
    });

    test('a start request id reused with another body is 409; repeated exactly, it finds the first process', async () => {
      const body = startBody();
      const first = await platform.api(DISPATCHER, 'POST', '/dispatches', body);
      expect(first.status).toBe(201);
      const repeated = await platform.api(DISPATCHER, 'POST', '/dispatches', body);
      expect(repeated).toMatchObject({ status: 200, body: { workflowId: first.body.workflowId } });
      const changed = await platform.api(DISPATCHER, 'POST', '/dispatches', { ...body, content: content({ title: '另一项任务' }) });
      expectProblem(changed, 409, 'IDEMPOTENCY_KEY_REUSED');
      const admission = {
        requestId: `adm-${Date.now()}`,
        departmentId: 'xingcun.dept.civil-affairs',
        application: {
          title: '农村留守老人关爱走访',
          proposedCode: 'XC-ASSIST-951',
          kind: 'ASSIST',
          whyVillages: '村干部最熟悉留守老人情况',
          legalBasis: '《老年人权益保障法》第四十七条',
          expectedLoad: '每村每月约4小时',
          durationMonths: 12,
          subItems: ['季度走访'],
          scope: 'CATALOGUE',
        },
      };
      const applicant = 'p.dept.civil-affairs.dispatcher';
      expect((await platform.api(applicant, 'POST', '/admissions', admission)).status).toBe(201);
      expect((await platform.api(applicant, 'POST', '/admissions', admission)).status).toBe(200);
      expectProblem(
        await platform.api(applicant, 'POST', '/admissions', { ...admission, application: { ...admission.application, durationMonths: 6 } }),
        409,
        'IDEMPOTENCY_KEY_REUSED',
      );
    });
  });

  describe('concurrent duplicates', () => {
    test('two dispatches of one code to one village submitted at once flag each other, each on its record; approval needs a comment; the claim lapses when they close', async () => {
      const code = 'XC-ASSIST-007';
      const both = await Promise.all(
        [1, 2].map(() => platform.api(DISPATCHER, 'POST', '/dispatches', startBody({ content: content({ screeningCode: code }) }))),
      );
      expect(both.map((r) => r.status)).toEqual([201, 201]);
      const [a, b] = both.map((r) => r.body);
      const flags = (view: any): string[] => view.details.screening?.duplicates.map((d: { workflowId: string }) => d.workflowId.split('--')[0]) ?? [];
      // Whatever the interleaving, each ends up flagging the other (the one screened first learns it from the second).
      const read = (id: string) => platform.api(AUDITOR, 'GET', `/dispatches/${id}`);
      const [seenA, seenB] = await Promise.all(
        [
          [a, b],
          [b, a],
        ].map(([view, other]) =>
          eventually(async () => {
            const now = (await read(view.workflowId)).body;
            return now.step === 'REVIEW' && flags(now).includes(other.workflowId) ? now : undefined;
          }, 15_000),
        ),
      );
      for (const [view, other] of [
        [seenA, b],
        [seenB, a],
      ]) {
        expect(flags(view)).toEqual([other.workflowId]);
        expect(view.screeningFlags).toContain('DUPLICATE');
      }
      // The one that learnt it by report says so on its record: from whom, under which rule.
      const reported = [seenA, seenB].flatMap((v) => v.record.filter((r: { step: string }) => r.step === 'DUPLICATE_FLAGGED'));
      for (const entry of reported)
        expect(entry).toMatchObject({ rule: expect.stringContaining('flag each other'), data: { reportedBy: expect.stringMatching(/^dispatch-/) } });
      for (const view of [seenA, seenB])
        expectProblem(await platform.api(REVIEWER, 'POST', `/dispatches/${view.workflowId}/review`, { decision: 'APPROVE' }), 422, 'DUPLICATE');

      for (const view of [seenA, seenB]) {
        const withdrawn = await platform.api(DISPATCHER, 'POST', `/dispatches/${view.workflowId}/withdraw`, { reason: '重复派单' });
        expect(withdrawn.body.status).toBe('WITHDRAWN');
      }
      const third = await platform.api(DISPATCHER, 'POST', '/dispatches', startBody({ content: content({ screeningCode: code }) }));
      expect(third.body.details.screening.duplicates).toEqual([]);
    });
    test('a dispatch submitted later flags the earlier one too, which then needs a comment to approve; a report from a dispatch with no such claim is ignored', async () => {
      const code = 'XC-ASSIST-009';
      const first = (await platform.api(DISPATCHER, 'POST', '/dispatches', startBody({ content: content({ screeningCode: code }) }))).body;
      expect(first).toMatchObject({ step: 'REVIEW', details: { screening: { duplicates: [] } } });
      const forged = { dispatchWorkflowId: 'dispatch-xingcun.qiaotou-forged-1', countyId: 'xingcun', screeningCode: code, villageIds: [DONGSHAN] };
      await platform.temporal.workflow.getHandle(first.workflowId).signal('duplicateReported', forged);

      const second = (await platform.api(DISPATCHER, 'POST', '/dispatches', startBody({ content: content({ screeningCode: code }) }))).body;
      expect(second.details.screening.duplicates).toEqual([{ villageId: DONGSHAN, workflowId: first.workflowId }]);
      const flagged = await eventually(async () => {
        const now = (await platform.api(AUDITOR, 'GET', `/dispatches/${first.workflowId}`)).body;
        return now.details.screening.duplicates.length ? now : undefined;
      }, 15_000);
      expect(flagged.details.screening.duplicates).toEqual([{ villageId: DONGSHAN, workflowId: second.workflowId }]);
      expect(flagged.screeningFlags).toContain('DUPLICATE');
      expect(stepsOf(flagged)).toEqual(['SUBMIT', 'SCREEN', 'DUPLICATE_FLAGGED']);
      expect(flagged.record[2]).toMatchObject({
        rule: expect.stringContaining('flag each other'),
        summary: expect.stringContaining(second.workflowId),
        data: { reportedBy: second.workflowId },
      });

      const bare = await platform.api(REVIEWER, 'POST', `/dispatches/${first.workflowId}/review`, { decision: 'APPROVE' });
      expectProblem(bare, 422, 'DUPLICATE');
      expect(bare.body.detail).toContain(second.workflowId);
      const approved = await platform.api(REVIEWER, 'POST', `/dispatches/${first.workflowId}/review`, { decision: 'APPROVE', comment: '第二单将撤回' });
      expect(approved.body.step).toBe('IN_VILLAGES');
      expect((await platform.api(DISPATCHER, 'POST', `/dispatches/${second.workflowId}/withdraw`, { reason: '重复派单' })).body.status).toBe('WITHDRAWN');
    });
  });

  describe('a village task just approved', () => {
    test('receipts sent the moment the dispatch is approved answer 200 or 409 NOT_YET_OPEN, never a 500', async () => {
      const villages = ['xingcun.qiaotou.dongshan', 'xingcun.qiaotou.nantang', 'xingcun.qiaotou.xixi', 'xingcun.qiaotou.beiling'];
      const started = await platform.api(
        DISPATCHER,
        'POST',
        '/dispatches',
        startBody({ content: content({ screeningCode: 'XC-ASSIST-008', villageIds: villages }) }),
      );
      const approved = await platform.api(REVIEWER, 'POST', `/dispatches/${started.body.workflowId}/review`, { decision: 'APPROVE' });
      const tasks: { villageId: string; workflowId: string }[] = approved.body.details.villages;
      const answers = await Promise.all(
        tasks.map((t) => platform.api(`p.qiaotou.${t.villageId.split('.').pop()}.secretary`, 'POST', `/village-tasks/${t.workflowId}/receive`)),
      );
      for (const answer of answers) {
        if (answer.status === 200) expect(answer.body.step).toBe('ASSIGN');
        else expectProblem(answer, 409, 'NOT_YET_OPEN');
      }
    });
  });
});
