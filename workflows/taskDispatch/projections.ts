// What each reader sees of a dispatch and of a village's task (docs/processes.md §0.9, §2). Pure:
// projections of the whole view, which the read model keeps. The village's own people (its secretary,
// cadres, supervisors and the grid members of its staff list) read its task whole; its party members
// and villagers read the public part: the task, its dates, decisions and counts, never who was
// assigned, who reported, their notes or the evidence.
import { z } from 'zod';
import { holdsAny, publicView, publicViewSchema, VILLAGE_STAFF, type Projections, type Reader } from '../common/projection';
import { dispatchDetailsSchema, villageTaskContract, villageTaskDetailsSchema, type DispatchView, type VillageTaskView } from './contract';

const dated = { at: z.string() };

/** A dispatch as the public reads it: the task, its screening, the decisions on it and how each village stands; no reviewer, no reasons. */
export const publicDispatchDetailsSchema = dispatchDetailsSchema
  .omit({ reviews: true, collectiveDecision: true })
  .extend({
    reviews: z.array(z.object({ decision: z.enum(['APPROVE', 'RETURN', 'REJECT']), ...dated })),
    collectiveDecision: z.object({ meetingDate: z.string(), approved: z.boolean() }).optional(),
  })
  .meta({ id: 'DispatchPublicDetails' });

export const publicDispatchViewSchema = publicViewSchema('taskDispatch', publicDispatchDetailsSchema).meta({ id: 'DispatchPublicView' });

export function publicDispatch(view: DispatchView) {
  const { reviews, collectiveDecision, ...d } = view.details;
  return publicView(view, {
    ...d,
    reviews: reviews.map((r) => ({ decision: r.decision, at: r.at })),
    ...(collectiveDecision && { collectiveDecision: { meetingDate: collectiveDecision.meetingDate, approved: collectiveDecision.approved } }),
  });
}

/** A village's task as the public reads it: how many were assigned, the items reported each week, what was done; no names, notes or evidence. */
export const publicVillageTaskDetailsSchema = villageTaskDetailsSchema
  .omit({ staff: true, assignees: true, reports: true, completions: true })
  .extend({
    assigned: z.number().int().meta({ description: 'How many of its cadres and grid members the village assigned' }),
    reports: z.array(z.object({ items: z.array(z.object({ text: z.string(), done: z.boolean() })), weekDueAt: z.string(), ...dated })),
    completions: z.array(z.object({ summary: z.string(), ...dated })),
  })
  .meta({ id: 'VillageTaskPublicDetails' });

export const publicVillageTaskViewSchema = publicViewSchema('villageTask', publicVillageTaskDetailsSchema).meta({ id: 'VillageTaskPublicView' });

export function publicVillageTask(view: VillageTaskView) {
  const { staff: _staff, assignees, reports, completions, ...d } = view.details;
  return publicView(view, {
    ...d,
    assigned: assignees.length,
    reports: reports.map((r) => ({ items: r.items, weekDueAt: r.weekDueAt, at: r.at })),
    completions: completions.map((c) => ({ summary: c.summary, at: c.at })),
  });
}

/** The village's own people: its staff roles, or a grid member of its staff list. */
export function isVillageStaff(view: VillageTaskView, reader: Pick<Reader, 'roles' | 'personId'>): boolean {
  return holdsAny(reader, VILLAGE_STAFF, view.villageId) || view.details.staff.some((s) => s.personId === reader.personId);
}

/** A dispatch's staff and auditors read it as presented (`staff`: its screening flags on top). */
export const dispatchProjections = (staff: Projections<DispatchView>['staff']): Projections<DispatchView> => ({
  staff,
  auditor: staff,
  public: { schema: publicDispatchViewSchema, project: publicDispatch },
});

export const villageTaskProjections: Projections<VillageTaskView> = {
  isSubject: isVillageStaff,
  // Its own task, whole.
  subject: { schema: villageTaskContract.view, project: (view) => view },
  public: { schema: publicVillageTaskViewSchema, project: publicVillageTask },
};
