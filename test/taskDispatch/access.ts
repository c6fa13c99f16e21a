// How the generated authorisation cases bring a dispatch to each action (test/support/access-cases.ts):
// a Qiaotou dispatch to Dongshan, at review, revision or the collective decision.
import { randomUUID } from 'node:crypto';
import type { AccessFixtures } from '../support/access-cases';
import type { TestPlatform } from '../support/platform';
import { dispatchAt, dispatchContent, QIAOTOU } from '../support/scenarios';

export function access(platform: TestPlatform): AccessFixtures {
  const at = (step: 'REVIEW' | 'REVISION' | 'COLLECTIVE_DECISION') => () => dispatchAt(platform, step);
  return {
    starts: [
      {
        name: 'dispatch to Dongshan',
        path: '/dispatches',
        body: () => ({ requestId: `m-${randomUUID().slice(0, 8)}`, townId: QIAOTOU, content: dispatchContent() }),
        allowed: ['town dispatcher', 'department dispatcher', 'department dispatcher (other department)'],
      },
    ],
    read: { name: 'read a dispatch', process: at('REVIEW') },
    actions: {
      revise: [
        {
          name: 'revise a dispatch',
          process: at('REVISION'),
          body: () => {
            const { villageIds: _v, ...content } = dispatchContent();
            return content;
          },
        },
      ],
      review: [{ name: 'review a dispatch', process: at('REVIEW'), body: () => ({ decision: 'RETURN', reasons: '请补充要求' }) }],
      collectiveDecision: [
        {
          name: 'record a collective decision',
          process: at('COLLECTIVE_DECISION'),
          body: () => ({ meetingDate: '2026-11-20', minutesRef: '镇党委会纪要〔2026〕12号', approved: false }),
        },
      ],
      withdraw: [{ name: 'withdraw a dispatch', process: at('REVIEW'), body: () => ({ reason: '上级取消' }) }],
    },
  };
}
