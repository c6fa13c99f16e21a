// The itemAdmission process's descriptor (准入): how the API serves it, who reads it, where it sits,
// its recorded histories. Its contract is workflows/itemAdmission/contract.ts.
import { z } from 'zod';
import { defineProcess } from '../../api/process-registry';
import { admissionContract, admissionSummary, type AdmissionStart } from '../../workflows/itemAdmission/contract';
import { admissionProjections } from '../../workflows/itemAdmission/projections';
import { applyRoute, placeOfAdmission } from './api';

export const itemAdmissionProcess = defineProcess<AdmissionStart>()(admissionContract, {
  workflowModule: require.resolve('../../workflows/itemAdmission/workflow'),
  http: {
    base: '/admissions',
    tag: 'admissions',
    tagDescription: 'Admission (准入申请): a department applies to put work on villages',
    id: z.string().regex(/^admission-/, 'an admission id'),
    listSummary: 'Admissions of a county, from the read model',
    readSummary: 'The full state of an admission: step, next actors, deadlines, record',
  },
  starts: [applyRoute],
  staticSummary: admissionSummary,
  startedBy: (view) => view.details.departmentId,
  // Its readers are all staff; its public part is declared all the same (docs/processes.md §0.9).
  projections: admissionProjections,
  // The county's staff, and every town of the county: towns are consulted on every admission.
  readers: ['county', 'countyTowns'],
  place: placeOfAdmission,
  tests: { histories: { dir: 'test/itemAdmission/histories' }, access: 'test/itemAdmission/access', readers: 'test/itemAdmission/readers' },
  readme: {
    name: '**Admission** (准入)',
    what: 'a department applies; the coordination office reviews on three tests; towns are consulted (silence = no objection, timer); admit into the catalogue (at once or next version), admit once, or refuse; negative-list work refused outright',
  },
});
