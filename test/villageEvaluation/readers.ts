// What each reader reads of a town's quarterly evaluation (test/support/reader-cases.ts): its staff
// the whole of it but for who objected, known to the town's reviewer (who answers) and to auditors; the
// people of the town's villages its public part, naming no one.
import type { ReaderCase } from '../support/reader-cases';
import type { TestPlatform } from '../support/platform';
import { DONGSHAN, evaluationAt, REVIEWER } from './scenarios';

const OBJECTOR = 'p.qiaotou.dongshan.villager';
const OBJECTION = '保洁评分依据未公开';

/** A quarter on public notice that a villager of Dongshan objected to. */
async function objected(platform: TestPlatform): Promise<string> {
  const id = await evaluationAt(platform, 'PUBLIC_NOTICE');
  const response = await platform.api(OBJECTOR, 'POST', `/evaluations/${id}/objections`, { villageId: DONGSHAN, text: OBJECTION });
  if (response.status !== 200) throw new Error(`setup: ${response.status} ${JSON.stringify(response.body)}`);
  return id;
}

export function readers(platform: TestPlatform): ReaderCase[] {
  return [
    {
      name: 'a quarter being confirmed',
      process: () => evaluationAt(platform, 'CONFIRMATION'),
      readers: { staff: REVIEWER, auditor: 'p.dept.audit.auditor', public: 'p.qiaotou.dongshan.villager' },
      shows: { staff: ['p.dept.civil-affairs.dispatcher'], auditor: ['p.dept.civil-affairs.dispatcher'], public: ['"standings":['] },
    },
    {
      name: 'objected to on public notice: the objector known to the reviewer, not to other staff',
      process: () => objected(platform),
      readers: { staff: 'p.dept.civil-affairs.dispatcher', auditor: 'p.dept.audit.auditor', public: 'p.qiaotou.nantang.villager' },
      shows: { staff: [OBJECTION, 'p.dept.civil-affairs.dispatcher'], auditor: [OBJECTION, OBJECTOR], public: [OBJECTION] },
      hides: { staff: [OBJECTOR], public: [OBJECTOR] },
    },
    {
      name: 'objected to, read by the reviewer who answers',
      process: () => objected(platform),
      readers: { staff: REVIEWER },
      shows: { staff: [OBJECTION, OBJECTOR] },
    },
  ];
}
