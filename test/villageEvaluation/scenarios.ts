// Quarterly evaluations of Qiaotou's Dongshan and Nantang brought to a given step through the API, by the
// seeded people who act there. Each month lasts a second (tests only), so the quarter ends three seconds on.
import { eventually, type TestPlatform } from '../support/platform';

export const TOWN = 'xingcun.qiaotou';
export const DONGSHAN = 'xingcun.qiaotou.dongshan';
export const NANTANG = 'xingcun.qiaotou.nantang';
export const CIVIL = 'xingcun.dept.civil-affairs';
export const AGRICULTURE = 'xingcun.dept.agriculture-rural';
export const CIVIL_DISPATCHER = 'p.dept.civil-affairs.dispatcher';
export const AGRICULTURE_DISPATCHER = 'p.dept.agriculture-rural.dispatcher';
export const REVIEWER = 'p.qiaotou.reviewer';
export const LEADER = 'p.qiaotou.dispatcher';
export const SECRETARY = { [DONGSHAN]: 'p.qiaotou.dongshan.secretary', [NANTANG]: 'p.qiaotou.nantang.secretary' };
/** 最低生活保障申请受理 (civil affairs) and 村庄环境卫生和人居环境日常管护 (agriculture). */
export const LOW_INCOME = 'XC-ASSIST-002';
export const UPKEEP = 'XC-DUTY-017';

export type EvaluationStep = 'QUARTER' | 'MARKING' | 'EVALUATION' | 'CONFIRMATION' | 'PUBLIC_NOTICE';

const used = new Set<string>();
/** A quarter no other evaluation of the town in this run has (their ids are the town and the quarter). */
export function freshQuarter(): string {
  for (;;) {
    const quarter = `${2100 + Math.floor(Math.random() * 7900)}-Q${1 + Math.floor(Math.random() * 4)}`;
    if (!used.has(quarter)) return (used.add(quarter), quarter);
  }
}

export const listBody = (quarter = freshQuarter(), notice = '3s') => ({
  quarter,
  townId: TOWN,
  villageIds: [DONGSHAN, NANTANG],
  departmentIds: [CIVIL, AGRICULTURE],
  items: [
    { code: LOW_INCOME, weight: 60 },
    { code: UPKEEP, weight: 40 },
  ],
  monthLasts: '1s',
  periods: { evaluationMarking: { duration: '1h' }, evaluationNotice: { duration: notice } },
});

export async function ok(call: Promise<{ status: number; body: any }>): Promise<any> {
  const response = await call;
  if (response.status >= 300) throw new Error(`step failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export function until(platform: TestPlatform, id: string, test: (view: any) => boolean): Promise<any> {
  let last: any;
  return eventually(
    async () => {
      last = (await platform.api(REVIEWER, 'GET', `/evaluations/${id}`)).body;
      return test(last) ? last : undefined;
    },
    30_000,
    () => ({ step: last?.step, record: last?.record?.map((r: { step: string }) => r.step) }),
  );
}

/** Every department's marks for both villages: Dongshan 90 and 80, Nantang 50 and 60. */
export async function markAll(platform: TestPlatform, id: string): Promise<void> {
  await ok(
    platform.api(CIVIL_DISPATCHER, 'POST', `/evaluations/${id}/marks`, {
      marks: [
        { villageId: DONGSHAN, code: LOW_INCOME, mark: 90, reason: '受理及时，台账完整' },
        { villageId: NANTANG, code: LOW_INCOME, mark: 50, reason: '两户入户调查记录缺失' },
      ],
    }),
  );
  await ok(
    platform.api(AGRICULTURE_DISPATCHER, 'POST', `/evaluations/${id}/marks`, {
      marks: [
        { villageId: DONGSHAN, code: UPKEEP, mark: 80, reason: '公共区域保洁到位' },
        { villageId: NANTANG, code: UPKEEP, mark: 60, reason: '公厕管护不及时' },
      ],
    }),
  );
}

/** An evaluation of a fresh quarter at `step` (its public notice lasting `notice`). */
export async function evaluationAt(platform: TestPlatform, step: EvaluationStep, notice = '1h'): Promise<string> {
  const started = await ok(platform.api(CIVIL_DISPATCHER, 'POST', '/evaluations', listBody(freshQuarter(), notice)));
  const id: string = started.workflowId;
  if (step === 'QUARTER') return id;
  await until(platform, id, (v) => v.step === 'MARKING');
  if (step === 'MARKING') return id;
  await markAll(platform, id);
  if (step === 'EVALUATION') return id;
  await ok(platform.api(REVIEWER, 'POST', `/evaluations/${id}/evaluation`, {}));
  if (step === 'CONFIRMATION') return id;
  for (const who of [LEADER, ...Object.values(SECRETARY)]) {
    const villageId = Object.entries(SECRETARY).find(([, p]) => p === who)?.[0];
    await ok(platform.api(who, 'POST', `/evaluations/${id}/signatures`, villageId ? { villageId } : {}));
  }
  return id;
}
