import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import pino from 'pino';

export function createLogger(level: string) {
  return pino({ level, base: { service: 'cunwu-flow' }, redact: ['req.headers.authorization'] });
}

export type Logger = ReturnType<typeof createLogger>;

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };

/** The Temporal SDK (worker, workflows' and activities' loggers) writes through the same pino logger. */
export function installTemporalLogging(logger: Logger): void {
  const temporal = logger.child({ component: 'temporal' });
  Runtime.install({
    logger: new DefaultLogger(temporal.level === 'silent' ? 'ERROR' : 'INFO', ({ level, message, meta }) => temporal[LEVELS[level]](meta ?? {}, message)),
  });
}
