import { z } from 'zod';

const DEV_JWT_SECRET = 'cunwu-flow-development-secret-do-not-use-in-production';

/** Compose passes unset variables as empty strings. */
const unsetWhenEmpty = z
  .string()
  .optional()
  .transform((v) => v || undefined);

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** Loopback unless told otherwise: a development machine never exposes the API by accident. */
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: (SQLite) or postgresql:// (PostgreSQL)')
      .default('file:./data/cunwu.db'),
    TEMPORAL_ADDRESS: z
      .string()
      .regex(/^[\w.-]+:\d+$/, 'must be host:port')
      .optional(),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    /** mTLS to the Temporal server: PEM files of the client certificate and key, and of the server's CA. */
    TEMPORAL_TLS_CERT: unsetWhenEmpty,
    TEMPORAL_TLS_KEY: unsetWhenEmpty,
    TEMPORAL_TLS_CA: unsetWhenEmpty,
    TEMPORAL_TLS_SERVER_NAME: unsetWhenEmpty,
    TASK_QUEUE: z.string().min(1).default('cunwu-flow'),
    TEMPORAL_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
    TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_JWT_SECRET),
    /** A workflow bundle built beforehand (bundleWorkflowCode); without it the worker bundles at start. */
    WORKFLOW_BUNDLE: z.string().min(1).optional(),
    /** Workflows the worker keeps in memory between tasks (reads never depend on it; see worker/worker.ts). */
    WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2).max(100_000).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .refine((c) => c.NODE_ENV !== 'production' || c.JWT_SECRET !== DEV_JWT_SECRET, {
    message: 'JWT_SECRET must be set in production (the development secret is public)',
    path: ['JWT_SECRET'],
  })
  .refine((c) => !c.TEMPORAL_TLS_CERT === !c.TEMPORAL_TLS_KEY, {
    message: 'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together',
    path: ['TEMPORAL_TLS_KEY'],
  });

export type Config = z.infer<typeof schema>;

/** Reads and validates the configuration; a bad value stops the start with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}
