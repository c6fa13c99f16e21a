// Each reader sees what is theirs (docs/processes.md §0.9): for every registered process, the cases its
// fixtures name (test/support/reader-cases.ts) read by each kind of reader — staff, auditor, subject,
// public — through every GET that shows the process, each getting its projection and nothing more.
import { processRegistry } from '../../processes';
import { startPlatform, type TestPlatform } from '../support/platform';
import { readAs, readerCases } from '../support/reader-cases';
import type { ReaderKind } from '../../workflows/common/projection';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startPlatform('sqlite');
});
afterAll(() => platform?.stop());

test('every process names its reader cases', () => {
  expect(processRegistry.all.filter((d) => !d.tests.readers).map((d) => d.contract.processType)).toEqual([]);
});

describe.each(processRegistry.all.filter((d) => d.tests.readers).map((d) => [d.contract.processType, d] as const))('%s', (_type, descriptor) => {
  test('each kind of reader reads its own projection, and nothing more', async () => {
    const findings: string[] = [];
    for (const c of readerCases(descriptor, platform)) {
      const id = await c.process();
      for (const kind of Object.keys(c.readers) as ReaderKind[]) findings.push(...(await readAs(platform, descriptor, c, id, kind)));
    }
    expect(findings).toEqual([]);
  });
});
