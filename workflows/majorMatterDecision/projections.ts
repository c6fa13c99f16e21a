// What each reader sees of a major matter (docs/processes.md §0.9, §3): protected voices. An objection
// or a supervisory concern shows its content and when it was lodged; who lodged it is known only to the
// body that must answer it (the village secretary, for the village party organisation) and to auditors.
// The same for who suggested the matter, when they asked for it (`protectIdentity`). The village's party
// members and villagers read the public part: the matter, its versions, the meetings' figures and
// decisions, the disclosures, what was done; no person, no minutes or evidence references.
// Pure: projections of the whole view, which the read model keeps.
import { z } from 'zod';
import { holds, holdsAny, publicView, publicViewSchema, recordShowing, VILLAGE_STAFF, type Projections, type Reader } from '../common/projection';
import { stepRecordSchema } from '../common/view-schema';
import { detailsSchema, majorMatterContract, MAJOR_MATTER_PROCESS, type MajorMatterView } from './contract';

const shape = detailsSchema.shape;
const objectionSchema = shape.objections.element;
const concernSchema = shape.concerns.element;

/** The body that answers objections, concerns and the suggestion: the village party organisation's secretary. */
const answers = (view: MajorMatterView, reader: Reader) => holds(reader, 'VILLAGE_SECRETARY', view.villageId);

// ---- staff and the village's own people: everything, voices protected ----

export const protectedMajorMatterDetailsSchema = detailsSchema
  .extend({
    objections: z.array(objectionSchema.partial({ personId: true })).meta({ description: 'Who objected: only to the village secretary and auditors' }),
    concerns: z.array(concernSchema.partial({ personId: true })).meta({ description: 'Who raised a concern: only to the village secretary and auditors' }),
  })
  .meta({ id: 'MajorMatterProtectedDetails' });

export const protectedMajorMatterViewSchema = majorMatterContract.view
  .extend({ details: protectedMajorMatterDetailsSchema, record: z.array(stepRecordSchema) })
  .meta({ id: 'MajorMatterProtectedView' });

export function protectedMajorMatter(view: MajorMatterView, reader: Reader) {
  if (answers(view, reader)) return view;
  const d = view.details;
  const anonymousSuggestion = d.suggestion.protectIdentity === true;
  return {
    ...view,
    details: {
      ...d,
      objections: d.objections.map(({ personId: _p, ...o }) => o),
      concerns: d.concerns.map(({ personId: _p, ...c }) => c),
    },
    record: recordShowing(view.record, (r) => ({
      who: !(r.step === 'OBJECTION' || r.step === 'CONCERN' || (r.step === 'SUGGEST' && anonymousSuggestion)),
    })),
  };
}

// ---- the village's party members and villagers ----

const meetingSchema = shape.meetings.element;

export const publicMajorMatterDetailsSchema = detailsSchema
  .pick({ townId: true, suggestion: true, origin: true, proposal: true, disclosures: true, returns: true, townOrders: true, next: true })
  .extend({
    meetings: z.array(meetingSchema.omit({ minutesRef: true, attachmentRefs: true })),
    objections: z.array(objectionSchema.omit({ personId: true })),
    concerns: z.array(concernSchema.omit({ personId: true, answer: true }).extend({ answer: z.object({ answer: z.string(), at: z.string() }).optional() })),
    progress: z.array(shape.progress.element.pick({ text: true, completed: true, at: true })),
    acceptance: z
      .discriminatedUnion('decision', [
        z.object({ decision: z.literal('ACCEPT'), comment: z.string().optional(), at: z.string() }),
        z.object({ decision: z.literal('REWORK'), reasons: z.string(), at: z.string() }),
      ])
      .optional(),
  })
  .meta({ id: 'MajorMatterPublicDetails' });

export const publicMajorMatterViewSchema = publicViewSchema(MAJOR_MATTER_PROCESS, publicMajorMatterDetailsSchema).meta({ id: 'MajorMatterPublicView' });

export function publicMajorMatterDetails(view: MajorMatterView) {
  const d = view.details;
  const acceptance = d.acceptance && (d.acceptance.decision === 'ACCEPT' ? withoutKey(d.acceptance, 'reportRef') : d.acceptance);
  return {
    townId: d.townId,
    suggestion: d.suggestion,
    ...(d.origin && { origin: d.origin }),
    proposal: d.proposal,
    disclosures: d.disclosures,
    returns: d.returns,
    townOrders: d.townOrders,
    ...(d.next && { next: d.next }),
    meetings: d.meetings.map(({ minutesRef: _m, attachmentRefs: _a, ...m }) => m),
    objections: d.objections.map(({ personId: _p, ...o }) => o),
    concerns: d.concerns.map(({ personId: _p, answer, ...c }) => ({ ...c, ...(answer && { answer: { answer: answer.answer, at: answer.at } }) })),
    progress: d.progress.map((p) => ({ text: p.text, completed: p.completed, at: p.at })),
    ...(acceptance && { acceptance }),
  };
}

function withoutKey<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const { [key]: _dropped, ...rest } = value;
  return rest;
}

export const publicMajorMatter = (view: MajorMatterView) => publicView(view, publicMajorMatterDetails(view));
export type PublicMajorMatterView = ReturnType<typeof publicMajorMatter>;

export const majorMatterProjections: Projections<MajorMatterView> = {
  // The village's own staff: its party organisation's secretary, its cadres, its supervisory committee.
  isSubject: (view, reader) => holdsAny(reader, VILLAGE_STAFF, view.villageId),
  staff: { schema: protectedMajorMatterViewSchema, project: protectedMajorMatter },
  subject: { schema: protectedMajorMatterViewSchema, project: protectedMajorMatter },
  public: { schema: publicMajorMatterViewSchema, project: publicMajorMatter },
};
