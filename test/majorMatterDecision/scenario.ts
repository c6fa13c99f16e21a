// Major matters of Dongshan brought to a given step through the API, by the seeded people who act there.
import { eventually, type TestPlatform } from '../support/platform';
import { beijingToday } from '../support/days';

export const DONGSHAN = 'xingcun.qiaotou.dongshan';
export const SECRETARY = 'p.qiaotou.dongshan.secretary';
export const CADRE = 'p.qiaotou.dongshan.cadre1';
export const SUPERVISOR = 'p.qiaotou.dongshan.supervisor';
export const PARTY_MEMBER = 'p.qiaotou.dongshan.party-member';
export const VILLAGER = 'p.qiaotou.dongshan.villager';
export const TOWN_REVIEWER = 'p.qiaotou.reviewer';
export const AUDITOR = 'p.dept.audit.auditor';

let counter = 0;
export const uniqueId = (prefix = 'mm') => `${prefix}-${Date.now().toString(36)}${(++counter).toString(36)}`;

/** A date `days` before today (UTC), as minutes record it. */
export const daysAgo = (days: number) => beijingToday(-days);

/** A suggestion first raised on paper three weeks ago (its meetings' notices may then precede its entry). */
export const bridge = (overrides: Record<string, unknown> = {}) => ({
  raisedOn: daysAgo(21),
  title: '修复村口受损石桥',
  description: '村口石桥桥墩在汛期受损，拟加固桥墩、更换桥面板并加装护栏',
  reason: '石桥是村民出行和农产品外运的必经之路，桥墩开裂存在安全隐患',
  kind: 'PUBLIC_WORKS',
  estimatedAmount: 380_000,
  ...overrides,
});

export const proposal = (overrides: Record<string, unknown> = {}) => ({
  decision: 'PROPOSE',
  title: '修复村口受损石桥',
  description: '加固桥墩、更换桥面板、加装护栏，由具备资质的施工单位承建',
  kind: 'PUBLIC_WORKS',
  estimatedAmount: 380_000,
  ...overrides,
});

/** A meeting record that keeps every default rule: held today, announced twelve days before, all present, most for. */
export const meeting = (overrides: Record<string, unknown> = {}) => ({
  meetingDate: daysAgo(0),
  noticeDate: daysAgo(12),
  expected: 9,
  present: 9,
  votesFor: 8,
  votesAgainst: 1,
  abstentions: 0,
  minutesRef: '东山村会议纪要〔2026〕1号',
  attachmentRefs: [],
  ...overrides,
});

export const partyMeeting = (overrides: Record<string, unknown> = {}) =>
  meeting({ expected: 30, present: 24, votesFor: 22, votesAgainst: 1, abstentions: 1, minutesRef: '东山村党员大会记录〔2026〕1号', ...overrides });
export const representatives = (overrides: Record<string, unknown> = {}) =>
  meeting({
    meeting: 'REPRESENTATIVES_MEETING',
    expected: 45,
    present: 38,
    votesFor: 35,
    votesAgainst: 2,
    abstentions: 1,
    minutesRef: '东山村村民代表会议记录〔2026〕1号',
    ...overrides,
  });

/**
 * A setup call that must succeed. On a loaded machine a step may not be confirmed in time (503): it is
 * repeated with the same request id or Idempotency-Key, which Temporal applies once.
 */
async function ok<T = any>(call: () => Promise<{ status: number; body: T }>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const response = await call();
    if (response.status < 300) return response.body;
    if (response.status !== 503 || attempt === 5) throw new Error(`setup step failed: ${response.status} ${JSON.stringify(response.body)}`);
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/** One step of a matter, safe to repeat. */
const act = (platform: TestPlatform, person: string, id: string, path: string, body: unknown) => {
  const key = { 'idempotency-key': uniqueId('setup') };
  return ok(() => platform.api(person, 'POST', `/major-matters/${id}/${path}`, body, key));
};

/** Polls a matter until `test` holds. */
export async function matterWhen(platform: TestPlatform, id: string, test: (view: any) => boolean, timeoutMs = 30_000): Promise<any> {
  let last: any;
  return eventually(
    async () => {
      last = (await platform.api(AUDITOR, 'GET', `/major-matters/${id}`)).body;
      return last && test(last) ? last : undefined;
    },
    timeoutMs,
    () => ({ step: last?.step, status: last?.status, record: last?.record?.map((r: { step: string; summary: string }) => `${r.step}: ${r.summary}`) }),
  );
}

export type MatterStep = 'PROPOSE' | 'DELIBERATE' | 'REVIEW' | 'RESOLVE' | 'RESOLUTION_DISCLOSURE' | 'IMPLEMENTATION' | 'ACCEPTANCE' | 'RESULT_DISCLOSURE';
const ORDER: MatterStep[] = ['PROPOSE', 'DELIBERATE', 'REVIEW', 'RESOLVE', 'RESOLUTION_DISCLOSURE', 'IMPLEMENTATION', 'ACCEPTANCE', 'RESULT_DISCLOSURE'];

/**
 * A bridge repair suggested by Dongshan's villager and carried to `step`. The resolution's disclosure is
 * shortened to one second for the steps after it; either may be shortened with `periods`.
 */
export async function matterAt(
  platform: TestPlatform,
  step: MatterStep,
  options: { periods?: Record<string, { duration: string }>; suggestion?: Record<string, unknown> } = {},
): Promise<string> {
  const reach = (s: MatterStep) => ORDER.indexOf(step) >= ORDER.indexOf(s);
  const periods = { ...(reach('IMPLEMENTATION') && { resolutionDisclosure: { duration: '1s' } }), ...options.periods };
  const start = { requestId: uniqueId(), villageId: DONGSHAN, suggestion: bridge(options.suggestion), ...(Object.keys(periods).length && { periods }) };
  const started = await ok(() => platform.api(VILLAGER, 'POST', '/major-matters', start));
  const id: string = started.workflowId;
  if (reach('DELIBERATE')) await act(platform, SECRETARY, id, 'proposal', proposal({ title: bridge(options.suggestion).title }));
  if (reach('REVIEW')) await act(platform, SECRETARY, id, 'joint-meeting', meeting());
  if (reach('RESOLVE')) await act(platform, SECRETARY, id, 'party-members-meeting', partyMeeting());
  if (reach('RESOLUTION_DISCLOSURE')) await act(platform, SECRETARY, id, 'resolution-meeting', representatives());
  if (reach('IMPLEMENTATION')) await matterWhen(platform, id, (v) => v.step === 'IMPLEMENTATION');
  if (reach('ACCEPTANCE')) await act(platform, CADRE, id, 'progress', { text: '桥墩加固完成，桥面板更换完毕', completed: true, evidenceRefs: ['photo-1'] });
  if (reach('RESULT_DISCLOSURE')) await act(platform, SUPERVISOR, id, 'acceptance', { decision: 'ACCEPT', reportRef: '东山村石桥修复验收报告' });
  return id;
}
