// How the generated authorisation cases bring a major matter to each action (test/support/access-cases.ts).
import { randomUUID } from 'node:crypto';
import type { AccessFixtures } from '../support/access-cases';
import type { TestPlatform } from '../support/platform';
import { DONGSHAN } from '../support/scenarios';
import { bridge, matterAt, meeting, partyMeeting, proposal, representatives, type MatterStep } from './scenario';

export function access(platform: TestPlatform): AccessFixtures {
  const at = (step: MatterStep) => () => matterAt(platform, step);
  /** A matter at `step` on which `person` has already done `path` (an objection or a concern to answer). */
  const atWith = (step: MatterStep, person: string, path: string, body: unknown) => async () => {
    const id = await matterAt(platform, step);
    const done = await platform.api(person, 'POST', `/major-matters/${id}/${path}`, body);
    if (done.status !== 200) throw new Error(`setup step failed: ${done.status} ${JSON.stringify(done.body)}`);
    return id;
  };
  return {
    starts: [
      {
        name: 'suggest a major matter',
        path: '/major-matters',
        body: () => ({ requestId: `m-${randomUUID().slice(0, 8)}`, villageId: DONGSHAN, suggestion: bridge() }),
        allowed: ['secretary', 'cadre', 'party member', 'villager'],
      },
    ],
    read: { name: 'read a major matter', process: at('PROPOSE') },
    actions: {
      propose: [{ name: 'propose a major matter', process: at('PROPOSE'), body: () => proposal() }],
      deliberate: [{ name: 'record a joint meeting', process: at('DELIBERATE'), body: () => meeting() }],
      review: [{ name: "record a party members' meeting", process: at('REVIEW'), body: () => partyMeeting() }],
      resolve: [{ name: 'record a resolution meeting', process: at('RESOLVE'), body: () => representatives() }],
      object: [{ name: 'object during a disclosure', process: at('RESOLUTION_DISCLOSURE'), body: () => ({ text: '预算偏高' }), moves: false }],
      townOrder: [{ name: 'order a resolution corrected', process: at('RESOLUTION_DISCLOSURE'), body: () => ({ order: 'CORRECT', reasons: '未附预算明细' }) }],
      progress: [{ name: 'record implementation progress', process: at('IMPLEMENTATION'), body: () => ({ text: '桥墩加固完成' }), moves: false }],
      accept: [{ name: 'accept a major matter', process: at('ACCEPTANCE'), body: () => ({ decision: 'REWORK', reasons: '护栏未安装' }) }],
      answerObjection: [
        {
          name: 'answer an objection',
          process: atWith('RESOLUTION_DISCLOSURE', 'p.qiaotou.dongshan.villager', 'objections', { text: '预算偏高' }),
          body: () => ({ objectionSeq: 1, upheld: false, answer: '经询价，单价合理' }),
        },
      ],
      answerConcern: [
        {
          name: 'answer a supervisory concern',
          process: atWith('DELIBERATE', 'p.qiaotou.dongshan.supervisor', 'concerns', { text: '会议通知未送达' }),
          body: () => ({ concernSeq: 1, answer: '已补送通知' }),
        },
      ],
      concern: [{ name: 'raise a supervisory concern', process: at('DELIBERATE'), body: () => ({ text: '会议通知未送达' }), moves: false }],
    },
  };
}
