// How the generated authorisation cases bring an admission to each action (test/support/access-cases.ts).
import { randomUUID } from 'node:crypto';
import type { AccessFixtures } from '../support/access-cases';
import type { TestPlatform } from '../support/platform';
import { admissionApplication, admissionAt, QIAOTOU } from '../support/scenarios';

const met = { met: true, reason: '有依据' };

export function access(platform: TestPlatform): AccessFixtures {
  const at = (step: 'REVIEW' | 'CONSULTATION' | 'DECISION') => () => admissionAt(platform, step);
  return {
    starts: [
      {
        name: 'apply for admission',
        path: '/admissions',
        body: () => ({ requestId: `m-${randomUUID().slice(0, 8)}`, departmentId: 'xingcun.dept.civil-affairs', application: admissionApplication(`XC-M-${randomUUID().slice(0, 6).toUpperCase()}`) }),
        allowed: ['department dispatcher'],
      },
    ],
    read: { name: 'read an admission', process: at('REVIEW') },
    actions: {
      review: [{ name: 'review an admission', process: at('REVIEW'), body: () => ({ requiredByLaw: met, customarilyNeedsVillage: met, withinVillageCapacity: met }) }],
      respondToConsultation: [{ name: 'respond to a consultation', process: at('CONSULTATION'), body: () => ({ townId: QIAOTOU, objection: false, comment: '' }) }],
      decide: [{ name: 'decide an admission', process: at('DECISION'), body: () => ({ outcome: 'REFUSE', reason: '未通过三项检验' }) }],
      withdraw: [{ name: 'withdraw an admission', process: at('REVIEW'), body: () => ({ reason: '政策调整' }) }],
    },
  };
}
