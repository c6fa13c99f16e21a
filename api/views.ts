// What each process answers: its full state, typed to the last field (workflows/*/messages.ts),
// so front-ends and the OpenAPI document agree on every detail they live on.
import { z } from 'zod';
import './openapi'; // zod's .openapi()
import type { DispatchView } from '../workflows/taskDispatch/contract';
import { isOutOfList } from '../workflows/taskDispatch/rules';

import { by, processViewSchema as processView, STATUSES } from '../workflows/common/view-schema';

export { processView, STATUSES };

// ---- taskDispatch ----

const content = z.object({
  title: z.string(),
  screeningCode: z.string().optional(),
  villageIds: z.array(z.string()),
  requirements: z.string(),
  deliverables: z.array(z.string()),
  acceptanceCriteria: z.string(),
  deadline: z.string(),
  supportingOrgIds: z.array(z.string()),
  majorMatter: z.boolean(),
});

const UNCLEAR = ['NO_DELIVERABLES', 'NO_ACCEPTANCE_CRITERIA', 'DEADLINE_TOO_CLOSE'] as const;
const SCREENING_FLAGS = ['DUPLICATE', 'OUT_OF_LIST', 'UNCLEAR'] as const;

const dispatchDetails = z
  .object({
    townId: z.string(),
    dispatcherOrgId: z.string(),
    content,
    screening: z
      .object({
        catalogue: z.enum(['IN_CATALOGUE', 'NEGATIVE_LIST', 'UNKNOWN', 'ADMITTED_ONCE', 'NO_CODE']),
        catalogueVersionId: z.string().optional(),
        matchedName: z.string().optional(),
        duplicates: z.array(z.object({ villageId: z.string(), workflowId: z.string() })),
        unclear: z.array(z.enum(UNCLEAR)),
      })
      .optional(),
    admission: z.object({ workflowId: z.string(), code: z.string(), outcome: z.string().optional() }).optional(),
    reviewDueAt: z.string().optional(),
    reviews: z.array(
      z.discriminatedUnion('decision', [
        z.object({ decision: z.literal('APPROVE'), comment: z.string().optional(), ...by }),
        z.object({ decision: z.literal('RETURN'), reasons: z.string(), ...by }),
        z.object({ decision: z.literal('REJECT'), grounds: z.enum(['OUT_OF_LIST', 'UNCLEAR', 'DUPLICATE', 'OTHER']), reasons: z.string(), ...by }),
      ]),
    ),
    collectiveDecision: z.object({ meetingDate: z.string(), minutesRef: z.string(), approved: z.boolean(), note: z.string().optional() }).optional(),
    villages: z.array(z.object({ villageId: z.string(), workflowId: z.string(), step: z.string(), status: z.enum(STATUSES), overdue: z.boolean() })),
  })
  .openapi('DispatchDetails');

export const dispatchViewSchema = processView('taskDispatch', dispatchDetails)
  .extend({
    screeningFlags: z.array(z.enum(SCREENING_FLAGS)).openapi({
      description: 'What screening found for the reviewer to weigh (empty while screening runs, or when clear): DUPLICATE (the same code open for one of the villages), OUT_OF_LIST (not in the catalogue in force and not admitted), UNCLEAR (no deliverables, no acceptance criteria, or a deadline too close)',
    }),
  })
  .openapi('DispatchView');

/** A dispatch's state with its screening flags on top, where a front-end looks first. */
export function presentDispatch(view: DispatchView): z.infer<typeof dispatchViewSchema> {
  const s = view.details.screening;
  const flags: (typeof SCREENING_FLAGS)[number][] = [];
  if (s?.duplicates.length) flags.push('DUPLICATE');
  if (s && isOutOfList(s)) flags.push('OUT_OF_LIST');
  if (s?.unclear.length) flags.push('UNCLEAR');
  return { ...(view as z.infer<typeof dispatchViewSchema>), screeningFlags: flags };
}

// ---- villageTask ----

const staff = z.object({ personId: z.string(), name: z.string(), role: z.enum(['VILLAGE_CADRE', 'GRID_MEMBER']), orgId: z.string() });

const villageTaskDetails = z
  .object({
    dispatchWorkflowId: z.string(),
    townId: z.string(),
    dispatcherOrgId: z.string(),
    content,
    deadline: z.string(),
    staff: z.array(staff),
    assignees: z.array(staff),
    reports: z.array(z.object({ items: z.array(z.object({ text: z.string(), done: z.boolean() })), note: z.string().optional(), weekDueAt: z.string(), ...by })),
    nextReportDueAt: z.string().optional(),
    missedReports: z.array(z.string()),
    reminded: z.boolean(),
    completions: z.array(z.object({ summary: z.string(), evidenceRefs: z.array(z.string()), ...by })),
    reworkRounds: z.number().int(),
    escalated: z.boolean(),
  })
  .openapi('VillageTaskDetails');

export const villageTaskViewSchema = processView('villageTask', villageTaskDetails).openapi('VillageTaskView');
