import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { Db } from '../prisma/client';

/**
 * Workflows kept in the worker's memory between their tasks. State reads come from the read model,
 * never from this cache, so it only saves a replay when a process takes its next step; a few hundred
 * cover the processes stepping at any moment, and memory no longer grows with the open ones
 * (≈ 0.6 MB each in the shared V8 context; the SDK's default follows the heap: 2,310 with 4 GB).
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 250;

export interface WorkerDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Db;
  /** A prebuilt bundle (tests build it once); otherwise the workflows are bundled here. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  maxCachedWorkflows?: number;
}

export function createWorker(deps: WorkerDeps): Promise<Worker> {
  return Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    activities: createActivities(deps.db),
    // All workflows share one V8 context on one thread (`reuseV8Context`, the SDK's default since 1.9).
    maxCachedWorkflows: deps.maxCachedWorkflows ?? DEFAULT_MAX_CACHED_WORKFLOWS,
    ...(deps.workflowBundle ? { workflowBundle: deps.workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
  });
}
