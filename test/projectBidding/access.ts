// How the generated authorisation cases bring a post for bidding to each action (test/support/access-cases.ts):
// Qiaotou posts; Dongshan bids (and wins); panel1 scores.
import { randomUUID } from 'node:crypto';
import type { AccessFixtures } from '../support/access-cases';
import type { TestPlatform } from '../support/platform';
import { DONGSHAN, QIAOTOU } from '../support/scenarios';
import { archiveRoomPost, bidBody, biddingAt, ok, secretary, type BiddingStep } from './support';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

export function access(platform: TestPlatform): AccessFixtures {
  const at = (step: BiddingStep) => () => biddingAt(platform, step);
  /** A post open for bids on which Dongshan has bid (a bid to revise). */
  const withBid = async () => {
    const id = await biddingAt(platform, 'BIDDING');
    await ok(platform.api(secretary(DONGSHAN), 'POST', `/biddings/${id}/bids`, bidBody('有档案工作基础')));
    return id;
  };
  return {
    starts: [
      {
        name: 'post a project for bidding',
        path: '/biddings',
        body: () => ({
          requestId: `m-${randomUUID().slice(0, 8)}`,
          townId: QIAOTOU,
          post: archiveRoomPost({ deadline: inDays(7) }),
          panel: ['p.county.panel1'],
        }),
        allowed: ['town dispatcher'],
      },
    ],
    read: { name: 'read a post for bidding', process: at('BIDDING') },
    actions: {
      bid: [{ name: 'bid', process: at('BIDDING'), body: () => bidBody('有档案工作基础') }],
      reviseBid: [{ name: 'revise a bid', process: withBid, body: () => bidBody('修订后的优势'), moves: false }],
      chooseAfterNoBid: [{ name: 'choose after no bid', process: at('NO_BID'), body: () => ({ choice: 'CANCEL', reason: '无人揭榜' }) }],
      declareConflict: [
        { name: 'declare a conflict', process: at('BIDDING'), body: () => ({ villageId: 'xingcun.qiaotou.nantang', reason: '亲属在南塘村任职' }) },
      ],
      score: [{ name: 'score a bid', process: at('EVALUATION'), body: () => ({ villageId: DONGSHAN, scores: { groundwork: 8, plan: 8, need: 8 } }) }],
      object: [{ name: 'object to the proposed winner', process: at('PUBLIC_NOTICE'), body: () => ({ reason: '有异议' }), moves: false }],
      answerObjection: [{ name: 'answer an objection', process: at('OBJECTED'), body: () => ({ seq: 1, upheld: false, answer: '经核实评分无误' }) }],
      reportMilestone: [
        { name: 'report a milestone', process: at('IMPLEMENTATION'), body: () => ({ milestone: 0, summary: '场地改造完成', evidenceRefs: [] }) },
      ],
      acceptMilestone: [{ name: 'accept a milestone', process: at('REPORTED'), body: () => ({ milestone: 0, decision: 'ACCEPT' }) }],
      withdrawWinner: [{ name: 'withdraw as the winner', process: at('IMPLEMENTATION'), body: () => ({ reason: '无力实施' }) }],
      declareFailure: [{ name: "declare the winner's failure", process: at('IMPLEMENTATION'), body: () => ({ reason: '逾期未开工' }) }],
      reoffer: [{ name: 'reoffer or post again', process: at('REOFFER'), body: () => ({ choice: 'REPOST', reason: '重新贴榜' }) }],
      answerOffer: [{ name: 'answer an offer', process: at('OFFERED'), body: () => ({ accept: true }) }],
    },
  };
}
