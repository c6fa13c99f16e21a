// Starts one real Temporal dev server for the whole run and bundles the workflows once.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { ensureSearchAttributes } from '../../platform/search-attributes';
import { processRegistry } from '../../processes';
import { startDevServer } from '../../platform/temporal-dev-server';
import { workflowsEntry } from '../../worker/workflows-entry';
import { freePort } from './postgres';

export default async function globalSetup(): Promise<void> {
  // Workers re-poll every 5 s (instead of every minute), so /healthz sees a stopped worker go within seconds.
  // The server's errors (mostly its shutdown after the last test) go to a file, so the run's report ends with Jest's summary.
  const server = await startDevServer({
    port: await freePort(),
    namespace: 'default',
    dynamicConfig: { 'matching.longPollExpirationInterval': '"5s"' },
    logFile: path.join(os.tmpdir(), 'cunwu-test-temporal.log'),
  });
  const connection = await Connection.connect({ address: server.address });
  await ensureSearchAttributes(connection, 'default', processRegistry);
  await connection.close();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cunwu-test-'));
  const bundle = await bundleWorkflowCode({
    ...workflowsEntry(processRegistry),
    logger: { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} },
  });
  const codePath = path.join(dir, 'workflow-bundle.js');
  writeFileSync(codePath, bundle.code);
  process.env.TEST_TEMPORAL_ADDRESS = server.address;
  process.env.TEST_WORKFLOW_BUNDLE = codePath;
  process.env.TEST_TMP = dir;
  (globalThis as { __temporalDevServer?: typeof server }).__temporalDevServer = server;
}
