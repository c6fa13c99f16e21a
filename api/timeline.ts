// A process's whole life for auditors (docs/processes.md §0): its record across every run, the
// attempts refused on it (and refused starts of its request id), and the processes it is linked to.
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { z } from 'zod';
import './openapi'; // zod's .openapi()
import type { ProcessView } from '../workflows/common/view';
import { boundsOf, isUnconfirmed, withinDeadline } from './bounded';
import type { AppDeps } from './deps';
import { Problem } from './problem';
import { presentRefusal, refusedAttemptSchema } from './refusals';

const link = z.object({ workflowId: z.string(), processType: z.string().nullable(), status: z.string().nullable() });

const run = z.object({ runId: z.string(), status: z.string(), startedAt: z.string(), closedAt: z.string().nullable() });

const stepEntry = z.object({
  kind: z.literal('STEP'),
  at: z.string(),
  seq: z.number().int(),
  step: z.string(),
  actor: z.unknown().optional(),
  requestId: z.string().optional(),
  rule: z.string().optional(),
  ruleSet: z.object({ ruleSetId: z.string(), version: z.number().int() }).optional(),
  runId: z.string().optional(),
  summary: z.string(),
  data: z.unknown().optional(),
});

export const timelineSchema = z
  .object({
    workflowId: z.string(),
    processType: z.string(),
    title: z.string(),
    countyId: z.string(),
    step: z.string(),
    status: z.string(),
    rules: z.object({ ruleSetId: z.string(), version: z.number().int() }).nullable(),
    runs: z.array(run).openapi({ description: 'Its Temporal runs, the first first (a process continues as new before its history grows large)' }),
    startedBy: link.nullable().openapi({ description: 'The process that started it, if one did' }),
    started: z.array(link).openapi({ description: 'The processes it started' }),
    entries: z
      .array(z.discriminatedUnion('kind', [stepEntry, refusedAttemptSchema.extend({ kind: z.literal('REFUSAL') })]))
      .openapi({ description: 'Every recorded step and every refused attempt, in order of time' }),
  })
  .openapi('ProcessTimeline');

export type Timeline = z.infer<typeof timelineSchema>;

/** A workflow id's possible request ids: what follows each of its dashes (`dispatch-<town>-<requestId>`). */
function requestIdsIn(workflowId: string): string[] {
  return [...workflowId.matchAll(/-/g)].map((m) => workflowId.slice(m.index + 1));
}

/** A process's timeline; its steps as `recordOf` shows the view's record to the reader (docs/processes.md §0.9: a bid stays sealed until its deadline). */
export async function processTimeline(deps: AppDeps, workflowId: string, recordOf: (view: ProcessView) => readonly unknown[]): Promise<Timeline> {
  const row = await deps.db.processRecord.findUniqueOrThrow({ where: { workflowId } });
  const view = JSON.parse(row.state) as ProcessView;
  const [refusals, temporal] = await Promise.all([
    deps.db.refusedAttempt.findMany({
      where: {
        OR: [{ workflowId }, { workflowId: null, processType: row.processType, businessRequestId: { in: requestIdsIn(workflowId) } }],
      },
      orderBy: { id: 'asc' },
    }),
    fromTemporal(deps, workflowId),
  ]);
  const entries: Timeline['entries'] = [
    ...(recordOf(view) as ProcessView['record']).map((entry) => ({ kind: 'STEP' as const, ...entry })),
    ...refusals.map((refusal) => ({ kind: 'REFUSAL' as const, ...presentRefusal(refusal) })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return {
    workflowId,
    processType: row.processType,
    title: row.title,
    countyId: row.countyId,
    step: row.step,
    status: row.status,
    rules: view.rules ?? null,
    ...temporal,
    entries,
  };
}

const linkOf = (info: { workflowId: string; type?: string }, status?: string): z.infer<typeof link> => ({
  workflowId: info.workflowId,
  processType: info.type ?? null,
  status: status ?? null,
});

/** The process that started it, as the read model holds it. */
async function parentLink(deps: AppDeps, workflowId: string): Promise<z.infer<typeof link>> {
  const parent = await deps.db.processRecord.findUnique({ where: { workflowId }, select: { processType: true, status: true } });
  return { workflowId, processType: parent?.processType ?? null, status: parent?.status ?? null };
}

/** Its runs, the process that started it and those it started, as Temporal's visibility knows them; a 503 when it does not answer in time. */
async function fromTemporal(deps: AppDeps, workflowId: string): Promise<Pick<Timeline, 'runs' | 'startedBy' | 'started'>> {
  const bounds = boundsOf(deps);
  const list = async (query: string) => {
    const found: WorkflowExecutionInfo[] = [];
    for await (const execution of deps.temporal.workflow.list({ query })) found.push(execution);
    return found;
  };
  try {
    const quoted = JSON.stringify(workflowId);
    const [runs, children] = await withinDeadline(deps.temporal, bounds.readMs, () =>
      Promise.all([list(`WorkflowId = ${quoted}`), list(`ParentWorkflowId = ${quoted}`)]),
    );
    runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
    const parent = runs.find((r) => r.parentExecution)?.parentExecution;
    const byId = new Map(children.map((c) => [c.workflowId, c]));
    return {
      runs: runs.map((r) => ({ runId: r.runId, status: r.status.name, startedAt: r.startTime.toISOString(), closedAt: r.closeTime?.toISOString() ?? null })),
      startedBy: parent?.workflowId ? await parentLink(deps, parent.workflowId) : null,
      started: [...byId.values()].map((c) => linkOf({ workflowId: c.workflowId, type: c.type }, c.status.name)),
    };
  } catch (error) {
    if (isUnconfirmed(error)) {
      throw new Problem(
        503,
        'STATE_UNAVAILABLE',
        `Temporal did not list the runs and links of ${workflowId} within ${bounds.readMs / 1000} s; try again later.`,
        {
          retryAfter: bounds.retryAfterSeconds,
        },
      );
    }
    throw error;
  }
}
