// The secondment process's descriptor (借调审批与清退): how the API serves it, who reads it, where it
// sits, its activities and its recorded histories. Its contract is workflows/secondment/contract.ts.
import { z } from 'zod';
import { secondmentActivities } from '../../activities/secondment';
import { defineProcess } from '../../api/process-registry';
import { secondmentContract, secondmentSummary, type SecondmentStart } from '../../workflows/secondment/contract';
import { secondmentProjections } from '../../workflows/secondment/projections';
import { censusRoute, placeOfSecondment, requestRoute, secondmentReportRoutes } from './api';
import { seedSecondments } from './seed';

export const secondmentProcess = defineProcess<SecondmentStart>()(secondmentContract, {
  workflowModule: require.resolve('../../workflows/secondment/workflow'),
  http: {
    base: '/secondments',
    tag: 'secondments',
    tagDescription: 'Secondment (借调): a unit borrows a village cadre; eligibility, term, extensions, return, clawback',
    id: z.string().regex(/^secondment-(?!.*--)/, 'a secondment id'),
    listSummary: 'Secondments of a county, from the read model',
    readSummary: 'The full state of a secondment: step, eligibility, term, extensions, return',
  },
  starts: [requestRoute, censusRoute],
  staticSummary: secondmentSummary,
  startedBy: (view) => (view.details.origin === 'CENSUS' ? view.details.inspectorOrgId : view.details.borrowingUnit.id),
  routes: secondmentReportRoutes,
  // The cadre it is about reads their own part; the public part names no one.
  projections: secondmentProjections,
  // A personnel matter: the county's staff and the staff of the town the cadre is away from; no village reader.
  readers: ['county', 'town'],
  personalData: true,
  place: placeOfSecondment,
  activities: secondmentActivities,
  seed: seedSecondments,
  tests: { histories: { dir: 'test/secondment/histories' }, access: 'test/secondment/access', readers: 'test/secondment/readers' },
  readme: {
    name: '**Secondment** (借调审批与清退)',
    what: "a unit asks to borrow a cadre; eligibility lists every failure (banned categories, cool-down, term and cap, quota); both consents within a working-day period, review, approval, registration (the requester may withdraw until then); extensions within the cap; at the term's end the cadre returns and the source unit confirms (else escalated); an inspector claws back, or registers a census finding",
  },
});
