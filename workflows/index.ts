// The workflow bundle's entry: every process.
export { itemAdmission } from './itemAdmission/workflow';
export { taskDispatch } from './taskDispatch/workflow';
export { villageTask } from './taskDispatch/village-task';
export { majorMatterDecision } from './majorMatterDecision/workflow';
export { projectBidding } from './projectBidding/workflow';
export { secondment } from './secondment/workflow';
