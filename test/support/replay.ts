// Recorded histories as the registry names them (a descriptor's `tests.histories`), and their replay
// with a workflow bundle, in a child process: protobufjs' JSON decoding does not survive Jest's module registry.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { ProcessDescriptor } from '../../api/process-registry';

export const ROOT = path.join(__dirname, '..', '..');

/** The history files of a process (absolute paths), as its descriptor names them. */
export function historiesOf(descriptor: ProcessDescriptor): string[] {
  const { dir, match } = descriptor.tests.histories;
  const folder = path.join(ROOT, dir);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => f.endsWith('.json') && (!match || match.test(f)))
    .map((f) => path.join(folder, f));
}

/** Replays `files` with the bundle at `bundle` (the run's by default); throws when one does not replay. */
export function replay(files: string[], bundle = process.env.TEST_WORKFLOW_BUNDLE): string {
  return execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'scripts', 'replay.ts'), ...files], {
    env: { ...process.env, WORKFLOW_BUNDLE: bundle },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
