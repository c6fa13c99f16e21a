// What each reader reads of a village's task (test/support/reader-cases.ts): Dongshan's task, assigned to
// a cadre and a grid member, reported on with a note, completed with evidence. The village's own people
// read it whole; its villagers read no name, note or evidence.
import type { ReaderCase } from '../support/reader-cases';
import type { TestPlatform } from '../support/platform';
import { AUDITOR, DISPATCHER, SECRETARY, villageTaskAt } from '../support/scenarios';

const NOTE = '内部备注：张家不配合';
const EVIDENCE = 'evidence-ref-77';

export function readers(platform: TestPlatform): ReaderCase[] {
  const whole = ['p.qiaotou.dongshan.cadre1', EVIDENCE, NOTE];
  return [
    {
      name: 'a task done, with its report and evidence',
      async process() {
        const id = await villageTaskAt(platform, 'IN_PROGRESS');
        const at = `/village-tasks/${id}`;
        await platform.api('p.qiaotou.dongshan.cadre1', 'POST', `${at}/progress-reports`, { items: [{ text: '已走访12户', done: true }], note: NOTE });
        await platform.api(SECRETARY, 'POST', `${at}/complete`, { summary: '已全部办结', evidenceRefs: [EVIDENCE] });
        return id;
      },
      readers: { staff: DISPATCHER, auditor: AUDITOR, subject: SECRETARY, public: 'p.qiaotou.dongshan.villager' },
      shows: { staff: whole, auditor: whole, subject: whole, public: ['已全部办结', '已走访12户', '"assigned":2'] },
      hides: { public: [EVIDENCE, NOTE] },
    },
  ];
}
