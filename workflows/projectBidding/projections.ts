// What each reader sees of a post for bidding (docs/processes.md §0.9, §4): fair competition.
// - Bids are sealed until the bidding deadline: before it nobody reads a bid's content but the staff
//   of the village that made it (the count of bids is public); the panel reads them from the deadline.
// - Score sheets are sealed until the round's evaluation closes: a panel member reads only their own;
//   bidders and the public read every score with the proposed winner's notice.
// - The panel is confidential to staff until the proposed winner is published.
// - An objector is known only to the body that answers (the town reviewer) and to auditors.
// Pure: projections of the whole view, which the read model keeps.
import { z } from 'zod';
import { holds, holdsAny, publicView, publicViewSchema, recordShowing, VILLAGE_STAFF, type Projections, type Reader } from '../common/projection';
import { stepRecordSchema } from '../common/view-schema';
import type { StepRecord } from '../common/view';
import { biddingContract, detailsSchema, PROCESS_TYPE, type BiddingView } from './contract';

const shape = detailsSchema.shape;
const bidSchema = shape.bids.element;
const sheetSchema = shape.sheets.element;
const objectionSchema = shape.objections.element;

/** A bid before the deadline, to anyone but its own village: that it was made, not what it says. */
export const sealedBidSchema = bidSchema
  .pick({ villageId: true, submittedAt: true, revisedAt: true, revisions: true })
  .extend({ sealed: z.literal(true) })
  .meta({ id: 'SealedBid' });

const before = (reader: Reader, instant: string) => Date.parse(reader.now) < Date.parse(instant);
/** Bids are sealed until the bidding deadline. */
const bidsSealed = (view: BiddingView, reader: Reader) => before(reader, view.details.deadline);
/** The current round's evaluation is closed: its result is published with the proposed winner's notice. */
const roundClosed = (view: BiddingView) => view.details.results.some((r) => r.round === view.details.round);
/** The reader answers objections: the town reviewer. */
const answersObjections = (view: BiddingView, reader: Reader) => holds(reader, 'TOWN_REVIEWER', view.details.townId);
/** The bidding villages whose staff the reader is. */
const ownVillages = (view: BiddingView, reader: Pick<Reader, 'roles'>) =>
  view.details.townVillages.map((v) => v.villageId).filter((villageId) => holdsAny(reader, VILLAGE_STAFF, villageId));

/** The seq of the entry that opened the current round of evaluation (its score entries come after it). */
function roundOpenedAt(record: readonly StepRecord[]): number {
  return [...record].reverse().find((r) => r.step === 'BIDDING_CLOSED' || r.step === 'REEVALUATION')?.seq ?? Infinity;
}

// ---- staff and auditors: everything, with the seals ----

export const staffBiddingDetailsSchema = detailsSchema
  .extend({
    bids: z.array(z.union([bidSchema, sealedBidSchema])).meta({ description: 'Sealed (content withheld) until the bidding deadline' }),
    sheets: z.array(sheetSchema).meta({ description: "The round's score sheets: until its evaluation closes, a panel member reads only their own" }),
    sealedSheets: z.number().int().meta({ description: 'How many sheets of the round are withheld from this reader until its evaluation closes' }),
    objections: z.array(objectionSchema.partial({ personId: true, name: true })).meta({ description: 'Who objected: only to the town reviewer and auditors' }),
  })
  .meta({ id: 'BiddingStaffDetails' });

export const staffBiddingViewSchema = biddingContract.view
  .extend({ details: staffBiddingDetailsSchema, record: z.array(stepRecordSchema) })
  .meta({ id: 'BiddingStaffView' });

/** The view with its seals, for `reader`; `scores` and `objectors` say whether the reader is exempt from those seals (auditors are). */
function sealed(view: BiddingView, reader: Reader, exempt: { scores: boolean; objectors: boolean }) {
  const d = view.details;
  const bidSealed = bidsSealed(view, reader);
  const scoresOpen = exempt.scores || roundClosed(view);
  const knowsObjectors = exempt.objectors || answersObjections(view, reader);
  const sheets = scoresOpen ? d.sheets : d.sheets.filter((s) => s.personId === reader.personId);
  const openedAt = roundOpenedAt(view.record);
  return {
    ...view,
    details: {
      ...d,
      bids: bidSealed
        ? d.bids.map((b) => ({ villageId: b.villageId, submittedAt: b.submittedAt, revisedAt: b.revisedAt, revisions: b.revisions, sealed: true as const }))
        : d.bids,
      sheets,
      sealedSheets: d.sheets.length - sheets.length,
      objections: knowsObjectors ? d.objections : d.objections.map(({ personId: _p, name: _n, ...o }) => o),
    },
    record: recordShowing(view.record, (r) => {
      if (r.step === 'BID' || r.step === 'REVISE_BID') return { input: !bidSealed };
      if (r.step === 'SCORE') return { input: scoresOpen || r.seq < openedAt || r.actor?.personId === reader.personId };
      if (r.step === 'OBJECTION') return { who: knowsObjectors };
      return {};
    }),
  };
}

// ---- bidders and the public ----

const namedSheet = z.object({ panelMember: z.string(), villageId: z.string(), scores: shape.sheets.element.shape.scores });

export const publicBiddingDetailsSchema = detailsSchema
  .pick({
    townId: true,
    post: true,
    townVillages: true,
    townOrgIds: true,
    deadline: true,
    extensions: true,
    noBidChoiceDueAt: true,
    escalated: true,
    round: true,
    proposedWinner: true,
    noticeEndsAt: true,
    winner: true,
    awardedAt: true,
    passedOver: true,
    offeredTo: true,
    majorMatter: true,
    majorMatterWorkflowId: true,
  })
  .extend({
    bidCount: z.number().int().meta({ description: 'How many villages bid (public from the start)' }),
    bidders: z.array(z.string()).meta({ description: 'The villages that bid: from the bidding deadline' }),
    panel: z.array(z.object({ name: z.string() })).meta({ description: "The panel's members: from the proposed winner's notice" }),
    results: z.array(
      shape.results.element
        .omit({ sheets: true })
        .extend({ sheets: z.array(namedSheet).meta({ description: 'Every score, by panel member, published with the notice' }) }),
    ),
    objections: z.array(
      objectionSchema.pick({ seq: true, round: true, reason: true, at: true }).extend({
        answer: z.object({ upheld: z.boolean(), answer: z.string(), at: z.string() }).optional(),
      }),
    ),
    milestones: z.array(
      shape.milestones.element.pick({ name: true, status: true, acceptanceDueAt: true, overdue: true }).extend({
        reports: z.array(z.object({ milestone: z.number().int(), summary: z.string(), at: z.string() })),
        decisions: z.array(z.object({ milestone: z.number().int(), decision: z.enum(['ACCEPT', 'RETURN']), at: z.string() })),
      }),
    ),
  })
  .meta({ id: 'BiddingPublicDetails' });

export const publicBiddingViewSchema = publicViewSchema(PROCESS_TYPE, publicBiddingDetailsSchema).meta({ id: 'BiddingPublicView' });

/** A bidding village's staff: the public part, and their own bid whole. */
export const subjectBiddingViewSchema = publicViewSchema(
  PROCESS_TYPE,
  publicBiddingDetailsSchema
    .extend({ ownBids: z.array(bidSchema).meta({ description: "The reader's own village's bid" }) })
    .meta({ id: 'BiddingSubjectDetails' }),
).meta({ id: 'BiddingSubjectView' });

export function publicBiddingDetails(view: BiddingView, reader: Reader) {
  const d = view.details;
  const published = d.results.length > 0;
  const panelName = (personId: string) => d.panel.find((m) => m.personId === personId)?.name ?? '';
  return {
    townId: d.townId,
    post: d.post,
    townVillages: d.townVillages,
    townOrgIds: d.townOrgIds,
    deadline: d.deadline,
    extensions: d.extensions,
    ...(d.noBidChoiceDueAt && { noBidChoiceDueAt: d.noBidChoiceDueAt }),
    escalated: d.escalated,
    round: d.round,
    ...(d.proposedWinner && { proposedWinner: d.proposedWinner }),
    ...(d.noticeEndsAt && { noticeEndsAt: d.noticeEndsAt }),
    ...(d.winner && { winner: d.winner }),
    ...(d.awardedAt && { awardedAt: d.awardedAt }),
    passedOver: d.passedOver,
    ...(d.offeredTo && { offeredTo: d.offeredTo }),
    ...(d.majorMatter && { majorMatter: d.majorMatter }),
    ...(d.majorMatterWorkflowId && { majorMatterWorkflowId: d.majorMatterWorkflowId }),
    bidCount: d.bids.length,
    bidders: bidsSealed(view, reader) ? [] : d.bids.map((b) => b.villageId),
    panel: published ? d.panel.map((m) => ({ name: m.name })) : [],
    results: d.results.map(({ sheets, ...r }) => ({
      ...r,
      sheets: sheets.map((s) => ({ panelMember: panelName(s.personId), villageId: s.villageId, scores: s.scores })),
    })),
    objections: d.objections.map((o) => ({
      seq: o.seq,
      round: o.round,
      reason: o.reason,
      at: o.at,
      ...(o.answer && { answer: { upheld: o.answer.upheld, answer: o.answer.answer, at: o.answer.at } }),
    })),
    milestones: d.milestones.map((m) => ({
      name: m.name,
      status: m.status,
      ...(m.acceptanceDueAt && { acceptanceDueAt: m.acceptanceDueAt }),
      overdue: m.overdue,
      reports: m.reports.map((r) => ({ milestone: r.milestone, summary: r.summary, at: r.at })),
      decisions: m.decisions.map((x) => ({ milestone: x.milestone, decision: x.decision, at: x.at })),
    })),
  };
}

export const publicBidding = (view: BiddingView, reader: Reader) => publicView(view, publicBiddingDetails(view, reader));
export type PublicBiddingView = ReturnType<typeof publicBidding>;

export function subjectBidding(view: BiddingView, reader: Reader) {
  const own = ownVillages(view, reader);
  return publicView(view, { ...publicBiddingDetails(view, reader), ownBids: view.details.bids.filter((b) => own.includes(b.villageId)) });
}

export const biddingProjections: Projections<BiddingView> = {
  // The staff of a village of the town that bid (or may bid).
  isSubject: (view, reader) => ownVillages(view, reader).length > 0,
  staff: { schema: staffBiddingViewSchema, project: (view, reader) => sealed(view, reader, { scores: false, objectors: false }) },
  // Everything of their county, but a bid before its deadline: sealed to everyone but its village.
  auditor: { schema: staffBiddingViewSchema, project: (view, reader) => sealed(view, reader, { scores: true, objectors: true }) },
  subject: { schema: subjectBiddingViewSchema, project: subjectBidding },
  public: { schema: publicBiddingViewSchema, project: publicBidding },
};
