// The workflow bundle's entry, made from the registry of processes: a module exporting each registered
// workflow, so a new process reaches the bundle through its registry line alone. The file goes to the
// temporary directory (the production image's code is read-only), so webpack is told where the
// project's packages are.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BundleOptions, WorkerOptions } from '@temporalio/worker';

const PACKAGES = path.resolve(__dirname, '..', 'node_modules');

/** The platform's own workflows (housekeeping run by its schedules, platform/schedules.ts), beside the registry's. */
const PLATFORM_WORKFLOWS = [
  `export { pruneStepRequests } from ${JSON.stringify(require.resolve('../workflows/platform/prune-step-requests'))};\n`,
  `export { closeProcessesEndedOutside } from ${JSON.stringify(require.resolve('../workflows/platform/close-ended-outside'))};\n`,
  `export { reviseDueDates } from ${JSON.stringify(require.resolve('../workflows/platform/revise-due-dates'))};\n`,
  `export { archiveClosedProcesses } from ${JSON.stringify(require.resolve('../workflows/platform/archive-closed'))};\n`,
].join('');

/** What the bundler needs for the registry's entry: its path and a webpack resolution that finds the project's packages from there. */
export function workflowsEntry(registry: { workflowsEntry(): string }): Pick<BundleOptions, 'workflowsPath' | 'webpackConfigHook'> {
  const workflowsPath = path.join(mkdtempSync(path.join(os.tmpdir(), 'cunwu-workflows-')), 'workflows.js');
  writeFileSync(workflowsPath, registry.workflowsEntry() + PLATFORM_WORKFLOWS);
  return {
    workflowsPath,
    webpackConfigHook: (config) => ({ ...config, resolve: { ...config.resolve, modules: [...(config.resolve?.modules ?? []), PACKAGES] } }),
  };
}

/** The same, as a worker (or a replay) that bundles its workflows itself takes it. */
export function bundlingOf(registry: { workflowsEntry(): string }): Pick<WorkerOptions, 'workflowsPath' | 'bundlerOptions'> {
  const { workflowsPath, webpackConfigHook } = workflowsEntry(registry);
  return { workflowsPath, bundlerOptions: { webpackConfigHook } };
}
