// How the generated authorisation cases bring a quarterly evaluation to each action (test/support/access-cases.ts).
import type { AccessFixtures } from '../support/access-cases';
import type { TestPlatform } from '../support/platform';
import { DONGSHAN, evaluationAt, LOW_INCOME, listBody, type EvaluationStep } from './scenarios';

export function access(platform: TestPlatform): AccessFixtures {
  const at = (step: EvaluationStep) => () => evaluationAt(platform, step);
  const disputed = async () => {
    const id = await evaluationAt(platform, 'CONFIRMATION');
    const dispute = { villageId: DONGSHAN, code: LOW_INCOME, reason: '台账已补齐' };
    const response = await platform.api('p.qiaotou.dongshan.secretary', 'POST', `/evaluations/${id}/disputes`, dispute);
    if (response.status !== 200) throw new Error(`setup: ${response.status} ${JSON.stringify(response.body)}`);
    return id;
  };
  const objected = async () => {
    const id = await evaluationAt(platform, 'PUBLIC_NOTICE');
    const response = await platform.api('p.qiaotou.dongshan.villager', 'POST', `/evaluations/${id}/objections`, {
      villageId: DONGSHAN,
      text: '评分依据未公开',
    });
    if (response.status !== 200) throw new Error(`setup: ${response.status} ${JSON.stringify(response.body)}`);
    return id;
  };
  return {
    starts: [{ name: "issue a town's quarterly list", path: '/evaluations', body: () => listBody(), allowed: ['department dispatcher'] }],
    read: { name: 'read a quarterly evaluation', process: at('MARKING') },
    actions: {
      mark: [
        {
          name: 'mark villages on own items',
          process: at('MARKING'),
          body: () => ({ marks: [{ villageId: DONGSHAN, code: LOW_INCOME, mark: 88, reason: '按时完成' }] }),
          moves: false,
        },
      ],
      evaluate: [{ process: at('EVALUATION'), body: () => ({}) }],
      sign: [
        { name: "sign as the town's leader", process: at('CONFIRMATION'), body: () => ({}), moves: false },
        { name: "sign as a village's secretary", process: at('CONFIRMATION'), body: () => ({ villageId: DONGSHAN }), moves: false },
      ],
      dispute: [{ process: at('CONFIRMATION'), body: () => ({ villageId: DONGSHAN, code: LOW_INCOME, reason: '台账已补齐' }), moves: false }],
      answerDispute: [{ process: disputed, body: () => ({ dispute: 1, answer: '经核实维持原分' }) }],
      object: [{ process: at('PUBLIC_NOTICE'), body: () => ({ villageId: DONGSHAN, text: '评分依据未公开' }), moves: false }],
      answerObjection: [{ process: objected, body: () => ({ objection: 1, answer: '评分依据已张贴于村务公开栏' }) }],
    },
  };
}
