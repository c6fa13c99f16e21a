// THE registry of processes: adding a process is its folders and one line here (see ARCHITECTURE.md,
// "Adding a process"). Processes not yet described here are wired by hand in api/app.ts and
// workflows/index.ts.
import path from 'node:path';
import { createProcessRegistry } from '../api/process-registry';
import { itemAdmissionProcess } from './itemAdmission/process';
import { majorMatterProcess } from './majorMatterDecision/process';
import { secondmentProcess } from './secondment/process';
import { taskDispatchProcess, villageTaskProcess } from './taskDispatch/process';

export const PROCESSES = [
  itemAdmissionProcess,
  majorMatterProcess,
  secondmentProcess,
  taskDispatchProcess,
  villageTaskProcess,
] as const;

/** The registry of the platform's processes; the workflow bundle's entry exports every workflow. */
export const processRegistry = createProcessRegistry(PROCESSES, { workflowsPath: path.join(__dirname, '..', 'workflows') });
