// How the kit reads a child's end (workflows/common/children.ts): pure, from the SDK's failures.
import { ApplicationFailure, CancelledFailure, ChildWorkflowFailure, RetryState, TerminatedFailure, TimeoutFailure } from '@temporalio/common';
import { childEndOf, closedByParent } from '../../workflows/common/children';

const child = (cause: Error) => new ChildWorkflowFailure('default', { workflowId: 'd--v', runId: 'r' }, 'villageTask', RetryState.NON_RETRYABLE_FAILURE, cause);

test('terminated, timed out, failed: ends the parent closes for its child, with why', () => {
  expect(childEndOf(child(new TerminatedFailure('Terminated')))).toEqual({ status: 'TERMINATED', reason: 'Terminated through Temporal (by an operator)' });
  expect(childEndOf(child(new TerminatedFailure('村里另行安排')))).toEqual({
    status: 'TERMINATED',
    reason: 'Terminated through Temporal (by an operator): 村里另行安排',
  });
  expect(childEndOf(child(new TimeoutFailure(undefined, undefined, 'START_TO_CLOSE')))).toEqual({
    status: 'TIMED_OUT',
    reason: 'Timed out in Temporal (START_TO_CLOSE)',
  });
  expect(childEndOf(child(ApplicationFailure.create({ message: 'boom' })))).toEqual({ status: 'FAILED', reason: 'Failed in Temporal: boom' });
  for (const cause of [new TerminatedFailure('x'), new TimeoutFailure(undefined, undefined, 'START_TO_CLOSE'), ApplicationFailure.create({ message: 'b' })])
    expect(closedByParent(childEndOf(child(cause))!)).toBe(true);
});

test('a cancelled child closed its own record; anything else is not a child end', () => {
  const cancelled = childEndOf(child(new CancelledFailure('cancelled')))!;
  expect(cancelled.status).toBe('CANCELLED');
  expect(closedByParent(cancelled)).toBe(false);
  expect(childEndOf(new Error('the child could not start'))).toBeUndefined();
  expect(childEndOf(ApplicationFailure.create({ message: 'not a child' }))).toBeUndefined();
});
