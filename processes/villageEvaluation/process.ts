// The quarterly evaluation's descriptor (一季一评比): how the API serves it, who reads it, where it sits,
// its activities and its recorded histories. Its contract is workflows/villageEvaluation/contract.ts.
import { z } from 'zod';
import { evaluationActivities } from '../../activities/villageEvaluation';
import { defineProcess } from '../../api/process-registry';
import { evaluationProjections } from '../../workflows/villageEvaluation/projections';
import { evaluationContract, evaluationSummary, type EvaluationStart } from '../../workflows/villageEvaluation/contract';
import { listRoute, placeOfEvaluation } from './api';

export const evaluationProcess = defineProcess<EvaluationStart>()(evaluationContract, {
  workflowModule: require.resolve('../../workflows/villageEvaluation/workflow'),
  http: {
    base: '/evaluations',
    tag: 'evaluations',
    tagDescription: "Quarterly evaluation (一季一评比): a town's quarterly list, monthly reminders, departments' marks, ranking, signatures, public notice",
    id: z.string().regex(/^villageEvaluation-.+-\d{4}-Q[1-4]$/, 'an evaluation id'),
    listSummary: 'Quarterly evaluations of a county, from the read model',
    readSummary: "The full state of a town's quarterly evaluation: list, figures, marks, ranking, signatures, disputes, objections",
  },
  starts: [listRoute],
  staticSummary: evaluationSummary,
  startedBy: (view) => view.details.town.id,
  // Posted publicly: the county's staff, the town's, and the people of the town's villages.
  // Its public part names no one (workflows/villageEvaluation/projections.ts).
  projections: evaluationProjections,
  readers: ['county', 'town', 'villageTowns'],
  place: placeOfEvaluation,
  activities: evaluationActivities,
  tests: { histories: { dir: 'test/villageEvaluation/histories' }, access: 'test/villageEvaluation/access', readers: 'test/villageEvaluation/readers' },
  readme: {
    name: '**Quarterly evaluation** (一季一评比)',
    what: "a department issues a town's quarterly list from the catalogue (its size against the quarter before); a reminder to each village every month; each participating department marks its items per village with reasons, the countable figures pre-filled from the record; the town's reviewer ranks by weighted totals (ties by fewer overdue tasks); the town's leader and each secretary sign, disputes answered on the record; public notice with objections; rewards and yellow cards recorded",
  },
});
