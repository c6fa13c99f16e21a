import { rmSync } from 'node:fs';
import type { DevServer } from '../../platform/temporal-dev-server';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __temporalDevServer?: DevServer }).__temporalDevServer?.stop();
  if (process.env.TEST_TMP) rmSync(process.env.TEST_TMP, { recursive: true, force: true });
}
