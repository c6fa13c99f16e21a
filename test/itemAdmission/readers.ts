// What each reader reads of an admission (test/support/reader-cases.ts): its readers are all staff — the
// county's, and every town of the county (consulted on it) — and auditors; each reads it whole.
import type { ReaderCase } from '../support/reader-cases';
import type { TestPlatform } from '../support/platform';
import { admissionAt, AUDITOR } from '../support/scenarios';

const COMMENT = '我镇村级力量不足';

export function readers(platform: TestPlatform): ReaderCase[] {
  return [
    {
      name: 'under consultation, a town has answered',
      async process() {
        const id = await admissionAt(platform, 'CONSULTATION');
        const answered = await platform.api('p.xikou.reviewer', 'POST', `/admissions/${id}/consultation-responses`, {
          townId: 'xingcun.xikou',
          objection: true,
          comment: COMMENT,
        });
        if (answered.status !== 200) throw new Error(`setup step failed: ${answered.status} ${JSON.stringify(answered.body)}`);
        return id;
      },
      readers: { staff: 'p.qiaotou.reviewer', auditor: AUDITOR },
      shows: { staff: [COMMENT, 'p.xikou.reviewer'], auditor: [COMMENT, 'p.xikou.reviewer'] },
      hides: { public: [COMMENT] },
    },
  ];
}
