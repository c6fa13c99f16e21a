import { processDetails } from '../../../workflows/common/details';
import { openProcess } from '../../../workflows/common/open-process';
import { reasonGiven } from '../../../workflows/common/guards';
import { nowIso } from '../../../workflows/common/workflow-support';
import { twoStepContract, type TwoStepStart, type TwoStepView } from './contract';

const { query, actions } = twoStepContract;

/** Opened by a village's secretary, closed by its supervisor. */
export async function twoStep(start: TwoStepStart): Promise<TwoStepView> {
  const process = openProcess<TwoStepView, 'OPEN' | 'CLOSED'>({
    query,
    rules: start.rules,
    view: { processType: 'twoStep', title: `Note: ${start.note}`, countyId: start.countyId, townId: start.townId, villageId: start.villageId, step: 'OPEN', details: { villageId: start.villageId, note: start.note } },
    details: (view) => processDetails(view, view.title, [`- **Note**: ${view.details.note}`]),
  });
  const { view, step, moveTo, close, record } = process;
  step(
    actions.close,
    (_actor, body) => reasonGiven(body.text, 'Closing the note'),
    (actor, body) => {
      view.details.closed = { ...body, at: nowIso(), personId: actor.personId };
      record({ step: 'CLOSE', summary: body.text, data: body });
      close('COMPLETED', body.text);
    },
  );
  return process.run(async () => {
    await process.transition(() => moveTo('OPEN', [{ role: 'SUPERVISOR', orgId: start.villageId, action: 'close the note' }]));
    await process.watch(() => view.status === 'RUNNING', []);
  });
}
