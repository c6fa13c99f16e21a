// What each reader reads of a note (test/support/reader-cases.ts): the village's staff and its town's read
// it whole; its villagers the note, how and when it was closed, not by whom.
import type { ReaderCase } from '../../support/reader-cases';
import type { TestPlatform } from '../../support/platform';
import { openNote, SECRETARY } from './access';

const SUPERVISOR = 'p.qiaotou.dongshan.supervisor';
const WORDS = '已办结：祠堂屋面已修缮';

export function readers(platform: TestPlatform): ReaderCase[] {
  return [
    {
      name: 'a closed note',
      async process() {
        const id = (await platform.api(SECRETARY, 'POST', '/two-steps', openNote())).body.workflowId as string;
        await platform.api(SUPERVISOR, 'POST', `/two-steps/${id}/close`, { text: WORDS });
        return id;
      },
      readers: { staff: 'p.qiaotou.reviewer', auditor: 'p.dept.audit.auditor', subject: SECRETARY, public: 'p.qiaotou.dongshan.villager' },
      shows: { staff: [WORDS, SUPERVISOR], auditor: [WORDS, SUPERVISOR], subject: [WORDS, SUPERVISOR], public: ['修缮祠堂', WORDS] },
      hides: { public: [SUPERVISOR] },
    },
  ];
}
