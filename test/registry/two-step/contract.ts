// A process that exists only in the tests, to prove the registry: a village secretary opens a note,
// the village's supervisor closes it. Start → one action → closed.
import { z } from 'zod';
import { defineContract, type ViewOf } from '../../../workflows/common/contract';
import { by } from '../../../workflows/common/view-schema';
import type { Actor } from '../../../workflows/common/actor';
import type { PinnedRules } from '../../../workflows/rules/definitions';
import { TWO_STEP_RULES } from './rule-section';

export const closeSchema = z
  .object({ text: z.string().min(1).max(200) })
  .strict()
  .meta({ id: 'TwoStepClose' });

export const twoStepContract = defineContract(
  {
    processType: 'twoStep',
    rules: { twoStep: TWO_STEP_RULES },
    steps: ['OPEN', 'CLOSED'],
    details: z.object({ villageId: z.string(), note: z.string(), closed: z.object({ ...closeSchema.shape, ...by }).optional() }).meta({ id: 'TwoStepDetails' }),
  },
  (action) => ({
    close: action(closeSchema, {
      path: 'close',
      summary: "The village's supervisor closes the note",
      doing: 'Closing the note',
      at: ['OPEN'],
      by: (d) => [{ role: 'SUPERVISOR', org: d.villageId }],
    }),
  }),
);

export type TwoStepView = ViewOf<typeof twoStepContract>;
export interface TwoStepStart {
  countyId: string;
  townId: string;
  villageId: string;
  note: string;
  requester: Actor;
  /** The county rules in force at the start, pinned for the process's whole life. */
  rules: PinnedRules;
}
