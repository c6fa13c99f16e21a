// `npm start`: the whole platform on one machine — Temporal dev server (unless TEMPORAL_ADDRESS is
// set), migrations, demo data on first run, the worker and the API. Ctrl-C stops all of it.
import path from 'node:path';
import { NativeConnection } from '@temporalio/worker';
import { createApp } from '../api/app';
import { loadConfig, type Config } from '../platform/config';
import { createLogger, installTemporalLogging, type Logger } from '../platform/logger';
import { ensureSearchAttributes } from '../platform/search-attributes';
import { ensureSchedules } from '../platform/schedules';
import { connectClient, temporalTls } from '../platform/temporal-client';
import { startDevServer, type DevServer } from '../platform/temporal-dev-server';
import { createPrismaClient } from '../prisma/client';
import { migrateDeploy } from '../prisma/migrate';
import { seedDemoCounty, seedWorkingCalendars } from '../prisma/seed';
import { createWorker } from '../worker/worker';
import { processRegistry } from '../processes';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  installTemporalLogging(logger);
  let devServer: DevServer | undefined;
  if (!config.TEMPORAL_ADDRESS) {
    devServer = await startDevServer({
      port: config.TEMPORAL_PORT,
      uiPort: config.TEMPORAL_UI_PORT,
      dbFile: path.resolve('data', 'temporal.db'),
      namespace: config.TEMPORAL_NAMESPACE,
    });
    logger.info({ address: devServer.address, ui: `http://127.0.0.1:${config.TEMPORAL_UI_PORT}` }, 'Temporal dev server running');
  }
  const address = config.TEMPORAL_ADDRESS ?? devServer!.address;
  try {
    await run(config, logger, address, devServer);
  } catch (error) {
    await devServer?.stop(); // a failed start leaves no Temporal server holding the ports
    throw error;
  }
}

async function run(config: Config, logger: Logger, address: string, devServer: DevServer | undefined): Promise<void> {
  const applied = await migrateDeploy(config.DATABASE_URL);
  if (applied.length) logger.info({ applied }, 'database migrated');
  const db = createPrismaClient(config.DATABASE_URL);
  const { seeded } = await seedDemoCounty(db, processRegistry);
  if (seeded) logger.info('demo county seeded (run `npm run token -- --person <id>` for a token)');
  const calendars = await seedWorkingCalendars(db);
  if (calendars.length) logger.info({ calendars }, 'working-day calendars seeded from chinese-days');

  // TLS only to a server of one's own (TEMPORAL_ADDRESS); the embedded dev server listens on loopback.
  const tls = devServer ? undefined : temporalTls(config);
  const { client: temporal, connection } = await connectClient(address, config.TEMPORAL_NAMESPACE, tls);
  await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE, processRegistry);
  await ensureSchedules(temporal, config.TASK_QUEUE);
  const workerConnection = await NativeConnection.connect({ address, tls });
  const worker = await createWorker({
    connection: workerConnection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TASK_QUEUE,
    db,
    processes: processRegistry,
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
  });
  const running = worker.run();

  const app = createApp({ db, temporal, taskQueue: config.TASK_QUEUE, jwtSecret: config.JWT_SECRET, logger }, processRegistry);
  const server = app.listen(config.PORT, config.HOST, () =>
    logger.info({ api: `http://${config.HOST}:${config.PORT}`, docs: `http://${config.HOST}:${config.PORT}/docs` }, 'Cunwu Flow is up'),
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping');
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (worker.getState() === 'RUNNING') worker.shutdown(); // the SDK already drains it on SIGINT/SIGTERM
    await running;
    await Promise.all([workerConnection.close(), connection.close(), db.$disconnect()]);
    await devServer?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
