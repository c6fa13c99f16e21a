// A child process of the bench, so that its memory and CPU are its own:
//   platform — the product's worker and API in one process, as `npm start` runs them (one SQLite
//              file is not safely shared by two processes: libsql waits on no lock);
//   floor    — a worker for the bench-only floor workflow (bench/floor), on its own task queue.
// It says {type:'ready'} over IPC, and stops when told {type:'stop'}.
import type { Server } from 'node:http';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { createApp } from '../api/app';
import { createLogger } from '../platform/logger';
import { connectClient } from '../platform/temporal-client';
import { createPrismaClient } from '../prisma/client';
import { createWorker } from '../worker/worker';
import { processRegistry } from '../processes';
import { floorActivities } from './floor/activities';

const role = process.argv[2];
const { BENCH_TEMPORAL_ADDRESS: address, BENCH_TASK_QUEUE: taskQueue } = process.env as Record<string, string>;
const quiet = { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} } as never;

async function platform(): Promise<() => Promise<void>> {
  const db = createPrismaClient(process.env.BENCH_DATABASE_URL!);
  const connection = await NativeConnection.connect({ address });
  const cached = process.env.BENCH_MAX_CACHED_WORKFLOWS;
  const worker = await createWorker({
    connection,
    namespace: 'default',
    taskQueue,
    db,
    processes: processRegistry,
    workflowBundle: { codePath: process.env.BENCH_WORKFLOW_BUNDLE! },
    maxCachedWorkflows: cached ? Number(cached) : undefined,
  });
  const running = worker.run();
  const { client, connection: clientConnection } = await connectClient(address, 'default');
  const app = createApp(
    { db, temporal: client, taskQueue, jwtSecret: process.env.BENCH_JWT_SECRET!, logger: createLogger(process.env.BENCH_LOG_LEVEL ?? 'info') },
    processRegistry,
  );
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  process.send!({ type: 'ready', port: (server.address() as { port: number }).port });
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    worker.shutdown();
    await running;
    await Promise.all([connection.close(), clientConnection.close()]);
    await db.$disconnect();
  };
}

async function floor(): Promise<() => Promise<void>> {
  const connection = await NativeConnection.connect({ address });
  const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./floor/workflows'), logger: quiet });
  const worker = await Worker.create({ connection, namespace: 'default', taskQueue, activities: floorActivities, workflowBundle: bundle });
  const running = worker.run();
  process.send!({ type: 'ready' });
  return async () => {
    worker.shutdown();
    await running;
    await connection.close();
  };
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const stop = role === 'platform' ? await platform() : role === 'floor' ? await floor() : undefined;
  if (!stop) throw new Error(`unknown role ${role}: platform or floor`);
  process.on('message', (message: { type: string }) => {
    if (message.type === 'mark') process.send!({ type: 'mark', micros: Number(process.hrtime.bigint() / 1000n) });
    if (message.type === 'memory') process.send!({ type: 'memory', usage: process.memoryUsage() });
    if (message.type !== 'stop') return;
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
  process.on('disconnect', () => process.exit(0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
