// What each reader sees of a secondment (docs/processes.md §0.9, §5): a personnel matter. Its staff
// (the county's, the source town's) and auditors read it whole; the cadre it is about, and the unit
// they are borrowed from (which consents and confirms the return), read the cadre's own part (the
// request, its eligibility, the consents, the decisions and the term); the public part names
// no one: the units, the dates, the decisions and the term.
// Pure: projections of the whole view, which the read model keeps.
import { z } from 'zod';
import { holds, publicView, publicViewSchema, type Projections, type Reader } from '../common/projection';
import { detailsSchema, PROCESS_TYPE, sourceRole, type SecondmentView } from './contract';

const shape = detailsSchema.shape;
const decided = z.object({ decision: z.enum(['APPROVE', 'REJECT']), stage: z.enum(['REQUEST', 'EXTENSION']), at: z.string() });

export const publicSecondmentDetailsSchema = detailsSchema
  .pick({
    origin: true,
    sourceUnit: true,
    borrowingUnit: true,
    orgDepartmentId: true,
    approverOrgId: true,
    inspectorOrgId: true,
    consentDueAt: true,
    termStartedAt: true,
    monthsApproved: true,
    endsAt: true,
    extensions: true,
    returnedAt: true,
    returnDueAt: true,
    escalated: true,
    ending: true,
  })
  .extend({
    request: shape.request.pick({ reason: true, start: true, months: true }),
    reviews: z.array(decided),
    approvals: z.array(decided),
    registered: z.string().optional().meta({ description: 'When it was registered' }),
    clawback: z.object({ grounds: shape.clawback.unwrap().shape.grounds, at: z.string() }).optional(),
  })
  .meta({ id: 'SecondmentPublicDetails' });

export const publicSecondmentViewSchema = publicViewSchema(PROCESS_TYPE, publicSecondmentDetailsSchema).meta({ id: 'SecondmentPublicView' });

/** The cadre's own part (and their unit's): the public one, with them, their request, its eligibility and the consents. */
export const subjectSecondmentViewSchema = publicViewSchema(
  PROCESS_TYPE,
  publicSecondmentDetailsSchema
    .extend({
      cadre: shape.cadre,
      request: shape.request,
      eligibility: shape.eligibility,
      consents: z.array(z.object({ party: z.enum(['SOURCE_UNIT', 'CADRE']), consent: z.boolean(), at: z.string() })),
    })
    .meta({ id: 'SecondmentSubjectDetails' }),
).meta({ id: 'SecondmentSubjectView' });

function publicDetails(view: SecondmentView) {
  const d = view.details;
  const decision = (x: SecondmentView['details']['reviews'][number]) => ({ decision: x.decision, stage: x.stage, at: x.at });
  return {
    origin: d.origin,
    sourceUnit: d.sourceUnit,
    borrowingUnit: d.borrowingUnit,
    orgDepartmentId: d.orgDepartmentId,
    approverOrgId: d.approverOrgId,
    inspectorOrgId: d.inspectorOrgId,
    ...(d.consentDueAt && { consentDueAt: d.consentDueAt }),
    ...(d.termStartedAt && { termStartedAt: d.termStartedAt }),
    monthsApproved: d.monthsApproved,
    ...(d.endsAt && { endsAt: d.endsAt }),
    extensions: d.extensions,
    ...(d.returnedAt && { returnedAt: d.returnedAt }),
    ...(d.returnDueAt && { returnDueAt: d.returnDueAt }),
    escalated: d.escalated,
    ...(d.ending && { ending: d.ending }),
    request: { reason: d.request.reason, start: d.request.start, months: d.request.months },
    reviews: d.reviews.map(decision),
    approvals: d.approvals.map(decision),
    ...(d.registration && { registered: d.registration.at }),
    ...(d.clawback && { clawback: { grounds: d.clawback.grounds, at: d.clawback.at } }),
  };
}

/** The view's own words without the cadre: its title, what comes next, how it ended. */
function unnamed(view: SecondmentView) {
  const d = view.details;
  const withoutCadre = (text: string) => text.replaceAll(d.cadre.name, '—').replaceAll(d.cadre.personId, '—');
  return {
    ...view,
    title: `借调 → ${d.borrowingUnit.name}`,
    nextActors: view.nextActors.map((a) => ({ ...a, action: withoutCadre(a.action) })),
    ...(view.outcome && { outcome: { status: view.outcome.status, reason: d.ending ?? view.outcome.status } }),
  };
}

export const publicSecondment = (view: SecondmentView) => publicView(unnamed(view), publicDetails(view));

export function subjectSecondment(view: SecondmentView) {
  const d = view.details;
  return publicView(view, {
    ...publicDetails(view),
    cadre: d.cadre,
    request: d.request,
    ...(d.eligibility && { eligibility: d.eligibility }),
    consents: d.consents.map((c) => ({ party: c.party, consent: c.consent, at: c.at })),
  });
}

export const secondmentProjections: Projections<SecondmentView> = {
  // The cadre it is about, and the unit the cadre is borrowed from, which consents and confirms the return.
  isSubject: (view, reader: Omit<Reader, 'kind'>) =>
    reader.personId === view.details.cadre.personId || holds(reader, sourceRole(view.details.sourceUnit), view.details.sourceUnit.id),
  subject: { schema: subjectSecondmentViewSchema, project: subjectSecondment },
  public: { schema: publicSecondmentViewSchema, project: publicSecondment },
};
