// What each reader reads of a town's quarterly evaluation (test/support/reader-cases.ts): its staff and
// auditors the whole of it; the people of the town's villages its public part, naming no one.
import type { ReaderCase } from '../support/reader-cases';
import type { TestPlatform } from '../support/platform';
import { evaluationAt, REVIEWER } from './scenarios';

export function readers(platform: TestPlatform): ReaderCase[] {
  return [
    {
      name: 'a quarter being confirmed',
      process: () => evaluationAt(platform, 'CONFIRMATION'),
      readers: { staff: REVIEWER, auditor: 'p.dept.audit.auditor', public: 'p.qiaotou.dongshan.villager' },
      shows: { staff: ['p.dept.civil-affairs.dispatcher'], auditor: ['p.dept.civil-affairs.dispatcher'], public: ['"standings":['] },
    },
  ];
}
