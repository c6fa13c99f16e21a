// The projectBidding process's descriptor (揭榜挂帅): how the API serves it, who reads it, where it sits,
// its public board, its recorded histories. Its contract is workflows/projectBidding/contract.ts.
import { z } from 'zod';
import { defineProcess } from '../../api/process-registry';
import { biddingContract, biddingSummary, type BiddingStart } from '../../workflows/projectBidding/contract';
import { biddingProjections } from '../../workflows/projectBidding/projections';
import { placeOfBidding, postRoute } from './api';
import { townBoardRoutes } from './town-board';

export const biddingProcess = defineProcess<BiddingStart>()(biddingContract, {
  workflowModule: require.resolve('../../workflows/projectBidding/workflow'),
  http: {
    base: '/biddings',
    tag: 'biddings',
    tagDescription: 'Project bidding (揭榜挂帅): a town posts a project, its villages bid, are scored, and deliver',
    id: z.string().regex(/^bidding-(?!.*--)/, 'a bidding id'),
    listSummary: 'Posts for bidding, filtered by town, eligible village, step, status (from the read model)',
    readSummary: 'The full state of a post: bids, every score sheet, rankings, objections, milestones, record',
  },
  starts: [postRoute],
  staticSummary: biddingSummary,
  startedBy: (view) => view.details.townId,
  routes: townBoardRoutes,
  // Sealed bids, sealed scores, a confidential panel, protected objectors (workflows/projectBidding/projections.ts).
  projections: biddingProjections,
  // The county's staff, the town's, and the people of the town's villages (a post is put to them).
  readers: ['county', 'town', 'villageTowns'],
  place: placeOfBidding,
  tests: { histories: { dir: 'test/projectBidding/histories' }, access: 'test/projectBidding/access', readers: 'test/projectBidding/readers' },
  readme: {
    name: '**Bid for the list** (揭榜挂帅)',
    what: 'a town posts a project with weighted criteria and a stated tie-break; its eligible villages bid until the deadline (no bid: extend once or cancel, escalated if unanswered); a panel scores every bid, members tied to a village kept from scoring it; the best weighted total goes on public notice with objections from anyone of the town; the award (a major matter under the pinned rules starts 五议两公开 for the winning village), milestones accepted by the town; the runner-up if the winner withdraws or fails (the major matter its award started is closed); a public board per town',
  },
});
