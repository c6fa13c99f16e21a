// What each reader reads of a major matter (test/support/reader-cases.ts): protected voices. An objection
// and a supervisory concern show their text to everyone; who lodged them only to the village secretary
// (who answers) and to auditors; the suggester likewise when they asked for it. The village's people read
// no one, and no minutes or evidence references.
import type { ReaderCase } from '../support/reader-cases';
import type { TestPlatform } from '../support/platform';
import { AUDITOR, CADRE, matterAt, PARTY_MEMBER, SECRETARY, SUPERVISOR, TOWN_REVIEWER, VILLAGER } from './scenario';

const OBJECTION = '预算偏高，应公开询价';
const CONCERN = '会议通知未送达全部代表';
const MINUTES = '东山村村民代表会议记录';

/** A matter under its resolution's disclosure, suggested by the villager, objected to by the party member, with the supervisor's concern. */
async function objected(platform: TestPlatform, protectIdentity: boolean): Promise<string> {
  const id = await matterAt(platform, 'RESOLUTION_DISCLOSURE', { suggestion: protectIdentity ? { protectIdentity } : {} });
  for (const [person, path, body] of [
    [PARTY_MEMBER, 'objections', { text: OBJECTION }],
    [SUPERVISOR, 'concerns', { text: CONCERN }],
  ] as const) {
    const done = await platform.api(person, 'POST', `/major-matters/${id}/${path}`, body);
    if (done.status !== 200) throw new Error(`setup step failed: ${done.status} ${JSON.stringify(done.body)}`);
  }
  return id;
}

export function readers(platform: TestPlatform): ReaderCase[] {
  const voices = [OBJECTION, CONCERN];
  const everyone = [PARTY_MEMBER, SUPERVISOR, VILLAGER];
  return [
    {
      name: 'objected to, its suggester protected',
      process: () => objected(platform, true),
      readers: { staff: TOWN_REVIEWER, auditor: AUDITOR, subject: SECRETARY, public: VILLAGER },
      shows: { staff: [...voices, MINUTES], auditor: [...voices, ...everyone], subject: [...voices, ...everyone], public: [...voices, '"votesFor":35'] },
      hides: { staff: everyone, public: [MINUTES] },
    },
    {
      name: 'objected to, its suggester not protected',
      process: () => objected(platform, false),
      readers: { staff: 'p.dept.civil-affairs.dispatcher', subject: CADRE },
      shows: { staff: [...voices, VILLAGER], subject: [...voices, VILLAGER] },
      hides: { staff: [PARTY_MEMBER, SUPERVISOR], subject: [PARTY_MEMBER, SUPERVISOR] },
    },
  ];
}
