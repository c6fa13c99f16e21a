import { z } from 'zod';
import { calendarHealth } from '../../activities/calendar';
import type { AppDeps } from '../app';
import { route, type HttpDeps } from '../http';

const calendar = z
  .object({
    status: z.enum(['ok', 'degraded', 'unknown']).openapi({ description: 'degraded: some county’s calendar runs out within 60 days (or has); never fails the health check' }),
    counties: z.array(
      z.object({
        countyId: z.string(),
        lastCoveredDay: z.string().nullable().openapi({ description: 'The day the calendar runs out (null: no year loaded)' }),
        degradedFrom: z.string().nullable(),
        degraded: z.boolean(),
      }),
    ),
  })
  .openapi('CalendarHealth');

const health = z.object({ status: z.enum(['ok', 'degraded']), temporal: z.boolean(), database: z.boolean(), calendar }).openapi('Health');

async function reachable(check: () => Promise<unknown>): Promise<boolean> {
  try {
    await check();
    return true;
  } catch {
    return false;
  }
}

export function healthRoutes(http: HttpDeps, deps: AppDeps): void {
  route(http, { method: 'get', path: '/healthz', summary: 'Is Temporal and the database reachable? Does every county’s working-day calendar cover the next 60 days?', tag: 'platform', response: health, public: true, refusals: [503] }, async ({ res }) => {
    const [temporal, database] = await Promise.all([
      reachable(() => deps.temporal.connection.withDeadline(Date.now() + 2_000, () => deps.temporal.workflowService.getSystemInfo({}))),
      reachable(() => deps.db.$queryRawUnsafe('SELECT 1')),
    ]);
    const ok = temporal && database;
    res.locals.status = ok ? 200 : 503;
    // The calendar warns operators; it never makes the platform look down (no 503 for it).
    const calendarReport = database ? await calendarHealth(deps.db, new Date()).catch(() => undefined) : undefined;
    return { status: ok ? 'ok' : 'degraded', temporal, database, calendar: calendarReport ?? { status: 'unknown' as const, counties: [] } };
  });
}
