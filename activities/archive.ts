// Closed processes kept beyond Temporal's retention (24 h in development, 30 days in the compose file,
// archival off): once every run of a process has closed, its final state, the attempts refused on it,
// the raw event history of every run and the rule set it pinned are kept as one document, hashed.
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { hashOfJson } from '../domain/canonical-json';
import type { Db } from '../prisma/client';
import type { ProcessView } from '../workflows/common/view';

/** Processes archived at most per run of the schedule: the next run takes the rest. */
const BATCH = 50;

/**
 * The raw histories of every run of a workflow, oldest first; undefined while one of them still runs.
 * None when Temporal no longer keeps them (closed before archiving began, past its retention).
 */
async function closedRuns(client: Client, workflowId: string) {
  const runs = [];
  for await (const execution of client.workflow.list({ query: `WorkflowId = ${JSON.stringify(workflowId)}` })) runs.push(execution);
  if (runs.some((r) => r.status.name === 'RUNNING')) return undefined;
  runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
  return Promise.all(
    runs.map(async (r) => ({
      runId: r.runId,
      status: r.status.name,
      startedAt: r.startTime.toISOString(),
      closedAt: r.closeTime?.toISOString() ?? null,
      history: JSON.parse(historyToJSON(await client.workflow.getHandle(workflowId, r.runId).fetchHistory())) as unknown,
    })),
  );
}

/** What an archive holds of one closed process. */
async function documentOf(db: Db, client: Client, row: { workflowId: string; state: string }) {
  const state = JSON.parse(row.state) as ProcessView;
  const runs = await closedRuns(client, row.workflowId);
  if (!runs) return undefined;
  const [refusals, ruleSet] = await Promise.all([
    db.refusedAttempt.findMany({ where: { workflowId: row.workflowId }, orderBy: { id: 'asc' } }),
    state.rules ? db.ruleSet.findUnique({ where: { id: state.rules.ruleSetId } }) : null,
  ]);
  return {
    workflowId: row.workflowId,
    processType: state.processType,
    countyId: state.countyId,
    state,
    refusals: refusals.map(({ at, ...r }) => ({ ...r, at: at.toISOString() })),
    ruleSet: ruleSet && { id: ruleSet.id, version: ruleSet.version, values: JSON.parse(ruleSet.values) as unknown },
    runs,
    ...(runs.length === 0 && { historiesExpired: 'Temporal no longer kept its histories when it was archived' }),
  };
}

/** Archives the closed processes not yet archived whose runs have all closed in Temporal; answers their ids. */
export async function archiveClosedProcesses(db: Db): Promise<{ archived: string[] }> {
  const client = Context.current().client;
  const rows = await db.processRecord.findMany({
    where: { status: { not: 'RUNNING' }, archive: { is: null } },
    select: { workflowId: true, countyId: true, processType: true, state: true },
    orderBy: { updatedAt: 'asc' },
    take: BATCH,
  });
  const archived: string[] = [];
  for (const row of rows) {
    const document = await documentOf(db, client, row);
    if (!document) continue;
    await db.processArchive.create({
      data: {
        workflowId: row.workflowId,
        countyId: row.countyId,
        processType: row.processType,
        sha256: hashOfJson(document),
        document: JSON.stringify(document),
      },
    });
    archived.push(row.workflowId);
    Context.current().heartbeat(archived.length);
  }
  return { archived };
}
