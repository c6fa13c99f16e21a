// The dispatch process's descriptors (派单—审核—接单—办理—验收): the dispatch (`taskDispatch`) and each
// village's task (`villageTask`, its child, `<dispatch id>--<village id>`, started by the dispatch only):
// how the API serves them, who reads them, where they sit, their recorded histories. Their contracts
// are workflows/taskDispatch/contract.ts; their activities are the platform's (activities/dispatch.ts).
import { z } from 'zod';
import { defineProcess } from '../../api/process-registry';
import {
  dispatchSummary,
  taskDispatchContract,
  villageTaskContract,
  villageTaskSummary,
  type DispatchStart,
  type VillageTaskStart,
} from '../../workflows/taskDispatch/contract';
import { checkRevision, dispatchRoute, dispatchViewSchema, placeOfDispatch, placeOfVillageTask, presentDispatch, screeningCodeFilter } from './api';
import { dispatchProjections, villageTaskProjections } from '../../workflows/taskDispatch/projections';
import { villageTaskReaders, weeklyRoutes } from './weekly';

export const taskDispatchProcess = defineProcess<DispatchStart>()(taskDispatchContract, {
  workflowModule: require.resolve('../../workflows/taskDispatch/workflow'),
  http: {
    base: '/dispatches',
    tag: 'dispatches',
    tagDescription: 'Dispatch (派单): a task sent down to villages, screened, reviewed, then run per village',
    id: z.string().regex(/^dispatch-(?!.*--)/, 'a dispatch id'),
    listSummary: 'Dispatches, filtered (from the read model)',
    readSummary: 'The full state of a dispatch, with every village and its screening flags',
    listFilters: screeningCodeFilter,
  },
  // Its staff and auditors read it with its screening flags on top; its public part names no reviewer and gives no reasons.
  projections: dispatchProjections({ schema: dispatchViewSchema, project: presentDispatch }),
  starts: [dispatchRoute],
  staticSummary: dispatchSummary,
  startedBy: (view) => view.details.dispatcherOrgId,
  checks: { revise: checkRevision },
  // The county's staff and the town's (its stations' too); a village reads its own task, not the dispatch.
  readers: ['county', 'town'],
  place: placeOfDispatch,
  tests: { histories: { dir: 'test/taskDispatch/histories', match: /^dispatch-/ }, access: 'test/taskDispatch/access', readers: 'test/taskDispatch/readers' },
  readme: {
    name: "**Dispatch** (派单—审核) — its villages' tasks are `villageTask`",
    what: 'submit (a negative-list code is refused at once); automatic screening (catalogue, duplicates — two dispatches of one code to one village flag each other —, clarity; out-of-list work waits for a once-only admission); town review (approve / return / reject, due in 2 working days); collective decision for major matters; one child process per village; withdraw before receipt',
  },
});

export const villageTaskProcess = defineProcess<VillageTaskStart>()(villageTaskContract, {
  workflowModule: require.resolve('../../workflows/taskDispatch/village-task'),
  http: {
    base: '/village-tasks',
    tag: 'village-tasks',
    tagDescription: "A village's task (接单—办理—验收): each village's share of a dispatch, started by the dispatch",
    id: z.string().regex(/^dispatch-.+--.+/, 'a village task id'),
    listSummary: "Villages' tasks, filtered by village, town, step, status, overdue, screening code",
    readSummary: "The full state of one village's task",
    listFilters: screeningCodeFilter,
  },
  // The village's own people read its task whole; its party members and villagers read the public part.
  projections: villageTaskProjections,
  // Started by its dispatch (a child workflow), never through the API.
  starts: [],
  staticSummary: villageTaskSummary,
  startedBy: (view) => view.details.dispatcherOrgId,
  // The week's rhythm of the villages' tasks: a village's Monday deployment list, a town's Friday report.
  routes: weeklyRoutes,
  readers: villageTaskReaders,
  personalData: true,
  place: placeOfVillageTask,
  tests: {
    histories: { dir: 'test/taskDispatch/histories', match: /^village-task-/ },
    access: 'test/taskDispatch/access-village-task',
    readers: 'test/taskDispatch/readers-village-task',
  },
  readme: {
    name: "**Village task** (接单—办理—验收), a dispatch's child per village",
    what: 'receive, assign, Friday itemised reports, complete, accept or rework (bounded, then escalated); Monday deployment lists and Friday town roll-ups',
  },
});
