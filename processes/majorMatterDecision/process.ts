// The majorMatterDecision process's descriptor (五议两公开): how the API serves it, who reads it, where it
// sits, its board, its recorded histories. Its contract is workflows/majorMatterDecision/contract.ts.
import { z } from 'zod';
import { defineProcess } from '../../api/process-registry';
import { majorMatterContract, majorMatterSummary, type MajorMatterStart } from '../../workflows/majorMatterDecision/contract';
import { majorMatterProjections } from '../../workflows/majorMatterDecision/projections';
import { boardRoutes, placeOfMatter, suggestRoute } from './api';

export const majorMatterProcess = defineProcess<MajorMatterStart>()(majorMatterContract, {
  workflowModule: require.resolve('../../workflows/majorMatterDecision/workflow'),
  http: {
    base: '/major-matters',
    tag: 'major matters',
    tagDescription: "A village's major matters (五议两公开): proposal, meetings, resolution, disclosure, objections, acceptance",
    id: z.string().regex(/^matter-[^-].*--./, 'a major matter id'),
    listSummary: 'Major matters, filtered by town, village, step, status, overdue (from the read model)',
    readSummary: 'The full state of a major matter: proposal revisions, meetings, disclosures, objections, concerns, record',
  },
  starts: [suggestRoute],
  staticSummary: majorMatterSummary,
  startedBy: (view) => view.villageId!,
  routes: boardRoutes,
  // Protected voices: objectors, concerns' authors and (if asked) the suggester known only to the village secretary and auditors.
  projections: majorMatterProjections,
  // The county's staff, the town's, and the village's own people (its matters are public to it).
  readers: ['county', 'town', 'village'],
  personalData: true,
  place: placeOfMatter,
  tests: {
    histories: { dir: 'test/majorMatterDecision/histories' },
    access: 'test/majorMatterDecision/access',
    readers: 'test/majorMatterDecision/readers',
  },
  readme: {
    name: '**Major matters** (五议两公开)',
    what: "a party member, villager or cadre suggests; the village party organisation proposes (or declines); the joint meeting, the party members' meeting and the representatives' or villagers' meeting record their minutes and the process decides pass or fail from the pinned quorums and majorities; resolution and result disclosures with objections; the town may order correction or quash; implementation, acceptance by the supervisory committee; a public notice board per village",
  },
});
