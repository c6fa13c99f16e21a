import { z } from 'zod';
import type { AppDeps } from '../app';
import { route, type HttpDeps } from '../http';

const health = z.object({ status: z.enum(['ok', 'degraded']), temporal: z.boolean(), database: z.boolean() }).openapi('Health');

async function reachable(check: () => Promise<unknown>): Promise<boolean> {
  try {
    await check();
    return true;
  } catch {
    return false;
  }
}

export function healthRoutes(http: HttpDeps, deps: AppDeps): void {
  route(http, { method: 'get', path: '/healthz', summary: 'Is Temporal and the database reachable?', tag: 'platform', response: health, public: true, refusals: [503] }, async ({ res }) => {
    const [temporal, database] = await Promise.all([
      reachable(() => deps.temporal.connection.withDeadline(Date.now() + 2_000, () => deps.temporal.workflowService.getSystemInfo({}))),
      reachable(() => deps.db.$queryRawUnsafe('SELECT 1')),
    ]);
    const ok = temporal && database;
    res.locals.status = ok ? 200 : 503;
    return { status: ok ? 'ok' : 'degraded', temporal, database };
  });
}
