// Real processes brought to a given step through the API, by the seeded people who act there.
import { eventually, type TestPlatform } from './platform';

export const COUNTY = 'xingcun';
export const QIAOTOU = 'xingcun.qiaotou';
export const DONGSHAN = 'xingcun.qiaotou.dongshan';
export const APPLICANT = 'p.dept.civil-affairs.dispatcher';
export const OFFICE = 'p.coord-office.reviewer1';
export const DISPATCHER = 'p.qiaotou.dispatcher';
export const REVIEWER = 'p.qiaotou.reviewer';
export const SECRETARY = 'p.qiaotou.dongshan.secretary';
export const AUDITOR = 'p.dept.audit.auditor';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(++counter).toString(36)}`;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

const test = (met: boolean) => ({ met, reason: met ? '有法律依据' : '村级无力承担' });

export const admissionApplication = (code: string) => ({
  title: '农村留守老人关爱走访',
  proposedCode: code,
  kind: 'ASSIST',
  whyVillages: '村干部最熟悉留守老人情况',
  legalBasis: '《老年人权益保障法》第四十七条',
  expectedLoad: '每村每月约4小时',
  durationMonths: 12,
  subItems: ['季度走访'],
  scope: 'CATALOGUE',
});

export const dispatchContent = (overrides: Record<string, unknown> = {}) => ({
  title: '老年人优待证集中办理',
  screeningCode: 'XC-ASSIST-001',
  villageIds: [DONGSHAN],
  requirements: '为本村60周岁以上老年人集中办理优待证',
  deliverables: ['办理名册'],
  acceptanceCriteria: '符合条件老人应办尽办',
  deadline: inDays(30),
  supportingOrgIds: [],
  majorMatter: false,
  ...overrides,
});

async function ok<T = any>(call: Promise<{ status: number; body: T }>): Promise<T> {
  const response = await call;
  if (response.status >= 300) throw new Error(`setup step failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function waitFor(platform: TestPlatform, url: string, step: string): Promise<any> {
  let last: any;
  return eventually(
    async () => {
      last = (await platform.api(AUDITOR, 'GET', url)).body;
      return last?.step === step ? last : undefined;
    },
    30_000,
    () => last?.step,
  );
}

export type AdmissionStep = 'REVIEW' | 'CONSULTATION' | 'DECISION';

/** An admission applied for by the civil-affairs bureau, at `step`. */
export async function admissionAt(platform: TestPlatform, step: AdmissionStep): Promise<string> {
  const started = await ok(
    platform.api(APPLICANT, 'POST', '/admissions', {
      requestId: `a-${unique()}`,
      departmentId: 'xingcun.dept.civil-affairs',
      application: admissionApplication(`XC-NEW-${unique().toUpperCase()}`),
    }),
  );
  const id: string = started.workflowId;
  await waitFor(platform, `/admissions/${id}`, 'REVIEW');
  if (step === 'REVIEW') return id;
  const met = step === 'CONSULTATION';
  await ok(
    platform.api(OFFICE, 'POST', `/admissions/${id}/review`, {
      requiredByLaw: test(true),
      customarilyNeedsVillage: test(true),
      withinVillageCapacity: test(met),
    }),
  );
  await waitFor(platform, `/admissions/${id}`, step);
  return id;
}

export type DispatchStep = 'REVIEW' | 'REVISION' | 'COLLECTIVE_DECISION';

/** A dispatch from Qiaotou's dispatcher to Dongshan, at `step`. */
export async function dispatchAt(platform: TestPlatform, step: DispatchStep): Promise<string> {
  const started = await ok(
    platform.api(DISPATCHER, 'POST', '/dispatches', {
      requestId: `d-${unique()}`,
      townId: QIAOTOU,
      content: dispatchContent({ majorMatter: step === 'COLLECTIVE_DECISION' }),
    }),
  );
  const id: string = started.workflowId;
  await waitFor(platform, `/dispatches/${id}`, 'REVIEW');
  if (step === 'REVISION') await ok(platform.api(REVIEWER, 'POST', `/dispatches/${id}/review`, { decision: 'RETURN', reasons: '要求不够具体' }));
  if (step === 'COLLECTIVE_DECISION')
    await ok(platform.api(REVIEWER, 'POST', `/dispatches/${id}/review`, { decision: 'APPROVE', comment: '不是重复派单：另一批对象' }));
  if (step !== 'REVIEW') await waitFor(platform, `/dispatches/${id}`, step);
  return id;
}

export type VillageTaskStep = 'RECEIVE' | 'ASSIGN' | 'IN_PROGRESS' | 'ACCEPTANCE';

/** Dongshan's task of an approved dispatch, at `step`; assigned (from IN_PROGRESS on) to cadre1 and grid1. */
export async function villageTaskAt(platform: TestPlatform, step: VillageTaskStep): Promise<string> {
  const dispatchId = await dispatchAt(platform, 'REVIEW');
  await ok(platform.api(REVIEWER, 'POST', `/dispatches/${dispatchId}/review`, { decision: 'APPROVE', comment: '不是重复派单：另一批对象' }));
  const id = `${dispatchId}--${DONGSHAN}`;
  await waitFor(platform, `/village-tasks/${id}`, 'RECEIVE');
  if (step === 'RECEIVE') return id;
  await ok(platform.api(SECRETARY, 'POST', `/village-tasks/${id}/receive`));
  if (step === 'ASSIGN') return id;
  await ok(platform.api(SECRETARY, 'POST', `/village-tasks/${id}/assign`, { personIds: ['p.qiaotou.dongshan.cadre1', 'p.qiaotou.dongshan.grid1'] }));
  if (step === 'IN_PROGRESS') return id;
  await ok(platform.api(SECRETARY, 'POST', `/village-tasks/${id}/complete`, { summary: '已全部办结', evidenceRefs: ['doc-1'] }));
  return id;
}
