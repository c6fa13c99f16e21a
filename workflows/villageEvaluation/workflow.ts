import { actedAs, type Actor } from '../common/actor';
import type { WithOwn } from '../common/contract';
import { openProcess } from '../common/open-process';
import type { Role } from '../common/roles';
import type { NextActor } from '../common/view';
import { nowIso } from '../common/workflow-support';
import { evaluationContract, type EvaluationActivities, type EvaluationStart, type EvaluationStep, type EvaluationView } from './contract';
import { evaluationDetails } from './details';
import {
  allMarked,
  allSigned,
  departmentsBehind,
  disputeAnswerRule,
  disputeRule,
  figuresOf,
  listChange,
  markRule,
  objectionAnswerRule,
  signRule,
  standings,
} from './rules';

const { query, actions, searchAttributes: own } = evaluationContract;

/** 一季一评比: a town's quarter — the list, a reminder a month, departments' marks, the town's ranking, signatures, public notice (docs/processes.md §7). */
export async function villageEvaluation(start: EvaluationStart): Promise<EvaluationView> {
  const { town, villages } = start;
  const process = openProcess<EvaluationView, EvaluationStep>({
    query,
    rules: start.rules,
    ruleSections: evaluationContract.rules,
    dueDateFields: {
      evaluationMarking: { get: (v) => v.details.markingDueAt, set: (v, at) => void (v.details.markingDueAt = at) },
      evaluationNotice: { get: (v) => v.details.noticeEndsAt, set: (v, at) => void (v.details.noticeEndsAt = at) },
    },
    periods: start.periods,
    start,
    continued: start.continued,
    view: {
      processType: 'villageEvaluation',
      title: `一季一评比 ${town.name} ${start.quarter}`,
      countyId: start.countyId,
      townId: town.id,
      villageIds: villages.map((v) => v.id),
      step: 'QUARTER',
      details: {
        quarter: start.quarter,
        town,
        villages,
        departments: start.departments,
        items: start.items,
        previousListSize: start.previousListSize,
        monthStarts: start.monthStarts,
        quarterEndsAt: start.quarterEndsAt,
        remindedMonths: 0,
        figures: [],
        marks: [],
        signatures: [],
        disputes: [],
        objections: [],
      },
    },
    details: evaluationDetails,
    searchAttributes: (view) => [{ key: own.quarter, value: view.details.quarter }],
  });
  const { view, step, moveTo, close, record, deadlines } = process;
  const { platform } = process.activities as WithOwn<typeof process.activities, EvaluationActivities>;
  const d = view.details;
  const rules = process.rules.values.villageEvaluation;
  const villageIds = villages.map((v) => v.id);
  const as = (actor: Actor, role: Role, orgId: string) => ({ actor, as: actedAs(actor, role, orgId) });
  const reviewer = (action: string): NextActor => ({ role: 'TOWN_REVIEWER', orgId: town.id, action });
  const issuer = () => d.departments.find((x) => start.requester.roles.some((r) => r.orgId === x.id))?.id ?? d.departments[0].id;
  const departmentOf = (code: string) => d.items.find((i) => i.code === code)!.departmentId;

  /** Who still signs, and the reviewer while a dispute is open. */
  function confirmationActors(): NextActor[] {
    const unsigned = [town.id, ...villageIds].filter((id) => !d.signatures.some((s) => s.orgId === id));
    const signers = unsigned.map((orgId): NextActor => ({
      role: orgId === town.id ? 'DISPATCHER' : 'VILLAGE_SECRETARY',
      orgId,
      action: 'sign the evaluation',
    }));
    return [...signers, ...(d.disputes.some((x) => !x.answer) ? [reviewer('answer the disputes')] : [])];
  }

  function rank(): void {
    d.evaluation!.standings = standings(d, rules);
  }

  step(
    actions.mark,
    (actor, body) => markRule(d, actor, body.marks, rules),
    (actor, body) => {
      const at = nowIso();
      for (const mark of body.marks) {
        const given = { ...mark, departmentId: departmentOf(mark.code), at, personId: actor.personId };
        const before = d.marks.findIndex((m) => m.villageId === mark.villageId && m.code === mark.code);
        if (before >= 0) d.marks[before] = given;
        else d.marks.push(given);
      }
      record({
        step: 'MARK',
        by: as(actor, 'DISPATCHER', departmentOf(body.marks[0].code)),
        rule: 'each department marks its own items, from 0 to the top mark, with a reason',
        summary: body.marks.map((m) => `${m.villageId} ${m.code}: ${m.mark}`).join('; '),
        data: body,
      });
      if (!allMarked(d)) {
        view.nextActors = departmentsBehind(d).map((orgId) => ({ role: 'DISPATCHER', orgId, action: 'mark the villages', dueAt: d.markingDueAt }));
        return;
      }
      view.overdue = false;
      moveTo('EVALUATION', [reviewer('evaluate the quarter')]);
    },
  );

  step(actions.evaluate, undefined, (actor, body) => {
    d.evaluation = { comment: body.comment, standings: standings(d, rules), at: nowIso(), personId: actor.personId };
    record({
      step: 'EVALUATION',
      by: as(actor, 'TOWN_REVIEWER', town.id),
      rule: 'weighted totals; ties told apart by fewer overdue tasks, else shared',
      summary: d.evaluation.standings.map((s) => `${s.rank}. ${s.villageId} ${(s.total / 100).toFixed(2)}%`).join(' · '),
      data: d.evaluation.standings,
    });
    moveTo('CONFIRMATION', confirmationActors());
  });

  step(
    actions.sign,
    (_actor, body) => signRule(d, body),
    async (actor, body) => {
      const orgId = body.villageId ?? town.id;
      const leader = body.villageId === undefined;
      const noticeEndsAt = allSigned({ ...d, signatures: [...d.signatures, { orgId, at: '', personId: '' }] })
        ? await deadlines.due('evaluationNotice', { inStep: true })
        : undefined;
      d.signatures.push({ orgId, at: nowIso(), personId: actor.personId });
      record({ step: 'SIGNATURE', by: as(actor, leader ? 'DISPATCHER' : 'VILLAGE_SECRETARY', orgId), summary: `Signed for ${orgId}`, data: body });
      if (!noticeEndsAt) return void (view.nextActors = confirmationActors());
      d.noticeEndsAt = noticeEndsAt;
      moveTo('PUBLIC_NOTICE', [], noticeEndsAt);
      await process.notify(
        villageIds,
        `NOTICE@${noticeEndsAt}`,
        `评比结果公示 The ${d.quarter} evaluation of ${town.name} is posted until ${noticeEndsAt}; objections are answered on the record.`,
      );
    },
  );

  step(
    actions.dispute,
    (_actor, body) => disputeRule(d, body),
    (actor, body) => {
      const seq = d.disputes.length + 1;
      d.disputes.push({ seq, ...body, at: nowIso(), personId: actor.personId });
      record({
        step: 'DISPUTE',
        by: as(actor, 'VILLAGE_SECRETARY', body.villageId),
        summary: `Dispute ${seq}: ${body.villageId} ${body.code} — ${body.reason}`,
        data: body,
      });
      view.nextActors = confirmationActors();
    },
  );

  step(
    actions.answerDispute,
    (_actor, body) => disputeAnswerRule(d, body, rules),
    (actor, body) => {
      const dispute = d.disputes.find((x) => x.seq === body.dispute)!;
      dispute.answer = { answer: body.answer, mark: body.mark, at: nowIso(), personId: actor.personId };
      const mark = d.marks.find((m) => m.villageId === dispute.villageId && m.code === dispute.code)!;
      const corrected = body.mark !== undefined && body.mark !== mark.mark;
      if (corrected) {
        mark.mark = body.mark!;
        mark.reason = `${mark.reason} (corrected on dispute ${dispute.seq}: ${body.answer})`;
        rank();
        // Signatures were given to the result before the correction: each signs the corrected one.
        d.signatures = [];
      }
      record({
        step: 'DISPUTE_ANSWER',
        by: as(actor, 'TOWN_REVIEWER', town.id),
        rule: 'a dispute is answered on the record; a corrected mark ranks again and asks for signatures again',
        summary: `Dispute ${dispute.seq}: ${body.answer}${corrected ? ` — mark corrected to ${body.mark}` : ' — the mark stands'}`,
        data: body,
      });
      view.nextActors = confirmationActors();
    },
  );

  step(actions.object, undefined, (actor, body) => {
    const seq = d.objections.length + 1;
    d.objections.push({ seq, ...body, at: nowIso(), personId: actor.personId });
    const role = actor.roles.find((r) => r.orgId === body.villageId)!.role;
    record({ step: 'OBJECTION', by: as(actor, role, body.villageId), summary: `Objection ${seq}: ${body.text}`, data: body });
    view.nextActors = [reviewer('answer the objections')];
  });

  step(
    actions.answerObjection,
    (_actor, body) => objectionAnswerRule(d, body),
    (actor, body) => {
      const objection = d.objections.find((o) => o.seq === body.objection)!;
      objection.answer = { answer: body.answer, at: nowIso(), personId: actor.personId };
      record({ step: 'OBJECTION_ANSWER', by: as(actor, 'TOWN_REVIEWER', town.id), summary: `Objection ${objection.seq}: ${body.answer}`, data: body });
      if (d.objections.every((o) => o.answer)) view.nextActors = [];
      process.changed();
    },
  );

  const monthlyReminder = {
    active: () => view.step === 'QUARTER' && d.remindedMonths < 3,
    at: () => Date.parse(d.monthStarts[d.remindedMonths]),
    fire: async () => {
      // After the worker was down, only the month now running is told.
      d.remindedMonths = d.monthStarts.filter((m) => Date.parse(m) <= Date.now()).length;
      const month = d.monthStarts[d.remindedMonths - 1];
      const open = d.items.map((i) => `${i.name} (${i.code}, ×${i.weight})`).join('、');
      record({
        step: 'REMINDER',
        rule: 'a reminder a month (一月一提示)',
        summary: `Month ${d.remindedMonths}: villages told the list is open until ${d.quarterEndsAt}`,
      });
      await process.show();
      await process.notify(villageIds, `REMINDER@${month}`, `一月一提示 ${d.quarter} 第${d.remindedMonths}月: open until ${d.quarterEndsAt}: ${open}`);
    },
  };

  const quarterEnds = {
    active: () => view.step === 'QUARTER',
    at: () => Date.parse(d.quarterEndsAt),
    fire: async () => {
      const [found, markingDueAt] = await Promise.all([
        platform.evaluationFigures({ villageIds, from: d.monthStarts[0], to: d.quarterEndsAt }),
        deadlines.due('evaluationMarking', { from: d.quarterEndsAt }),
      ]);
      d.figures = figuresOf(villageIds, found);
      d.markingDueAt = markingDueAt;
      record({
        step: 'QUARTER_ENDED',
        rule: "the countable figures come from the processes' record",
        summary: `Quarter ended; marks due ${markingDueAt}; figures: ${d.figures.map((f) => `${f.villageId} ${f.onTime}/${f.overdue}/${f.reworked}`).join(', ')}`,
        data: d.figures,
      });
      moveTo(
        'MARKING',
        departmentsBehind(d).map((orgId) => ({ role: 'DISPATCHER', orgId, action: 'mark the villages', dueAt: markingDueAt })),
        markingDueAt,
      );
      await process.show();
      await process.notify(
        d.departments.map((x) => x.id),
        `MARKING@${markingDueAt}`,
        `季度评比打分 Mark the villages of ${town.name} for ${d.quarter} by ${markingDueAt}.`,
      );
    },
  };

  const marksOverdue = {
    active: () => view.step === 'MARKING' && !view.overdue,
    at: () => Date.parse(d.markingDueAt!),
    fire: async () => {
      view.overdue = true;
      const behind = departmentsBehind(d);
      record({ step: 'MARKS_OVERDUE', rule: 'villageEvaluation.markingPeriod', summary: `Marks still missing from ${behind.join(', ')} at ${d.markingDueAt}` });
      await process.show();
      await process.notify([...behind, town.id], `MARKS_OVERDUE@${d.markingDueAt}`, `打分逾期 Marks for ${town.name} ${d.quarter} were due ${d.markingDueAt}.`);
    },
  };

  const noticeEnds = {
    active: () => view.step === 'PUBLIC_NOTICE' && d.objections.every((o) => o.answer),
    at: () => Date.parse(d.noticeEndsAt!),
    fire: async () => {
      const { standings: result } = d.evaluation!;
      const rewards = result.filter((s) => s.reward).map((s) => `${s.villageId} ¥${s.reward}`);
      const warnings = result.filter((s) => s.yellowCard).map((s) => s.villageId);
      record({
        step: 'CLOSE',
        rule: 'villageEvaluation.rewardedVillages; villageEvaluation.yellowCardBelow',
        summary: `Notice ended; rewards: ${rewards.join(', ') || 'none'}; yellow cards: ${warnings.join(', ') || 'none'}`,
        data: { rewards: result.filter((s) => s.reward), yellowCards: warnings },
      });
      close('COMPLETED', `Evaluated and posted; ${rewards.length} rewarded, ${warnings.length} warned`);
      await process.show();
    },
  };

  return process.run(async () => {
    if (!process.continued)
      await process.transition(() => {
        const change = listChange(d.items.length, d.previousListSize);
        record({
          step: 'LIST',
          by: as(start.requester, 'DISPATCHER', issuer()),
          rule: 'the items come from the catalogue in force; the weights add up to 100',
          summary: `${d.items.length} items for ${villages.length} villages${change === undefined ? '' : `; ${change}% against the quarter before (${d.previousListSize})`}`,
          data: { items: d.items, departments: d.departments, previousListSize: d.previousListSize },
        });
        moveTo('QUARTER', []);
      });
    await process.watch(() => view.status === 'RUNNING', [monthlyReminder, quarterEnds, marksOverdue, noticeEnds]);
  });
}
