// How the generated authorisation cases bring a note to its action.
import { randomUUID } from 'node:crypto';
import type { AccessFixtures } from '../../support/access-cases';
import type { TestPlatform } from '../../support/platform';

export const SECRETARY = 'p.qiaotou.dongshan.secretary';
export const DONGSHAN = 'xingcun.qiaotou.dongshan';

export const openNote = () => ({ requestId: `n-${randomUUID().slice(0, 8)}`, villageId: DONGSHAN, note: '修缮祠堂' });

export function access(platform: TestPlatform): AccessFixtures {
  const open = async () => {
    const opened = await platform.api(SECRETARY, 'POST', '/two-steps', openNote());
    if (opened.status !== 201) throw new Error(`setup: ${opened.status} ${JSON.stringify(opened.body)}`);
    return opened.body.workflowId as string;
  };
  return {
    starts: [{ name: 'open a note', path: '/two-steps', body: openNote, allowed: ['secretary'] }],
    read: { name: 'read a note', process: open },
    actions: { close: [{ process: open, body: () => ({ text: '已办结' }) }] },
  };
}
