// What each reader reads of a secondment (test/support/reader-cases.ts): its staff and auditors the whole
// of it; the cadre it is about their own part (their request, the consents and decisions, the term), not
// who reviewed, approved or registered it nor the registration's reference. Nobody reads it as the public;
// its public projection (checked all the same) names no one and gives no reference or explanation.
import type { ReaderCase } from '../support/reader-cases';
import type { TestPlatform } from '../support/platform';
import { AUDITOR } from '../support/scenarios';
import { APPROVER, DONGSHAN_CADRE_TO_CIVIL_AFFAIRS, ORG_DEPARTMENT, secondmentAt } from './scenarios';

export function readers(platform: TestPlatform): ReaderCase[] {
  const { cadre, sourceConsenter } = DONGSHAN_CADRE_TO_CIVIL_AFFAIRS;
  const deciders = [ORG_DEPARTMENT, APPROVER, sourceConsenter];
  return [
    {
      name: 'a registered secondment',
      process: () => secondmentAt(platform, 'ACTIVE'),
      readers: { staff: ORG_DEPARTMENT, auditor: AUDITOR, subject: cadre },
      shows: { staff: [...deciders, '组干备'], auditor: [...deciders, '组干备'], subject: [cadre, '全县农村人居环境整治专班', '"registered":'] },
      hides: { subject: [...deciders, '组干备'], public: ['组干备', '全县农村人居环境整治专班'] },
    },
  ];
}
