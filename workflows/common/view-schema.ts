// The schema of what every process answers (ProcessView), around a process's own details: bundle-safe
// (zod only), so a contract declares its view once and the API documents it from the same schema.
import { z } from 'zod';
import { ROLES } from './roles';

export const STATUSES = ['RUNNING', 'COMPLETED', 'REJECTED', 'WITHDRAWN', 'CANCELLED', 'TERMINATED', 'FAILED', 'TIMED_OUT'] as const;
// Who took a step; a projection leaves the person out where its reader may not know them (a protected objector).
const actedAs = z.object({
  personId: z.string().optional().meta({ description: 'Absent where the reader may not know who acted (docs/processes.md §0.9)' }),
  name: z.string().optional(),
  role: z.enum(ROLES),
  orgId: z.string(),
  orgName: z.string().optional(),
});

/** Who did a step and when, as a process's details keep it beside what was done. */
export const by = { at: z.string(), personId: z.string() };

export const stepRecordSchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    step: z.string(),
    actor: actedAs.optional(),
    requestId: z.string().optional(),
    rule: z.string().optional(),
    ruleSet: z
      .object({ ruleSetId: z.string(), version: z.number().int() })
      .optional()
      .meta({ description: 'The county rule set (and version) pinned in the process when the step was taken' }),
    runId: z.string().optional().meta({ description: 'The Temporal run the step was taken in (a process that continued as new has several)' }),
    summary: z.string(),
    data: z.unknown().optional().meta({ description: "The step's own input, as recorded" }),
  })
  .meta({ id: 'StepRecord' });

export function processViewSchema<T extends string, D extends z.ZodType>(processType: T, details: D) {
  return z.object({
    processType: z.literal(processType),
    workflowId: z.string(),
    title: z.string(),
    countyId: z.string(),
    townId: z.string().optional(),
    villageId: z.string().optional(),
    villageIds: z.array(z.string()).optional(),
    screeningCode: z.string().optional(),
    step: z.string(),
    status: z.enum(STATUSES),
    outcome: z.object({ status: z.enum(STATUSES), reason: z.string() }).optional(),
    nextActors: z.array(z.object({ role: z.enum(ROLES), orgId: z.string(), action: z.string(), dueAt: z.string().optional() })),
    dueAt: z.string().optional(),
    overdue: z.boolean(),
    calendarDueDates: z
      .array(
        z.object({
          period: z.string(),
          from: z.string(),
          at: z.string(),
          calendarVersion: z.number().int(),
          plainWeekdays: z.boolean().optional(),
        }),
      )
      .optional()
      .meta({ description: "Pending due dates counted on the county's calendar, with the calendar version each was counted on" }),
    startedAt: z.string(),
    updatedAt: z.string(),
    rules: z
      .object({ ruleSetId: z.string(), version: z.number().int() })
      .optional()
      .meta({ description: 'The county rule set the process runs under, pinned at its start' }),
    revision: z.number().int().optional().meta({ description: "Counts the process's publications: the read model never takes an older one over a newer" }),
    record: z.array(stepRecordSchema),
    details,
  });
}
