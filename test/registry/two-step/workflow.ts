import { processDetails } from '../../../workflows/common/details';
import { openProcess } from '../../../workflows/common/open-process';
import { reasonGiven } from '../../../workflows/common/guards';
import { allowed, firstRefusal, ruleBroken } from '../../../workflows/common/reasons';
import { nowIso } from '../../../workflows/common/workflow-support';
import type { RuleValues } from '../../../workflows/rules/definitions';
import { twoStepContract, type TwoStepStart, type TwoStepView } from './contract';
import { TWO_STEP_RULES } from './rule-section';

const { query, actions } = twoStepContract;

/** Opened by a village's secretary, closed by its supervisor. */
export async function twoStep(start: TwoStepStart): Promise<TwoStepView> {
  const process = openProcess<TwoStepView, 'OPEN' | 'CLOSED'>({
    query,
    rules: start.rules,
    ruleSections: twoStepContract.rules,
    view: {
      processType: 'twoStep',
      title: `Note: ${start.note}`,
      countyId: start.countyId,
      townId: start.townId,
      villageId: start.villageId,
      step: 'OPEN',
      details: { villageId: start.villageId, note: start.note },
    },
    details: (view) => processDetails(view, view.title, [`- **Note**: ${view.details.note}`]),
  });
  const { view, step, moveTo, close, record } = process;
  // Its own section of the county's rules, pinned at start (a history recorded before it had one reads its default).
  const maxLength = (start.rules.values as Partial<RuleValues>).twoStep?.maxNoteLength ?? TWO_STEP_RULES.maxNoteLength.default;
  step(
    actions.close,
    (_actor, body) =>
      firstRefusal(
        reasonGiven(body.text, 'Closing the note'),
        body.text.length <= maxLength
          ? allowed
          : ruleBroken('twoStep.maxNoteLength', `Closing words are at most ${maxLength} characters.`, `办结说明不超过 ${maxLength} 字。`),
      ),
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
