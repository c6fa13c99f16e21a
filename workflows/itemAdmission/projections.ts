// What each reader sees of an admission (docs/processes.md §0.9, §1): its staff (the county's, the
// consulted towns') and auditors the whole view; the public part names no one: the application, the
// screening, the review's three tests, which towns objected and when, the decision with its reasons.
import { z } from 'zod';
import { publicView, publicViewSchema, type Projections } from '../common/projection';
import { detailsSchema, PROCESS_TYPE, type AdmissionView } from './contract';

const consultation = detailsSchema.shape.consultation.unwrap();

export const publicAdmissionDetailsSchema = detailsSchema
  .extend({
    consultation: consultation.extend({ responses: z.array(z.object({ townId: z.string(), objection: z.boolean(), at: z.string() })) }).optional(),
  })
  .meta({ id: 'AdmissionPublicDetails' });

export const publicAdmissionViewSchema = publicViewSchema(PROCESS_TYPE, publicAdmissionDetailsSchema).meta({ id: 'AdmissionPublicView' });

export function publicAdmission(view: AdmissionView) {
  const { consultation: c, ...d } = view.details;
  return publicView(view, {
    ...d,
    ...(c && { consultation: { ...c, responses: c.responses.map((r) => ({ townId: r.townId, objection: r.objection, at: r.at })) } }),
  });
}

export const admissionProjections: Projections<AdmissionView> = {
  public: { schema: publicAdmissionViewSchema, project: publicAdmission },
};
