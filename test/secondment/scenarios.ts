// Secondments brought to a given step through the API, by the seeded people who act there.
import { randomUUID } from 'node:crypto';
import type { TestPlatform } from '../support/platform';
import { beijingToday } from '../support/days';

export const ORG_DEPARTMENT = 'p.dept.organisation.reviewer';
export const APPROVER = 'p.county.approver';
export const INSPECTOR = 'p.dept.discipline-inspection.inspector';

export type SecondmentStep = 'CONSENT' | 'REVIEW' | 'APPROVAL' | 'REGISTRATION' | 'ACTIVE' | 'RETURN_CONFIRMATION';

/** Who borrows and who consents: the cadre, the source unit's consenter, the borrowing unit and its dispatcher. */
export interface Parties {
  cadre: string;
  sourceConsenter: string;
  borrowingUnitId: string;
  borrower: string;
}

export const DONGSHAN_CADRE_TO_CIVIL_AFFAIRS: Parties = {
  cadre: 'p.qiaotou.dongshan.cadre1',
  sourceConsenter: 'p.qiaotou.dongshan.secretary',
  borrowingUnitId: 'xingcun.dept.civil-affairs',
  borrower: 'p.dept.civil-affairs.dispatcher',
};

async function ok(call: Promise<{ status: number; body: any }>): Promise<any> {
  const response = await call;
  if (response.status >= 300) throw new Error(`setup step failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export const secondmentRequest = (personId: string, borrowingUnitId: string) => ({
  requestId: `s-${randomUUID().slice(0, 8)}`,
  borrowingUnitId,
  personId,
  reason: 'SPECIAL_NEED',
  explanation: '全县农村人居环境整治专班',
  start: beijingToday(),
  months: 2,
});

/** A secondment of `parties.cadre` to `parties.borrowingUnitId`, at `step` (RETURN_CONFIRMATION: clawed back). */
export async function secondmentAt(platform: TestPlatform, step: SecondmentStep, parties: Parties = DONGSHAN_CADRE_TO_CIVIL_AFFAIRS): Promise<string> {
  const asked = await ok(platform.api(parties.borrower, 'POST', '/secondments', secondmentRequest(parties.cadre, parties.borrowingUnitId)));
  if (asked.step !== 'CONSENT') throw new Error(`setup: the request was not eligible: ${JSON.stringify(asked.details.eligibility)}`);
  const id: string = asked.workflowId;
  if (step === 'CONSENT') return id;
  await ok(platform.api(parties.sourceConsenter, 'POST', `/secondments/${id}/consent`, { party: 'SOURCE_UNIT', consent: true }));
  await ok(platform.api(parties.cadre, 'POST', `/secondments/${id}/consent`, { party: 'CADRE', consent: true }));
  if (step === 'REVIEW') return id;
  await ok(platform.api(ORG_DEPARTMENT, 'POST', `/secondments/${id}/review`, { decision: 'APPROVE' }));
  if (step === 'APPROVAL') return id;
  await ok(platform.api(APPROVER, 'POST', `/secondments/${id}/approval`, { decision: 'APPROVE' }));
  if (step === 'REGISTRATION') return id;
  await ok(platform.api(ORG_DEPARTMENT, 'POST', `/secondments/${id}/registration`, { registrationRef: `组干备〔2026〕${randomUUID().slice(0, 4)}号` }));
  if (step === 'ACTIVE') return id;
  await ok(platform.api(INSPECTOR, 'POST', `/secondments/${id}/clawback`, { grounds: 'EXPIRED', reason: '到期未归位' }));
  return id;
}
