// Runs the API alone (production: one container).
import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { connectClient, temporalTls } from '../platform/temporal-client';
import { createPrismaClient } from '../prisma/client';
import { processRegistry } from '../processes';
import { createApp } from './app';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const { client: temporal, connection } = await connectClient(
    config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_PORT}`,
    config.TEMPORAL_NAMESPACE,
    temporalTls(config),
  );
  const db = createPrismaClient(config.DATABASE_URL);
  const app = createApp({ db, temporal, taskQueue: config.TASK_QUEUE, jwtSecret: config.JWT_SECRET, logger }, processRegistry);
  const server = app.listen(config.PORT, config.HOST, () => logger.info({ host: config.HOST, port: config.PORT }, 'API listening'));
  const stop = () => server.close(() => void Promise.all([connection.close(), db.$disconnect()]));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
