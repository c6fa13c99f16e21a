// How the generated authorisation cases bring a village's task to each action (test/support/access-cases.ts):
// Dongshan's task of a Qiaotou dispatch; a village task has no start of its own (its dispatch starts it).
import type { AccessFixtures } from '../support/access-cases';
import type { TestPlatform } from '../support/platform';
import { villageTaskAt } from '../support/scenarios';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

export function access(platform: TestPlatform): AccessFixtures {
  const at = (step: 'RECEIVE' | 'ASSIGN' | 'IN_PROGRESS' | 'ACCEPTANCE') => () => villageTaskAt(platform, step);
  return {
    starts: [],
    read: { name: "read a village's task", process: at('RECEIVE') },
    actions: {
      receive: [{ name: 'receive a task', process: at('RECEIVE') }],
      assign: [{ name: 'assign a task', process: at('ASSIGN'), body: () => ({ personIds: ['p.qiaotou.dongshan.cadre2'] }) }],
      // A report leaves the task where it was: the next worker reports on the same one.
      reportProgress: [{ name: 'report progress', process: at('IN_PROGRESS'), body: () => ({ items: [{ text: '已走访12户', done: false }] }), moves: false }],
      complete: [{ name: 'complete a task', process: at('IN_PROGRESS'), body: () => ({ summary: '已办结', evidenceRefs: ['doc-1'] }) }],
      accept: [{ name: 'accept a task', process: at('ACCEPTANCE'), body: () => ({ decision: 'REWORK', reasons: '名册不全', newDeadline: inDays(10) }) }],
    },
  };
}
