// How the generated authorisation cases bring a secondment to each action (test/support/access-cases.ts):
// a Dongshan cadre borrowed by civil affairs, others where a cadre must be on secondment at once.
import { randomUUID } from 'node:crypto';
import type { AccessFixtures } from '../support/access-cases';
import type { TestPlatform } from '../support/platform';
import { secondmentAt, secondmentRequest, type SecondmentStep } from './scenarios';

export function access(platform: TestPlatform): AccessFixtures {
  const at =
    (step: SecondmentStep, cadre = 'p.qiaotou.dongshan.cadre1', sourceConsenter = 'p.qiaotou.dongshan.secretary', borrower = 'civil-affairs') =>
    () =>
      secondmentAt(platform, step, { cadre, sourceConsenter, borrowingUnitId: `xingcun.dept.${borrower}`, borrower: `p.dept.${borrower}.dispatcher` });
  return {
    starts: [
      {
        name: 'ask to second a cadre',
        path: '/secondments',
        body: () => secondmentRequest('p.qiaotou.dongshan.cadre1', 'xingcun.dept.civil-affairs'),
        allowed: ['department dispatcher'],
      },
      {
        name: 'register a census finding',
        path: '/secondment-census',
        body: () => ({
          requestId: `m-${randomUUID().slice(0, 8)}`,
          personId: 'p.xikou.cadre.hu',
          borrowingUnitId: 'xingcun.dept.civil-affairs',
          foundSince: '2026-03-01',
          explanation: '摸底发现',
        }),
        allowed: ['inspector'],
      },
    ],
    read: { name: 'read a secondment', process: at('CONSENT') },
    actions: {
      consent: [
        { name: 'consent for the source unit', process: at('CONSENT'), body: () => ({ party: 'SOURCE_UNIT', consent: true }) },
        { name: 'consent as the cadre', process: at('CONSENT'), body: () => ({ party: 'CADRE', consent: true }) },
      ],
      review: [{ name: 'review a secondment', process: at('REVIEW'), body: () => ({ decision: 'APPROVE' }) }],
      approve: [{ name: 'approve a secondment', process: at('APPROVAL'), body: () => ({ decision: 'REJECT', comment: '不符合借调条件' }) }],
      // Borrowed by ecology and environment: civil affairs holds its quota by then, and registration checks the quota again.
      register: [
        {
          name: 'register a secondment',
          process: at('REGISTRATION', 'p.qiaotou.dongshan.cadre1', 'p.qiaotou.dongshan.secretary', 'ecology-environment'),
          body: () => ({ registrationRef: '组干备〔2026〕1号' }),
        },
      ],
      requestExtension: [
        {
          name: 'ask for an extension',
          process: at('ACTIVE', 'p.xikou.jinxi.cadre2', 'p.xikou.jinxi.secretary'),
          body: () => ({ months: 1, reason: '专班延期' }),
        },
      ],
      withdraw: [
        {
          name: 'withdraw a secondment request',
          process: at('REVIEW', 'p.qiaotou.nantang.cadre2', 'p.qiaotou.nantang.secretary', 'agriculture-rural'),
          body: () => ({ reason: '专班撤销' }),
        },
      ],
      clawback: [
        {
          name: 'claw back a secondment',
          process: at('ACTIVE', 'p.xikou.shimen.cadre2', 'p.xikou.shimen.secretary', 'agriculture-rural'),
          body: () => ({ grounds: 'INELIGIBLE', reason: '专项检查' }),
        },
      ],
      confirmReturn: [
        {
          name: 'confirm a return',
          process: at('RETURN_CONFIRMATION', 'p.qiaotou.dongshan.cadre2', 'p.qiaotou.dongshan.secretary', 'ecology-environment'),
          body: () => ({}),
        },
      ],
    },
  };
}
