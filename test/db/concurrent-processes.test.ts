// The API and the worker as separate processes on one database, as `npm run api` and `npm run worker`
// run them, under many processes stepped at once by several callers: every process completes, every
// step is recorded once, and no caller ever sees the database busy (SQLITE_BUSY, a 500 or a 503).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { signToken } from '../../api/auth';
import { createPrismaClient, type Db } from '../../prisma/client';
import { sqliteFilePath } from '../../prisma/database-url';
import { migrateDeploy } from '../../prisma/migrate';
import { tokenClaimsFor } from '../../domain/identity';
import { seedDemoCounty } from '../../prisma/seed';
import { processRegistry } from '../../processes';
import { DATABASES, eventually } from '../support/platform';
import { freePort, startPostgres } from '../support/postgres';

const ROOT = path.resolve(__dirname, '../..');
const JWT_SECRET = 'concurrency-test-secret-concurrency-test';
/** Dispatches driven at once, each to every village below: 5 processes apiece (LOAD_DISPATCHES to raise it). */
const DISPATCHES = Number(process.env.LOAD_DISPATCHES ?? 6);
/** Rounds of that load on the same API and worker, one after another (LOAD_ROUNDS=10 while developing). */
const ROUNDS = Number(process.env.LOAD_ROUNDS ?? 1);
const VILLAGES = ['dongshan', 'nantang', 'xixi', 'beiling'];
const VILLAGE_STEPS = ['DISPATCHED', 'RECEIVE', 'ASSIGN', 'REPORT', 'COMPLETE', 'ACCEPT'];
const LOCK_TROUBLE = /SQLITE_BUSY|database is locked|P1008|P2028|Operation has timed out|Unable to start a transaction/;
const DISPATCHER = 'p.qiaotou.dispatcher';
const REVIEWER = 'p.qiaotou.reviewer';

interface Started {
  name: string;
  child: ChildProcess;
  output: string[];
}

function start(name: string, entry: string, env: Record<string, string>): Started {
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [entry], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return { name, child, output };
}

async function stop({ child }: Started): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(killer);
}

async function freshDatabase(database: string): Promise<{ url: string; stop(): Promise<void> }> {
  if (database === 'sqlite') return { url: `file:${path.join(process.env.TEST_TMP!, `${randomUUID()}.db`)}`, stop: async () => {} };
  const pg = await startPostgres();
  if (!pg) throw new Error('PostgreSQL is required here but no server could be started.');
  return pg;
}

describe.each(DATABASES)('API and worker as separate processes on %s', (database) => {
  let store: { url: string; stop(): Promise<void> };
  let db: Db;
  let api: Started;
  let worker: Started;
  let baseUrl: string;
  const tokens = new Map<string, string>();
  const statuses: { status: number; call: string; body: string }[] = [];
  let refusalsMade = 0;

  beforeAll(async () => {
    store = await freshDatabase(database);
    await migrateDeploy(store.url);
    db = createPrismaClient(store.url);
    await seedDemoCounty(db, processRegistry);
    const port = await freePort();
    const env = {
      DATABASE_URL: store.url,
      TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS!,
      TASK_QUEUE: `load-${randomUUID()}`,
      JWT_SECRET,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      WORKFLOW_BUNDLE: process.env.TEST_WORKFLOW_BUNDLE!,
    };
    worker = start('worker', 'worker/main.ts', env);
    api = start('api', 'api/main.ts', env);
    baseUrl = `http://127.0.0.1:${port}`;
    await eventually(async () => ((await fetch(`${baseUrl}/healthz`).catch(() => undefined))?.status === 200 ? true : undefined), 60_000);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([api, worker].filter(Boolean).map(stop));
    await db?.$disconnect();
    await store?.stop();
  });

  async function call(person: string, method: 'GET' | 'POST', url: string, body?: unknown): Promise<{ status: number; body: any }> {
    if (!tokens.has(person)) tokens.set(person, signToken((await tokenClaimsFor(db, person))!, JWT_SECRET));
    const response = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(person)}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    statuses.push({ status: response.status, call: `${method} ${url}`, body: text.slice(0, 300) });
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  async function step(person: string, url: string, body?: unknown, expected = 200): Promise<any> {
    const response = await call(person, 'POST', url, body);
    if (response.status !== expected) throw new Error(`${person} POST ${url}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  /** A refused step: a 403, or a 404 to one who may not read the process. */
  async function refused(person: string, url: string, body: unknown, status = 403): Promise<void> {
    await step(person, url, body, status);
    refusalsMade++;
  }

  async function villageTask(village: string, workflowId: string): Promise<void> {
    const secretary = `p.qiaotou.${village}.secretary`;
    const cadre = `p.qiaotou.${village}.cadre1`;
    // As a secretary learns of a task: from their inbox, which the task's opening publication fills.
    const inInbox = async () =>
      ((await call(secretary, 'GET', '/me/inbox')).body as { workflowId: string; action: string }[]).some(
        (i) => i.workflowId === workflowId && i.action === 'receive',
      );
    await eventually(async () => ((await inInbox()) ? true : undefined), 60_000);
    await step(secretary, `/village-tasks/${workflowId}/receive`);
    await step(secretary, `/village-tasks/${workflowId}/assign`, { personIds: [cadre, `p.qiaotou.${village}.grid1`] });
    await step(cadre, `/village-tasks/${workflowId}/progress-reports`, { items: [{ text: '摸排登记', done: true }] });
    await step(cadre, `/village-tasks/${workflowId}/complete`, { summary: '已办结', evidenceRefs: ['doc://roster'] });
    await refused(REVIEWER, `/village-tasks/${workflowId}/acceptance`, { decision: 'ACCEPT' });
    await step(DISPATCHER, `/village-tasks/${workflowId}/acceptance`, { decision: 'ACCEPT' });
  }

  async function dispatchToAcceptance(i: number): Promise<{ dispatch: string; tasks: string[] }> {
    const started = await step(
      DISPATCHER,
      '/dispatches',
      {
        requestId: `load-${i}-${randomUUID().slice(0, 8)}`,
        townId: 'xingcun.qiaotou',
        content: {
          title: `并发验收 第${i + 1}批`,
          screeningCode: `XC-ASSIST-${String((i % 15) + 1).padStart(3, '0')}`,
          villageIds: VILLAGES.map((v) => `xingcun.qiaotou.${v}`),
          requirements: '按清单事项办理',
          deliverables: ['办理名册'],
          acceptanceCriteria: '应办尽办',
          deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          supportingOrgIds: [],
          majorMatter: false,
        },
      },
      201,
    );
    const dispatch = started.workflowId as string;
    await refused(`p.qiaotou.${VILLAGES[i % VILLAGES.length]}.secretary`, `/dispatches/${dispatch}/review`, { decision: 'APPROVE' }, 404);
    const approved = await step(REVIEWER, `/dispatches/${dispatch}/review`, { decision: 'APPROVE', comment: '分批办理，非重复' });
    const tasks = (approved.details.villages as { villageId: string; workflowId: string }[]).map((v) => v.workflowId);
    await Promise.all(
      (approved.details.villages as { villageId: string; workflowId: string }[]).map((v) => villageTask(v.villageId.split('.').pop()!, v.workflowId)),
    );
    return { dispatch, tasks };
  }

  test.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))(
    `${DISPATCHES} dispatches to ${VILLAGES.length} villages each, every step to acceptance, all at once (round %i)`,
    async () => {
      const refusalsBefore = refusalsMade;
      let loading = true;
      const reader = (async () => {
        while (loading) await call('p.dept.audit.auditor', 'GET', '/village-tasks?countyId=xingcun');
      })();
      const processes = await Promise.all(Array.from({ length: DISPATCHES }, (_, i) => dispatchToAcceptance(i))).finally(() => (loading = false));
      await reader;

      const unexpected = statuses.filter((s) => s.status >= 500);
      expect(unexpected).toEqual([]);
      for (const { dispatch, tasks } of processes) {
        const closed = await eventually(async () => {
          const view = (await call(DISPATCHER, 'GET', `/dispatches/${dispatch}`)).body;
          return view.status === 'COMPLETED' ? view : undefined;
        });
        expect(closed.details.villages.map((v: { status: string }) => v.status)).toEqual(VILLAGES.map(() => 'COMPLETED'));
        for (const task of tasks) {
          const view = (await call(DISPATCHER, 'GET', `/village-tasks/${task}`)).body;
          expect(view.record.map((r: { step: string }) => r.step)).toEqual(VILLAGE_STEPS);
        }
      }
      const ids = processes.flatMap((p) => [p.dispatch, ...p.tasks]);
      await eventually(async () =>
        (await db.processRecord.count({ where: { workflowId: { in: ids }, status: 'COMPLETED' } })) === ids.length ? true : undefined,
      );
      const records = await db.processRecord.findMany({ where: { workflowId: { in: ids } } });
      for (const record of records.filter((r) => r.processType === 'villageTask')) {
        expect((JSON.parse(record.state) as { record: { step: string }[] }).record.map((r) => r.step)).toEqual(VILLAGE_STEPS);
      }
      expect(await db.inboxItem.count({ where: { workflowId: { in: ids }, closedAt: null } })).toBe(0);
      expect(await db.refusedAttempt.count({ where: { httpStatus: { in: [403, 404] } } })).toBe(refusalsMade);
      expect(refusalsMade - refusalsBefore).toBe(DISPATCHES * (1 + VILLAGES.length));
      // Steps and refusals appended to the county's audit chain from many transactions at once: one unbroken chain.
      const chain = (await call('p.dept.audit.auditor', 'GET', '/audit/verify?countyId=xingcun')).body;
      expect(chain).toMatchObject({ intact: true });
      expect(chain.checked).toBe((await db.refusedAttempt.count()) + (await db.auditEntry.count({ where: { kind: 'STEP' } })));
      for (const { name, output } of [api, worker]) {
        expect({
          name,
          lockTrouble: output
            .join('')
            .split('\n')
            .filter((line) => LOCK_TROUBLE.test(line)),
        }).toEqual({ name, lockTrouble: [] });
      }
    },
    120_000,
  );

  // Only SQLite has a whole-database lock for another process to hold.
  if (database === 'sqlite')
    test('a write the API cannot confirm while another process holds the lock past the busy timeout is a 503, then succeeds', async () => {
      const keeper = 'p.coord-office.reviewer1';
      const holder = spawn(
        path.join(ROOT, 'node_modules/.bin/tsx'),
        [path.join(__dirname, '../support/sqlite-lock-holder.ts'), sqliteFilePath(store.url), '8000'],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      await new Promise<void>((resolve) => holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('held') && resolve()));
      const busy = await fetch(`${baseUrl}/counties/xingcun/catalogue/versions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${signToken((await tokenClaimsFor(db, keeper))!, JWT_SECRET)}` },
        body: JSON.stringify({ note: '2027年度清单' }),
      });
      expect({ status: busy.status, retryAfter: busy.headers.get('retry-after'), code: ((await busy.json()) as { code: string }).code }).toEqual({
        status: 503,
        retryAfter: '1',
        code: 'DATABASE_BUSY',
      });
      await once(holder, 'exit');
      expect((await call(keeper, 'POST', '/counties/xingcun/catalogue/versions', { note: '2027年度清单' })).status).toBe(201);
    }, 60_000);
});
