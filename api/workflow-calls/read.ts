// Reading processes: a process's state from the read model (or the workflow itself), and lists.
import { WorkflowNotFoundError } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import type { Response } from 'express';
import { z } from 'zod';
import '../openapi'; // zod's .openapi()
import type { Prisma } from '../../prisma/client';
import type { ProcessView } from '../../workflows/common/view';
import { boundsOf, isUnconfirmed, withinDeadline } from '../bounded';
import type { AppDeps } from '../deps';
import { notFound, Problem, problemFromTemporal } from '../problem';

export const processSummarySchema = z
  .object({
    workflowId: z.string(),
    processType: z.string(),
    title: z.string(),
    countyId: z.string(),
    townId: z.string().nullable(),
    villageId: z.string().nullable(),
    step: z.string(),
    status: z.string(),
    nextRoles: z.array(z.string()),
    dueAt: z.string().nullable(),
    overdue: z.boolean(),
    updatedAt: z.string(),
  })
  .openapi('ProcessSummary');

/**
 * Where a state answer comes from:
 * - `read-model`: the process's latest publication (`ProcessRecord.state`, with its `revision` and
 *   `Last-Modified`). Every step publishes before its Update answers, so it holds every step already
 *   answered; it never waits on a worker, a replay or the worker's cache.
 * - `read-model; closed`: the same, of a process that has ended: final.
 * - `temporal`: the workflow answered its state query: before its first publication, or when the
 *   client asks for it (`Cache-Control: no-cache`, e.g. to see a change not yet published).
 */
export const STATE_SOURCE = 'X-State-Source';

/** A read's request headers: `Cache-Control: no-cache` asks the workflow itself rather than the read model. */
export const readHeaders = z.object({
  'cache-control': z.string().max(200).optional().openapi({
    description:
      'no-cache: ask the running workflow for its state (X-State-Source: temporal), falling back to the read model when no worker answers in time. Otherwise the state comes from the read model, as of the latest step.',
  }),
});

/** The client asked for the workflow's own answer (`Cache-Control: no-cache`; its bounds are checked with the read's headers, `readHeaders`). */
export function wantsLiveState(res: Response): boolean {
  return /(^|,)\s*no-cache\s*(,|$)/i.test(res.req.get('cache-control') ?? '');
}

interface ReadModelRow {
  processType: string;
  status: string;
  state: string;
  updatedAt: Date;
}

function fromReadModel<V extends ProcessView>(res: Response, row: ReadModelRow, source: string): V {
  res.setHeader(STATE_SOURCE, source);
  res.setHeader('Last-Modified', row.updatedAt.toUTCString());
  return JSON.parse(row.state) as V;
}

/**
 * A process's full state, from its read model (see `STATE_SOURCE`): a read never depends on the
 * worker or its cache. The workflow's state query answers only while the read model has no row yet
 * (the process is being opened) or when `live` (the client asked, or a start's first answer); if no
 * worker answers it in time, the read model answers after all, or a 503 when it has nothing yet.
 */
export async function readProcess<V extends ProcessView>(
  deps: AppDeps,
  res: Response,
  ref: { processType: string; workflowId: string },
  query: QueryDefinition<V> | string,
  live = wantsLiveState(res),
): Promise<V> {
  res.locals.process = { ...ref, countyId: '' };
  const readModel = () =>
    deps.db.processRecord.findUnique({ where: { workflowId: ref.workflowId }, select: { processType: true, status: true, state: true, updatedAt: true } });
  const row = live ? null : await readModel();
  if (row && row.processType !== ref.processType) throw notFound(`Process ${ref.workflowId}`);
  const view = row
    ? fromReadModel<V>(res, row, row.status === 'RUNNING' ? 'read-model' : 'read-model; closed')
    : await askWorkflow(deps, res, ref, query, readModel);
  res.locals.process = { ...ref, countyId: view.countyId };
  return view;
}

/** The workflow's own answer to its state query, or the read model's when no worker answers in time or Temporal no longer keeps it. */
async function askWorkflow<V extends ProcessView>(
  deps: AppDeps,
  res: Response,
  ref: { processType: string; workflowId: string },
  query: QueryDefinition<V> | string,
  readModel: () => Promise<ReadModelRow | null>,
): Promise<V> {
  try {
    const view = await withinDeadline(deps.temporal, boundsOf(deps).readMs, () => deps.temporal.workflow.getHandle(ref.workflowId).query(query));
    res.setHeader(STATE_SOURCE, 'temporal');
    return view;
  } catch (error) {
    const unanswered = isUnconfirmed(error);
    if (!unanswered && !(error instanceof WorkflowNotFoundError)) throw problemFromTemporal(error, `Process ${ref.workflowId}`) ?? error;
    const row = await readModel();
    if (!row && unanswered) throw stateUnavailable(deps, ref.workflowId);
    if (!row || row.processType !== ref.processType) throw notFound(`Process ${ref.workflowId}`);
    return fromReadModel<V>(res, row, unanswered && row.status === 'RUNNING' ? 'read-model' : 'read-model; closed');
  }
}

function stateUnavailable(deps: AppDeps, workflowId: string): Problem {
  const bounds = boundsOf(deps);
  return new Problem(
    503,
    'STATE_UNAVAILABLE',
    `No worker answered for ${workflowId} within ${bounds.readMs / 1000} s and the read model has no state of it yet; try again later.`,
    {
      retryAfter: bounds.retryAfterSeconds,
    },
  );
}

export async function listProcesses(
  deps: AppDeps,
  {
    villageId,
    ...where
  }: { processType?: string; countyId: string; status?: string; step?: string; townId?: string; villageId?: string; overdue?: boolean; screeningCode?: string },
  take: number,
  readable: Prisma.ProcessRecordWhereInput = {},
) {
  const rows = await deps.db.processRecord.findMany({
    where: { AND: [{ ...where, ...(villageId && { villages: { some: { villageId } } }) }, readable] },
    orderBy: { updatedAt: 'desc' },
    take,
  });
  return rows.map((r) => ({
    workflowId: r.workflowId,
    processType: r.processType,
    title: r.title,
    countyId: r.countyId,
    townId: r.townId,
    villageId: r.villageId,
    step: r.step,
    status: r.status,
    nextRoles: r.nextRoles ? r.nextRoles.split(',') : [],
    dueAt: r.dueAt?.toISOString() ?? null,
    overdue: r.overdue,
    updatedAt: r.updatedAt.toISOString(),
  }));
}
