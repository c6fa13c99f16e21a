import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { Db } from '../prisma/client';
import { bundlingOf } from './workflows-entry';

/** What the worker takes from the registry of processes (processes/index.ts): their activities and the bundle's entry. */
export interface WorkerProcesses {
  activities(db: Db): Record<string, (input: never) => Promise<unknown>>;
  workflowsEntry(): string;
}

/**
 * Workflows kept in the worker's memory between their tasks. State reads come from the read model,
 * never from this cache, so it only saves a replay when a process takes its next step; a hundred
 * cover the processes stepping at any moment (16 callers carrying whole dispatches keep about 80 busy),
 * and memory does not grow with the open ones (BENCHMARKS.md; the SDK's default follows the heap).
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 100;

export interface WorkerDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Db;
  processes: WorkerProcesses;
  /** A prebuilt bundle (tests build it once); otherwise the workflows are bundled here. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  maxCachedWorkflows?: number;
}

export function createWorker(deps: WorkerDeps): Promise<Worker> {
  return Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    activities: { ...createActivities(deps.db), ...deps.processes.activities(deps.db) },
    // All workflows share one V8 context on one thread (`reuseV8Context`, the SDK's default since 1.9).
    maxCachedWorkflows: deps.maxCachedWorkflows ?? DEFAULT_MAX_CACHED_WORKFLOWS,
    ...(deps.workflowBundle ? { workflowBundle: deps.workflowBundle } : bundlingOf(deps.processes)),
  });
}
