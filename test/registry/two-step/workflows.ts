// The bundle entry of the tests' registry: the platform's workflows and the test-only process's.
export * from '../../../workflows';
export { twoStep } from './workflow';
