// A whole platform for one test file: its own database (migrated and seeded), a worker on its own
// task queue against the run's real Temporal dev server, and the API on a free port.
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { createApp } from '../../api/app';
import { signToken } from '../../api/auth';
import { createLogger } from '../../platform/logger';
import { connectClient } from '../../platform/temporal-client';
import { createPrismaClient, type Db } from '../../prisma/client';
import { migrateDeploy } from '../../prisma/migrate';
import { tokenClaimsFor } from '../../prisma/people';
import { seedDemoCounty } from '../../prisma/seed';
import { createWorker } from '../../worker/worker';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findTemporalCli } = require('../../scripts/tools/temporal-cli') as { findTemporalCli(): string | undefined };

const JWT_SECRET = 'test-secret-test-secret-test-secret-42';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  contentType: string;
}

export interface TestPlatform {
  db: Db;
  temporal: Client;
  taskQueue: string;
  /** Calls the API as a seeded person (or anonymously with `undefined`). */
  api<T = any>(person: string | undefined, method: string, url: string, body?: unknown): Promise<ApiResponse<T>>;
  /** With RECORD_HISTORIES=1, keeps a finished workflow's history as test/histories/<name>@<workflow id>.json. */
  recordHistory(workflowId: string, name: string): Promise<void>;
  stop(): Promise<void>;
}

export function sqliteUrlForTest(): string {
  return `file:${path.join(process.env.TEST_TMP!, `${randomUUID()}.db`)}`;
}

let runtimeInstalled = false;

export async function startPlatform(databaseUrl = sqliteUrlForTest()): Promise<TestPlatform> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  await migrateDeploy(databaseUrl);
  const db = createPrismaClient(databaseUrl);
  await seedDemoCounty(db);
  const address = process.env.TEST_TEMPORAL_ADDRESS!;
  const taskQueue = `test-${randomUUID()}`;
  const connection = await NativeConnection.connect({ address });
  const worker: Worker = await createWorker({ connection, namespace: 'default', taskQueue, db, workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } });
  const running = worker.run();
  const { client: temporal, connection: clientConnection } = await connectClient(address, 'default');
  const app = createApp({ db, temporal, taskQueue, jwtSecret: JWT_SECRET, logger: createLogger('silent') });
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
    taskQueue,
    async api(person, method, url, body) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (person) headers.authorization = `Bearer ${await tokenFor(person)}`;
      const response = await fetch(`${baseUrl}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined, contentType: response.headers.get('content-type') ?? '' };
    },
    async recordHistory(workflowId, name) {
      if (process.env.RECORD_HISTORIES !== '1') return;
      await temporal.workflow.getHandle(workflowId).result();
      // The CLI writes the history in proto JSON, the format replay reads.
      const json = execFileSync(findTemporalCli()!, ['workflow', 'show', '--workflow-id', workflowId, '--address', address, '--output', 'json']);
      writeFileSync(path.join(__dirname, '..', 'histories', `${name}@${workflowId}.json`), json);
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      worker.shutdown();
      await running;
      await Promise.all([connection.close(), clientConnection.close()]);
      await db.$disconnect();
    },
  };
}

/** Polls `check` until it returns a value that is not undefined. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}
