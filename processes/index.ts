// THE registry of processes: adding a process is its folders and one line here (see ARCHITECTURE.md,
// "Adding a process"); the workflow bundle's entry is made from it (worker/workflows-entry.ts).
import { createProcessRegistry } from '../api/process-registry';
import { itemAdmissionProcess } from './itemAdmission/process';
import { majorMatterProcess } from './majorMatterDecision/process';
import { biddingProcess } from './projectBidding/process';
import { secondmentProcess } from './secondment/process';
import { taskDispatchProcess, villageTaskProcess } from './taskDispatch/process';
import { evaluationProcess } from './villageEvaluation/process';

export const PROCESSES = [
  itemAdmissionProcess,
  majorMatterProcess,
  biddingProcess,
  secondmentProcess,
  taskDispatchProcess,
  villageTaskProcess,
  evaluationProcess,
] as const;

/** The registry of the platform's processes; the workflow bundle's entry exports every workflow. */
export const processRegistry = createProcessRegistry(PROCESSES);
