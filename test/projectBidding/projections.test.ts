// projectBidding's projections (docs/processes.md §0.9, §4), pure: sealed bids, sealed scores, the panel
// confidential until the notice, the objector known to the town reviewer and auditors only.
import type { Reader, ReaderKind } from '../../workflows/common/projection';
import type { Role } from '../../workflows/common/roles';
import type { BiddingView } from '../../workflows/projectBidding/contract';
import { biddingProjections, publicBidding, subjectBidding } from '../../workflows/projectBidding/projections';

const TOWN = 'xingcun.qiaotou';
const [A, B] = ['xingcun.qiaotou.a', 'xingcun.qiaotou.b'];
const DEADLINE = '2026-12-01T00:00:00.000Z';
const BEFORE = '2026-11-30T00:00:00.000Z';
const AFTER = '2026-12-02T00:00:00.000Z';

const bid = (villageId: string) => ({
  villageId,
  personId: `p.${villageId}.secretary`,
  advantages: `${villageId} advantages`,
  groundwork: 'g',
  plan: `${villageId} plan`,
  resourcesRequested: 'r',
  conditionStatements: [],
  submittedAt: BEFORE,
  revisions: 0,
});
const sheet = (personId: string, villageId: string) => ({ villageId, scores: { c: 7 }, comment: `${personId} on ${villageId}`, personId, at: AFTER });

function view(details: Partial<BiddingView['details']> = {}, step = 'EVALUATION'): BiddingView {
  return {
    processType: 'projectBidding',
    workflowId: 'bidding-w',
    title: 't',
    countyId: 'xingcun',
    townId: TOWN,
    step,
    status: 'RUNNING',
    nextActors: [],
    overdue: false,
    startedAt: '',
    updatedAt: '',
    record: [
      {
        seq: 1,
        at: BEFORE,
        step: 'BID',
        actor: { personId: 'p.a.secretary', name: '甲', role: 'VILLAGE_SECRETARY', orgId: A },
        summary: 'a bids',
        data: { plan: 'a plan' },
      },
      { seq: 2, at: DEADLINE, step: 'BIDDING_CLOSED', summary: 'closed' },
      {
        seq: 3,
        at: AFTER,
        step: 'SCORE',
        actor: { personId: 'm1', name: '评委一', role: 'PANEL_MEMBER', orgId: 'xingcun' },
        summary: '评委一 scores a',
        data: { c: 7 },
      },
    ],
    details: {
      townId: TOWN,
      post: {
        title: 't',
        description: 'd',
        funds: 1,
        eligibility: { villageIds: [A, B], conditions: [] },
        criteria: [],
        deadline: DEADLINE,
        tieBreak: 'EARLIER_BID',
        milestones: [],
      },
      panel: [
        { personId: 'm1', name: '评委一', villageIds: [] },
        { personId: 'm2', name: '评委二', villageIds: [] },
      ],
      townVillages: [A, B].map((v) => ({ villageId: v, orgIds: [v] })),
      townOrgIds: [TOWN],
      deadline: DEADLINE,
      extensions: 0,
      escalated: false,
      bids: [bid(A), bid(B)],
      round: 1,
      conflicts: [],
      sheets: [sheet('m1', A)],
      results: [],
      objections: [],
      passedOver: [],
      milestones: [],
      ...details,
    },
  };
}

const reader = (kind: ReaderKind, now: string, roles: [Role, string][] = [], personId = 'someone'): Reader => ({
  kind,
  personId,
  roles: roles.map(([role, orgId]) => ({ role, orgId })),
  now,
});
const project = (kind: 'staff' | 'auditor', v: BiddingView, r: Reader) => JSON.stringify(biddingProjections[kind]!.project(v, r));

test('before the deadline, a bid is sealed to the town, the panel and auditors; its village reads it, the public its count', () => {
  const before = view({}, 'BIDDING');
  for (const [kind, r] of [
    ['staff', reader('staff', BEFORE, [['DISPATCHER', TOWN]])],
    ['staff', reader('staff', BEFORE, [['PANEL_MEMBER', 'xingcun']], 'm1')],
    ['auditor', reader('auditor', BEFORE, [['AUDITOR', 'xingcun.dept.audit']])],
  ] as const) {
    const text = project(kind, before, r);
    expect(text).not.toContain('plan"');
    expect(text).toContain('"sealed":true');
  }
  const own = subjectBidding(before, reader('subject', BEFORE, [['VILLAGE_SECRETARY', A]]));
  expect(own.details.ownBids.map((b) => b.plan)).toEqual([`${A} plan`]);
  expect(JSON.stringify(own)).not.toContain(`${B} plan`);
  const seen = publicBidding(before, reader('public', BEFORE, [['VILLAGER', A]]));
  expect(seen.details).toMatchObject({ bidCount: 2, bidders: [], panel: [] });
  expect(JSON.stringify(seen)).not.toContain('a plan');
});

test('from the deadline the panel reads the bids; until evaluation closes a member reads only their own sheet, in the details and the record', () => {
  const m1 = JSON.parse(project('staff', view(), reader('staff', AFTER, [['PANEL_MEMBER', 'xingcun']], 'm1')));
  expect(m1.details.bids.map((b: { plan: string }) => b.plan)).toEqual([`${A} plan`, `${B} plan`]);
  expect(m1.details.sheets).toHaveLength(1);
  const m2 = JSON.parse(project('staff', view(), reader('staff', AFTER, [['PANEL_MEMBER', 'xingcun']], 'm2')));
  expect(m2.details).toMatchObject({ sheets: [], sealedSheets: 1 });
  expect(m2.record[2]).toEqual({ seq: 3, at: AFTER, step: 'SCORE', actor: expect.objectContaining({ personId: 'm1' }), summary: 'SCORE (withheld)' });
  expect(JSON.parse(project('auditor', view(), reader('auditor', AFTER))).details.sheets).toHaveLength(1);
  expect(publicBidding(view(), reader('public', AFTER)).details).toMatchObject({ bidders: [A, B], panel: [], results: [] });
});

test("on the notice the public reads every score and the panel's names; an objector is known to the town reviewer and auditors only", () => {
  const objection = { seq: 1, round: 1, reason: '不公', name: '异议人', personId: 'p.objector', at: AFTER };
  const noticed = view(
    { results: [{ round: 1, ranking: [], sheets: [sheet('m1', A)], closedAt: AFTER }], proposedWinner: A, objections: [objection] },
    'PUBLIC_NOTICE',
  );
  noticed.record.push({
    seq: 4,
    at: AFTER,
    step: 'OBJECTION',
    actor: { personId: 'p.objector', name: '异议人', role: 'VILLAGER', orgId: B },
    summary: 'Objection 1: 不公',
  });
  const seen = publicBidding(noticed, reader('public', AFTER));
  expect(seen.details.panel).toEqual([{ name: '评委一' }, { name: '评委二' }]);
  expect(seen.details.results[0].sheets).toEqual([{ panelMember: '评委一', villageId: A, scores: { c: 7 } }]);
  expect(JSON.stringify(seen)).not.toContain('p.objector');
  expect(project('staff', noticed, reader('staff', AFTER, [['DISPATCHER', TOWN]]))).not.toContain('p.objector');
  expect(project('staff', noticed, reader('staff', AFTER, [['DISPATCHER', TOWN]]))).not.toContain('异议人');
  expect(project('staff', noticed, reader('staff', AFTER, [['TOWN_REVIEWER', TOWN]]))).toContain('p.objector');
  expect(project('auditor', noticed, reader('auditor', AFTER))).toContain('p.objector');
});
