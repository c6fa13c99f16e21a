// Runs the worker alone (production: one container).
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../platform/config';
import { createLogger, installTemporalLogging } from '../platform/logger';
import { ensureSearchAttributes } from '../platform/search-attributes';
import { ensureSchedules } from '../platform/schedules';
import { temporalTls } from '../platform/temporal-client';
import { createPrismaClient } from '../prisma/client';
import { processRegistry } from '../processes';
import { createWorker } from './worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  installTemporalLogging(logger);
  const address = config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_PORT}`;
  const tls = temporalTls(config);
  const client = await Connection.connect({ address, tls });
  await ensureSearchAttributes(client, config.TEMPORAL_NAMESPACE, processRegistry);
  await ensureSchedules(new Client({ connection: client, namespace: config.TEMPORAL_NAMESPACE }), config.TASK_QUEUE);
  await client.close();
  const db = createPrismaClient(config.DATABASE_URL);
  const connection = await NativeConnection.connect({ address, tls });
  const workflowBundle = config.WORKFLOW_BUNDLE ? { codePath: config.WORKFLOW_BUNDLE } : undefined;
  const worker = await createWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TASK_QUEUE,
    db,
    processes: processRegistry,
    workflowBundle,
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
  });
  logger.info({ address, taskQueue: config.TASK_QUEUE }, 'worker running');
  await worker.run();
  await connection.close();
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
