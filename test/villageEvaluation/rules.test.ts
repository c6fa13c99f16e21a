// The quarterly evaluation's pure rules: the quarter's months, the list, marks, totals, ranking and ties.
import fc from 'fast-check';
import type { Actor } from '../../workflows/common/actor';
import type { EvaluationDetails } from '../../workflows/villageEvaluation/contract';
import { VILLAGE_EVALUATION_RULES } from '../../workflows/villageEvaluation/rule-section';
import {
  allMarked,
  allSigned,
  departmentsBehind,
  disputeAnswerRule,
  listChange,
  listRule,
  markRule,
  previousQuarter,
  quarterSpan,
  signRule,
  standings,
  weightedTotal,
} from '../../workflows/villageEvaluation/rules';

const rules = Object.fromEntries(Object.entries(VILLAGE_EVALUATION_RULES).map(([k, v]) => [k, v.default])) as {
  markingPeriod: number;
  publicNotice: string;
  topMark: number;
  rewardedVillages: number;
  rewardAmount: number;
  yellowCardBelow: number;
};
const CIVIL = 'xingcun.dept.civil-affairs';
const AGRI = 'xingcun.dept.agriculture-rural';
const by = { at: '2027-04-02T00:00:00Z', personId: 'p' };

function details(over: Partial<EvaluationDetails> = {}): EvaluationDetails {
  return {
    quarter: '2027-Q1',
    town: { id: 't', name: '桥头镇' },
    villages: [
      { id: 'a', name: 'A' },
      { id: 'b', name: 'B' },
    ],
    departments: [
      { id: CIVIL, name: '民政' },
      { id: AGRI, name: '农业' },
    ],
    items: [
      { code: 'C1', name: 'c', weight: 60, departmentId: CIVIL },
      { code: 'A1', name: 'a', weight: 40, departmentId: AGRI },
    ],
    monthStarts: ['x', 'y', 'z'],
    quarterEndsAt: 'e',
    remindedMonths: 3,
    figures: [],
    marks: [],
    signatures: [],
    disputes: [],
    objections: [],
    ...over,
  };
}
const civil: Actor = { personId: 'p', name: '吴红霞', roles: [{ role: 'DISPATCHER', orgId: CIVIL, countyId: 'xingcun' }] } as Actor;

describe('the quarter', () => {
  it('starts and ends at Beijing midnights', () => {
    expect(quarterSpan('2027-Q1')).toEqual({
      monthStarts: ['2026-12-31T16:00:00.000Z', '2027-01-31T16:00:00.000Z', '2027-02-28T16:00:00.000Z'],
      endsAt: '2027-03-31T16:00:00.000Z',
    });
    expect(quarterSpan('2027-Q4').endsAt).toBe('2027-12-31T16:00:00.000Z');
  });
  it('follows the quarter before, across the year', () => {
    expect(previousQuarter('2027-Q1')).toBe('2026-Q4');
    expect(previousQuarter('2027-Q3')).toBe('2027-Q2');
  });
  it('reports the list against the quarter before (Qiyang: 21% shorter)', () => {
    expect(listChange(44, 55)).toBe(-20);
    expect(listChange(16, undefined)).toBeUndefined();
  });
});

describe('the list', () => {
  it('holds each item once, weights adding up to 100', () => {
    expect(
      listRule([
        { code: 'A', weight: 60 },
        { code: 'B', weight: 40 },
      ]).ok,
    ).toBe(true);
    expect(
      listRule([
        { code: 'A', weight: 60 },
        { code: 'B', weight: 30 },
      ]),
    ).toMatchObject({ ok: false, rule: 'villageEvaluation.weights' });
    expect(
      listRule([
        { code: 'A', weight: 50 },
        { code: 'A', weight: 50 },
      ]),
    ).toMatchObject({ ok: false, rule: 'villageEvaluation.list' });
  });
});

describe('marks', () => {
  const mark = (over = {}) => ({ villageId: 'a', code: 'C1', mark: 90, reason: '按时完成', ...over });
  it('a department marks its own items, within the top mark, with a reason', () => {
    expect(markRule(details(), civil, [mark()], rules).ok).toBe(true);
    expect(markRule(details(), civil, [mark({ code: 'A1' })], rules)).toMatchObject({ code: 'WRONG_ORGANISATION', rule: 'villageEvaluation.ownItems' });
    expect(markRule(details(), civil, [mark({ mark: 101 })], rules)).toMatchObject({ code: 'RULE_BROKEN', rule: 'villageEvaluation.topMark' });
    expect(markRule(details(), civil, [mark({ mark: -1 })], rules)).toMatchObject({ rule: 'villageEvaluation.topMark' });
    expect(markRule(details(), civil, [mark({ villageId: 'z' })], rules)).toMatchObject({ rule: 'villageEvaluation.villages' });
    expect(markRule(details(), civil, [mark({ code: 'X9' })], rules)).toMatchObject({ rule: 'villageEvaluation.list' });
    expect(markRule(details(), civil, [mark({ reason: ' ' })], rules)).toMatchObject({ code: 'MISSING_REASON' });
  });
  it('knows who is behind and when all are in', () => {
    const marks = [
      { ...mark(), departmentId: CIVIL, ...by },
      { ...mark({ villageId: 'b' }), departmentId: CIVIL, ...by },
    ];
    expect(departmentsBehind(details({ marks }))).toEqual([AGRI]);
    expect(allMarked(details({ marks }))).toBe(false);
    const all = [...marks, ...['a', 'b'].map((v) => ({ ...mark({ villageId: v, code: 'A1' }), departmentId: AGRI, ...by }))];
    expect(allMarked(details({ marks: all }))).toBe(true);
  });
});

describe('totals and ranking', () => {
  const marked = (a: [number, number], b: [number, number]) =>
    (
      [
        ['a', a],
        ['b', b],
      ] as const
    ).flatMap(([villageId, [c, g]]) => [
      { villageId, code: 'C1', mark: c, reason: 'r', departmentId: CIVIL, ...by },
      { villageId, code: 'A1', mark: g, reason: 'r', departmentId: AGRI, ...by },
    ]);
  it('weights each mark', () => {
    expect(
      weightedTotal(
        details().items,
        [
          { code: 'C1', mark: 90 },
          { code: 'A1', mark: 80 },
        ],
        100,
      ),
    ).toBe(8600);
  });
  it('ranks by total, rewards the best, warns below the threshold', () => {
    const result = standings(details({ marks: marked([90, 80], [50, 60]) }), rules);
    expect(result).toEqual([
      { villageId: 'a', total: 8600, rank: 1, tieBroken: false, reward: 20000, yellowCard: false },
      { villageId: 'b', total: 5400, rank: 2, tieBroken: false, yellowCard: true },
    ]);
  });
  it('breaks a tie by fewer overdue tasks, else shares the rank', () => {
    const figures = [
      { villageId: 'a', onTime: 3, overdue: 2, reworked: 0 },
      { villageId: 'b', onTime: 4, overdue: 1, reworked: 1 },
    ];
    const tied = standings(details({ marks: marked([80, 80], [80, 80]), figures }), rules);
    expect(tied.map((s) => [s.villageId, s.rank, s.tieBroken])).toEqual([
      ['b', 1, true],
      ['a', 2, true],
    ]);
    const shared = standings(details({ marks: marked([80, 80], [80, 80]) }), rules);
    expect(shared.map((s) => [s.villageId, s.rank, s.reward])).toEqual([
      ['a', 1, 20000],
      ['b', 1, 20000],
    ]);
  });
  it('property: a total is within 0 and 100%; ranks start at 1, never skip past the count, follow the totals', () => {
    const village = fc.record({ c: fc.integer({ min: 0, max: 100 }), g: fc.integer({ min: 0, max: 100 }), overdue: fc.integer({ min: 0, max: 5 }) });
    fc.assert(
      fc.property(fc.array(village, { minLength: 1, maxLength: 8 }), (vs) => {
        const villages = vs.map((_v, i) => ({ id: `v${i}`, name: `v${i}` }));
        const marks = vs.flatMap((v, i) => [
          { villageId: `v${i}`, code: 'C1', mark: v.c, reason: 'r', departmentId: CIVIL, ...by },
          { villageId: `v${i}`, code: 'A1', mark: v.g, reason: 'r', departmentId: AGRI, ...by },
        ]);
        const figures = vs.map((v, i) => ({ villageId: `v${i}`, onTime: 0, overdue: v.overdue, reworked: 0 }));
        const result = standings(details({ villages, marks, figures }), rules);
        expect(result).toHaveLength(vs.length);
        expect(result[0].rank).toBe(1);
        for (const s of result) expect(s.total >= 0 && s.total <= 10_000 && s.rank <= vs.length).toBe(true);
        for (let i = 1; i < result.length; i++) {
          expect(result[i].rank).toBeGreaterThanOrEqual(result[i - 1].rank);
          expect(result[i].total).toBeLessThanOrEqual(result[i - 1].total);
        }
        // The order of the villages never changes the ranking.
        const reversed = standings(details({ villages: [...villages].reverse(), marks, figures }), rules);
        expect(reversed).toEqual(result);
      }),
    );
  });
});

describe('confirmation', () => {
  const dispute = { seq: 1, villageId: 'a', code: 'C1', reason: '台账已补齐', ...by };
  it('each signs once; not while a dispute is open', () => {
    expect(signRule(details(), {}).ok).toBe(true);
    expect(signRule(details({ signatures: [{ orgId: 't', ...by }] }), {})).toMatchObject({ code: 'ALREADY_DONE' });
    expect(signRule(details({ disputes: [dispute] }), { villageId: 'a' })).toMatchObject({ rule: 'villageEvaluation.disputesAnswered' });
    expect(signRule(details({ disputes: [dispute] }), { villageId: 'b' }).ok).toBe(true);
    expect(signRule(details({ disputes: [dispute] }), {})).toMatchObject({ rule: 'villageEvaluation.disputesAnswered' });
  });
  it('answers a dispute once, a corrected mark within bounds', () => {
    expect(disputeAnswerRule(details({ disputes: [dispute] }), { dispute: 1, answer: '维持', mark: 101 }, rules)).toMatchObject({
      rule: 'villageEvaluation.topMark',
    });
    expect(disputeAnswerRule(details({ disputes: [{ ...dispute, answer: { answer: 'x', ...by } }] }), { dispute: 1, answer: '维持' }, rules)).toMatchObject({
      code: 'ALREADY_DONE',
    });
    expect(disputeAnswerRule(details({ disputes: [dispute] }), { dispute: 2, answer: '维持' }, rules)).toMatchObject({ code: 'INVALID_INPUT' });
  });
  it('is complete once the town and every village have signed', () => {
    expect(allSigned(details({ signatures: ['t', 'a'].map((orgId) => ({ orgId, ...by })) }))).toBe(false);
    expect(allSigned(details({ signatures: ['t', 'a', 'b'].map((orgId) => ({ orgId, ...by })) }))).toBe(true);
  });
});
