// What each reader reads of a post for bidding (test/support/reader-cases.ts): bids sealed until the
// deadline, scores sealed until evaluation closes, the panel confidential until the notice, the objector
// known to the town reviewer and auditors only.
import type { ReaderCase } from '../support/reader-cases';
import type { TestPlatform } from '../support/platform';
import { archiveRoomPost, AUDITOR, bidBody, biddingAt, DONGSHAN, inSeconds, NANTANG, ok, PANEL, post, POSTER, secretary, until } from './support';

const PLAN: Record<string, string> = { [DONGSHAN]: '东山方案：旧祠堂改档案室', [NANTANG]: '南塘方案：新建档案用房' };
const COMMENT = '评审意见：东山基础扎实';
const VILLAGER = 'p.qiaotou.dongshan.villager';
const OBJECTOR = 'p.qiaotou.nantang.villager';

async function withBids(platform: TestPlatform, deadline: string, panel: string[]): Promise<string> {
  const id: string = (await ok(post(platform, { post: archiveRoomPost({ deadline }), panel }))).workflowId;
  for (const v of [DONGSHAN, NANTANG]) await ok(platform.api(secretary(v), 'POST', `/biddings/${id}/bids`, bidBody(v, { plan: PLAN[v] })));
  return id;
}

export function readers(platform: TestPlatform): ReaderCase[] {
  const bothPlans = Object.values(PLAN);
  return [
    {
      name: 'bids before the deadline',
      process: () => withBids(platform, inSeconds(3600), PANEL),
      readers: { staff: POSTER, auditor: AUDITOR, subject: secretary(DONGSHAN), public: VILLAGER },
      shows: { staff: ['"sealed":true'], auditor: ['"sealed":true'], subject: [PLAN[DONGSHAN], '"bidCount":2'], public: ['"bidCount":2', '"bidders":[]'] },
      hides: { staff: bothPlans, auditor: bothPlans, subject: [PLAN[NANTANG]], public: bothPlans },
    },
    {
      name: 'evaluation open: one panel member has scored',
      async process() {
        const id = await withBids(platform, inSeconds(6), PANEL.slice(0, 2));
        await until(platform, id, (v) => v.step === 'EVALUATION');
        await ok(
          platform.api(PANEL[0], 'POST', `/biddings/${id}/scores`, { villageId: DONGSHAN, scores: { groundwork: 9, plan: 8, need: 7 }, comment: COMMENT }),
        );
        return id;
      },
      readers: { staff: PANEL[1], auditor: AUDITOR, subject: secretary(NANTANG), public: VILLAGER },
      shows: { staff: [...bothPlans, '"sealedSheets":1'], auditor: [...bothPlans, COMMENT], subject: [PLAN[NANTANG]], public: [DONGSHAN, '"panel":[]'] },
      hides: { staff: [COMMENT], subject: [PLAN[DONGSHAN], COMMENT], public: [...bothPlans, COMMENT] },
    },
    {
      name: "the proposed winner's notice, objected to",
      process: () => biddingAt(platform, 'OBJECTED'),
      readers: { staff: POSTER, auditor: AUDITOR, subject: secretary(DONGSHAN), public: VILLAGER },
      // The notice publishes every score and the panel's names.
      published: [PANEL[0]],
      shows: {
        staff: ['评分不公'],
        auditor: ['评分不公', OBJECTOR],
        subject: ['评分不公', '"groundwork":9', '鲁建平'],
        public: ['评分不公', '"groundwork":9', '鲁建平'],
      },
      hides: { staff: [OBJECTOR], subject: [OBJECTOR], public: [OBJECTOR] },
    },
  ];
}
