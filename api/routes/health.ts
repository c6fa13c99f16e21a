import { temporal as proto } from '@temporalio/proto';
import { z } from 'zod';
import { calendarHealth } from '../../domain/calendar';
import type { AppDeps } from '../deps';
import { route, type HttpDeps } from '../http';
import { boundsOf } from '../bounded';

const calendar = z
  .object({
    status: z
      .enum(['ok', 'degraded', 'unknown'])
      .openapi({ description: 'degraded: some county’s calendar runs out within 60 days (or has); never fails the health check' }),
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

const health = z
  .object({
    status: z.enum(['ok', 'degraded']),
    temporal: z.boolean(),
    database: z.boolean(),
    worker: z.boolean().openapi({ description: 'Whether a worker polls the task queue (workflows and activities) now: without one, steps answer 503' }),
    calendar,
  })
  .openapi('Health');

const BOUND_MS = 2_000;

async function reachable(check: () => Promise<unknown>): Promise<boolean> {
  try {
    await check();
    return true;
  } catch {
    return false;
  }
}

/** Does a worker poll the task queue for workflow and activity tasks (DescribeTaskQueue's pollers, seen recently)? */
async function workerPolls(deps: AppDeps, freshMs: number): Promise<boolean> {
  const kinds = [proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY];
  const answers = await deps.temporal.connection.withDeadline(Date.now() + BOUND_MS, () =>
    Promise.all(
      kinds.map((taskQueueType) =>
        deps.temporal.workflowService.describeTaskQueue({ namespace: deps.temporal.options.namespace, taskQueue: { name: deps.taskQueue }, taskQueueType }),
      ),
    ),
  );
  const since = Date.now() - freshMs;
  const seconds = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) => Number(t?.seconds ?? 0) * 1000 + (t?.nanos ?? 0) / 1e6;
  return answers.every((a) => (a.pollers ?? []).some((p) => seconds(p.lastAccessTime) >= since));
}

export function healthRoutes(http: HttpDeps, deps: AppDeps): void {
  route(
    http,
    {
      method: 'get',
      path: '/healthz',
      operationId: 'getHealth',
      summary:
        'Are Temporal and the database reachable, does a worker poll the task queue, and does every county’s working-day calendar cover the next 60 days? (answers within 2 s)',
      tag: 'platform',
      response: health,
      public: true,
      refusals: [503],
    },
    async ({ res }) => {
      const [temporal, database, worker] = await Promise.all([
        reachable(() => deps.temporal.connection.withDeadline(Date.now() + BOUND_MS, () => deps.temporal.workflowService.getSystemInfo({}))),
        reachable(() => deps.db.$queryRawUnsafe('SELECT 1')),
        workerPolls(deps, boundsOf(deps).workerSeenMs).catch(() => false),
      ]);
      const ok = temporal && database && worker;
      res.locals.status = ok ? 200 : 503;
      // The calendar warns operators; it never makes the platform look down (no 503 for it).
      const calendarReport = database ? await calendarHealth(deps.db, new Date()).catch(() => undefined) : undefined;
      return { status: ok ? 'ok' : 'degraded', temporal, database, worker, calendar: calendarReport ?? { status: 'unknown' as const, counties: [] } };
    },
  );
}
