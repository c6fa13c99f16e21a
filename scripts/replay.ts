// Replays recorded workflow histories (proto JSON, as `temporal workflow show -o json` writes them)
// against the current workflow code; exits non-zero if any would not replay deterministically.
// A file is named <anything>@<workflow id>.json, since workflows derive child ids from their own.
//   npm run replay -- test/*/histories/*.json
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import { processRegistry } from '../processes';
import { bundlingOf } from '../worker/workflows-entry';

async function main(): Promise<void> {
  const files = process.argv.slice(2);
  if (files.length === 0) throw new Error('Usage: npm run replay -- <history.json>…');
  const options: ReplayWorkerOptions = process.env.WORKFLOW_BUNDLE
    ? { workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE } }
    : bundlingOf(processRegistry);
  for (const file of files) {
    const history: unknown = JSON.parse(readFileSync(file, 'utf8'));
    await Worker.runReplayHistory(options, history, path.basename(file, '.json').split('@')[1]);
    console.log(`replayed ${file}`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exit(1);
});
