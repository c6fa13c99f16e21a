// Activities as workflows see them: types only, through proxyLocalActivities.
import { ApplicationFailure, type SignalDefinition } from '@temporalio/common';
import { proxyLocalActivities } from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { compare } from 'fast-json-patch';
import type { PlatformActivities } from '../../activities';
import { READ_MODEL_BEHIND, type ProcessView, type Publication } from './view';
import { activityFailureOf, showInTemporal } from './workflow-support';

/** The platform's activities as a process calls them. */
export interface ProcessActivities {
  /** For the main body: retried until done (a process waits out a database outage rather than fail). */
  platform: PlatformActivities;
  /** For the work a step does before it changes anything: bounded, so a failing dependency refuses the step instead of holding it. */
  inStep: PlatformActivities;
}

const platformOptions = { startToCloseTimeout: '30 seconds', retry: { initialInterval: '1 second', maximumInterval: '1 minute' } } as const;

/**
 * Local activities, run inside the workflow task that asks for them: a step or a transition is then one
 * round trip to the server, and each call one marker in the history instead of three events and another
 * workflow task. Every platform activity is short database work, which is what local activities are for.
 */
export const LOCAL_ACTIVITIES: ProcessActivities = {
  platform: proxyLocalActivities<PlatformActivities>(platformOptions),
  // Bounded by attempts (about 10 s of tries): a local activity's schedule-to-close does not end its retries here.
  inStep: proxyLocalActivities<PlatformActivities>({
    startToCloseTimeout: '5 seconds',
    retry: { initialInterval: '200 milliseconds', maximumInterval: '2 seconds', maximumAttempts: 8 },
  }),
};

/**
 * Makes a step visible: search attributes, current details, read model and inbox; each publish carries
 * the next revision. It sends the state's change since the previous publication of this run (the whole
 * state first, or when the read model is behind), and upserts only the search attributes that changed;
 * so a step's history does not grow with the process's whole life.
 */
export function publisher(
  activities: ProcessActivities,
  parent?: ParentLink,
  own?: OwnSearchAttributes,
): (view: ProcessView, details: string) => Promise<void> {
  const { publishProcess } = activities.platform;
  const shown = new Map<string, string>();
  let published: { revision: number; state: ProcessView } | undefined;
  let told: string | undefined;
  return async (view, details) => {
    const revision = (view.revision = (view.revision ?? 0) + 1);
    showInTemporal(view, details, shown, own);
    const state = JSON.parse(JSON.stringify(view)) as ProcessView;
    const shows = parent && parent.shows(view);
    const news = shows === undefined ? undefined : JSON.stringify(shows);
    const tell = parent && news !== told ? { workflowId: parent.workflowId, signal: parent.signal.name, payload: shows } : undefined;
    const whole: Publication = { workflowId: view.workflowId, revision, tell, view: state };
    const change: Publication = published
      ? { workflowId: view.workflowId, revision, tell, base: published.revision, patch: compare(published.state, state) }
      : whole;
    await publishProcess(change).catch((error: unknown) => {
      const failed = activityFailureOf(error);
      const behind = failed instanceof ApplicationFailure && failed.type === READ_MODEL_BEHIND;
      if (behind && change !== whole) return publishProcess(whole);
      throw error;
    });
    published = { revision, state };
    told = news;
  };
}

/** A process's search attributes of its own (e.g. a matter's kind and amount), beside the kit's. */
export type OwnSearchAttributes = (view: ProcessView) => SearchAttributeUpdatePair[];

/**
 * A parent process told what it shows of this one (`shows`), through the publication's activity and only
 * when that changed: no event in this process's history, one signal in the parent's.
 */
export interface ParentLink<V extends ProcessView = ProcessView> {
  workflowId: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  signal: SignalDefinition<[any]>;
  shows(view: V): unknown;
}
