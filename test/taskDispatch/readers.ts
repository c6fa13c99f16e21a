// What each reader reads of a dispatch (test/support/reader-cases.ts): its readers are all staff.
import type { ReaderCase } from '../support/reader-cases';
import type { TestPlatform } from '../support/platform';
import { AUDITOR, DISPATCHER, dispatchAt } from '../support/scenarios';

export function readers(platform: TestPlatform): ReaderCase[] {
  return [
    {
      name: 'a dispatch returned for revision',
      process: () => dispatchAt(platform, 'REVISION'),
      readers: { staff: DISPATCHER, auditor: AUDITOR },
      shows: { staff: ['screeningFlags', '要求不够具体', 'p.qiaotou.reviewer'], auditor: ['screeningFlags', '要求不够具体', 'p.qiaotou.reviewer'] },
      hides: { public: ['要求不够具体'] },
    },
  ];
}
