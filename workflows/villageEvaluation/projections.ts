// What each reader sees of a town's quarterly evaluation (docs/processes.md §0.9, §7): its staff (the
// county's, the town's) read it whole but for who objected, known only to the town's reviewer, who
// answers objections, and to auditors; the people of the town's villages read the public part: the
// list, the figures, each mark with its reason, the standings, signatures and disputes by
// organisation, objections by text — no person, and no one who objected.
// Pure: projections of the whole view, which the read model keeps.
import { z } from 'zod';
import { holds, publicView, publicViewSchema, recordShowing, type Projections, type Reader } from '../common/projection';
import { stepRecordSchema } from '../common/view-schema';
import { detailsSchema, evaluationContract, type EvaluationView } from './contract';

const shape = detailsSchema.shape;
const answered = z.object({ answer: z.string(), at: z.string() }).optional();

/** The body that answers objections: the town's reviewer. */
const answers = (view: EvaluationView, reader: Reader) => !!view.townId && holds(reader, 'TOWN_REVIEWER', view.townId);

export const protectedEvaluationDetailsSchema = detailsSchema
  .extend({
    objections: z.array(shape.objections.element.partial({ personId: true })).meta({ description: "Who objected: only to the town's reviewer and auditors" }),
  })
  .meta({ id: 'EvaluationProtectedDetails' });

export const protectedEvaluationViewSchema = evaluationContract.view
  .extend({ details: protectedEvaluationDetailsSchema, record: z.array(stepRecordSchema) })
  .meta({ id: 'EvaluationProtectedView' });

export function protectedEvaluation(view: EvaluationView, reader: Reader) {
  if (answers(view, reader)) return view;
  return {
    ...view,
    details: { ...view.details, objections: view.details.objections.map(({ personId: _p, ...o }) => o) },
    record: recordShowing(view.record, (r) => ({ who: r.step !== 'OBJECTION' })),
  };
}

export const publicEvaluationDetailsSchema = detailsSchema
  .omit({ marks: true, evaluation: true, signatures: true, disputes: true, objections: true })
  .extend({
    marks: z.array(shape.marks.element.omit({ personId: true })),
    evaluation: shape.evaluation.unwrap().omit({ personId: true, comment: true }).optional(),
    signatures: z.array(shape.signatures.element.omit({ personId: true })),
    disputes: z.array(
      shape.disputes.element
        .omit({ personId: true, answer: true })
        .extend({ answer: answered.unwrap().extend({ mark: z.number().int().optional() }).optional() }),
    ),
    objections: z.array(shape.objections.element.omit({ personId: true, answer: true }).extend({ answer: answered })),
  })
  .meta({ id: 'EvaluationPublicDetails' });

export const publicEvaluationViewSchema = publicViewSchema('villageEvaluation', publicEvaluationDetailsSchema).meta({ id: 'EvaluationPublicView' });

const unsigned = <T extends { personId: string }>({ personId: _p, ...rest }: T) => rest;
const answerOf = (a: { answer: string; at: string; mark?: number } | undefined) =>
  a && { answer: a.answer, at: a.at, ...(a.mark !== undefined && { mark: a.mark }) };

export function publicEvaluation(view: EvaluationView) {
  const { marks, evaluation, signatures, disputes, objections, ...d } = view.details;
  return publicView(view, {
    ...d,
    marks: marks.map(unsigned),
    ...(evaluation && { evaluation: { standings: evaluation.standings, at: evaluation.at } }),
    signatures: signatures.map(unsigned),
    disputes: disputes.map(({ answer, ...x }) => ({ ...unsigned(x), ...(answer && { answer: answerOf(answer) }) })),
    objections: objections.map(({ answer, ...o }) => ({ ...unsigned(o), ...(answer && { answer: answerOf(answer) }) })),
  });
}

export const evaluationProjections: Projections<EvaluationView> = {
  staff: { schema: protectedEvaluationViewSchema, project: protectedEvaluation },
  public: { schema: publicEvaluationViewSchema, project: publicEvaluation },
};
