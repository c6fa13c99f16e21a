// The tests' registry: the platform's processes and the test-only one, registered with one line.
import { createProcessRegistry } from '../../api/process-registry';
import { PROCESSES } from '../../processes';
import { twoStepProcess } from './two-step/process';

export const TEST_PROCESSES = [...PROCESSES, twoStepProcess] as const;

export const testRegistry = createProcessRegistry(TEST_PROCESSES);
