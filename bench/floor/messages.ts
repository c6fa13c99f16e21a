// Bench only: the floor workflow's messages (no workflow code, so the bench's client may import them).
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

export const FLOOR_WORKFLOW = 'benchFloor';
export const trivialUpdate = defineUpdate<number, [number]>('trivial');
export const activityUpdate = defineUpdate<number, [number]>('withActivity');
export const stateQuery = defineQuery<{ steps: number }>('state');
export const finish = defineSignal('finish');
