// A whole platform for one test file: its own database (migrated and seeded), a worker on its own
// task queue against the run's real Temporal dev server (long polls of 5 s, so a stopped worker shows
// within 8 s), and the API on a free port.
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { createApp } from '../../api/app';
import type { ProcessRegistry } from '../../api/process-registry';
import type { TemporalBounds } from '../../api/bounded';
import { signToken } from '../../api/auth';
import { createLogger } from '../../platform/logger';
import { connectClient } from '../../platform/temporal-client';
import { createPrismaClient, type Db } from '../../prisma/client';
import { migrateDeploy } from '../../prisma/migrate';
import { tokenClaimsFor } from '../../domain/identity';
import { seedDemoCounty } from '../../prisma/seed';
import { createWorker } from '../../worker/worker';
import { processRegistry } from '../../processes';
import { ensureSearchAttributes } from '../../platform/search-attributes';
import { postgresAvailable, startPostgres } from './postgres';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findTemporalCli } = require('../../scripts/tools/temporal-cli') as { findTemporalCli: () => string | undefined };

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-42';
const JWT_SECRET = TEST_JWT_SECRET;

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  contentType: string;
  headers: Headers;
}

export interface TestPlatform {
  db: Db;
  temporal: Client;
  baseUrl: string;
  tokenFor(person: string): Promise<string>;
  taskQueue: string;
  /** Calls the API as a seeded person (or anonymously with `undefined`). */
  api<T = any>(person: string | undefined, method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  /** Stops the worker (as if its process died): steps and queries then find nobody to run them. */
  stopWorker(): Promise<void>;
  /** Starts a fresh worker on the same task queue. */
  startWorker(): Promise<void>;
  /** With RECORD_HISTORIES=1, keeps a finished workflow's history as test/<process>/histories/<name>@<workflow id>.json. */
  recordHistory(workflowId: string, name: string): Promise<void>;
  stop(): Promise<void>;
}

export type TestDatabase = 'sqlite' | 'postgresql';

/** The databases every API test runs on: SQLite always; PostgreSQL where a server can be had (always in CI). */
export const DATABASES: TestDatabase[] = postgresAvailable() || process.env.CI ? ['sqlite', 'postgresql'] : ['sqlite'];
if (DATABASES.length === 1) console.warn('No PostgreSQL server binaries: the API tests run on SQLite only.');

async function freshDatabase(database: TestDatabase): Promise<{ url: string; stop(): Promise<void> }> {
  if (database === 'sqlite') return { url: `file:${path.join(process.env.TEST_TMP!, `${randomUUID()}.db`)}`, stop: async () => {} };
  const pg = await startPostgres();
  if (!pg) throw new Error('PostgreSQL is required here (CI) but no server could be started.');
  return pg;
}

let runtimeInstalled = false;

export interface PlatformOptions {
  bounds?: Partial<TemporalBounds>;
  /** The registry of processes (PROCESSES by default); another needs its own `workflowBundle`. */
  processes?: ProcessRegistry;
  /** The workflow bundle's code (the run's bundle of PROCESSES by default). */
  workflowBundle?: string;
}

export async function startPlatform(database: TestDatabase = 'sqlite', options: PlatformOptions = {}): Promise<TestPlatform> {
  const processes = options.processes ?? processRegistry;
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const store = await freshDatabase(database);
  await migrateDeploy(store.url);
  const db = createPrismaClient(store.url);
  await seedDemoCounty(db, processes);
  const address = process.env.TEST_TEMPORAL_ADDRESS!;
  const taskQueue = `test-${randomUUID()}`;
  const connection = await NativeConnection.connect({ address });
  let worker: Worker | undefined;
  let running: Promise<void> = Promise.resolve();
  async function startWorker(): Promise<void> {
    if (worker) return;
    worker = await createWorker({
      connection,
      namespace: 'default',
      taskQueue,
      db,
      processes,
      workflowBundle: { codePath: options.workflowBundle ?? process.env.TEST_WORKFLOW_BUNDLE! },
    });
    running = worker.run();
  }
  async function stopWorker(): Promise<void> {
    if (!worker) return;
    worker.shutdown();
    await running;
    worker = undefined;
  }
  await startWorker();
  const { client: temporal, connection: clientConnection } = await connectClient(address, 'default');
  // The run registered the search attributes of PROCESSES; another registry's own are registered here.
  if (options.processes) await ensureSearchAttributes(clientConnection, 'default', processes);
  const app = createApp(
    {
      db,
      temporal,
      taskQueue,
      jwtSecret: JWT_SECRET,
      logger: createLogger((process.env.TEST_LOG_LEVEL as 'silent' | undefined) ?? 'silent'),
      bounds: { workerSeenMs: 8_000, ...options.bounds },
    },
    processes,
  );
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const tokens = new Map<string, string>();

  async function tokenFor(person: string): Promise<string> {
    if (!tokens.has(person)) {
      const claims = await tokenClaimsFor(db, person);
      if (!claims) throw new Error(`test uses unknown person ${person}`);
      tokens.set(person, signToken(claims, JWT_SECRET));
    }
    return tokens.get(person)!;
  }

  return {
    db,
    temporal,
    baseUrl,
    tokenFor,
    taskQueue,
    async api(person, method, url, body, extraHeaders = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...extraHeaders };
      if (person) headers.authorization = `Bearer ${await tokenFor(person)}`;
      const response = await fetch(`${baseUrl}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      return {
        status: response.status,
        body: text ? JSON.parse(text) : undefined,
        contentType: response.headers.get('content-type') ?? '',
        headers: response.headers,
      };
    },
    stopWorker,
    startWorker,
    async recordHistory(workflowId, name) {
      if (process.env.RECORD_HISTORIES !== '1' || database !== 'sqlite') return;
      // A cancelled process ends in a failure of its result: its history is recorded all the same.
      await temporal.workflow
        .getHandle(workflowId)
        .result()
        .catch(() => undefined);
      // The CLI writes the history in proto JSON, the format replay reads.
      const json = execFileSync(findTemporalCli()!, ['workflow', 'show', '--workflow-id', workflowId, '--address', address, '--output', 'json']);
      // Where its descriptor names them; else beside its process's tests (a village task's with its dispatch's).
      const { type } = await temporal.workflow.getHandle(workflowId).describe();
      const dir = processes.has(type)
        ? path.join(__dirname, '..', '..', processes.get(type).tests.histories.dir)
        : path.join(__dirname, '..', type === 'villageTask' ? 'taskDispatch' : type, 'histories');
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `${name}@${workflowId}.json`), json);
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stopWorker();
      await Promise.all([connection.close(), clientConnection.close()]);
      await db.$disconnect();
      await store.stop();
    },
  };
}

/** Polls `check` until it returns a value that is not undefined; on timeout says what it last saw. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000, describeLast?: () => unknown): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`condition not met in time${describeLast ? `; last seen: ${JSON.stringify(describeLast())}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
