// Bench only, never bundled into the product: Temporal's own floor on this server, a workflow
// whose steps do nothing (a trivial Update, an Update awaiting one no-op activity, a Query).
import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { FloorActivities } from './activities';
import { activityUpdate, finish, stateQuery, trivialUpdate } from './messages';

// The same activity options as the product's proxies (workflows/common/publication.ts).
const { noop } = proxyActivities<FloorActivities>({ startToCloseTimeout: '30 seconds', retry: { initialInterval: '1 second', maximumInterval: '1 minute' } });

export async function benchFloor(): Promise<void> {
  let steps = 0;
  let finished = false;
  setHandler(trivialUpdate, (n) => {
    steps++;
    return n;
  });
  setHandler(activityUpdate, async (n) => {
    await noop();
    steps++;
    return n;
  });
  setHandler(stateQuery, () => ({ steps }));
  setHandler(finish, () => void (finished = true));
  await condition(() => finished && allHandlersFinished());
}
