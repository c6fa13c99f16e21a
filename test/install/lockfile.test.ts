// `npm ci` refuses a lockfile that lacks an entry for any optional dependency of a locked package,
// whatever the platform. npm install leaves such entries out without a word when a platform package
// is not on the registry, so a dependency change can break every `npm ci` (CI, container builds).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../..');

test('npm ci accepts package.json and package-lock.json as they are', async () => {
  const run = promisify(execFile)('npm', ['ci', '--ignore-scripts', '--dry-run', '--no-audit', '--no-fund'], { cwd: ROOT, env: process.env });
  await expect(
    run.then(
      () => 'accepted',
      (e: { stderr?: string; message?: string }) => e.stderr ?? e.message,
    ),
  ).resolves.toBe('accepted');
});
