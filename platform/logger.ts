import pino from 'pino';

export function createLogger(level: string) {
  return pino({ level, base: { service: 'cunwu-flow' }, redact: ['req.headers.authorization'] });
}

export type Logger = ReturnType<typeof createLogger>;
